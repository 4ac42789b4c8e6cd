// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/routes.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <ctime>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <unordered_map>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include "core/clock.h"
#include "core/log.h"
#include "engine/search.h"
#include "searchd/answer_refresher.h"
#include "searchd/connection.h"
#include "searchd/export_format.h"
#include "searchd/http_error.h"
#include "searchd/index_files.h"
#include "searchd/metrics.h"
#include "searchd/original_file.h"
#include "searchd/search_json.h"
#include "searchd/search_params.h"

namespace archivist::searchd {
namespace {

using Clock = std::chrono::steady_clock;
using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

// Export reads the records of the result set in batches of this many.
constexpr std::size_t kExportBatch = 500;
constexpr int kDefaultFeedEntries = 20;
constexpr int kMaxSimilar = 50;
constexpr int kMaxSuggestions = 20;
constexpr std::size_t kMaxSuggestBytes = 200;
constexpr std::size_t kMaxDocumentQueryBytes = 2048;

// What every route needs: where the index is, the cache its readers share,
// the thread that brings the cache's stale answers up to date, and whether
// a read of it failed since its files last changed.
struct Index {
  std::string path;
  std::shared_ptr<SearchCache> cache;
  std::shared_ptr<AnswerRefresher> refresher;
  std::shared_ptr<IndexHealth> health;
  std::chrono::milliseconds search_budget;  // SearchRequest::time_budget
};

// One reader per worker thread and index (Xapian::Database is not
// thread-safe), opened again when the index's files are replaced
// (searchd/index_files.h); a failed open is retried on the next request, so
// searchd starts before the first index exists and picks it up once it does.
Result<Searcher*> ThreadSearcher(const Index& index) {
  thread_local std::unordered_map<std::string, std::unique_ptr<IndexReader>> readers;
  std::unique_ptr<IndexReader>& reader = readers[index.path];
  if (!reader) reader = std::make_unique<IndexReader>(index.path, index.cache);
  return reader->Get();
}

// Request start time and route label, set before routing and read by the
// logger; all run on the thread that serves the request.
thread_local Clock::time_point t_request_start;
thread_local const char* t_route = "other";

double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void SendJson(httplib::Response& res, const nlohmann::json& body) {
  // Text comes from archived files: never let one bad byte turn an answer into a 500.
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json");
}

// The checks every search-like route (search, export, feed) shares.
struct SearchInput {
  SearchRequest request;
  std::string ui_language;
};

Result<SearchInput> ParseSearchInput(const httplib::Request& req,
                                     const std::vector<std::string_view>& extra = {}) {
  if (auto unknown = CheckKnownParams(req.params, kSearchParamNames, extra)) return *unknown;
  Result<SearchRequest> request = ParseSearchParams(req.params);
  if (!request.ok()) return request.error();
  Result<std::string> ui_language = ParseUiLanguage(req.params);
  if (!ui_language.ok()) return ui_language.error();
  return SearchInput{std::move(request).value(), std::move(ui_language).value()};
}

// A search whose answer, when it comes from before the latest commit, is
// recomputed in the background for the next asker.
Result<SearchPage> Search(const Index& index, Searcher& searcher, const SearchRequest& request) {
  Result<SearchPage> page = searcher.Search(request);
  if (page.ok() && page.value().from_earlier_commit) index.refresher->Refresh(request);
  return page;
}

void HandleSearch(const Index& index, const httplib::Request& req,
                  httplib::Response& res) {
  const Clock::time_point start = Clock::now();
  Result<SearchInput> input = ParseSearchInput(req);
  if (!input.ok()) return WriteError(res, input.error());
  Result<Searcher*> searcher = ThreadSearcher(index);
  if (!searcher.ok()) return WriteError(res, searcher.error());
  input.value().request.time_budget = index.search_budget;
  Result<SearchPage> page = Search(index, *searcher.value(), input.value().request);
  if (!page.ok()) return WriteError(res, page.error());
  SendJson(res, SearchPageJson(input.value().request, page.value(), MillisecondsSince(start),
                               input.value().ui_language));
}

// The whole filtered result set, streamed in batches: the matching
// documents are listed once, when the export starts, and their records read
// a batch at a time at the latest commit, so commits during a long download
// neither cut it short nor repeat or drop a row (a document deleted
// meanwhile is left out). The list is made before answering, so a bad query
// is still a 400; a failure later cuts the chunked stream short, which
// clients see as an incomplete download rather than a short file.
void HandleExport(const Index& index, const httplib::Request& req,
                  httplib::Response& res) {
  Result<SearchInput> input = ParseSearchInput(req, {"format"});
  if (!input.ok()) return WriteError(res, input.error());
  const std::string format = req.has_param("format") ? req.get_param_value("format") : "jsonl";
  if (format != "csv" && format != "jsonl") {
    return WriteError(res, Error{ErrorCode::kInvalidArgument, "format: one of csv, jsonl"});
  }
  // A reader of its own: the download may outlast many requests.
  Result<std::unique_ptr<Searcher>> opened = Searcher::Open(index.path);
  if (!opened.ok()) return WriteError(res, opened.error());
  struct ExportState {
    std::unique_ptr<Searcher> searcher;
    std::vector<Xapian::docid> ids;
    std::size_t next = 0;  // index into ids of the next batch
    bool csv = false;
    std::string base_url;  // CSV rows link to each document's page
    std::string query;     // CSV rows carry its snippet and matching pages
  };
  auto state = std::make_shared<ExportState>();
  state->searcher = std::move(opened).value();
  state->csv = format == "csv";
  state->query = input.value().request.query;
  state->base_url =
      "http://" + (req.has_header("Host") ? req.get_header_value("Host") : std::string("localhost"));
  Result<std::vector<Xapian::docid>> ids = state->searcher->MatchingIds(input.value().request);
  if (!ids.ok()) return WriteError(res, ids.error());
  state->ids = std::move(ids).value();

  res.set_header("Content-Disposition", state->csv ? "attachment; filename=\"archivist-export.csv\""
                                                   : "attachment; filename=\"archivist-export.jsonl\"");
  res.set_header("X-Total-Count", std::to_string(state->ids.size()));
  res.set_chunked_content_provider(
      state->csv ? "text/csv; charset=utf-8" : "application/x-ndjson",
      [state](std::size_t, httplib::DataSink& sink) {
        std::string out;
        if (state->csv && state->next == 0) out += CsvHeader();
        const std::size_t count = std::min(kExportBatch, state->ids.size() - state->next);
        Result<std::vector<DocumentRecord>> records =
            state->searcher->Records(std::span(state->ids).subspan(state->next, count));
        if (!records.ok()) {
          LogWarning("searchd", "export cut short", {{"error", records.error().message}});
          return false;
        }
        for (const DocumentRecord& record : records.value()) {
          if (!state->csv) {
            out += JsonLine(record);
            continue;
          }
          // A document deleted since its record was read keeps its row, without these.
          CsvMatch match;
          if (Result<StoredDocument> document = state->searcher->Document(record.id, state->query);
              document.ok()) {
            match = {std::move(document.value().snippet), std::move(document.value().matching_pages)};
          }
          out += CsvLine(record, state->base_url, match);
        }
        state->next += count;
        if (!out.empty() && !sink.write(out.data(), out.size())) return false;
        if (state->next == state->ids.size()) sink.done();
        return true;
      });
}

void HandleFeed(const Index& index, const httplib::Request& req, httplib::Response& res) {
  Result<SearchInput> input = ParseSearchInput(req);
  if (!input.ok()) return WriteError(res, input.error());
  SearchRequest request = input.value().request;
  // A feed follows what is new: newest first, the first entries only.
  request.sort = SortOrder::kNewest;
  request.offset = 0;
  request.limit = req.has_param("per_page") ? request.limit : kDefaultFeedEntries;
  request.with_facets = false;
  request.time_budget = index.search_budget;
  Result<Searcher*> searcher = ThreadSearcher(index);
  if (!searcher.ok()) return WriteError(res, searcher.error());
  Result<SearchPage> page = Search(index, *searcher.value(), request);
  if (!page.ok()) return WriteError(res, page.error());
  Result<IndexStats> stats = searcher.value()->Stats(/*with_facets=*/false);
  if (!stats.ok()) return WriteError(res, stats.error());

  FeedInfo info;
  const std::string host = req.has_header("Host") ? req.get_header_value("Host") : "localhost";
  info.base_url = "http://" + host;
  info.self_url = info.base_url + req.target;
  info.title = request.query.empty() ? "Archivist: new documents"
                                     : "Archivist: new documents for " + request.query;
  info.updated = stats.value().last_indexed.empty() ? NowUtcRfc3339() : stats.value().last_indexed;
  res.set_content(AtomFeed(info, page.value().hits), "application/atom+xml; charset=utf-8");
}

void HandleDocument(const Index& index, const httplib::Request& req,
                    httplib::Response& res) {
  if (auto bad_id = CheckDocumentId(req.matches[1].str())) return WriteError(res, *bad_id);
  if (auto unknown = CheckKnownParams(req.params, {"ui_lang", "q"})) return WriteError(res, *unknown);
  Result<std::string> ui_language = ParseUiLanguage(req.params);
  if (!ui_language.ok()) return WriteError(res, ui_language.error());
  // `q`: the search the document was opened from, whose matches it marks.
  const std::string query = req.has_param("q") ? req.get_param_value("q") : "";
  if (query.size() > kMaxDocumentQueryBytes) {
    return WriteError(res, Error{ErrorCode::kInvalidArgument,
                                 "q: at most " + std::to_string(kMaxDocumentQueryBytes) + " bytes"});
  }
  Result<Searcher*> searcher = ThreadSearcher(index);
  if (!searcher.ok()) return WriteError(res, searcher.error());
  Result<StoredDocument> document = searcher.value()->Document(req.matches[1], query);
  if (!document.ok()) return WriteError(res, document.error());
  SendJson(res, DocumentJson(document.value(), ui_language.value(), !query.empty()));
}

void HandleOriginal(const Index& index, const httplib::Request& req,
                    httplib::Response& res) {
  if (auto bad_id = CheckDocumentId(req.matches[1].str())) return WriteError(res, *bad_id);
  if (auto unknown = CheckKnownParams(req.params, {})) return WriteError(res, *unknown);
  Result<Searcher*> searcher = ThreadSearcher(index);
  if (!searcher.ok()) return WriteError(res, searcher.error());
  // Only the id comes from the request; the file is named by the stored record.
  Result<StoredDocument> document = searcher.value()->Document(req.matches[1]);
  if (!document.ok()) return WriteError(res, document.error());
  Result<std::shared_ptr<OriginalFile>> opened = OpenOriginal(document.value().record);
  if (!opened.ok()) {
    LogWarning("searchd", "original refused", {{"id", document.value().record.id},
                                                {"reason", opened.error().message}});
    return WriteError(res, opened.error());
  }
  std::shared_ptr<OriginalFile> file = std::move(opened).value();
  // Archived HTML and XML may carry scripts: serve them in a sandbox, as an
  // origin of their own, so they cannot reach the API or the UI. (Browsers
  // refuse to show PDFs in a sandbox; their viewer runs no page scripts.)
  if (document.value().record.format != "pdf") {
    res.set_header("Content-Security-Policy",
                   "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'");
  }
  std::string encoded;
  for (unsigned char c : file->file_name) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      static const char kHex[] = "0123456789ABCDEF";
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  res.set_header("Content-Disposition", "inline; filename*=UTF-8''" + encoded);
  res.set_content_provider(
      file->size, file->content_type,
      [file](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
        char buffer[64 * 1024];
        const std::size_t want = std::min(length, sizeof buffer);
        const ssize_t n = pread(file->fd, buffer, want, static_cast<off_t>(offset));
        if (n <= 0) return false;  // the file shrank under us: cut the response short
        return sink.write(buffer, static_cast<std::size_t>(n));
      });
}

void HandleSimilar(const Index& index, const httplib::Request& req,
                   httplib::Response& res) {
  if (auto bad_id = CheckDocumentId(req.matches[1].str())) return WriteError(res, *bad_id);
  if (auto unknown = CheckKnownParams(req.params, {"limit", "ui_lang"})) {
    return WriteError(res, *unknown);
  }
  Result<int> limit = ParseCount(req.params, "limit", kDefaultPerPage, kMaxSimilar);
  if (!limit.ok()) return WriteError(res, limit.error());
  Result<std::string> ui_language = ParseUiLanguage(req.params);
  if (!ui_language.ok()) return WriteError(res, ui_language.error());
  Result<Searcher*> searcher = ThreadSearcher(index);
  if (!searcher.ok()) return WriteError(res, searcher.error());
  Result<std::vector<SearchHit>> hits =
      searcher.value()->Similar(req.matches[1], static_cast<Xapian::doccount>(limit.value()));
  if (!hits.ok()) return WriteError(res, hits.error());
  nlohmann::json out = nlohmann::json::array();
  for (const SearchHit& hit : hits.value()) out.push_back(HitJson(hit, ui_language.value()));
  SendJson(res, {{"id", req.matches[1]}, {"hits", std::move(out)}});
}

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
  Result<Searcher*> searcher = ThreadSearcher(index);
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
  Result<Searcher*> searcher = ThreadSearcher(index);
  if (!searcher.ok()) return WriteError(res, searcher.error());
  Result<IndexStats> stats = searcher.value()->Stats();
  if (!stats.ok()) return WriteError(res, stats.error());
  SendJson(res, StatsJson(stats.value(), ui_language.value()));
}

void HandleHealth(const Index& index, httplib::Response& res) {
  Result<Searcher*> searcher = ThreadSearcher(index);
  if (!searcher.ok()) return WriteError(res, searcher.error());
  Result<Xapian::doccount> count = searcher.value()->DocumentCount();
  if (!count.ok()) return WriteError(res, count.error());
  if (index.health->FailedSince(ObserveIndexFiles(index.path))) {
    return WriteError(res, Error{ErrorCode::kUnavailable,
                                 "index damaged: a read failed and its files have not changed"});
  }
  SendJson(res, {{"status", "ok"}, {"documents", count.value()}});
}

// "2026-11-28T14:00:00Z" → seconds since the epoch; nullopt when malformed.
std::optional<std::time_t> ParseUtc(const std::string& text) {
  std::tm tm{};
  const char* end = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  if (!end || *end != '\0') return std::nullopt;
  return timegm(&tm);
}

void HandleMetrics(const Index& index, const Metrics& metrics, httplib::Response& res) {
  std::optional<IndexGauges> gauges;
  Result<Searcher*> searcher = ThreadSearcher(index);
  if (searcher.ok()) {
    Result<IndexStats> stats = searcher.value()->Stats(/*with_facets=*/false);
    if (stats.ok()) {
      gauges = IndexGauges{stats.value().documents, std::nullopt};
      if (auto when = ParseUtc(stats.value().last_indexed)) {
        gauges->age_seconds = std::difftime(std::time(nullptr), *when);
      }
    }
  }
  res.set_content(metrics.Render(gauges, index.refresher->counts()),
                  "text/plain; version=0.0.4; charset=utf-8");
}

std::string Describe(const std::exception_ptr& ep) {
  try {
    if (ep) std::rethrow_exception(ep);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "unknown exception";
  }
  return "no exception";
}

// Whether a host (lower case, without brackets or port) names the loopback.
bool IsLoopbackHost(std::string_view host) {
  if (host == "localhost" || host == "::1") return true;
  if (host.rfind("127.", 0) != 0) return false;
  return std::all_of(host.begin(), host.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '.';
  });
}

