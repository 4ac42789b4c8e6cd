// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/snippet.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/schema.h"
#include "core/text_sections.h"
#include "engine/snippet_words.h"

namespace archivist {
namespace {

// Long documents are only scanned this far for a snippet: the search itself
// has already found the document, the snippet only has to show why.
constexpr std::size_t kMaxScanBytes = 512 * 1024;

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
std::pair<std::size_t, std::size_t> BestWindow(const std::vector<TextWord>& words,
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

// The snippet of words[first..last] of the window (of a text of
// `text_size`), matches marked; `words_before` when some word of the text
// precedes words[first]. Without, the window must start at the text's
// start; without a word after words[last], it must reach the scan's end.
std::string Render(const ScannedText& text, std::size_t text_size,
                   const std::vector<TextWord>& words, std::size_t first, std::size_t last,
                   bool words_before) {
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
  const std::size_t tail_end = last + 1 < words.size() ? words[last + 1].begin : text.scanned_size;
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

// A section of a hit that holds matches within the scan, with its
// matches, matches[begin, end), and the most distinct query terms a window
// starting in it can hold. A snippet looks at these, never at every
// section of its document: a hit costs what its matches cost, not what its
// document's length does (issue 19).
struct MatchedSection {
  std::size_t section = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
  int bound = 0;
};

// The sections of matches taken in order of position, each as
// TextSectionTable::SectionOf finds it: a frequent word's next match is most
// often in the section of the match before or a section or two on, found in
// a field or two rather than a binary search over thousands of sections.
class SectionWalk {
 public:
  explicit SectionWalk(const TextSectionTable& sections)
      : sections_(sections), section_(sections.size()) {}

  // The section `position` falls in; sections.size() for a position before
  // the first.
  std::size_t SectionOf(Xapian::termpos position) {
    const std::size_t count = sections_.size();
    const bool from_here = section_ < count && position >= from_;
    if (from_here && position < until_) return section_;
    section_ = from_here ? Ahead(position) : sections_.SectionOf(position);
    if (section_ == count) return count;
    from_ = sections_.first_position(section_);
    until_ = section_ + 1 < count ? sections_.first_position(section_ + 1) : UINT32_MAX;
    // A damaged table's sections may be out of order: searched each time.
    if (until_ <= from_) until_ = from_;
    return section_;
  }

 private:
  // The section of `position`, which lies at or past the current one's
  // start: looked for in the few sections after it first.
  std::size_t Ahead(Xapian::termpos position) const {
    constexpr std::size_t kSectionsLookedAhead = 4;
    const std::size_t count = sections_.size();
    std::size_t s = section_;
    for (std::size_t step = 0; step < kSectionsLookedAhead; ++step) {
      if (s + 1 == count || sections_.first_position(s + 1) > position) return s;
      ++s;
    }
    return sections_.SectionOf(position);
  }

  const TextSectionTable& sections_;
  std::size_t section_;  // the section last found
  // Where it starts and ends, in positions.
  Xapian::termpos from_ = 0;
  Xapian::termpos until_ = 0;
};

// The sections holding `matches` (sorted by position) that start within the
// scan, in order. Matches past the scan are not looked up: sections come in
// order of their text, so once a match's section starts past the scan every
// later one does (about half the matches of a frequent word in a 400-page
// manual). A damaged table's may not: its later matches are left out, as
// any reading of it may.
std::vector<MatchedSection> SectionsHolding(const TextSectionTable& sections,
                                            const std::vector<MatchedPosition>& matches,
                                            std::size_t scanned_size) {
  std::vector<MatchedSection> held;
  const std::size_t count = sections.size();
  SectionWalk walk(sections);
  for (std::size_t i = 0; i < matches.size(); ++i) {
    const std::size_t s = walk.SectionOf(matches[i].position);
    if (s == count) continue;
    if (!held.empty() && held.back().section == s && held.back().end == i) {
      held.back().end = i + 1;
    } else if (sections.offset(s) < scanned_size) {
      held.push_back({s, i, i + 1, 0});
    } else {
      break;
    }
  }
  return held;
}

// Adds `term` to `seen` unless it is there.
void AddDistinct(std::vector<const std::string*>& seen, const std::string* term) {
  if (std::find(seen.begin(), seen.end(), term) == seen.end()) seen.push_back(term);
}

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
void TightenByPositions(const TextSectionTable& sections,
                        const std::vector<MatchedPosition>& matches, std::size_t max_chars,
                        const ReachOf& reach_of, std::vector<MatchedSection>& held) {
  const Xapian::termpos words = static_cast<Xapian::termpos>(MaxWordsIn(max_chars));
  std::vector<const std::string*> later;
  std::vector<const std::string*> seen;
  for (std::size_t a = 0; a < held.size(); ++a) {
    if (held[a].bound == 0) continue;
    // The terms the later sections' first words can add to any window of s.
    later.clear();
    const std::size_t reach = reach_of(held[a].section);
    for (std::size_t b = a + 1; b < held.size() && held[b].section <= reach; ++b) {
      if (held[b].section <= held[a].section) continue;
      const Xapian::termpos first_words = sections[held[b].section].first_position + words;
      for (std::size_t i = held[b].begin; i < held[b].end; ++i) {
        if (matches[i].position >= first_words) break;
        AddDistinct(later, matches[i].term);
      }
    }
    int best = 0;
    const std::size_t begin = held[a].begin;
    const std::size_t end = held[a].end;
    for (std::size_t first = begin; first < end && best < held[a].bound; ++first) {
      seen = later;
      for (std::size_t i = first; i < end && matches[i].position < matches[first].position + words;
           ++i) {
        AddDistinct(seen, matches[i].term);
      }
      best = std::max(best, static_cast<int>(seen.size()));
    }
    held[a].bound = std::min(held[a].bound, best);
  }
}

// Whether some section before section `s` holds a word (within the scan).
bool WordBefore(StoredTextReader& text, std::size_t scanned_size, const TextSectionTable& sections,
                std::size_t s) {
  while (s-- > 0) {
    const std::size_t begin = std::min<std::size_t>(sections.offset(s), scanned_size);
    const std::size_t end = std::min<std::size_t>(sections.offset(s + 1), scanned_size);
    if (HasWordChar(text.Range(begin, end))) return true;
  }
  return false;
}

// Where the words of a window whose first match starts at byte `anchor`
// may be split from, and the page there: a window shows no word starting
// more than max_chars / 5 bytes before its first match, so the split can
// start after the last whitespace before that (no word spans it), in the
// same section (a page break would change the page), or at the section's
// start. 0 and page 0 when the window starts near the text's start.
std::pair<std::size_t, std::size_t> SplitStart(StoredTextReader& text,
                                               const TextSectionTable& sections, std::size_t anchor,
                                               std::size_t lead) {
  if (anchor <= lead || sections.empty()) return {0, 0};
  const std::size_t shown_from = anchor - lead;  // no word starting before it is shown
  const std::size_t s = sections.SectionAtByte(shown_from - 1);
  const std::size_t section_begin = std::min<std::size_t>(sections.offset(s), shown_from);
  const std::string before = text.Range(section_begin, shown_from);
  const std::size_t space = before.find_last_of(" \n\r\t");
  return {space == std::string::npos ? section_begin : section_begin + space + 1, sections.page(s)};
}

// The snippet whose best window starts at byte `anchor` (0 when nothing
// matched: the start of the text), read and split from just before its
// lead-in to just past its last word.
std::string RenderAround(StoredTextReader& text, std::size_t scanned_size,
                         const TextSectionTable& sections, std::size_t anchor,
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
      const std::size_t s = sections.SectionAtByte(from);
      words_before = HasWordChar(text.Range(sections.offset(s), from)) ||
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

// The snippet whose best window starts at word `best_first` of `words`,
// split from the start of section `s` as MakeSnippetInSections found it:
// those words are the ones RenderAround would split again from just before
// the window (the same words, matched the same way), so they are drawn as
// they are. nullopt when they cannot tell the window's lead-in: it may
// reach into an earlier section, or the window may open the text at a
// section that does not start it (RenderAround then shows the opening).
std::optional<std::string> RenderFromSection(StoredTextReader& text, std::size_t scanned_size,
                                             const TextSectionTable& sections, std::size_t s,
                                             LazyWords& words, std::size_t best_first,
                                             const SnippetRequest& request) {
  const auto [first, last] = Frame(words, best_first, request.max_chars);
  bool words_before = first > 0;
  if (!words_before) {
    // A word before the section would join the lead-in if it started within
    // max_chars / 5 bytes of the match, as RenderAround's split would see.
    if (words[best_first].begin < sections.offset(s) + request.max_chars / 5) return std::nullopt;
    words_before = WordBefore(text, scanned_size, sections, s);
    if (!words_before && sections.offset(s) > 0) return std::nullopt;
  }
  words.Has(last + 1);  // the word after the window, or the rest of the scan read
  return Render(words.Read(scanned_size), text.size(), words.split(), first, last, words_before);
}

}  // namespace

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
    for (const TextWord& word : SplitWords(page)) {
      const std::size_t index = static_cast<std::size_t>(number - 1);
      // The word's offset in the whole text: a web page's section in a
      // language of its own is analysed with that language's stemmer.
      if (MatchWord(matcher, page.substr(word.begin, word.end - word.begin), word, index,
                    begin + word.begin) >= 0) {
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
    for (const TextWord& word : SplitWords(page_text)) {
      const std::string_view written = page_text.substr(word.begin, word.end - word.begin);
      // A section in a language of its own analyses its words again.
      if (request.section_stemmers.empty() && !checked.insert(written).second) continue;
      if (MatchWord(matcher, written, word, page, begin + word.begin) < 0) continue;
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
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string MakeSnippet(std::string_view text, const SnippetRequest& request) {
  const std::string_view scanned = text.substr(0, std::min(text.size(), kMaxScanBytes));
  const ScannedText window{scanned, 0, scanned.size()};
  const std::vector<TextWord> words = MatchedWords(window, 0, scanned.size(), 0, request);
  if (words.empty()) return "";
  const auto [first, last] = BestWindow(words, request.max_chars);
  return Render(window, text.size(), words, first, last, /*words_before=*/first > 0);
}

std::string MakeSnippetInSections(StoredTextReader& text, const TextSectionTable& sections,
                                  const std::vector<MatchedPosition>& matches,
                                  const SnippetRequest& request) {
  const std::size_t scanned_size = std::min(text.size(), kMaxScanBytes);
  const std::size_t count = sections.size();
  const auto end_of = [&](std::size_t s) {
    return std::min<std::size_t>(s + 1 < count ? sections.offset(s + 1) : text.size(),
                                 scanned_size);
  };
  std::vector<MatchedSection> held = SectionsHolding(sections, matches, scanned_size);
  // A window starting in section s ends within max_chars of its end: the
  // terms of the sections it can reach bound what it can hold.
  const auto reach_of = [&](std::size_t s) {
    const std::size_t reach_end = end_of(s) + request.max_chars;
    std::size_t t = s;
    while (t + 1 < count && sections.offset(t + 1) < reach_end) ++t;
    return t;
  };
  std::vector<const std::string*> reachable;
  for (std::size_t a = 0; a < held.size(); ++a) {
    reachable.clear();
    const std::size_t reach = reach_of(held[a].section);
    for (std::size_t b = a; b < held.size() && held[b].section <= reach; ++b) {
      if (b > a && held[b].section <= held[a].section) continue;
      for (std::size_t i = held[b].begin; i < held[b].end; ++i) {
        AddDistinct(reachable, matches[i].term);
      }
    }
    held[a].bound = static_cast<int>(reachable.size());
  }
  TightenByPositions(sections, matches, request.max_chars, reach_of, held);
  std::vector<int> bound_after(held.size() + 1, 0);  // the best bound from held[a] on
  for (std::size_t a = held.size(); a-- > 0;) {
    bound_after[a] = std::max(held[a].bound, bound_after[a + 1]);
  }

  // Sections in order, as the whole text would be scanned, skipping those
  // that cannot beat the best window so far (ties go to the earliest).
  int best = 0;
  std::size_t anchor = 0;  // byte offset of the best window's first match
  // The words of the best window's section, kept to draw it from, and where
  // in them the window's first match is.
  std::unique_ptr<LazyWords> best_words;
  std::size_t best_section = 0;
  std::size_t best_first = 0;
  for (std::size_t a = 0; a < held.size() && best < bound_after[a]; ++a) {
    if (held[a].bound <= best) continue;
    const std::size_t s = held[a].section;
    const int bound = held[a].bound;
    const std::size_t starts_end = end_of(s);
    // Split only as far as needed: once a window holds as many terms as the
    // section's bound, no later one starting in it can beat it.
    const TextSection section = sections[s];
    auto words =
        std::make_unique<LazyWords>(text, section.offset, scanned_size, section.page, request);
    bool best_here = false;
    for (std::size_t first = 0;
         best < bound && words->Has(first) && (*words)[first].begin < starts_end; ++first) {
      if ((*words)[first].term < 0) continue;
      const int distinct = DistinctIn(*words, first, request.max_chars);
      if (distinct > best) {
        best = distinct;
        anchor = (*words)[first].begin;
        best_first = first;
        best_here = true;
      }
    }
    if (best_here) {
      best_words = std::move(words);
      best_section = s;
    }
  }
  if (best_words) {
    if (std::optional<std::string> snippet = RenderFromSection(
            text, scanned_size, sections, best_section, *best_words, best_first, request)) {
      return *std::move(snippet);
    }
  }
  return RenderAround(text, scanned_size, sections, anchor, request);
}

std::vector<int> PagesOfPositions(const TextSectionTable& sections,
                                  const std::vector<MatchedPosition>& matches,
                                  std::size_t max_pages) {
  // Sections, and so their pages, come in the order of the matches: the
  // pages are listed in order as they come, and the walk stops at the
  // max_pages-th (a frequent word in a 400-page manual holds thousands of
  // matches on every page).
  std::vector<int> listed;
  const std::size_t count = sections.size();
  SectionWalk walk(sections);
  std::size_t last = count;
  bool in_order = true;
  for (const MatchedPosition& match : matches) {
    const std::size_t s = walk.SectionOf(match.position);
    if (s == count || s == last) continue;
    last = s;
    // A damaged table's page may be any number: kept within an int.
    const int page = static_cast<int>(std::min<std::uint32_t>(sections.page(s), INT32_MAX - 1)) + 1;
    if (!listed.empty() && listed.back() == page) continue;
    // A damaged table's pages may come in any order: all of them sorted.
    if (!listed.empty() && listed.back() > page) in_order = false;
    listed.push_back(page);
    if (in_order && listed.size() == max_pages) break;
  }
  if (!in_order) {
    std::sort(listed.begin(), listed.end());
    listed.erase(std::unique(listed.begin(), listed.end()), listed.end());
  }
  if (listed.size() > max_pages) listed.resize(max_pages);
  return listed;
}

}  // namespace archivist
