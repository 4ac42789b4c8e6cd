// SPDX-License-Identifier: GPL-2.0-or-later
// An httplib server (searchd's GuardedServer in the suites) listening on
// 127.0.0.1, on any free port, on a thread of its own, for a test: every
// suite that runs searchd's routes in process started and stopped one with
// the same dozen lines.
#pragma once

#include <atomic>
#include <chrono>
#include <thread>

#include <httplib.h>

namespace archivist::testing {

// Thread safety: Start() and Stop() from the test's thread; the server's
// handlers run on its own threads meanwhile.
class ServerThread {
 public:
  ServerThread() = default;
  ~ServerThread() { Stop(); }
  ServerThread(const ServerThread&) = delete;
  ServerThread& operator=(const ServerThread&) = delete;

  // Binds `server` (its routes and options already set) to 127.0.0.1 on a
  // free port and listens on a new thread. Returns the port, -1 when it
  // could not bind. `server` must outlive this object, or Stop() be called
  // first. A template so that a class hiding httplib's non-virtual
  // bind_to_any_port (GuardedServer sets its listen backlog there) has its
  // own called.
  template <typename Server>
  int Start(Server& server) {
    Stop();
    server_ = &server;
    ended_ = false;
    port_ = server.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] {
      server_->listen_after_bind();
      ended_ = true;
    });
    return port_;
  }

  // Stops the server and waits for its listening thread; nothing when not
  // started.
  void Stop() {
    if (!thread_.joinable()) return;
    // httplib's stop() does nothing until the accept loop runs, and a test
    // may end before it does: repeat until listening has ended.
    while (!ended_) {
      server_->stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    thread_.join();
  }

  int port() const { return port_; }

 private:
  httplib::Server* server_ = nullptr;
  int port_ = -1;
  std::atomic<bool> ended_{false};
  std::thread thread_;
};

}  // namespace archivist::testing
