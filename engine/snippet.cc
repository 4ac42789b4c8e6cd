// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/snippet.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>
#include <string>
#include <vector>

#include "core/schema.h"
#include "core/analysis.h"
#include "core/text.h"
#include "core/text_sections.h"

namespace archivist {
namespace {

// Long documents are only scanned this far for a snippet: the search itself
// has already found the document, the snippet only has to show why.
constexpr std::size_t kMaxScanBytes = 512 * 1024;

struct Word {
  std::size_t begin;
  std::size_t end;
  int term = -1;  // index into the matched-term table, -1 when no match
};

bool IsAsciiWordChar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Whether the character at `at` of bytes[0, size) is a word character as
// Xapian's term generator sees them (Unicode::is_wordchar: letters,
// numbers, marks, connector punctuation); `length` is set to its length in
// bytes. Most text is ASCII, whose word characters are known without
// decoding: only other bytes are decoded (an invalid or truncated sequence
// is one byte, as Xapian's Utf8Iterator reads it).
// GCC 12 sees Utf8Iterator's seqlen as maybe uninitialised once the
// constructor, operator* and operator++ are inlined here; operator* sets it.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
bool WordCharAt(const char* bytes, std::size_t size, std::size_t at, std::size_t& length) {
  const auto byte = static_cast<unsigned char>(bytes[at]);
  if (byte < 0x80) {
    length = 1;
    return IsAsciiWordChar(byte);
  }
  Xapian::Utf8Iterator it(bytes + at, size - at);
  const bool is_word = Xapian::Unicode::is_wordchar(*it);
  ++it;
  // raw() is the text's end once the iterator has passed the last character.
  length = static_cast<std::size_t>(it.raw() - (bytes + at));
  return is_word;
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

// The words of `text`, split as the term generator splits them.
std::vector<Word> SplitWords(std::string_view text) {
  std::vector<Word> words;
  const std::size_t size = text.size();
  std::size_t at = 0;
  std::size_t length = 0;
  while (at < size) {
    if (!WordCharAt(text.data(), size, at, length)) {
      at += length;
      continue;
    }
    const std::size_t begin = at;
    at += length;
    while (at < size && WordCharAt(text.data(), size, at, length)) at += length;
    words.push_back({begin, at});
  }
  return words;
}

// Whether `text` holds a word character: whether SplitWords(text) would
// find a word, without splitting it all.
bool HasWordChar(std::string_view text) {
  std::size_t length = 0;
  for (std::size_t at = 0; at < text.size(); at += length) {
    if (WordCharAt(text.data(), text.size(), at, length)) return true;
  }
  return false;
}

// Whether `words` holds an i-th word: a split text's words, or a
// LazyWords source (below), which splits up to it.
bool HasWord(const std::vector<Word>& words, std::size_t i) { return i < words.size(); }

// How many distinct query terms the window of words starting at `first`
// holds within max_chars.
template <typename Words>
int DistinctIn(Words& words, std::size_t first, std::size_t max_chars) {
  std::vector<int> seen;
  for (std::size_t i = first; HasWord(words, i); ++i) {
    if (words[i].end - words[first].begin > max_chars) break;
    if (words[i].term >= 0 && std::find(seen.begin(), seen.end(), words[i].term) == seen.end()) {
      seen.push_back(words[i].term);
    }
  }
  return static_cast<int>(seen.size());
}

// The window [first, last] around `best_first`: a little context before
// it, then as many words as fit in max_chars.
template <typename Words>
std::pair<std::size_t, std::size_t> Frame(Words& words, std::size_t best_first,
                                          std::size_t max_chars) {
  std::size_t first = best_first;
  const std::size_t lead = max_chars / 5;
  while (first > 0 && words[best_first].begin - words[first - 1].begin <= lead) --first;
  std::size_t last = first;
  while (HasWord(words, last + 1) && words[last + 1].end - words[first].begin <= max_chars) ++last;
  return {first, last};
}

// The window [first, last] of words starting at a match that holds the most
// distinct matched terms within max_chars; ties go to the earliest.
std::pair<std::size_t, std::size_t> BestWindow(const std::vector<Word>& words,
                                               std::size_t max_chars) {
  std::size_t best_first = 0;
  int best_distinct = 0;
  for (std::size_t first = 0; first < words.size(); ++first) {
    if (words[first].term < 0) continue;
    const int distinct = DistinctIn(words, first, max_chars);
    if (distinct > best_distinct) {
      best_distinct = distinct;
      best_first = first;
    }
  }
  return Frame(words, best_first, max_chars);
}

// Appends `text` with each whitespace run (page breaks included) as one space.
void AppendCollapsed(std::string& out, std::string_view text) {
  bool in_space = false;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v';
    if (space) {
      in_space = true;
      continue;
    }
    if (in_space) out += ' ';
    in_space = false;
    out += c;
  }
  if (in_space) out += ' ';
}

// Bytes [base, base + bytes.size()) of the scanned text, its first
// `scanned_size` bytes: the part of a document's text a snippet reads.
struct Window {
  std::string_view bytes;
  std::size_t base = 0;
  std::size_t scanned_size = 0;

