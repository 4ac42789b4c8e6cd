// SPDX-License-Identifier: GPL-2.0-or-later
// Every route in one table, and what runs around each request: the guards
// (searchd/request_guards.h), the metrics, the log line, the error bodies.
// The handlers are in routes_search.cc, routes_documents.cc and
// routes_index.cc (searchd/routes_handlers.h).
#include "searchd/routes.h"

#include <chrono>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <utility>

#include "core/log.h"
#include "searchd/connection.h"
#include "searchd/http_error.h"
#include "searchd/own_first_search.h"
#include "searchd/request_guards.h"
#include "searchd/routes_handlers.h"

namespace archivist::searchd {
namespace {

using Clock = std::chrono::steady_clock;
using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

// Request start time and route label, set before routing and read by the
// logger; all run on the thread that serves the request.
thread_local Clock::time_point t_request_start;
thread_local const char* t_route = "other";

double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
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

}  // namespace

std::shared_ptr<SetsWarmer> InstallRoutes(httplib::Server& server, const RouteConfig& config) {
  auto metrics = std::make_shared<Metrics>();
  if (config.refusals) metrics->ShowRefusals(config.refusals);
  auto cache = std::make_shared<SearchCache>(config.cached_answers, config.stale_answers_for);
  // At most as many refreshes waiting as answers cached: more could not all be kept.
  auto refresher = std::make_shared<AnswerRefresher>(
      config.index_path, cache, std::max<std::size_t>(config.cached_answers, 1),
      config.refresh_threads);
  // As many bulk threads as exports may be made at once.
  std::shared_ptr<LowPriorityThreads> bulk = config.bulk_threads;
  if (!bulk) {
    bulk = std::make_shared<LowPriorityThreads>(
        config.max_exports > 0 ? config.max_exports : kMaxExports, kBulkNiceness);
  }
  auto readers = std::make_shared<ReaderPool>(config.index_path, cache);
  // One reader opened before the first request, which would otherwise
  // open the index's tables itself. Without an index yet, the first
  // request tries again. Opened before the warmer starts, so that its own
  // first search borrows this one rather than opening a second.
  static_cast<void>(readers->Borrow().Get());
  auto warmer = std::make_shared<SetsWarmer>(config.index_path, cache,
                                             [readers] { AnswerOwnFirstSearch(*readers); });
  const Index index{config.index_path,
                    cache,
                    refresher,
                    std::make_shared<IndexHealth>(),
                    config.search_budget,
                    std::move(warmer),
                    std::make_shared<ExportSlots>(config.max_exports),
                    std::move(bulk),
                    std::move(readers)};
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
    ForgetCap();
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
    // A refusal at a cap (too many exports) is not such a failure.
    if (res.status == 503 && t_route != std::string_view("other") && !AnsweredAtCap()) {
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
      [](const httplib::Request& req, httplib::Response& res, const std::exception_ptr& ep) {
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
  return index.warmer;
}

}  // namespace archivist::searchd
