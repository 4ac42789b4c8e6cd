// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/snippet.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/schema.h"
#include "core/analysis.h"
#include "core/text.h"

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

// Words as Xapian's term generator sees them (Unicode::is_wordchar: letters,
// numbers, marks, connector punctuation). Most text is ASCII, whose word
// characters are known without decoding: only other bytes are decoded.
std::vector<Word> SplitWords(std::string_view text) {
  std::vector<Word> words;
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  // Whether the character at `at` is a word character; its length in bytes.
  const auto word_char = [&](std::size_t at, std::size_t& length) {
    if (bytes[at] < 0x80) {
      length = 1;
      return IsAsciiWordChar(bytes[at]);
    }
    Xapian::Utf8Iterator it(text.data() + at, size - at);
    const bool is_word = Xapian::Unicode::is_wordchar(*it);
    ++it;
    length = it == Xapian::Utf8Iterator() ? size - at : static_cast<std::size_t>(it.raw() - (text.data() + at));
    return is_word;
  };
  std::size_t at = 0;
  std::size_t length = 0;
  while (at < size) {
    if (!word_char(at, length)) {
      at += length;
      continue;
    }
    const std::size_t begin = at;
    at += length;
    while (at < size && word_char(at, length)) at += length;
    words.push_back({begin, at});
  }
  return words;
}

// The window [first, last] of words starting at a match that holds the most
// distinct matched terms within max_chars; ties go to the earliest.
std::pair<std::size_t, std::size_t> BestWindow(const std::vector<Word>& words,
                                               std::size_t max_chars) {
  std::size_t best_first = 0;
  int best_distinct = 0;
  for (std::size_t first = 0; first < words.size(); ++first) {
    if (words[first].term < 0) continue;
    std::unordered_set<int> seen;
    for (std::size_t i = first; i < words.size(); ++i) {
      if (words[i].end - words[first].begin > max_chars) break;
      if (words[i].term >= 0) seen.insert(words[i].term);
    }
    if (static_cast<int>(seen.size()) > best_distinct) {
      best_distinct = static_cast<int>(seen.size());
      best_first = first;
    }
  }
  // Lead in with a little context before the first match.
  std::size_t first = best_first;
  const std::size_t lead = max_chars / 5;
  while (first > 0 && words[best_first].begin - words[first - 1].begin <= lead) --first;
  std::size_t last = first;
  while (last + 1 < words.size() && words[last + 1].end - words[first].begin <= max_chars) ++last;
  return {first, last};
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

}  // namespace

TermMatcher::TermMatcher(const SnippetRequest& request) : request_(request) {
  if (!request.query_terms) return;
  for (const std::string& term : *request.query_terms) {
    std::string_view bare = term;
    if (!bare.empty() && bare[0] == 'Z') bare.remove_prefix(1);
    if (bare.size() >= 2) prefixes_.insert(std::string(bare.substr(0, 2)));
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
    if (ascii(word[0]) && ascii(word[1]) && !prefixes_.count(LowerFolded(word.substr(0, 2)))) {
      return -1;
    }
  }
  std::string folded = FoldWord(word);
  // Most words share no two-letter start with any query term: skip stemming them.
  if (!short_terms_ && (folded.size() < 2 || !prefixes_.count(folded.substr(0, 2)))) return -1;
  const auto& terms = *request_.query_terms;
  if (terms.count(folded)) return IndexOf(folded);
  const Xapian::Stem& stemmer =
      page < request_.page_stemmers.size() ? request_.page_stemmers[page] : request_.stemmer;
  std::string stemmed = "Z" + stemmer(folded);
  if (terms.count(stemmed)) return IndexOf(stemmed);
  return -1;
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
  std::string_view scanned = text.substr(0, std::min(text.size(), kMaxScanBytes));
  std::vector<Word> words = SplitWords(scanned);
  if (words.empty()) return "";
  if (request.query_terms && !request.query_terms->empty()) {
    TermMatcher matcher(request);
    std::size_t page = 0;
    std::size_t scanned_to = 0;
    for (Word& word : words) {
      if (!request.page_stemmers.empty()) {
        const std::string_view gap = scanned.substr(scanned_to, word.begin - scanned_to);
        page += static_cast<std::size_t>(std::count(gap.begin(), gap.end(), schema::kPageBreak));
        scanned_to = word.end;
      }
      word.term = matcher.Match(scanned.substr(word.begin, word.end - word.begin), page);
    }
  }
  const auto [first, last] = BestWindow(words, request.max_chars);

  // At the very start, keep what precedes the first word (an opening quote).
  std::size_t cursor = first == 0 ? 0 : words[first].begin;
  std::string out;
  if (first > 0) out += "… ";
  for (std::size_t i = first; i <= last; ++i) {
    std::string gap;
    AppendCollapsed(gap, scanned.substr(cursor, words[i].begin - cursor));
    if (i == first) gap.erase(0, gap.find_first_not_of(' '));
    out += EscapeHtml(gap);
    const std::string_view word = scanned.substr(words[i].begin, words[i].end - words[i].begin);
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
  const bool more_words = last + 1 < words.size() || scanned.size() < text.size();
  const std::size_t tail_end = last + 1 < words.size() ? words[last + 1].begin : scanned.size();
  std::string tail;
  AppendCollapsed(tail, scanned.substr(cursor, tail_end - cursor));
  while (!tail.empty() && tail.back() == ' ') tail.pop_back();
  if (!more_words || tail.size() <= 3) out += EscapeHtml(tail);
  if (more_words) out += " …";
  return out;
}

SnippetRequest SnippetRequestFor(const std::unordered_set<std::string>* query_terms,
                                 const DocumentRecord& record) {
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
