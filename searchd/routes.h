// SPDX-License-Identifier: GPL-2.0-or-later
// Every HTTP route of archivist-searchd, declared in one place.
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "searchd/access.h"
#include "searchd/sets_warmer.h"

namespace archivist::searchd {

class RefusalCounts;       // searchd/metrics.h
class LowPriorityThreads;  // searchd/low_priority.h

// The default stale allowance: new documents show in cached answers within
// about this long of the indexer's commit.
inline constexpr std::chrono::milliseconds kStaleAnswersFor{2000};

// Two, so that on two cores the refreshers keep up with an indexer
// committing every second or so (one left 24% of the answers stale under
// tools/bench/query's load, two 9–15%, with p99 within 1 ms).
inline constexpr int kRefreshThreads = 2;

// Exports made at once (searchd/export_slots.h); more are refused with 503.
// Four keep most of the default 16 workers for searches while exports are
// made, and let a few people download at once.
inline constexpr int kMaxExports = 4;

struct RouteConfig {
  std::string index_path;  // database directory or stub file
  std::string webui_dir;   // static files served at "/"; empty: none
  // Search answers kept (0: every search is computed), and how long after
  // a commit an answer computed before it may still be served while it is
  // recomputed in the background (0: never).
  std::size_t cached_answers = 1024;
  std::chrono::milliseconds stale_answers_for = kStaleAnswersFor;
  // Threads recomputing stale answers in the background.
  int refresh_threads = kRefreshThreads;
  // The address the server listens on. When it is the loopback, requests
  // whose Host header names anything but the loopback (127.0.0.1,
  // localhost, [::1], any port) or this address are refused with 400
  // invalid_argument: a page on another site reaching the API through DNS
  // rebinding names its own host. A Host that is not a host[:port] is
  // refused whatever the address; a request without one is served.
  std::string listen_host = "127.0.0.1";
  // How long the matcher passes of one search may take in all; a search
  // that runs out is refused with 400 invalid_argument naming the budget.
  std::chrono::milliseconds search_budget{5000};
  // The access token and the per-client rate limit (searchd/access.h).
  AccessConfig access = {};
  // What the server's reception refused before routing, shown in /metrics
  // (GuardedServer::refusal_counts()); none: not shown.
  std::shared_ptr<const RefusalCounts> refusals = {};
  // Exports made at once; past it /api/export answers 503 `unavailable`
  // with Retry-After (0: no cap).
  int max_exports = kMaxExports;
  // The threads exports make their rows on, at a lower CPU priority than
  // the workers; none: threads of the routes' own, as many as max_exports
  // (kMaxExports when there is no cap), kBulkNiceness nicer.
  std::shared_ptr<LowPriorityThreads> bulk_threads = {};
};

// Installs the API routes, the static web UI, security headers, JSON error
// bodies for every failure and one log line per request. `server` must not
// be listening yet. Handlers run on the server's worker threads; each
// request borrows a reader from one pool (searchd/reader_pool.h), and the
// readers share one SearchCache. Returns the thread that builds each
// commit's facet sets in the background (the routes keep it too), for a
// caller that wants to wait for its first look before it listens: the
// first build, then searchd's own first search (own_first_search.h).
std::shared_ptr<SetsWarmer> InstallRoutes(httplib::Server& server, const RouteConfig& config);

}  // namespace archivist::searchd
