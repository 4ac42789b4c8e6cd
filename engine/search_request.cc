// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/search_request.h"

#include <algorithm>

#include "engine/facet_filters.h"

namespace archivist {

std::string_view FacetName(Facet facet) {
  switch (facet) {
    case Facet::kLanguage:
      return "language";
    case Facet::kType:
      return "type";
    case Facet::kYear:
      return "year";
    case Facet::kCountry:
      return "country";
    case Facet::kTopic:
      return "topic";
  }
  return "language";
}

std::string AnswerKey(const SearchRequest& request) {
  std::string key;
  const auto add = [&key](std::string_view part) {
    key += std::to_string(part.size());
    key += ':';
    key += part;
  };
  add(request.query);
  add(request.query_language);
  for (Facet facet : kAllFacets) {
    std::vector<std::string> values = Selected(request, facet);
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    add(std::to_string(values.size()));
    for (const std::string& value : values) add(value);
  }
  add(request.year_from ? std::to_string(*request.year_from) : "-");
  add(request.year_to ? std::to_string(*request.year_to) : "-");
  add(request.include_undated ? "u" : "-");
  // The preferred language changes nothing without collapsing: kept out of
  // the key then, so readers of other languages share the answer.
  add(request.collapse_works ? "w:" + request.prefer_language : "-");
  add(std::to_string(static_cast<int>(request.sort)));
  add(std::to_string(request.offset));
  add(std::to_string(request.limit));
  add(request.with_facets ? "f" : "-");
  add(request.with_snippets ? "s" : "-");
  return key;
}

}  // namespace archivist
