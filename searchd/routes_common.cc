// SPDX-License-Identifier: GPL-2.0-or-later
// What the route handlers share (searchd/routes_handlers.h).
#include <unordered_map>

#include "searchd/routes_handlers.h"
#include "searchd/search_params.h"

namespace archivist::searchd {

Result<Searcher*> ThreadSearcher(const Index& index) {
  thread_local std::unordered_map<std::string, std::unique_ptr<IndexReader>> readers;
  std::unique_ptr<IndexReader>& reader = readers[index.path];
  if (!reader) reader = std::make_unique<IndexReader>(index.path, index.cache);
  return reader->Get();
}

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
