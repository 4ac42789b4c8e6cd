// SPDX-License-Identifier: GPL-2.0-or-later
// The routes about the index as a whole: /api/suggest, /api/stats,
// /healthz, /metrics.
#include <ctime>
#include <optional>

#include "searchd/http_error.h"
#include "searchd/routes_handlers.h"
#include "searchd/search_json.h"
#include "searchd/search_params.h"

namespace archivist::searchd {
namespace {

constexpr int kMaxSuggestions = 20;
constexpr std::size_t kMaxSuggestBytes = 200;

// "2026-11-28T14:00:00Z" → seconds since the epoch; nullopt when malformed.
std::optional<std::time_t> ParseUtc(const std::string& text) {
  std::tm tm{};
  const char* end = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  if (!end || *end != '\0') return std::nullopt;
  return timegm(&tm);
}

}  // namespace

void HandleSuggest(const Index& index, const httplib::Request& req,
                   httplib::Response& res) {
  if (auto unknown = CheckKnownParams(req.params, {"q", "limit"})) return WriteError(res, *unknown);
  if (!req.has_param("q")) return WriteError(res, Error{ErrorCode::kInvalidArgument, "q: required"});
  const std::string typed = req.get_param_value("q");
  if (typed.size() > kMaxSuggestBytes) {
    return WriteError(res, Error{ErrorCode::kInvalidArgument,
                                 "q: at most " + std::to_string(kMaxSuggestBytes) + " bytes"});
  }
  Result<int> limit = ParseCount(req.params, "limit", 8, kMaxSuggestions);
  if (!limit.ok()) return WriteError(res, limit.error());
  ReaderPool::Lease reader = index.readers->Borrow();
  Result<Searcher*> searcher = reader.Get();
  if (!searcher.ok()) return WriteError(res, searcher.error());
  Result<Suggestions> suggestions =
      searcher.value()->Suggest(typed, static_cast<std::size_t>(limit.value()));
  if (!suggestions.ok()) return WriteError(res, suggestions.error());
  nlohmann::json titles = nlohmann::json::array();
  for (const DocumentRecord& r : suggestions.value().titles) {
    titles.push_back({{"id", r.id}, {"title", r.title}});
  }
  SendJson(res, {{"query", typed},
                 {"completions", suggestions.value().completions},
                 {"titles", std::move(titles)}});
}

void HandleStats(const Index& index, const httplib::Request& req, httplib::Response& res) {
  if (auto unknown = CheckKnownParams(req.params, {"ui_lang"})) return WriteError(res, *unknown);
  Result<std::string> ui_language = ParseUiLanguage(req.params);
  if (!ui_language.ok()) return WriteError(res, ui_language.error());
  ReaderPool::Lease reader = index.readers->Borrow();
  Result<Searcher*> searcher = reader.Get();
  if (!searcher.ok()) return WriteError(res, searcher.error());
  Result<IndexStats> stats = searcher.value()->Stats();
  if (!stats.ok()) return WriteError(res, stats.error());
  SendJson(res, StatsJson(stats.value(), ui_language.value()));
}

void HandleHealth(const Index& index, httplib::Response& res) {
  ReaderPool::Lease reader = index.readers->Borrow();
  Result<Searcher*> searcher = reader.Get();
  if (!searcher.ok()) return WriteError(res, searcher.error());
  Result<Xapian::doccount> count = searcher.value()->DocumentCount();
  if (!count.ok()) return WriteError(res, count.error());
  if (index.health->FailedSince(ObserveIndexFiles(index.path))) {
    return WriteError(res, Error{ErrorCode::kUnavailable,
                                 "index damaged: a read failed and its files have not changed"});
  }
  SendJson(res, {{"status", "ok"}, {"documents", count.value()}});
}

void HandleMetrics(const Index& index, const Metrics& metrics, httplib::Response& res) {
  std::optional<IndexGauges> gauges;
  ReaderPool::Lease reader = index.readers->Borrow();
  Result<Searcher*> searcher = reader.Get();
  if (searcher.ok()) {
    Result<IndexStats> stats = searcher.value()->Stats(/*with_facets=*/false);
    if (stats.ok()) {
      gauges = IndexGauges{stats.value().documents, std::nullopt};
      if (auto when = ParseUtc(stats.value().last_indexed)) {
        gauges->age_seconds = std::difftime(std::time(nullptr), *when);
      }
    }
  }
  const ExportCounts exports{index.exports->Building(), index.exports->Refused()};
  res.set_content(metrics.Render(gauges, index.refresher->counts(), exports),
                  "text/plain; version=0.0.4; charset=utf-8");
}

}  // namespace archivist::searchd