  std::string_view Sub(std::size_t at, std::size_t n) const { return bytes.substr(at - base, n); }
};

// The words of the window's [begin, end), each with the query term it
// matches: `page` is the page `begin` is on (for documents whose pages have
// their own stemmers). `begin` and `end` must not fall inside a word.
std::vector<Word> MatchedWords(const Window& text, std::size_t begin, std::size_t end,
                               std::size_t page, const SnippetRequest& request) {
  std::vector<Word> words = SplitWords(text.Sub(begin, end - begin));
  for (Word& word : words) {
    word.begin += begin;
    word.end += begin;
  }
  if (!request.query_terms || request.query_terms->empty()) return words;
  TermMatcher matcher(request);
  std::size_t scanned_to = begin;
  for (Word& word : words) {
    if (!request.page_stemmers.empty()) {
      const std::string_view gap = text.Sub(scanned_to, word.begin - scanned_to);
      page += static_cast<std::size_t>(std::count(gap.begin(), gap.end(), schema::kPageBreak));
      scanned_to = word.end;
    }
    word.term = matcher.Match(text.Sub(word.begin, word.end - word.begin), page);
  }
  return words;
}

// The words of a document's stored text from byte `begin` to the scan's
// end, each with the query term it matches, split, matched and read only as
// far as they are asked for: a snippet needs a section's words up to its
// best match and a window beyond, rarely all of them (splitting and
// matching every word of each section read was most of a hit's cost, and
// the more so in scripts the ASCII fast paths do not cover). The words are
// those MatchedWords gives for a whole range from `begin`, which must not
// fall inside a word (a section's start, or just after whitespace), and
// `page` must be the page `begin` is on.
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
        matcher_(request) {}

  // Whether the text holds an i-th word (0-based), splitting as far as it.
  bool Has(std::size_t i) {
    while (words_.size() <= i) {
      if (!SplitNext()) return false;
    }
    return true;
  }
  const Word& operator[](std::size_t i) const { return words_[i]; }
  // The words split so far: all of them once Has() has said there are no more.
  const std::vector<Word>& split() const { return words_; }
  // The text read so far, in a scan of `scanned_size` bytes: from `begin` to
  // the scan's end once Has() has said there are no more words.
  Window Read(std::size_t scanned_size) const { return {bytes_, begin_, scanned_size}; }

 private:
  static constexpr std::size_t kPieceBytes = 512;
  // The longest UTF-8 sequence: a character is decoded only when this many
  // bytes are read after it, or the text ends sooner, so that no piece
  // boundary cuts one.
  static constexpr std::size_t kMaxCharBytes = 4;

  // Whether there is a character at at_, reading a piece further when
  // fewer than kMaxCharBytes are left before the end of what was read.
  bool Available() {
    if (read_to_ - at_ < kMaxCharBytes && read_to_ < end_) {
      const std::size_t to = std::min(end_, at_ + kPieceBytes);
      bytes_ += text_.Range(read_to_, to);
      read_to_ = to;
    }
    return at_ < read_to_;
  }
  bool WordCharHere(std::size_t& length) const {
    return WordCharAt(bytes_.data(), bytes_.size(), at_ - begin_, length);
  }
  std::string_view View(std::size_t from, std::size_t to) const {
    return std::string_view(bytes_).substr(from - begin_, to - from);
  }

