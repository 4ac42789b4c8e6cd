// SPDX-License-Identifier: GPL-2.0-or-later
// searchd's reception: one thread that holds every connection between
// requests and reads request heads, and a pool of workers that only ever
// see whole requests.
//
// Why not httplib's model: httplib 0.11 gives each connection a worker for
// its whole life. A client that sends a request line a byte every 4.5 s
// (its 5 s read timeout is per read) kept a worker for as long as it liked;
// 64 of them held all 64 workers and no search was answered. Here a
// connection costs a worker only while a complete request is being
// answered: slow senders, idle keep-alive connections and half-sent heads
// wait in one poll() loop, which cuts each request at a deadline for the
// whole request and caps the connections of each client address.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "searchd/metrics.h"
#include "searchd/request_scan.h"
#include "searchd/spill.h"

namespace archivist::searchd {

struct ReceptionLimits {
  RequestLimits request;
  // From a request's first byte (or from the connection's start) until the
  // whole request, head and body, has arrived. Past it: 408 and close.
  std::chrono::milliseconds request_deadline{10000};
  // How long a connection may wait for its next request (keep-alive).
  std::chrono::milliseconds idle_timeout{5000};
  // Connections open at once from one client address; past it a new one
  // gets 429 and is closed. 0: no cap.
  int max_connections_per_client = 32;
  // Loopback clients are not capped unless this is set: on the loopback
  // an address does not tell clients apart (this machine's users, tools,
  // benchmarks, and a reverse proxy speaking for everyone all share it).
  bool limit_loopback = false;
  // A client reading its answer (an export, an original file) slower than
  // this many bytes a second, on average from the answer's start, once the
  // grace is over, is cut off: the worker writing it would otherwise wait
  // on it for as long as it liked (httplib's write timeout is per write,
  // and a client taking a few bytes now and then keeps each one short).
  // What the client's kernel acknowledged counts, not what searchd's
  // kernel buffered. 0: no floor.
  std::size_t min_send_rate = 16 * 1024;
  std::chrono::milliseconds send_grace{10000};
  // Slow readers. An answer whose client has made no room for its next
  // bytes within `hand_over_after` is finished by the reception's loop,
  // which writes without blocking: the worker writes the rest of it to a
  // spill (searchd/spill.h) at the speed it is made and goes back to work.
  // Without it a client reading an export or an original file just fast
  // enough to stay above the send floor held a worker for the whole
  // download, and 16 of them held every worker. At most `max_slow_streams`
  // such answers in all and `max_slow_streams_per_client` per client
  // address (loopback clients as for max_connections_per_client) are
  // handed over; past either cap the worker writes the answer itself,
  // under the send floor, as before. 0: nothing is handed over.
  int max_slow_streams = 128;
  int max_slow_streams_per_client = 8;
  std::chrono::milliseconds hand_over_after{100};
  // The most one handed-over answer may keep (memory, then a temporary
  // file); past it the worker sends what was kept and writes the rest itself.
  std::size_t max_slow_stream_bytes = std::size_t{256} << 20;
  // The most every handed-over answer's temporary file may take on disk
  // together (SpillRoom). An answer that would take it past is ended with
  // a reset, counted and logged (not taken back by its worker, which would
  // wait on its reader again). 0: no cap.
  std::size_t max_spill_bytes = std::size_t{1} << 30;
  // A handed-over answer not read whole this long after it started is cut.
  std::chrono::milliseconds answer_deadline{30 * 60 * 1000};
  // Connections open at once in all; past it a new one is closed at once.
  int max_connections = 4096;
  int workers = 16;
};

enum class AfterAnswer {
  kKeepOpen,       // wait for the next request
  kClose,          // close now
  kDrainAndClose,  // the client may still be sending: read and drop a while, then close
};

// A client connection between two requests, owned by whoever holds it (the
// reception's loop, the work queue, or one worker).
struct Connection {
  int fd = -1;
  std::string client;              // the peer's address, as text
  bool counted = false;            // counted against its client's cap
  std::string received;            // bytes read and not yet answered
  std::size_t request_length = 0;  // a whole request at the front of `received`
  std::size_t answered = 0;        // requests answered on it
  std::chrono::steady_clock::time_point deadline;
  bool request_started = false;  // a byte of the next request has come
  bool lingering = false;        // answered for the last time: reading and dropping
  // The rest of an answer its client reads slowly, for the loop to send
  // (Reception::ClaimSlowStream), and what becomes of the connection after;
  // `deadline` is then the answer's.
  std::unique_ptr<Spill> rest;
  AfterAnswer after_rest = AfterAnswer::kClose;
  bool slow_stream = false;  // holds one of the slow-stream places
};

// What a worker does with a connection whose `received` starts with a
// whole request (`request_length` bytes): answer it, leave what follows it
// in `received`, and say what becomes of the connection.
using Serve = std::function<AfterAnswer(Connection&)>;

// An answer the reception writes by itself (it never blocks on a client).
struct Refusal {
  int status;
  std::string head_and_body;  // a whole HTTP response, "Connection: close"
  RefusalReason reason;       // what it is counted as
};

// How the reception refuses: 408 past the deadline, 414 and 431 for heads
// over their limits, 429 past the per-client cap. Filled in by the server
// with the API's error bodies.
struct Refusals {
  Refusal request_timeout;
  Refusal uri_too_long;
  Refusal headers_too_large;
  Refusal too_many_connections;
  // Where every refusal is counted, with the connections closed unanswered
  // when searchd holds its most (for /metrics); none: not counted.
  std::shared_ptr<RefusalCounts> counts;
};

// Thread safety: Admit() may be called from any one thread at a time (the
// accept loop); Stop() once, from any thread. `serve` runs on the workers.
class Reception {
 public:
  Reception(ReceptionLimits limits, Refusals refusals, Serve serve);
  ~Reception();  // Stop()s
  Reception(const Reception&) = delete;
  Reception& operator=(const Reception&) = delete;

