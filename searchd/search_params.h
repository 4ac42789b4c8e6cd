// SPDX-License-Identifier: GPL-2.0-or-later
// Turning /api/search query parameters into a SearchRequest, rejecting (never
// clamping) what is out of range, and naming the parameter at fault.
#pragma once

#include <map>
#include <string>

#include "core/error.h"
#include "core/search.h"

namespace archivist::searchd {

// The query-string parameters of a request, repeated keys kept
// (httplib::Params is this type).
using QueryParams = std::multimap<std::string, std::string>;

inline constexpr int kMaxPerPage = 100;
inline constexpr int kDefaultPerPage = 10;
// Deep paging costs a full sort of everything before the page; past this
// many hits the export route is the tool.
inline constexpr int kMaxResultWindow = 10000;
inline constexpr std::size_t kMaxQueryBytes = 2000;

// kInvalidArgument with "PARAM: what was wanted" for bad input.
Result<SearchRequest> ParseSearchParams(const QueryParams& params);

}  // namespace archivist::searchd