  bool SplitNext() {
    std::size_t length = 0;
    for (;;) {
      if (!Available()) return false;
      if (WordCharHere(length)) break;
      at_ += length;
    }
    Word word{at_, at_ + length};
    at_ += length;
    while (Available() && WordCharHere(length)) at_ += length;
    word.end = at_;
    if (request_.query_terms && !request_.query_terms->empty()) {
      if (!request_.page_stemmers.empty()) {
        const std::string_view gap = View(counted_to_, word.begin);
        page_ += static_cast<std::size_t>(std::count(gap.begin(), gap.end(), schema::kPageBreak));
        counted_to_ = word.end;
      }
      word.term = matcher_.Match(View(word.begin, word.end), page_);
    }
    words_.push_back(word);
    return true;
  }

  StoredTextReader& text_;
  const std::size_t begin_;
  const std::size_t end_;
  std::string bytes_;  // text [begin_, read_to_)
  std::size_t read_to_;
  std::size_t at_;          // where splitting goes on
  std::size_t counted_to_;  // page breaks before it are counted in page_
  std::size_t page_;
  const SnippetRequest& request_;
  TermMatcher matcher_;
  std::vector<Word> words_;
};

bool HasWord(LazyWords& words, std::size_t i) { return words.Has(i); }

// The snippet of words[first..last] of the window (of a text of
// `text_size`), matches marked; `words_before` when some word of the text
// precedes words[first]. Without, the window must start at the text's
// start; without a word after words[last], it must reach the scan's end.
std::string Render(const Window& text, std::size_t text_size, const std::vector<Word>& words,
                   std::size_t first, std::size_t last, bool words_before) {
  // At the very start, keep what precedes the first word (an opening quote).
  std::size_t cursor = words_before ? words[first].begin : 0;
  std::string out;
  if (words_before) out += "… ";
  for (std::size_t i = first; i <= last; ++i) {
    std::string gap;
    AppendCollapsed(gap, text.Sub(cursor, words[i].begin - cursor));
    if (i == first) gap.erase(0, gap.find_first_not_of(' '));
    out += EscapeHtml(gap);
    const std::string_view word = text.Sub(words[i].begin, words[i].end - words[i].begin);
    if (words[i].term >= 0) {
      out += "<mark>";
      out += EscapeHtml(word);
      out += "</mark>";
    } else {
      out += EscapeHtml(word);
    }
    cursor = words[i].end;
  }
  // Closing punctuation right after the last word stays; an ellipsis marks
  // text left out after the window.
  const bool more_words = last + 1 < words.size() || text.scanned_size < text_size;
  const std::size_t tail_end =
      last + 1 < words.size() ? words[last + 1].begin : text.scanned_size;
  std::string tail;
  AppendCollapsed(tail, text.Sub(cursor, tail_end - cursor));
  while (!tail.empty() && tail.back() == ' ') tail.pop_back();
  if (!more_words || tail.size() <= 3) out += EscapeHtml(tail);
  if (more_words) out += " …";
  return out;
}

// The most words a window of `max_chars` bytes can hold: each word takes a
// byte at least, and a byte at least parts it from the next.
std::size_t MaxWordsIn(std::size_t max_chars) { return max_chars / 2 + 1; }

// Lowers each section's bound (the distinct query terms a window starting
// in it can hold) to what the positions allow. The section bound counts
// every term of the sections a window can reach, so one word on a 2 KB page
// and another word 300 words further on promised a window of both, and the
// section was read for nothing (per_page=10 was up to 12 times per_page=1).
// A window of max_chars holds at most MaxWordsIn(max_chars) words, and
// within a section Xapian's positions count words one by one (page breaks,
// where positions may jump, start sections): a window starting at match
// position p in section s holds positions p to p + words - 1 of s, and at
// most the first `words` positions of each later section it reaches.
template <typename ReachOf>
void TightenByPositions(const std::vector<TextSection>& sections,
                        const std::vector<MatchedPosition>& matches, std::size_t scanned_size,
                        std::size_t max_chars, const ReachOf& reach_of, std::vector<int>& bound) {
  const std::size_t count = sections.size();
  const Xapian::termpos words = static_cast<Xapian::termpos>(MaxWordsIn(max_chars));
  // The matches of each section, in position order (matches are sorted).
  std::vector<std::pair<std::size_t, std::size_t>> in_section(count, {0, 0});  // [begin, end)
  for (std::size_t i = 0; i < matches.size(); ++i) {
    const std::size_t s = SectionOf(sections, matches[i].position);
    if (s == count) continue;
    if (in_section[s].second == 0) in_section[s].first = i;
    in_section[s].second = i + 1;
  }
  std::vector<const std::string*> seen;
  const auto add = [&seen](const std::string* term) {
    if (std::find(seen.begin(), seen.end(), term) == seen.end()) seen.push_back(term);
  };
  for (std::size_t s = 0; s < count; ++s) {
    if (bound[s] == 0 || sections[s].offset >= scanned_size) continue;
    // The terms the later sections' first words can add to any window of s.
    std::vector<const std::string*> later;
    for (std::size_t t = s + 1, reach = reach_of(s); t <= reach; ++t) {
      if (sections[t].offset >= scanned_size) break;
      for (std::size_t i = in_section[t].first; i < in_section[t].second; ++i) {
        if (matches[i].position >= sections[t].first_position + words) break;
        if (std::find(later.begin(), later.end(), matches[i].term) == later.end()) {
          later.push_back(matches[i].term);
        }
      }
    }
    int best = 0;
    const auto [begin, end] = in_section[s];
    for (std::size_t first = begin; first < end && best < bound[s]; ++first) {
      seen = later;
      for (std::size_t i = first; i < end && matches[i].position < matches[first].position + words;
           ++i) {
        add(matches[i].term);
      }
      best = std::max(best, static_cast<int>(seen.size()));
    }
    bound[s] = std::min(bound[s], best);
  }
}

// Whether some section before section `s` holds a word (within the scan).
bool WordBefore(StoredTextReader& text, std::size_t scanned_size,
                const std::vector<TextSection>& sections, std::size_t s) {
  while (s-- > 0) {
    const std::size_t begin = std::min<std::size_t>(sections[s].offset, scanned_size);
    const std::size_t end = std::min<std::size_t>(sections[s + 1].offset, scanned_size);
    if (HasWordChar(text.Range(begin, end))) return true;
  }
  return false;
}

// The section byte `at` of the text is in (the last starting at or before it).
std::size_t SectionAtByte(const std::vector<TextSection>& sections, std::size_t at) {
  const auto after =
      std::upper_bound(sections.begin(), sections.end(), at,
                       [](std::size_t a, const TextSection& s) { return a < s.offset; });
  return after == sections.begin() ? 0 : static_cast<std::size_t>(after - sections.begin()) - 1;
}

// Where the words of a window whose first match starts at byte `anchor`
// may be split from, and the page there: a window shows no word starting
// more than max_chars / 5 bytes before its first match, so the split can
// start after the last whitespace before that (no word spans it), in the
// same section (a page break would change the page), or at the section's
// start. 0 and page 0 when the window starts near the text's start.
std::pair<std::size_t, std::size_t> SplitStart(StoredTextReader& text,
                                               const std::vector<TextSection>& sections,
                                               std::size_t anchor, std::size_t lead) {
  if (anchor <= lead || sections.empty()) return {0, 0};
  const std::size_t shown_from = anchor - lead;  // no word starting before it is shown
  const std::size_t s = SectionAtByte(sections, shown_from - 1);
  const std::size_t section_begin = std::min<std::size_t>(sections[s].offset, shown_from);
  const std::string before = text.Range(section_begin, shown_from);
  const std::size_t space = before.find_last_of(" \n\r\t");
  return {space == std::string::npos ? section_begin : section_begin + space + 1, sections[s].page};
}

// The snippet whose best window starts at byte `anchor` (0 when nothing
// matched: the start of the text), read and split from just before its
// lead-in to just past its last word.
std::string RenderAround(StoredTextReader& text, std::size_t scanned_size,
                         const std::vector<TextSection>& sections, std::size_t anchor,
                         const SnippetRequest& request) {
  auto [from, page] =
      SplitStart(text, sections, std::min(anchor, scanned_size), request.max_chars / 5);
  for (;;) {
    LazyWords words(text, from, scanned_size, page, request);
    if (!words.Has(0)) return "";
    std::size_t best_first = 0;
    while (words.Has(best_first + 1) && words[best_first].begin < anchor) ++best_first;
    const auto [first, last] = Frame(words, best_first, request.max_chars);
    words.Has(last + 1);  // the word after the window, or the rest of the scan read
    bool words_before = first > 0;
    if (!words_before && from > 0) {
      const std::size_t s = SectionAtByte(sections, from);
      words_before = HasWordChar(text.Range(sections[s].offset, from)) ||
                     WordBefore(text, scanned_size, sections, s);
    }
    // The opening is shown from the text's very start.
    if (words_before || from == 0) {
      return Render(words.Read(scanned_size), text.size(), words.split(), first, last,
                    words_before);
    }
    from = 0;
    page = 0;
  }
}

}  // namespace

