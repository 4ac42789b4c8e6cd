// SPDX-License-Identifier: GPL-2.0-or-later
// How searchd reads a connection: the limits httplib 0.11 does not keep.
#pragma once

#include <cstddef>

#include <httplib.h>

namespace archivist::searchd {

// The most bytes a request line and its headers may take together. Past it
// the request is cut short: httplib answers 400 (414 when the request line
// alone is too long) and the connection is closed.
inline constexpr std::size_t kMaxRequestHead = 16 * 1024;

// An httplib::Server whose connections are read through a stream of its
// own, because Debian 12 ships httplib 0.11 as a shared library whose
// limits are compiled in (CPPHTTPLIB_* defines in our code change nothing)
// and which buffers a header line of any length, and any number of header
// lines, before it looks at them:
// - a request's head is cut at kMaxRequestHead bytes, so no header line or
//   header count is buffered past it;
// - a connection is closed once an answer marked by CloseAfterThisAnswer()
//   is written, instead of waiting for a next request that cannot come in
//   step;
// - bytes read past one request stay for the next (pipelining).
// Everything else (keep-alive count and timeout, read and write timeouts,
// routing) is httplib's, with the server's settings.
// Thread safety: as httplib::Server; each connection is served on one
// worker thread.
class GuardedServer : public httplib::Server {
 public:
  // Sets the listen backlog of the bound socket (call after bind_to_port or
  // bind_to_any_port, before listen_after_bind). httplib 0.11 listens with a
  // backlog of 5, compiled into the library: 32 clients connecting at once
  // waited for retransmitted SYNs (1 s). Linux lets listen() be called again
  // on a listening socket to change it. False when not bound or refused.
  bool SetListenBacklog(int backlog);

 private:
  // httplib calls this on a worker thread for each accepted connection.
  bool process_and_close_socket(socket_t sock) override;
};

// Marks the answer being written on this thread as its connection's last:
// `Connection: close`, and GuardedServer closes the connection once the
// answer is written. For answers that leave the connection out of step (a
// malformed request, a body that was not read). Call it from a handler or
// httplib's pre-routing or error handler.
void CloseAfterThisAnswer(httplib::Response& res);

}  // namespace archivist::searchd
