// SPDX-License-Identifier: GPL-2.0-or-later
// The JSON shapes of searchd's answers (docs/api/openapi.yaml). Country and
// language names are given in `ui_language`.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "engine/search.h"
#include "searchd/names.h"

namespace archivist::searchd {

// A stored record as clients see it: every field but the server-side archive
// root, with the names of its language and countries.
nlohmann::json RecordJson(const DocumentRecord& record, const std::string& ui_language);
// The same, with names from `names` (one per answer: each is asked once).
nlohmann::json RecordJson(const DocumentRecord& record, NamesIn& names);

nlohmann::json HitJson(const SearchHit& hit, const std::string& ui_language);
nlohmann::json HitJson(const SearchHit& hit, NamesIn& names);

// `page` and `per_page` echo the request; `took_ms` is wall time.
nlohmann::json SearchPageJson(const SearchRequest& request, const SearchPage& page,
                              double took_ms, const std::string& ui_language);

// SearchPageJson(...) as SendJson writes it, written straight into the
// text without building the tree (the same bytes): what /api/search sends.
std::string SearchPageJsonText(const SearchRequest& request, const SearchPage& page, double took_ms,
                               const std::string& ui_language);

// The values of one facet, each with its count (and selection), named when
// the facet is language or country.
nlohmann::json FacetJson(const FacetCounts& counts, const std::string& ui_language);
nlohmann::json FacetJson(const FacetCounts& counts, NamesIn& names);

// A document's answer; `with_matches` (the request named a search) adds
// the words that search matched and the pages holding them.
nlohmann::json DocumentJson(const StoredDocument& document, const std::string& ui_language,
                            bool with_matches = false);

nlohmann::json StatsJson(const IndexStats& stats, const std::string& ui_language);

}  // namespace archivist::searchd