  // Takes ownership of an accepted socket: it is closed by the reception,
  // whether it is served, refused, or times out.
  void Admit(int fd);

  // Closes every waiting connection, lets the workers finish the requests
  // they hold, and joins every thread. Connections handed back afterwards
  // are closed.
  void Stop();

  // Connections open now (waiting or being answered): for tests.
  std::size_t OpenConnections() const;

  // Called by a worker whose client makes no room for its answer: true
  // when the connection may hand the rest of its answer over (fewer than
  // max_slow_streams in all, and than max_slow_streams_per_client from its
  // client, are held), and it then holds a place until the answer is sent,
  // cut, or the connection closed. Counted in the refusal counts.
  bool ClaimSlowStream(Connection& connection);

  // Gives back the place a connection holds, if it holds one (a worker
  // that took a handed-over answer back; closing a connection does it too).
  void ReleaseSlowStream(Connection& connection);

  // Answers handed over and not yet sent whole: for tests.
  std::size_t SlowStreams() const;

 private:
  void Loop();
  void Work();
  void TakeIn(std::unique_ptr<Connection> connection);
  void Enqueue(std::unique_ptr<Connection> connection);
  void Return(std::unique_ptr<Connection> connection, AfterAnswer after);
  // Reads what the client sent; false when the connection is done with.
  bool ReadFrom(Connection& connection);
  // Decides from what has come whether to dispatch, refuse or wait.
  // False when the connection left the loop (dispatched or refused).
  bool Examine(std::unique_ptr<Connection>& connection);
  void Refuse(std::unique_ptr<Connection> connection, const Refusal& refusal);
  void Linger(std::unique_ptr<Connection> connection);
  void Close(std::unique_ptr<Connection> connection);
  // Sends more of a handed-over answer; false when the connection left the loop.
  bool SendRest(std::unique_ptr<Connection>& connection);
  void Wake();

  const ReceptionLimits limits_;
  const Refusals refusals_;
  const Serve serve_;
  int wake_fd_ = -1;  // an eventfd: tells the loop that its inbox has mail

  // Connections coming (back) to the loop from Admit() and the workers.
  std::mutex inbox_mutex_;
  std::vector<std::unique_ptr<Connection>> inbox_;
  bool stopping_ = false;  // guarded by inbox_mutex_

  // Connections with a whole request, waiting for a worker.
  std::mutex work_mutex_;
  std::condition_variable work_ready_;
  std::deque<std::unique_ptr<Connection>> work_;
  bool workers_stopping_ = false;  // guarded by work_mutex_

  // Open connections per client address, and in all.
  mutable std::mutex count_mutex_;
  std::unordered_map<std::string, int> per_client_;
  std::size_t open_ = 0;
  // Handed-over answers per client address, and in all.
  std::unordered_map<std::string, int> slow_per_client_;
  std::size_t slow_streams_ = 0;

  std::thread loop_;
  std::vector<std::thread> workers_;
  bool stopped_ = false;
};

// Whether an address (as text, IPv4, IPv6 or IPv4-mapped IPv6) is on the loopback.
bool IsLoopbackAddress(const std::string& address);

}  // namespace archivist::searchd