TermMatcher::TermMatcher(const SnippetRequest& request) : request_(request) {
  if (!request.query_terms) return;
  for (const std::string& term : *request.query_terms) {
    std::string_view bare = term;
    if (!bare.empty() && bare[0] == 'Z') bare.remove_prefix(1);
    if (bare.size() >= 2) {
      const auto key = static_cast<std::uint16_t>(static_cast<unsigned char>(bare[0]) +
                                                  256 * static_cast<unsigned char>(bare[1]));
      if (std::find(prefixes_.begin(), prefixes_.end(), key) == prefixes_.end()) {
        prefixes_.push_back(key);
      }
    }
    if (bare.size() == 1) short_terms_ = true;
  }
}

int TermMatcher::Match(std::string_view word, std::size_t page) {
  if (!request_.query_terms) return -1;
  // Folding an ASCII start is lower-casing it: most words are passed over
  // here, without folding the whole word.
  if (!short_terms_) {
    const auto ascii = [](char c) { return static_cast<unsigned char>(c) < 0x80; };
    if (word.size() < 2 && (word.empty() || ascii(word[0]))) return -1;
    const auto lower = [](char c) {
      const auto b = static_cast<unsigned char>(c);
      return static_cast<unsigned char>(b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b);
    };
    if (ascii(word[0]) && ascii(word[1]) && !AnyTermStartsWith(lower(word[0]), lower(word[1]))) {
      return -1;
    }
  }
  WordMatches* memo =
      page < request_.page_matches.size() ? request_.page_matches[page] : request_.matches;
  const std::string* term = nullptr;
  if (memo && memo->Find(word, term)) return term ? IndexOf(*term) : -1;
  term = Analysed(word, page);
  if (memo) memo->Remember(word, term);
  return term ? IndexOf(*term) : -1;
}

