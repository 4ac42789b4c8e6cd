// SPDX-License-Identifier: GPL-2.0-or-later
// A text's words as Xapian's term generator splits them, for the snippets
// and the matching pages (engine/snippet.h): all at once from a string, or
// lazily from a document's stored text, a piece at a time, as far as a
// snippet asks. Each word can carry the query term it matches
// (engine/term_matcher.h). Internal to the engine.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/stored_text.h"
#include "engine/term_matcher.h"

namespace archivist {

// One word of a text: its bytes [begin, end) and the query term it matches.
struct TextWord {
  std::size_t begin;
  std::size_t end;
  int term = -1;  // a TermMatcher's number for the matched term, -1 when no match
  // Whether the term the indexer made of the word may differ from the word
  // as written, folded (FoldWord): initials ("U.N." is "un"), a character
  // the term generator leaves out (a zero-width space) or changes inside a
  // word, or a character folded into several of which the word holds only
  // some. Its term is then TermOfWord's.
  bool respelled = false;
  // Whether the indexer kept the word as a term: Xapian's term generator
  // drops words longer than 64 bytes.
  bool indexed = true;
};

// The words of `text`, split as the indexer's term generator splits the
// text once folded (FoldText, then Xapian 1.4's TermGenerator): runs of
// word characters (letters, numbers, marks, connector punctuation), joined
// across an apostrophe, '&', U+00B7, U+05F4 or U+2027 between two word
// characters ("children's", "AT&T") and across '.', ',' or ';' between two
// digits ("2.3", "1,000"), ignoring zero-width spaces and joiners inside;
// up to three trailing '+' or '#' ("C++", "C#"); initials ("U.N.") as one
// word; a French elision ("l'enfant") two words. `text` must start at the
// start of a text or after ASCII whitespace (as a page, a section or a
// piece cut at whitespace does). No term matched.
std::vector<TextWord> SplitWords(std::string_view text);

// The term the indexer made of `written`, one word as SplitWords split it
// (folded as FoldWord folds; what a respelled word is matched by).
std::string TermOfWord(std::string_view written);

// Whether `text` holds a word character once folded: whether
// SplitWords(text) would find a word, without splitting it all.
bool HasWordChar(std::string_view text);

// The query term `written`, a word of a text split as SplitWords splits,
// matches (a TermMatcher's number, -1 for none): `page` and `at` as
// TermMatcher::Match takes them.
int MatchWord(TermMatcher& matcher, std::string_view written, const TextWord& word,
              std::size_t page, std::size_t at);

// Bytes [base, base + bytes.size()) of the scanned text, its first
// `scanned_size` bytes: the part of a document's text a snippet reads.
struct ScannedText {
  std::string_view bytes;
  std::size_t base = 0;
  std::size_t scanned_size = 0;

  std::string_view Sub(std::size_t at, std::size_t n) const { return bytes.substr(at - base, n); }
};

// The words of the text's [begin, end), each with the query term it
// matches: `page` is the page `begin` is on (for documents whose pages have
// their own stemmers). `begin` and `end` must not fall inside a word.
std::vector<TextWord> MatchedWords(const ScannedText& text, std::size_t begin, std::size_t end,
                                   std::size_t page, const SnippetRequest& request);

// The words of a document's stored text from byte `begin` to the scan's
// end, each with the query term it matches, split, matched and read only as
// far as they are asked for: a snippet needs a section's words up to its
// best match and a window beyond, rarely all of them (splitting and
// matching every word of each section read was most of a hit's cost, and
// the more so in scripts the ASCII fast paths do not cover). The words are
// those MatchedWords gives for a whole range from `begin`, which must not
// fall inside a word (a section's start, or just after whitespace), and
// `page` must be the page `begin` is on. `text` and `request` must outlive
// it. Not thread-safe.
class LazyWords {
 public:
  LazyWords(StoredTextReader& text, std::size_t begin, std::size_t end, std::size_t page,
            const SnippetRequest& request)
      : text_(text),
        begin_(begin),
        end_(end),
        read_to_(begin),
        at_(begin),
        counted_to_(begin),
        page_(page),
        request_(request),
        matcher_(request) {
    // Room for a section's words and a window's beyond: grown from empty,
    // the vector's copies cost about 65 instructions a word.
    words_.reserve(kWordsReserved);
  }

  // Whether the text holds an i-th word (0-based), splitting as far as it.
  bool Has(std::size_t i) {
    while (words_.size() <= i) {
      if (!SplitNext()) return false;
    }
    return true;
  }
  const TextWord& operator[](std::size_t i) const { return words_[i]; }
  // The words split so far: all of them once Has() has said there are no more.
  const std::vector<TextWord>& split() const { return words_; }
  // The text read so far, in a scan of `scanned_size` bytes: from `begin` to
  // the scan's end once Has() has said there are no more words.
  ScannedText Read(std::size_t scanned_size) const { return {bytes_, begin_, scanned_size}; }

 private:
  static constexpr std::size_t kPieceBytes = 512;
  static constexpr std::size_t kWordsReserved = 160;
  // Reads further: at least a piece, and as much again as is read from
  // at_ on, so that a long word re-split after each read costs linear time.
  void ReadMore();
  std::string_view View(std::size_t from, std::size_t to) const {
    return std::string_view(bytes_).substr(from - begin_, to - from);
  }
  // Splits (and matches) the next word; false at the end of the text.
  bool SplitNext();

  StoredTextReader& text_;
  const std::size_t begin_;
  const std::size_t end_;
  std::string bytes_;  // text [begin_, read_to_)
  std::size_t read_to_;
  std::size_t at_;           // where splitting goes on
  std::size_t at_fold_ = 0;  // the code point of at_'s character's fold splitting goes on at
  bool after_ascii_ = true;  // whether the code point before that is ASCII
  std::size_t counted_to_;   // page breaks before it are counted in page_
  std::size_t page_;
  const SnippetRequest& request_;
  TermMatcher matcher_;
  std::vector<TextWord> words_;
};

// Whether `words` holds an i-th word: a split text's words, or a LazyWords
// source, which splits up to it. The window code is written once for both.
inline bool HasWord(const std::vector<TextWord>& words, std::size_t i) { return i < words.size(); }
inline bool HasWord(LazyWords& words, std::size_t i) { return words.Has(i); }

}  // namespace archivist
