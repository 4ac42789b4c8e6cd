// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/facet_filters.h"

#include <algorithm>

#include "core/schema.h"

namespace archivist {
namespace {

std::string YearTermFromString(std::string_view year) {
  return std::string(schema::kYearPrefix) + std::string(year);
}

std::string PaddedYear(int year) {
  const std::string digits = std::to_string(year);
  return std::string(4 - std::min<std::size_t>(4, digits.size()), '0') + digits;
}

}  // namespace

Xapian::Query UndatedQuery() {
  // Every year the slot holds sorts between these two as a string (the
  // writer leaves the slot empty for an unknown year, and Xapian's value
  // ranges never match an empty value). A match-all of its own: the global
  // MatchAll must not be copied across threads (XAPIAN.md).
  const Xapian::Query dated(Xapian::Query::OP_VALUE_RANGE, schema::kSlotYear, "0000", "9999");
  return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(std::string()), dated);
}

const FacetSchema& SchemaOf(Facet facet) {
  static const FacetSchema kSchemas[] = {
      {Facet::kLanguage, schema::kSlotLanguage, 1, &schema::LanguageTerm},
      {Facet::kType, schema::kSlotType, 1, &schema::TypeTerm},
      {Facet::kYear, schema::kSlotYear, 1, &YearTermFromString},
      {Facet::kCountry, schema::kSlotCountryFirst, schema::kMaxCountries, &schema::CountryTerm},
      {Facet::kTopic, schema::kSlotTopicFirst, schema::kMaxTopics, &schema::TopicTerm},
  };
  for (const FacetSchema& s : kSchemas) {
    if (s.facet == facet) return s;
  }
  return kSchemas[0];
}

const std::vector<std::string>& Selected(const SearchRequest& request, Facet facet) {
  switch (facet) {
    case Facet::kLanguage:
      return request.languages;
    case Facet::kType:
      return request.types;
    case Facet::kYear:
      return request.years;
    case Facet::kCountry:
      return request.countries;
    case Facet::kTopic:
      return request.topics;
  }
  return request.languages;
}

bool HasSelection(const SearchRequest& request, Facet facet) {
  if (facet == Facet::kYear && (request.year_from || request.year_to)) return true;
  return !Selected(request, facet).empty();
}

std::pair<std::string, std::string> YearBounds(const SearchRequest& request) {
  return {PaddedYear(request.year_from.value_or(0)), PaddedYear(request.year_to.value_or(9999))};
}

Xapian::Query FacetFilter(const SearchRequest& request, Facet facet) {
  std::vector<Xapian::Query> terms;
  for (const std::string& value : Selected(request, facet)) {
    terms.emplace_back(SchemaOf(facet).term(value));
  }
  Xapian::Query filter;
  if (!terms.empty()) filter = Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  if (facet == Facet::kYear && (request.year_from || request.year_to)) {
    const auto [low, high] = YearBounds(request);
    Xapian::Query range(Xapian::Query::OP_VALUE_RANGE, schema::kSlotYear, low, high);
    filter = filter.empty() ? range : Xapian::Query(Xapian::Query::OP_AND, filter, range);
  }
  if (facet == Facet::kYear && request.include_undated && !filter.empty()) {
    filter = Xapian::Query(Xapian::Query::OP_OR, filter, UndatedQuery());
  }
  return filter;
}

Xapian::Query CombinedFilter(const SearchRequest& request, std::optional<Facet> except) {
  std::vector<Xapian::Query> filters;
  for (Facet facet : kAllFacets) {
    if (except && *except == facet) continue;
    Xapian::Query filter = FacetFilter(request, facet);
    if (!filter.empty()) filters.push_back(filter);
  }
  if (filters.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
}

Xapian::Query Filtered(const Xapian::Query& text, const Xapian::Query& filter) {
  if (filter.empty()) return text;
  if (text.get_type() != Xapian::Query::OP_AND_MAYBE) {
    return Xapian::Query(Xapian::Query::OP_FILTER, text, filter);
  }
  std::vector<Xapian::Query> parts = {Filtered(text.get_subquery(0), filter)};
  for (std::size_t i = 1; i < text.get_num_subqueries(); ++i) parts.push_back(text.get_subquery(i));
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, parts.begin(), parts.end());
}

FacetCounts SortedCounts(Facet facet, std::map<std::string, Xapian::doccount> totals,
                         const std::vector<std::string>& selected) {
  for (const std::string& value : selected) totals.try_emplace(value, 0);
  FacetCounts counts{facet, {}};
  for (const auto& [value, count] : totals) {
    const bool is_selected = std::find(selected.begin(), selected.end(), value) != selected.end();
    counts.values.push_back({value, count, is_selected});
  }
  if (facet == Facet::kYear) {
    std::sort(counts.values.begin(), counts.values.end(),
              [](const FacetCount& a, const FacetCount& b) { return a.value > b.value; });
  } else {
    std::stable_sort(counts.values.begin(), counts.values.end(),
                     [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
  }
  return counts;
}

}  // namespace archivist