const std::string* TermMatcher::Analysed(std::string_view word, std::size_t page) const {
  std::string folded = FoldWord(word);
  // Most words share no two-letter start with any query term: skip stemming them.
  if (!short_terms_ &&
      (folded.size() < 2 || !AnyTermStartsWith(static_cast<unsigned char>(folded[0]),
                                               static_cast<unsigned char>(folded[1])))) {
    return nullptr;
  }
  const auto& terms = *request_.query_terms;
  if (const auto it = terms.find(folded); it != terms.end()) return &*it;
  const Xapian::Stem& stemmer =
      page < request_.page_stemmers.size() ? request_.page_stemmers[page] : request_.stemmer;
  const auto it = terms.find("Z" + stemmer(folded));
  return it == terms.end() ? nullptr : &*it;
}

bool TermMatcher::AnyTermStartsWith(unsigned char a, unsigned char b) const {
  const auto key = static_cast<std::uint16_t>(a + 256 * b);
  return std::find(prefixes_.begin(), prefixes_.end(), key) != prefixes_.end();
}

int TermMatcher::IndexOf(const std::string& term) {
  auto [it, inserted] = ids_.emplace(term, static_cast<int>(ids_.size()));
  return it->second;
}

std::vector<int> PagesMatching(std::string_view text, const SnippetRequest& request,
                               std::size_t max_pages, std::size_t max_bytes) {
  std::vector<int> pages;
  if (!request.query_terms || request.query_terms->empty()) return pages;
  TermMatcher matcher(request);
  const std::string_view scanned = text.substr(0, std::min(text.size(), max_bytes));
  int number = 1;
  std::size_t begin = 0;
  while (begin <= scanned.size() && pages.size() < max_pages) {
    std::size_t end = scanned.find(schema::kPageBreak, begin);
    if (end == std::string_view::npos) end = scanned.size();
    const std::string_view page = scanned.substr(begin, end - begin);
    for (const Word& word : SplitWords(page)) {
      const std::size_t index = static_cast<std::size_t>(number - 1);
      if (matcher.Match(page.substr(word.begin, word.end - word.begin), index) >= 0) {
        pages.push_back(number);
        break;
      }
    }
    begin = end + 1;
    ++number;
  }
  return pages;
}

