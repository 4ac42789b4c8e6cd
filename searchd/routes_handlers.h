// SPDX-License-Identifier: GPL-2.0-or-later
// The route handlers of searchd, by family (routes_search.cc: search,
// export, feed; routes_documents.cc: a document, its original, documents
// like it; routes_index.cc: suggestions, statistics, health, metrics), and
// what they share. Internal to searchd: routes.cc installs them.
#pragma once

#include <httplib.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/search.h"
#include "searchd/answer_refresher.h"
#include "searchd/export_slots.h"
#include "searchd/index_files.h"
#include "searchd/low_priority.h"
#include "searchd/metrics.h"
#include "searchd/reader_pool.h"
#include "searchd/sets_warmer.h"

namespace archivist::searchd {

// What every route needs: where the index is, the cache its readers share,
// the thread that brings the cache's stale answers up to date, whether a
// read of it failed since its files last changed, and the thread that
// prepares each commit's facet sets.
struct Index {
  std::string path;
  std::shared_ptr<SearchCache> cache;
  std::shared_ptr<AnswerRefresher> refresher;
  std::shared_ptr<IndexHealth> health;
  std::chrono::milliseconds search_budget;  // SearchRequest::time_budget
  // Builds each new commit's facet sets before a search asks for them;
  // held here so that it lives as long as the routes.
  std::shared_ptr<SetsWarmer> warmer;
  // The places for exports being made (RouteConfig::max_exports).
  std::shared_ptr<ExportSlots> exports;
  // Where exports list their documents and make their rows, below the
  // searches' CPU priority (RouteConfig::bulk_threads).
  std::shared_ptr<LowPriorityThreads> bulk;
  // The readers the worker threads borrow, one a request (a
  // Xapian::Database is not thread-safe), each opened again when the
  // index's files are replaced (searchd/index_files.h); a failed open is
  // retried on the next request, so searchd starts before the first index
  // exists and picks it up once it does.
  std::shared_ptr<ReaderPool> readers;
};


// Refuses the request answered on this thread because searchd is at one of
// its caps (exports made at once): 503 `unavailable` with Retry-After
// (http_error.h's WriteBusy). Such a 503 says nothing of the index:
// AnsweredAtCap() tells it apart for /healthz's account of failed reads.
void RefuseAtCap(httplib::Response& res, const std::string& message, int retry_after_seconds);
// Whether RefuseAtCap() wrote the answer of the request this thread is
// answering; ForgetCap() clears it before each request is routed.
bool AnsweredAtCap();
void ForgetCap();

// Writes `body` as the JSON answer; bytes that are not UTF-8 are replaced.
void SendJson(httplib::Response& res, const nlohmann::json& body);

// The checks every search-like route (search, export, feed) shares:
// parameters known (kSearchParamNames and `extra`), a valid request and ui_lang.
struct SearchInput {
  SearchRequest request;
  std::string ui_language;
};
Result<SearchInput> ParseSearchInput(const httplib::Request& req,
                                     const std::vector<std::string_view>& extra = {});

// A search whose answer, when it comes from before the latest commit, is
// recomputed in the background for the next asker.
Result<SearchPage> Search(const Index& index, Searcher& searcher, const SearchRequest& request);

void HandleSearch(const Index& index, const httplib::Request& req, httplib::Response& res);
void HandleExport(const Index& index, const httplib::Request& req, httplib::Response& res);
void HandleFeed(const Index& index, const httplib::Request& req, httplib::Response& res);

void HandleDocument(const Index& index, const httplib::Request& req, httplib::Response& res);
void HandleOriginal(const Index& index, const httplib::Request& req, httplib::Response& res);
void HandleSimilar(const Index& index, const httplib::Request& req, httplib::Response& res);

void HandleSuggest(const Index& index, const httplib::Request& req, httplib::Response& res);
void HandleStats(const Index& index, const httplib::Request& req, httplib::Response& res);
void HandleHealth(const Index& index, httplib::Response& res);
void HandleMetrics(const Index& index, const Metrics& metrics, httplib::Response& res);

}  // namespace archivist::searchd
