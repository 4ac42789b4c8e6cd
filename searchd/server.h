// SPDX-License-Identifier: GPL-2.0-or-later
// Running archivist-searchd: bind, serve until SIGTERM or SIGINT, stop cleanly.
#pragma once

#include <string>

#include "core/error.h"

namespace archivist::searchd {

struct ServerConfig {
  std::string index_path = "var/index";
  std::string host = "127.0.0.1";  // loopback unless told otherwise
  int port = 8080;                 // 0: any free port
  std::string webui_dir = "webui";
  int threads = 8;
};

// Parses "HOST:PORT" or "[V6HOST]:PORT" into config.host and config.port.
// kInvalidArgument naming what is wrong.
Result<ServerConfig> WithListenAddress(ServerConfig config, const std::string& listen);

// Binds, prints "listening on http://HOST:PORT" on stdout once it accepts
// connections, and serves until SIGTERM or SIGINT. Returns the exit status.
// Throws archivist::Exception when the address cannot be bound.
int RunServer(const ServerConfig& config);

}  // namespace archivist::searchd