// The host a Host header names, lower case, without brackets or port;
// nullopt when the value is not a name, an IPv4 address or a bracketed IPv6
// address, with an optional numeric port.
std::optional<std::string> HostOf(std::string_view value) {
  std::string host;
  std::string_view rest;
  if (!value.empty() && value.front() == '[') {
    const std::size_t close = value.find(']');
    if (close == std::string_view::npos || close == 1) return std::nullopt;
    host = value.substr(1, close - 1);
    rest = value.substr(close + 1);
    const auto is_v6 = [](char c) {
      return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.';
    };
    if (!std::all_of(host.begin(), host.end(), is_v6)) return std::nullopt;
  } else {
    const std::size_t colon = value.find(':');
    host = value.substr(0, colon);
    rest = colon == std::string_view::npos ? std::string_view() : value.substr(colon);
    const auto is_name = [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
    };
    if (host.empty() || !std::all_of(host.begin(), host.end(), is_name)) return std::nullopt;
  }
  if (!rest.empty()) {
    if (rest.front() != ':' || rest.size() < 2 || rest.size() > 6) return std::nullopt;
    const auto is_digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
    if (!std::all_of(rest.begin() + 1, rest.end(), is_digit)) return std::nullopt;
  }
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return host;
}

// RouteConfig::listen_host says who may be named in Host.
std::optional<Error> CheckHost(const httplib::Request& req, const std::string& listen_host) {
  const std::size_t count = req.get_header_value_count("Host");
  if (count == 0) return std::nullopt;  // HTTP/1.0
  const std::optional<std::string> host = HostOf(req.get_header_value("Host"));
  if (count > 1 || !host) {
    return Error{ErrorCode::kInvalidArgument, "Host: want one HOST or HOST:PORT"};
  }
  if (!IsLoopbackHost(listen_host) || IsLoopbackHost(*host) || *host == listen_host) {
    return std::nullopt;
  }
  return Error{ErrorCode::kInvalidArgument,
               "Host: this server answers to the loopback only (127.0.0.1, localhost, [::1])"};
}