std::vector<std::string> WordsMatching(std::string_view text, const SnippetRequest& request,
                                       std::size_t max_words) {
  std::vector<std::string> words;
  if (!request.query_terms || request.query_terms->empty()) return words;
  TermMatcher matcher(request);
  // Each distinct word is analysed once (per page when pages have their
  // own stemmers, since a word can match in one language and not another).
  std::set<std::string_view> checked;
  std::size_t page = 0;
  std::size_t begin = 0;
  while (begin <= text.size() && words.size() < max_words) {
    std::size_t end = text.find(schema::kPageBreak, begin);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view page_text = text.substr(begin, end - begin);
    if (!request.page_stemmers.empty()) checked.clear();
    for (const Word& word : SplitWords(page_text)) {
      const std::string_view written = page_text.substr(word.begin, word.end - word.begin);
      if (!checked.insert(written).second || matcher.Match(written, page) < 0) continue;
      if (std::find(words.begin(), words.end(), written) != words.end()) continue;
      words.emplace_back(written);
      if (words.size() == max_words) break;
    }
    begin = end + 1;
    ++page;
  }
  return words;
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string MakeSnippet(std::string_view text, const SnippetRequest& request) {
  const std::string_view scanned = text.substr(0, std::min(text.size(), kMaxScanBytes));
  const Window window{scanned, 0, scanned.size()};
  const std::vector<Word> words = MatchedWords(window, 0, scanned.size(), 0, request);
  if (words.empty()) return "";
  const auto [first, last] = BestWindow(words, request.max_chars);
  return Render(window, text.size(), words, first, last, /*words_before=*/first > 0);
}

std::string MakeSnippetInSections(StoredTextReader& text, const std::vector<TextSection>& sections,
                                  const std::vector<MatchedPosition>& matches,
                                  const SnippetRequest& request) {
  const std::size_t scanned_size = std::min(text.size(), kMaxScanBytes);
  const std::size_t count = sections.size();
  const auto end_of = [&](std::size_t s) {
    return std::min<std::size_t>(s + 1 < count ? sections[s + 1].offset : text.size(),
                                 scanned_size);
  };
  // The distinct terms each section holds, by its positions.
  std::vector<std::vector<const std::string*>> terms(count);
  for (const MatchedPosition& match : matches) {
    const std::size_t s = SectionOf(sections, match.position);
    if (s == count || sections[s].offset >= scanned_size) continue;
    if (std::find(terms[s].begin(), terms[s].end(), match.term) == terms[s].end()) {
      terms[s].push_back(match.term);
    }
  }
  // A window starting in section s ends within max_chars of its end: the
  // terms of the sections it can reach bound what it can hold.
  const auto reach_of = [&](std::size_t s) {
    std::size_t t = s;
    while (t + 1 < count && sections[t + 1].offset < end_of(s) + request.max_chars) ++t;
    return t;
  };
  std::vector<int> bound(count, 0);
  for (std::size_t s = 0; s < count; ++s) {
    if (terms[s].empty()) continue;
    std::unordered_set<const std::string*> reachable;
    for (std::size_t t = s, reach = reach_of(s); t <= reach; ++t) {
      reachable.insert(terms[t].begin(), terms[t].end());
    }
    bound[s] = static_cast<int>(reachable.size());
  }
  TightenByPositions(sections, matches, scanned_size, request.max_chars, reach_of, bound);
  std::vector<int> bound_after(count + 1, 0);  // the best bound from section s on
  for (std::size_t s = count; s-- > 0;) bound_after[s] = std::max(bound[s], bound_after[s + 1]);

  // Sections in order, as the whole text would be scanned, skipping those
  // that cannot beat the best window so far (ties go to the earliest).
  int best = 0;
  std::size_t anchor = 0;  // byte offset of the best window's first match
  for (std::size_t s = 0; s < count && best < bound_after[s]; ++s) {
    if (bound[s] <= best) continue;
    const std::size_t starts_end = end_of(s);
    // Split only as far as needed: once a window holds as many terms as the
    // section's bound, no later one starting in it can beat it.
    LazyWords words(text, sections[s].offset, scanned_size, sections[s].page, request);
    for (std::size_t first = 0;
         best < bound[s] && words.Has(first) && words[first].begin < starts_end; ++first) {
      if (words[first].term < 0) continue;
      const int distinct = DistinctIn(words, first, request.max_chars);
      if (distinct > best) {
        best = distinct;
        anchor = words[first].begin;
      }
    }
  }
  return RenderAround(text, scanned_size, sections, anchor, request);
}

std::vector<int> PagesOfPositions(const std::vector<TextSection>& sections,
                                  const std::vector<MatchedPosition>& matches,
                                  std::size_t max_pages) {
  std::set<int> pages;
  for (const MatchedPosition& match : matches) {
    const std::size_t s = SectionOf(sections, match.position);
    if (s < sections.size()) pages.insert(static_cast<int>(sections[s].page) + 1);
  }
  std::vector<int> listed(pages.begin(), pages.end());
  if (listed.size() > max_pages) listed.resize(max_pages);
  return listed;
}

bool WordMatches::Find(std::string_view word, const std::string*& term) const {
  const auto it = words_.find(word);
  if (it == words_.end()) return false;
  term = it->second;
  return true;
}

void WordMatches::Remember(std::string_view word, const std::string* term) {
  words_.emplace(std::string(word), term);
}

WordMatches* WordMatchMemo::For(const std::string& language) {
  auto it = languages_.find(language);
  if (it != languages_.end()) return it->second;
  // Languages with the same stemmer (most have none) share what their words match.
  Xapian::Stem stemmer = StemmerFor(language);
  const std::string description = stemmer.get_description();
  auto shared = by_stemmer_.find(description);
  if (shared == by_stemmer_.end()) {
    shared = by_stemmer_.emplace(description, WordMatches(std::move(stemmer))).first;
  }
  return languages_.emplace(language, &shared->second).first->second;
}

SnippetRequest SnippetRequestFor(const std::unordered_set<std::string>* query_terms,
                                 const DocumentRecord& record, WordMatchMemo* memo) {
  if (memo) {
    WordMatches* matches = memo->For(record.language);
    SnippetRequest request{query_terms, matches->stemmer()};
    request.matches = matches;
    for (const std::string& language : record.page_languages) {
      WordMatches* page_matches = memo->For(language);
      request.page_stemmers.push_back(page_matches->stemmer());
      request.page_matches.push_back(page_matches);
    }
    return request;
  }
  SnippetRequest request{query_terms, StemmerFor(record.language)};
  // A long document has few languages and many pages: one stemmer each.
  std::map<std::string, Xapian::Stem> stemmers;
  for (const std::string& language : record.page_languages) {
    auto it = stemmers.find(language);
    if (it == stemmers.end()) it = stemmers.emplace(language, StemmerFor(language)).first;
    request.page_stemmers.push_back(it->second);
  }
  return request;
}

}  // namespace archivist
