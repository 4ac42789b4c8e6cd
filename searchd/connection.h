// SPDX-License-Identifier: GPL-2.0-or-later
// How searchd reads a connection: the limits httplib 0.11 does not keep.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include <httplib.h>

#include "searchd/reception.h"

namespace archivist::searchd {

// The most bytes a request line and its headers may take together; past it
// the request is refused (431, or 414 when the request line alone is over
// its limit) and the connection is closed.
inline constexpr std::size_t kMaxRequestHead = 16 * 1024;
// Every route is a GET: a body is never read, and one over this is refused
// (413) before it is.
inline constexpr std::size_t kMaxRequestBody = 64 * 1024;

// Connections the kernel may hold before they are accepted. The reception
// accepts as fast as they come, so this only absorbs bursts; httplib's 5
// made 32 clients connecting at once wait a second for retransmitted SYNs.
inline constexpr int kListenBacklog = 1024;

// The reception's default limits with the sizes above.
ReceptionLimits DefaultReceptionLimits();

// An httplib::Server whose connections are received by a Reception
// (searchd/reception.h) and whose workers are the reception's: httplib's
// accept loop hands each accepted socket over at once, the reception reads
// request heads for every connection in one poll() loop, and a worker runs
// httplib's request processing (routing, handlers, writing the answer) for
// one whole request at a time. Debian 12 ships httplib 0.11 as a shared
// library whose limits are compiled in, so they are kept here instead:
// - a head over kMaxRequestHead, a request line or a header line over
//   8 KiB: 414 or 431, answered by the reception itself;
// - a request that has not arrived whole within the request deadline: 408
//   (httplib's 5 s timeout was per read, with no overall deadline);
// - at most `max_connections_per_client` connections per client address;
// - idle keep-alive connections wait in the reception, not on a worker;
// - a connection is closed once an answer marked by CloseAfterThisAnswer()
//   is written, instead of waiting for a next request that cannot come in
//   step; bytes read past one request stay for the next (pipelining).
// Thread safety: as httplib::Server; handlers run on the reception's
// workers, one request at a time each.
class GuardedServer : public httplib::Server {
 public:
  explicit GuardedServer(ReceptionLimits limits = DefaultReceptionLimits());
  ~GuardedServer() override;

  // httplib's binds, followed by SetListenBacklog(kListenBacklog): the
  // backlog is set here, on the binding thread, before any thread listens.
  // (It was set when listening started, on the listening thread, where a
  // stop() from another thread could close the socket under listen():
  // ThreadSanitizer's report in the API suite.) These hide httplib's
  // non-virtual functions of the same names: call them on a GuardedServer.
  bool bind_to_port(const std::string& host, int port, int socket_flags = 0);
  int bind_to_any_port(const std::string& host, int socket_flags = 0);

  // Sets the listen backlog of the bound socket. httplib 0.11 listens with a
  // backlog of 5, compiled into the library; Linux lets listen() be called
  // again on a listening socket to change it. Call it before the thread
  // that runs listen_after_bind() starts. False when not bound or refused.
  bool SetListenBacklog(int backlog);

  // What the reception refused (408, 414, 431, 429, and connections closed
  // unanswered), for /metrics (Metrics::ShowRefusals).
  std::shared_ptr<const RefusalCounts> refusal_counts() const { return refusal_counts_; }

  // The room slow readers' spills take on disk (ReceptionLimits::max_spill_bytes).
  std::shared_ptr<const SpillRoom> spill_room() const { return spill_room_; }

 private:
  // httplib's accept loop calls this (through the task queue, on its own
  // thread) for each accepted connection: it hands the socket over.
  bool process_and_close_socket(socket_t sock) override;
  // On a worker: answers the whole request at the front of `connection`.
  AfterAnswer Answer(Connection& connection);

  const ReceptionLimits limits_;
  const std::shared_ptr<RefusalCounts> refusal_counts_ = std::make_shared<RefusalCounts>();
  const std::shared_ptr<SpillRoom> spill_room_;
  std::unique_ptr<Reception> reception_;  // made when listening starts
};

// Marks the answer being written on this thread as its connection's last:
// `Connection: close`, and GuardedServer closes the connection once the
// answer is written. For answers that leave the connection out of step (a
// malformed request, a body that was not read). Call it from a handler or
// httplib's pre-routing or error handler.
void CloseAfterThisAnswer(httplib::Response& res);

}  // namespace archivist::searchd