// httplib's mount serves any regular file a path reaches, through symbolic
// links out of the folder and dotfiles (.git, editors' backups) alike. What
// it must not serve is refused before it looks: a path with a segment that
// starts with a dot, or one that resolves outside `root` (canonical; empty:
// no web UI).
bool StaticPathRefused(const std::filesystem::path& root, const std::string& path) {
  if (root.empty() || path.rfind("/api/", 0) == 0) return false;
  std::string sub = path.substr(
      path.find_first_not_of('/') == std::string::npos ? path.size() : path.find_first_not_of('/'));
  if (sub.empty() || sub.back() == '/') sub += "index.html";  // as httplib does
  std::size_t begin = 0;
  while (begin < sub.size()) {
    const std::size_t end = std::min(sub.find('/', begin), sub.size());
    if (end > begin && sub[begin] == '.') return true;
    begin = end + 1;
  }
  std::error_code error;
  const std::filesystem::path resolved = std::filesystem::weakly_canonical(root / sub, error);
  if (error) return true;
  const auto [in_root, in_path] =
      std::mismatch(root.begin(), root.end(), resolved.begin(), resolved.end());
  return in_root != root.end();
}

// A body searchd will not read: over the limit, of a length not declared
// (chunked), or declared in a way that is not a number.
bool BodyRefused(const httplib::Request& req) {
  if (req.has_header("Transfer-Encoding")) return true;
  if (!req.has_header("Content-Length")) return false;
  const std::string text = req.get_header_value("Content-Length");
  std::size_t length = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, length);
  return ec != std::errc() || ptr != end || length > kMaxRequestBody;
}

