// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/server.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <iostream>
#include <thread>

#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include "core/log.h"
#include "searchd/connection.h"
#include "searchd/routes.h"

namespace archivist::searchd {
namespace {
constexpr std::size_t kKeepAliveRequests = 1000;
// How long a starting searchd waits for its index's facet sets before it
// takes connections anyway.
constexpr std::chrono::milliseconds kFirstSetsWait{5000};
}  // namespace

Result<ServerConfig> WithListenAddress(ServerConfig config, const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return Error{ErrorCode::kInvalidArgument, "--listen: want HOST:PORT, got '" + listen + "'"};
  }
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string port_text = listen.substr(colon + 1);
  int port = -1;
  const auto [ptr, ec] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || ptr != port_text.data() + port_text.size() || port < 0 || port > 65535) {
    return Error{ErrorCode::kInvalidArgument,
                 "--listen: port must be 0-65535, got '" + port_text + "'"};
  }
  config.host = host;
  config.port = port;
  return config;
}

Result<AccessConfig> AccessFor(const ServerConfig& config) {
  if (auto refused = CheckListenPolicy(config.host, !config.token_file.empty(), config.is_public)) {
    return *refused;
  }
  AccessConfig access;
  if (!config.token_file.empty()) {
    Result<std::string> token = ReadTokenFile(config.token_file);
    if (!token.ok()) return token.error();
    access.token = std::move(token).value();
  }
  access.requests_per_second = config.rate_limit;
  access.burst = config.rate_burst;
  access.limit_loopback = config.limit_loopback;
  return access;
}

int RunServer(const ServerConfig& config) {
  Result<AccessConfig> access = AccessFor(config);
  if (!access.ok()) throw Exception(access.error().code, access.error().message);

  // Block the stop signals in every thread; one thread waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  ReceptionLimits limits = DefaultReceptionLimits();
  limits.workers = config.threads;
  limits.max_connections_per_client = config.max_connections_per_client;
  limits.limit_loopback = config.limit_loopback;
  limits.request_deadline = config.request_deadline;
  limits.max_slow_streams = config.max_slow_streams;
  limits.max_slow_streams_per_client = config.max_slow_streams_per_client;
  limits.answer_deadline = config.answer_deadline;
  limits.max_spill_bytes = config.max_spill_mib << 20;
  GuardedServer server(limits);
  // httplib closes a keep-alive connection after 5 requests by default, and
  // a new connection costs more than a cached answer: keep them open longer.
  server.set_keep_alive_max_count(kKeepAliveRequests);
  // httplib writes headers and body separately; with Nagle's algorithm and
  // the client's delayed ACK every answer waited ~40 ms (tools/bench/query).
  // (Set in commit 746f968 and lost in a later merge.)
  server.set_tcp_nodelay(true);
  const std::shared_ptr<SetsWarmer> warmer = InstallRoutes(
      server, {config.index_path, config.webui_dir, config.cached_answers, config.stale_answers_for,
               config.refresh_threads, config.host, config.search_budget, access.value(),
               server.refusal_counts(), config.max_exports});

  // Connections are taken once the index's facet sets are built and
  // searchd's own first search is answered (own_first_search.h), so that
  // the first user's search neither waits for the sets (on the bench
  // corpus's index the build is about twice a search) nor builds what a
  // process builds on first use, unless the two take unusually long: a huge
  // index is then served while they end.
  if (!warmer->WaitForFirstLook(kFirstSetsWait)) {
    LogInfo("searchd",
            "taking connections before the facet sets and the own first search are done",
            {{"waited_ms", std::to_string(kFirstSetsWait.count())}});
  }

  int port = config.port;
  if (port == 0) {
    port = server.bind_to_any_port(config.host);
  } else if (!server.bind_to_port(config.host, port)) {
    port = -1;
  }
  if (port < 0) {
    throw Exception(ErrorCode::kUnavailable,
                    "cannot listen on " + config.host + ":" + std::to_string(config.port));
  }

  std::atomic<bool> listening_ended{false};
  std::thread signal_waiter([&server, &listening_ended, stop_signals] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    if (listening_ended) return;  // woken by the main thread after listening ended
    LogInfo("searchd", "stopping", {{"signal", std::to_string(signal_number)}});
    // httplib's stop() does nothing until the accept loop runs, and a signal
    // can come between bind and that loop: repeat until listening ends.
    while (!listening_ended) {
      server.stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });

  const std::string shown_host =
      config.host.find(':') != std::string::npos ? "[" + config.host + "]" : config.host;
  std::cout << "listening on http://" << shown_host << ":" << port << std::endl;
  LogInfo("searchd", "serving", {{"index", config.index_path}, {"webui", config.webui_dir}});
  const bool clean = server.listen_after_bind();
  listening_ended = true;
  // Wakes the waiter if still waiting: it is blocked in sigwait() for this
  // very signal, which every thread blocks, so nothing is terminated.
  // NOLINTNEXTLINE(bugprone-bad-signal-to-kill-thread)
  pthread_kill(signal_waiter.native_handle(), SIGTERM);
  signal_waiter.join();
  return clean ? 0 : 1;
}

}  // namespace archivist::searchd
