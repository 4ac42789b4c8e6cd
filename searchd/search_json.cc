// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/search_json.h"

#include <cmath>

namespace archivist::searchd {

nlohmann::json HitJson(const SearchHit& hit) {
  const DocumentRecord& r = hit.record;
  // The archive root is the server's business; clients see root-relative paths.
  return {{"id", r.id},
          {"title", r.title},
          {"snippet", hit.snippet},
          {"language", r.language},
          {"date", r.date},
          {"year", r.year},
          {"type", r.type},
          {"format", r.format},
          {"path", r.path},
          {"pages", r.pages},
          {"chars", r.chars},
          {"language_source", r.language_source},
          {"date_source", r.date_source},
          {"size", r.size},
          {"countries", r.countries},
          {"topics", r.topics},
          {"score", std::round(hit.weight * 1000) / 1000}};
}

nlohmann::json SearchPageJson(const SearchRequest& request, const SearchPage& page,
                              double took_ms) {
  nlohmann::json hits = nlohmann::json::array();
  for (const SearchHit& hit : page.hits) hits.push_back(HitJson(hit));
  nlohmann::json facets = nlohmann::json::object();
  for (const FacetCounts& counts : page.facets) {
    nlohmann::json values = nlohmann::json::array();
    for (const FacetCount& value : counts.values) {
      values.push_back({{"value", value.value}, {"count", value.count}, {"selected", value.selected}});
    }
    facets[std::string(FacetName(counts.facet))] = std::move(values);
  }
  const Xapian::doccount per_page = request.limit;
  return {{"query", request.query},
          {"total", page.total},
          {"page", per_page ? request.offset / per_page + 1 : 1},
          {"per_page", per_page},
          {"hits", std::move(hits)},
          {"facets", std::move(facets)},
          {"took_ms", std::round(took_ms * 100) / 100}};
}

}  // namespace archivist::searchd