void SetSecurityHeaders(httplib::Response& res) {
  // The UI loads nothing from elsewhere and runs no inline code. A handler
  // that set a stricter policy of its own (originals) keeps it.
  if (!res.has_header("Content-Security-Policy")) {
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                   "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
  }
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("X-Frame-Options", "DENY");
}

}  // namespace

void InstallRoutes(httplib::Server& server, const RouteConfig& config) {
  auto metrics = std::make_shared<Metrics>();
  if (config.refusals) metrics->ShowRefusals(config.refusals);
  auto cache = std::make_shared<SearchCache>(config.cached_answers, config.stale_answers_for);
  // At most as many refreshes waiting as answers cached: more could not all be kept.
  auto refresher = std::make_shared<AnswerRefresher>(
      config.index_path, cache, std::max<std::size_t>(config.cached_answers, 1),
      config.refresh_threads);
  const Index index{config.index_path, cache, refresher, std::make_shared<IndexHealth>(),
                    config.search_budget};
  // Every route, in one table. The label names the route in /metrics.
  struct Route {
    const char* pattern;
    const char* label;
    Handler handler;
  };
  const Route routes[] = {
      {"/api/search", "/api/search",
       [index](const auto& req, auto& res) { HandleSearch(index, req, res); }},
      {"/api/export", "/api/export",
       [index](const auto& req, auto& res) { HandleExport(index, req, res); }},
      {"/api/feed", "/api/feed",
       [index](const auto& req, auto& res) { HandleFeed(index, req, res); }},
      {"/api/suggest", "/api/suggest",
       [index](const auto& req, auto& res) { HandleSuggest(index, req, res); }},
      {"/api/stats", "/api/stats",
       [index](const auto& req, auto& res) { HandleStats(index, req, res); }},
      {R"(/api/documents/([^/]+))", "/api/documents/{id}",
       [index](const auto& req, auto& res) { HandleDocument(index, req, res); }},
      {R"(/api/documents/([^/]+)/original)", "/api/documents/{id}/original",
       [index](const auto& req, auto& res) { HandleOriginal(index, req, res); }},
      {R"(/api/documents/([^/]+)/similar)", "/api/documents/{id}/similar",
       [index](const auto& req, auto& res) { HandleSimilar(index, req, res); }},
      {"/healthz", "/healthz", [index](const auto&, auto& res) { HandleHealth(index, res); }},
      {"/metrics", "/metrics",
       [index, metrics](const auto&, auto& res) { HandleMetrics(index, *metrics, res); }},
  };
  for (const Route& route : routes) {
    server.Get(route.pattern, [label = route.label, handler = route.handler](
                                  const httplib::Request& req, httplib::Response& res) {
      t_route = label;
      handler(req, res);
    });
  }
  // Every route is a GET: a request body is never read, so a large one is
  // refused (413) before it is buffered.
  server.set_payload_max_length(kMaxRequestBody);
  if (!config.webui_dir.empty() && !server.set_mount_point("/", config.webui_dir)) {
    LogWarning("searchd", "web UI folder not found", {{"dir", config.webui_dir}});
  }

  std::error_code no_webui;
  std::filesystem::path webui_root;
  if (!config.webui_dir.empty())
    webui_root = std::filesystem::canonical(config.webui_dir, no_webui);
  auto gate = std::make_shared<AccessGate>(config.access);
  server.set_pre_routing_handler([webui_root, listen_host = config.listen_host, gate](
                                     const httplib::Request& req, httplib::Response& res) {
    t_request_start = Clock::now();
    t_route = "other";  // static files and unknown routes
    // httplib 0.11 reads a chunked body whole whatever the payload limit,
    // and reads and drops a body over the limit before answering 413: refuse
    // both here, before any of the body is read, and close the connection,
    // whose next bytes are that body, not a request.
    if (BodyRefused(req)) {
      WriteError(res, ApiError::kPayloadTooLarge,
                 "request body over " + std::to_string(kMaxRequestBody / 1024) +
                     " KiB, or of undeclared length");
      CloseAfterThisAnswer(res);
      return httplib::Server::HandlerResponse::Handled;
    }
    // After the body check: a refused Host leaves the connection in step.
    if (auto wrong_host = CheckHost(req, listen_host)) {
      WriteError(res, *wrong_host);
      return httplib::Server::HandlerResponse::Handled;
    }
    if (gate->Refused(req, res)) return httplib::Server::HandlerResponse::Handled;
    if ((req.method == "GET" || req.method == "HEAD") && StaticPathRefused(webui_root, req.path)) {
      WriteError(res, ApiError::kNotFound, "no such route");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.set_post_routing_handler([metrics, index](const httplib::Request&,
                                                  httplib::Response& res) {
    SetSecurityHeaders(res);
    // An index route that could not read the index (damaged, deleted) is
    // what /healthz reports until the files change.
    if (res.status == 503 && t_route != std::string_view("other")) {
      index.health->ReadFailed(ObserveIndexFiles(index.path));
    }
    // Counted here, before the answer is written (httplib runs the logger
    // after), so a client that reads /metrics next always sees its request.
    // Streamed answers (export, originals) are timed until they start.
    // Errors are counted by the API's code, read back from the body written
    // for them (this runs after httplib's error handler).
    metrics->Record(t_route, res.status, ErrorCodeOf(res),
                    MillisecondsSince(t_request_start) / 1000);
  });
  server.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        // An exception escaping a handler is a bug: log it, answer 500 without internals.
        LogError("searchd", "unhandled exception", {{"path", req.path}, {"what", Describe(ep)}});
        WriteError(res, Error{ErrorCode::kInternal, "internal error"});
      });
  // The statuses httplib sets by itself (no route, a wrong method, a body
  // over the limit) get their code and status from http_error too.
  server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    // A request httplib could not read whole (a malformed or cut head, a URI
    // over its limit, a body it would not read) leaves the connection out of
    // step; waiting for a next request on it held a worker for the 5 s
    // keep-alive timeout. Errors from handlers (with a body) keep it open.
    const bool unread =
        res.body.empty() && (res.status == 400 || res.status == 413 || res.status == 414);
    WriteUnhandledError(req, res);
    if (unread) CloseAfterThisAnswer(res);
  });
  server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    const double ms = MillisecondsSince(t_request_start);
    LogInfo("searchd", "request",
            {{"method", req.method},
             {"path", req.path},
             {"route", t_route},
             {"status", std::to_string(res.status)},
             {"ms", std::to_string(ms)}});
  });
}

}  // namespace archivist::searchd
