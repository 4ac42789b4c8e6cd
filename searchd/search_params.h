// SPDX-License-Identifier: GPL-2.0-or-later
// Turning /api/search query parameters into a SearchRequest, rejecting (never
// clamping) what is out of range, and naming the parameter at fault.
#pragma once

#include <vector>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "engine/search.h"

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

// The parameters /api/search understands; /api/export and /api/feed take
// the same (export adds `format`). Each facet filter is named as its facet
// is in answers (`language`, `type`, `year`, `country`, `topic`); `lang` is
// an alias of `language` kept for links made before the two were one name.
// `include_undated` (0 or 1) lets documents without a year through a year
// filter; `collapse=work` shows each work once, in `prefer_lang` (an ISO
// 639-1 code; `ui_lang` when absent) when it has an edition in it.
inline const std::vector<std::string_view> kSearchParamNames = {
    "q",       "page",      "per_page", "sort",    "query_lang",      "language",
    "lang",    "type",      "country",  "topic",   "year",            "year_from",
    "year_to", "ui_lang",   "collapse", "prefer_lang", "include_undated"};

// kInvalidArgument "NAME: unknown parameter" for the first parameter that is
// in neither list, NAME cut to 64 bytes and written as in a URL (bytes other
// than letters, digits and "-._~" as %XX), so that any bytes a client sends
// can be echoed in a JSON message. Unknown parameters are refused rather than ignored: a
// misspelt filter ("contry=BR") would otherwise silently widen the results.
// Then kInvalidArgument "NAME: not valid UTF-8" for the first value that is
// not valid UTF-8 (answers echo values such as the query): every route calls
// this before reading any parameter.
std::optional<Error> CheckKnownParams(const QueryParams& params,
                                      const std::vector<std::string_view>& known,
                                      const std::vector<std::string_view>& more = {});

// kInvalidArgument "id: not valid UTF-8" for a document id (a path segment)
// that cannot be valid, so that it never reaches a JSON answer; nullopt
// otherwise (whether the index holds the id is the engine's to say).
std::optional<Error> CheckDocumentId(std::string_view id);

// `ui_lang`: the language names are shown in, an ISO 639-1 code; "en" when absent.
Result<std::string> ParseUiLanguage(const QueryParams& params);

// An optional integer parameter in [1, max]; `fallback` when absent.
Result<int> ParseCount(const QueryParams& params, const std::string& name, int fallback, int max);

}  // namespace archivist::searchd
