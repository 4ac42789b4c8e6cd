// SPDX-License-Identifier: GPL-2.0-or-later
// What the route handlers share (searchd/routes_handlers.h).
#include "searchd/http_error.h"
#include "searchd/routes_handlers.h"
#include "searchd/search_params.h"

namespace archivist::searchd {
namespace {

// Set by RefuseAtCap() and read after the handler, on the thread that
// answers the request.
thread_local bool t_answered_at_cap = false;

}  // namespace

void RefuseAtCap(httplib::Response& res, const std::string& message, int retry_after_seconds) {
  WriteBusy(res, message, retry_after_seconds);
  t_answered_at_cap = true;
}

bool AnsweredAtCap() { return t_answered_at_cap; }

void ForgetCap() { t_answered_at_cap = false; }

void SendJson(httplib::Response& res, const nlohmann::json& body) {
  // Text comes from archived files: never let one bad byte turn an answer into a 500.
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json");
}

Result<SearchInput> ParseSearchInput(const httplib::Request& req,
                                     const std::vector<std::string_view>& extra) {
  if (auto unknown = CheckKnownParams(req.params, kSearchParamNames, extra)) return *unknown;
  Result<SearchRequest> request = ParseSearchParams(req.params);
  if (!request.ok()) return request.error();
  Result<std::string> ui_language = ParseUiLanguage(req.params);
  if (!ui_language.ok()) return ui_language.error();
  return SearchInput{std::move(request).value(), std::move(ui_language).value()};
}

Result<SearchPage> Search(const Index& index, Searcher& searcher, const SearchRequest& request) {
  Result<SearchPage> page = searcher.Search(request);
  if (page.ok() && page.value().from_earlier_commit) index.refresher->Refresh(request);
  return page;
}

}  // namespace archivist::searchd
