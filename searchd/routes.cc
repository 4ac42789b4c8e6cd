// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/routes.h"

#include <chrono>
#include <exception>
#include <memory>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "core/log.h"
#include "core/search.h"
#include "searchd/http_error.h"
#include "searchd/search_json.h"
#include "searchd/search_params.h"

namespace archivist::searchd {
namespace {

using Clock = std::chrono::steady_clock;

// One reader per worker thread and index (Xapian::Database is not
// thread-safe); a failed open is retried on the next request, so searchd
// starts before the first index exists and picks it up once it does.
Result<Searcher*> ThreadSearcher(const std::string& index_path) {
  thread_local std::unordered_map<std::string, std::unique_ptr<Searcher>> searchers;
  auto it = searchers.find(index_path);
  if (it != searchers.end()) return it->second.get();
  Result<std::unique_ptr<Searcher>> opened = Searcher::Open(index_path);
  if (!opened.ok()) return opened.error();
  Searcher* searcher = opened.value().get();
  searchers.emplace(index_path, std::move(opened).value());
  return searcher;
}

// Request start time, set before routing and read by the logger; both run on
// the thread that serves the request.
thread_local Clock::time_point t_request_start;

double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void SendJson(httplib::Response& res, const nlohmann::json& body) {
  res.set_content(body.dump(), "application/json");
}

void HandleSearch(const RouteConfig& config, const httplib::Request& req,
                  httplib::Response& res) {
  const Clock::time_point start = Clock::now();
  Result<SearchRequest> request = ParseSearchParams(req.params);
  if (!request.ok()) return WriteError(res, request.error());
  Result<Searcher*> searcher = ThreadSearcher(config.index_path);
  if (!searcher.ok()) return WriteError(res, searcher.error());
  Result<SearchPage> page = searcher.value()->Search(request.value());
  if (!page.ok()) return WriteError(res, page.error());
  SendJson(res, SearchPageJson(request.value(), page.value(), MillisecondsSince(start)));
}

void HandleHealth(const RouteConfig& config, httplib::Response& res) {
  Result<Searcher*> searcher = ThreadSearcher(config.index_path);
  if (!searcher.ok()) return WriteError(res, searcher.error());
  Result<Xapian::doccount> count = searcher.value()->DocumentCount();
  if (!count.ok()) return WriteError(res, count.error());
  SendJson(res, {{"status", "ok"}, {"documents", count.value()}});
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

void SetSecurityHeaders(httplib::Response& res) {
  // The UI loads nothing from elsewhere and runs no inline code.
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                 "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("X-Frame-Options", "DENY");
}

}  // namespace

void InstallRoutes(httplib::Server& server, const RouteConfig& config) {
  server.Get("/api/search", [config](const httplib::Request& req, httplib::Response& res) {
    HandleSearch(config, req, res);
  });
  server.Get("/healthz", [config](const httplib::Request&, httplib::Response& res) {
    HandleHealth(config, res);
  });
  if (!config.webui_dir.empty() && !server.set_mount_point("/", config.webui_dir)) {
    LogWarning("searchd", "web UI folder not found", {{"dir", config.webui_dir}});
  }

  server.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    t_request_start = Clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.set_post_routing_handler(
      [](const httplib::Request&, httplib::Response& res) { SetSecurityHeaders(res); });
  server.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        // An exception escaping a handler is a bug: log it, answer 500 without internals.
        LogError("searchd", "unhandled exception", {{"path", req.path}, {"what", Describe(ep)}});
        WriteError(res, Error{ErrorCode::kInternal, "internal error"});
      });
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;  // runs for every status >= 400: keep handler bodies
    const int status = res.status;
    WriteError(res, Error{ErrorCode::kNotFound, "no such route or method"});
    res.status = status;
  });
  server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    LogInfo("searchd", "request",
            {{"method", req.method},
             {"path", req.path},
             {"status", std::to_string(res.status)},
             {"ms", std::to_string(MillisecondsSince(t_request_start))}});
  });
}

}  // namespace archivist::searchd
