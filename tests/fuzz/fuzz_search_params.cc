// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes what searchd makes of a request's query string and path before any
// search: httplib's parsing of the query string (percent-decoding, repeated
// keys), then searchd's checks of parameter names, values and document ids.
// Whatever the bytes, each refusal is an invalid_argument whose message a
// JSON answer can carry (an invalid UTF-8 byte echoed there was a 500 once).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "searchd/search_params.h"
#include "tests/fuzz/extraction.h"

namespace {

using archivist::Error;
using archivist::ErrorCode;

void CheckRefusal(const Error& error) {
  if (error.code != ErrorCode::kInvalidArgument) archivist::fuzz::Fail("refusal not a 400");
  try {
    (void)nlohmann::json{{"message", error.message}}.dump();
  } catch (const nlohmann::json::exception& e) {
    archivist::fuzz::Fail(std::string("refusal message cannot be written as JSON: ") + e.what());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string query_string(reinterpret_cast<const char*>(data), size);
  archivist::searchd::QueryParams params;
  httplib::detail::parse_query_text(query_string, params);

  namespace searchd = archivist::searchd;
  if (auto unknown = searchd::CheckKnownParams(params, searchd::kSearchParamNames, {"format"})) {
    CheckRefusal(*unknown);
  }
  const archivist::Result<archivist::SearchRequest> request = searchd::ParseSearchParams(params);
  if (!request.ok()) CheckRefusal(request.error());
  const archivist::Result<std::string> ui_language = searchd::ParseUiLanguage(params);
  if (!ui_language.ok()) CheckRefusal(ui_language.error());
  const archivist::Result<int> limit = searchd::ParseCount(params, "limit", 10, 50);
  if (!limit.ok()) CheckRefusal(limit.error());
  if (auto bad_id = searchd::CheckDocumentId(httplib::detail::decode_url(query_string, false))) {
    CheckRefusal(*bad_id);
  }
  return 0;
}
