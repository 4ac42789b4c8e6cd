// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/term_matcher.h"

#include <algorithm>

#include "core/analysis.h"
#include "core/text.h"

namespace archivist {

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
      const auto first = static_cast<unsigned char>(bare[0]);
      first_bytes_[first / 64] |= std::uint64_t{1} << (first % 64);
    }
    if (bare.size() == 1) short_terms_ = true;
  }
}

int TermMatcher::Match(std::string_view word, std::size_t page, std::size_t at) {
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
  const SnippetRequest::LanguageRange* section = SectionAt(at);
  WordMatches* memo =
      section ? section->matches
              : page < request_.page_matches.size() ? request_.page_matches[page] : request_.matches;
  const std::string* term = nullptr;
  if (memo && memo->Find(word, term)) return term ? IndexOf(*term) : -1;
  term = Analysed(word, section                                  ? section->stemmer
                        : page < request_.page_stemmers.size() ? request_.page_stemmers[page]
                                                               : request_.stemmer);
  if (memo) memo->Remember(word, term);
  return term ? IndexOf(*term) : -1;
}

const SnippetRequest::LanguageRange* TermMatcher::SectionAt(std::size_t at) const {
  const auto& sections = request_.section_stemmers;
  if (sections.empty() || at == kNoOffset) return nullptr;
  const auto after = std::upper_bound(
      sections.begin(), sections.end(), at,
      [](std::size_t a, const SnippetRequest::LanguageRange& s) { return a < s.start; });
  if (after == sections.begin()) return nullptr;
  const SnippetRequest::LanguageRange& section = *(after - 1);
  return at < section.end ? &section : nullptr;
}

const std::string* TermMatcher::Analysed(std::string_view word,
                                         const Xapian::Stem& stemmer) const {
  std::string folded = FoldWord(word);
  // Most words share no two-letter start with any query term: skip stemming them.
  if (!short_terms_ &&
      (folded.size() < 2 || !AnyTermStartsWith(static_cast<unsigned char>(folded[0]),
                                               static_cast<unsigned char>(folded[1])))) {
    return nullptr;
  }
  const auto& terms = *request_.query_terms;
  if (const auto it = terms.find(folded); it != terms.end()) return &*it;
  const auto it = terms.find("Z" + stemmer(folded));
  return it == terms.end() ? nullptr : &*it;
}

bool TermMatcher::AnyTermStartsWith(unsigned char a, unsigned char b) const {
  if (!(first_bytes_[a / 64] >> (a % 64) & 1)) return false;
  const auto key = static_cast<std::uint16_t>(a + 256 * b);
  return std::find(prefixes_.begin(), prefixes_.end(), key) != prefixes_.end();
}

int TermMatcher::IndexOf(const std::string& term) {
  auto [it, inserted] = ids_.emplace(term, static_cast<int>(ids_.size()));
  return it->second;
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
    for (const TextLanguageSection& section : record.section_languages) {
      WordMatches* section_matches = memo->For(section.language);
      request.section_stemmers.push_back(
          {section.start, section.end, section_matches->stemmer(), section_matches});
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
  for (const TextLanguageSection& section : record.section_languages) {
    auto it = stemmers.find(section.language);
    if (it == stemmers.end()) it = stemmers.emplace(section.language, StemmerFor(section.language)).first;
    request.section_stemmers.push_back({section.start, section.end, it->second});
  }
  return request;
}

}  // namespace archivist
