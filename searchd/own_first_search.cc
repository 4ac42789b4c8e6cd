// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/own_first_search.h"

#include <httplib.h>

#include <chrono>

#include "core/log.h"
#include "engine/search.h"
#include "searchd/reader_pool.h"
#include "searchd/routes_handlers.h"
#include "searchd/search_json.h"

namespace archivist::searchd {

std::optional<OwnSearch> AnswerOwnFirstSearch(ReaderPool& readers) {
  const auto start = std::chrono::steady_clock::now();
  ReaderPool::Lease reader = readers.Borrow();
  Result<Searcher*> searcher = reader.Get();
  if (!searcher.ok()) return std::nullopt;  // no index yet: nothing to warm
  Result<std::string> word = searcher.value()->FrequentWord();
  if (!word.ok() || word.value().empty()) return std::nullopt;
  // Parsed as a request to /api/search is, so that the same defaults apply.
  httplib::Request request;
  request.params.emplace("q", word.value());
  Result<SearchInput> input = ParseSearchInput(request);
  if (!input.ok()) return std::nullopt;
  Result<SearchPage> page = searcher.value()->SearchUncached(input.value().request);
  if (!page.ok()) {
    LogWarning("searchd", "its own first search failed",
               {{"q", word.value()}, {"error", page.error().message}});
    return std::nullopt;
  }
  const std::string answer =
      SearchPageJsonText(input.value().request, page.value(), 0, input.value().ui_language);
  OwnSearch done{word.value(), page.value().hits.size(), answer.size()};
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  LogInfo("searchd", "answered its own first search",
          {{"q", done.word}, {"hits", std::to_string(done.hits)}, {"ms", std::to_string(took.count())}});
  return done;
}

}  // namespace archivist::searchd
