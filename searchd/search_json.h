// SPDX-License-Identifier: GPL-2.0-or-later
// The JSON shape of /api/search answers (docs/api/openapi.yaml).
#pragma once

#include <nlohmann/json.hpp>

#include "core/search.h"

namespace archivist::searchd {

nlohmann::json HitJson(const SearchHit& hit);

// `page_number` and `per_page` echo the request; `took_ms` is wall time.
nlohmann::json SearchPageJson(const SearchRequest& request, const SearchPage& page,
                              double took_ms);

}  // namespace archivist::searchd
