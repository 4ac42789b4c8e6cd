// SPDX-License-Identifier: GPL-2.0-or-later
// Which of a document's words are the query's terms, decided the way the
// indexer analysed them (FoldWord, then the document's own stemmer, or a
// page's own), and remembered per search so that a word met again is not
// analysed again. The snippets and the matching pages (engine/snippet.h)
// share it, so a page is listed exactly when its words would be
// highlighted. Internal to the engine.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <xapian.h>

#include "core/record.h"

namespace archivist {

// What the words of one language's texts match among a search's query
// terms (the term, or none), remembered for the whole search: a word met
// again, on another page or in another hit, is not folded and stemmed again.
// A page of ten long manuals meets the same words thousands of times.
// Not thread-safe; one per search, from a WordMatchMemo.
class WordMatches {
 public:
  explicit WordMatches(Xapian::Stem stemmer) : stemmer_(std::move(stemmer)) {}

  const Xapian::Stem& stemmer() const { return stemmer_; }

  // Whether `word` (as written) was met; then `term` is what it matched
  // (null: no query term).
  bool Find(std::string_view word, const std::string*& term) const;
  void Remember(std::string_view word, const std::string* term);

 private:
  // Looked up by std::string_view without making a string of each word.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  Xapian::Stem stemmer_;
  std::unordered_map<std::string, const std::string*, Hash, std::equal_to<>> words_;
};

// The WordMatches of each stemmer a search's hits are analysed with, and so
// one stemmer per language and search rather than per hit; languages with
// the same stemmer (most have none) share one. Not thread-safe; one per
// search.
class WordMatchMemo {
 public:
  // The language's WordMatches; the address stays valid while the memo lives.
  WordMatches* For(const std::string& language);

 private:
  std::map<std::string, WordMatches> by_stemmer_;  // by the stemmer's description
  std::map<std::string, WordMatches*> languages_;
};

// How a document's words are analysed for one hit (and how long its
// snippet may be): the query's terms, the stemmers, the search's memo.
struct SnippetRequest {
  // Terms of the parsed query: unstemmed ("kaka") and stemmed ("Zgroom").
  const std::unordered_set<std::string>* query_terms = nullptr;
  // The stemmer the document was indexed with.
  Xapian::Stem stemmer;
  std::size_t max_chars = 300;
  // One stemmer per page when the document's pages were indexed each in
  // its own language (DocumentRecord::page_languages); empty otherwise.
  std::vector<Xapian::Stem> page_stemmers = {};
  // The search's memo of word matches in the document's language, and per
  // page as page_stemmers; null (and empty): every word is analysed afresh.
  // They must hold the stemmers above and outlive the request.
  WordMatches* matches = nullptr;
  std::vector<WordMatches*> page_matches = {};
  // A web page's stretches of text in languages of their own
  // (DocumentRecord::section_languages): byte ranges of its text, in order,
  // each with its language's stemmer and, with a memo, its matches; empty
  // otherwise. A word in none of them is the document's language's.
  struct LanguageRange {
    std::size_t start = 0;
    std::size_t end = 0;
    Xapian::Stem stemmer;
    WordMatches* matches = nullptr;
  };
  std::vector<LanguageRange> section_stemmers = {};
};

// A request that analyses words as `record`'s document was indexed: with its
// language's stemmer, and its pages' or sections' own when they differ. With `memo`, the
// stemmers are the memo's and the words' matches are remembered there, for
// the other hits of the same search (`memo` must outlive the request).
SnippetRequest SnippetRequestFor(const std::unordered_set<std::string>* query_terms,
                                 const DocumentRecord& record, WordMatchMemo* memo = nullptr);

// Decides whether a word of a document is one of the query's terms, the way
// the indexer analysed it: FoldWord, then unstemmed or stemmed with the
// document's stemmer. Snippets and the list of matching PDF pages share it,
// so a page is listed exactly when its words would be highlighted.
// Not thread-safe (it numbers the terms it has matched); cheap to build.
class TermMatcher {
 public:
  // `request` (and its query_terms) must outlive the matcher.
  explicit TermMatcher(const SnippetRequest& request);

  // A small number identifying the matched query term, or -1 for no match.
  // `page` (0-based) picks the stemmer when the pages have their own, and
  // `at` (the word's byte offset in the document's text) when its sections
  // do; kNoOffset for a word whose offset the caller does not know.
  static constexpr std::size_t kNoOffset = static_cast<std::size_t>(-1);
  int Match(std::string_view word, std::size_t page = 0, std::size_t at = kNoOffset);

 private:
  int IndexOf(const std::string& term);
  // The query term `word` matches, by folding and stemming it with
  // `stemmer`; null for none.
  const std::string* Analysed(std::string_view word, const Xapian::Stem& stemmer) const;
  // The section in a language of its own holding byte `at`; null for none.
  const SnippetRequest::LanguageRange* SectionAt(std::size_t at) const;
  // Whether some query term (its stem without the "Z") starts with the
  // bytes a, b.
  bool AnyTermStartsWith(unsigned char a, unsigned char b) const;

  const SnippetRequest& request_;
  // The first two bytes of each query term, as a + 256 b: a handful, looked
  // through for every word of the text (a hash of a two-byte string cost a
  // tenth of a search).
  std::vector<std::uint16_t> prefixes_;
  // Their first bytes, a bit each: most words are passed over by one test
  // rather than a walk through prefixes_ (a query in several languages
  // holds a dozen).
  std::array<std::uint64_t, 4> first_bytes_ = {};
  bool short_terms_ = false;
  std::map<std::string, int> ids_;
};

}  // namespace archivist
