// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/schema.h"

#include <string>

#include "core/hash.h"

namespace archivist::schema {
namespace {

std::string Join(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  term += value;
  return term;
}

}  // namespace

bool IsWordTerm(std::string_view term) {
  return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z');
}

std::string IdTerm(std::string_view id) { return Join(kIdPrefix, id); }
std::string PathTerm(std::string_view absolute_path) {
  return Join(kPathPrefix, Sha256Hex(absolute_path).substr(0, 16));
}
std::string LanguageTerm(std::string_view language) { return Join(kLanguagePrefix, language); }
std::string TypeTerm(std::string_view type) { return Join(kTypePrefix, type); }
std::string CountryTerm(std::string_view alpha2) { return Join(kCountryPrefix, alpha2); }
std::string TopicTerm(std::string_view slug) { return Join(kTopicPrefix, slug); }
std::string YearTerm(int year) { return Join(kYearPrefix, std::to_string(year)); }
std::string WordPairTerm(std::string_view first, std::string_view second) {
  std::string term = Join(kWordPairPrefix, first);
  term += ' ';
  term += second;
  return term;
}
std::string PairGenerationTerm(int generation) {
  return Join(kPairGenerationPrefix, std::to_string(generation));
}

}  // namespace archivist::schema
