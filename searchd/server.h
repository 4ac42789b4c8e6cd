// SPDX-License-Identifier: GPL-2.0-or-later
// Running archivist-searchd: bind, serve until SIGTERM or SIGINT, stop cleanly.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "core/error.h"
#include "searchd/routes.h"

namespace archivist::searchd {

struct ServerConfig {
  std::string index_path = "var/index";
  std::string host = "127.0.0.1";  // loopback unless told otherwise
  int port = 8080;                 // 0: any free port
  std::string webui_dir = "webui";
  // Workers answering whole requests (searchd/reception.h): connections
  // wait for their requests elsewhere, so these are sized for requests
  // being answered at once (streamed exports and originals hold one each).
  int threads = 16;
  // Connections open at once from one client address (0: no cap), and
  // whether loopback clients count (by default they do not: on the
  // loopback an address does not tell clients apart).
  int max_connections_per_client = 32;
  bool limit_loopback = false;
  // How long the matcher passes of one search may take in all (400 past it).
  std::chrono::milliseconds search_budget{5000};
  // A request must arrive whole (head and body) within this long.
  std::chrono::milliseconds request_deadline{10000};
  // Answers of slow readers handed over to the reception's loop, in all
  // and per client address (0: none handed over, the worker writes every
  // answer), and how long such an answer may take in all
  // (searchd/reception.h).
  int max_slow_streams = 128;
  int max_slow_streams_per_client = 8;
  std::chrono::seconds answer_deadline{30 * 60};
  // The most the handed-over answers' temporary files may take in
  // `$TMPDIR` together, in MiB (0: no cap); an answer that would pass it is
  // cut (searchd/spill.h).
  std::size_t max_spill_mib = 1024;
  // Exports made at once; more are refused with 503 (0: no cap).
  int max_exports = kMaxExports;
  // Off the loopback searchd needs one of these (searchd/access.h): a file
  // holding the access token the API then requires, or the statement that
  // the archive is public.
  std::string token_file;
  bool is_public = false;
  // API requests a second per client address, and the burst allowed after
  // a quiet spell (0: no limit). Generous for a person searching as they
  // type (a keystroke asks for suggestions, a pause for a search); a script
  // fetching every document is slowed to this pace. Loopback clients are
  // exempt unless limit_loopback.
  double rate_limit = 20;
  double rate_burst = 40;
  std::size_t cached_answers = 1024;  // search answers kept; 0: none
  // After a commit, cached answers from before it may be served this long
  // while they are recomputed in the background; 0: never.
  std::chrono::milliseconds stale_answers_for = kStaleAnswersFor;
  int refresh_threads = kRefreshThreads;  // recomputing stale answers in the background
};

// Parses "HOST:PORT" or "[V6HOST]:PORT" into config.host and config.port.
// kInvalidArgument naming what is wrong.
Result<ServerConfig> WithListenAddress(ServerConfig config, const std::string& listen);

// Checks that the configuration may be served: the listen policy, and the
// token file read. kInvalidArgument naming the problem.
Result<AccessConfig> AccessFor(const ServerConfig& config);

// Binds, prints "listening on http://HOST:PORT" on stdout once it accepts
// connections, and serves until SIGTERM or SIGINT. Returns the exit status.
// Throws archivist::Exception when the address cannot be bound or
// AccessFor() refuses the configuration.
int RunServer(const ServerConfig& config);

}  // namespace archivist::searchd
