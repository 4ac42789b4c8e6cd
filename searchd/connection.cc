// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/connection.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <string>

#include <arpa/inet.h>
#include <linux/sockios.h>
#include <malloc.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/log.h"
#include "searchd/accept_encoding.h"
#include "searchd/http_error.h"

namespace archivist::searchd {
namespace {

using Clock = std::chrono::steady_clock;

// A request that took this long on its worker (a wildcard-heavy search)
// has usually allocated and freed much; glibc keeps what was freed in the
// worker's arena. 16 of the heaviest allowed searches, 4 at once, left
// searchd at 147 MB resident (14 MB before); malloc_trim(0) then gave it
// back down to 40 MB. Trimming walks the arenas, so only after such requests.
constexpr std::chrono::milliseconds kHeavyRequest{200};

// Set by CloseAfterThisAnswer(), read after the answer: both run on the
// worker that answers the request.
thread_local bool t_close_after_answer = false;

int Milliseconds(time_t sec, time_t usec) { return static_cast<int>(sec * 1000 + usec / 1000); }

bool Poll(int sock, short events, int timeout_ms) {
  pollfd fd{sock, events, 0};
  int n = 0;
  do {
    n = ::poll(&fd, 1, timeout_ms);
  } while (n < 0 && errno == EINTR);
  return n > 0;
}

void AddressOf(const sockaddr_storage& address, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = "";
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
    port = ntohs(v4.sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
    port = ntohs(v6.sin6_port);
  }
  ip = text;
}

// Bytes written to a socket that its peer has not acknowledged yet.
std::size_t Unacknowledged(int sock) {
  int queued = 0;
  return ::ioctl(sock, SIOCOUTQ, &queued) == 0 && queued > 0 ? static_cast<std::size_t>(queued)
                                                               : 0;
}

// The slowest a client may read its answer (ReceptionLimits::min_send_rate):
// counts what it acknowledged since the answer's first byte was sent (not
// since the request came: a search's own time is not the client's).
class SendFloor {
 public:
  SendFloor(std::size_t bytes_per_second, std::chrono::milliseconds grace)
      : bytes_per_second_(bytes_per_second), grace_(grace) {}

  void Wrote(std::size_t bytes) {
    if (written_ == 0) start_ = Clock::now();
    written_ += bytes;
  }

  // When the client will have fallen below the floor unless it reads more;
  // Clock::time_point::max() without a floor or before the first byte.
  Clock::time_point Due(int sock) const {
    if (bytes_per_second_ == 0 || written_ == 0) return Clock::time_point::max();
    const std::size_t queued = Unacknowledged(sock);
    const std::size_t read = written_ > queued ? written_ - queued : 0;
    const auto earned = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(static_cast<double>(read) /
                                      static_cast<double>(bytes_per_second_)));
    return start_ + grace_ + earned;
  }

 private:
  const std::size_t bytes_per_second_;
  const std::chrono::milliseconds grace_;
  Clock::time_point start_;  // when the first byte was sent
  std::size_t written_ = 0;
};

// A connection as httplib reads it: first the bytes the reception has
// already received (a whole request, and perhaps the start of the next),
// then the socket, which a request the reception judged whole should not
// need (httplib 0.11 reads a head a byte at a time, so the buffer matters).
class ReceivedStream final : public httplib::Stream {
 public:
  ReceivedStream(Connection& connection, int read_timeout_ms, int write_timeout_ms,
                 Clock::time_point deadline, SendFloor floor, Reception& reception,
                 const ReceptionLimits& limits, std::shared_ptr<SpillRoom> spill_room,
                 Clock::time_point answer_start)
      : connection_(connection),
        read_timeout_ms_(read_timeout_ms),
        write_timeout_ms_(write_timeout_ms),
        deadline_(deadline),
        floor_(floor),
        reception_(reception),
        limits_(limits),
        spill_room_(std::move(spill_room)),
        answer_start_(answer_start),
        may_hand_over_(limits.max_slow_streams > 0) {}

  // What was received and not read: the next request's first bytes.
  std::string Unread() const { return connection_.received.substr(offset_); }

  bool is_readable() const override {
    if (offset_ < connection_.received.size()) return true;
    // Never past the request's deadline, however often the client sends a byte.
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
    const int wait = std::clamp(static_cast<int>(left.count()), 0, read_timeout_ms_);
    return Poll(connection_.fd, POLLIN, wait);
  }

  // True when the next write can go on: there is room in the socket, or the
  // rest of the answer is (now) handed over to the reception's loop. A
  // client that makes no room within hand_over_after is a slow reader: its
  // answer is handed over if a place is free, so that the worker is not
  // held for as long as the client takes. Otherwise the worker waits, as
  // long as the write timeout and the send floor allow (WaitForRoom).
  bool is_writable() const override {
    if (connection_.rest) return true;
    if (may_hand_over_) {
      const auto wait = std::chrono::ceil<std::chrono::milliseconds>(limits_.hand_over_after);
      if (Poll(connection_.fd, POLLOUT, static_cast<int>(wait.count()))) return true;
      may_hand_over_ = false;  // one try per answer: a full cap is not asked again at every write
      if (reception_.ClaimSlowStream(connection_)) {
        connection_.rest = std::make_unique<Spill>(limits_.max_slow_stream_bytes, spill_room_);
        connection_.deadline = answer_start_ + limits_.answer_deadline;
        LogInfo("searchd", "slow reader: the answer's rest is handed over",
                {{"client", connection_.client}});
        return true;
      }
    }
    return WaitForRoom();
  }

  // True once a write was refused because the client read too slowly.
  bool floor_broken() const { return floor_broken_; }
  // True once a handed-over answer was ended because the spills' room on
  // disk was full.
  bool spill_full() const { return spill_full_; }

  ssize_t read(char* ptr, size_t size) override {
    std::string& received = connection_.received;
    if (offset_ == received.size()) {
      if (!is_readable()) return -1;
      char buffer[4096];
      ssize_t n = 0;
      do {
        n = ::recv(connection_.fd, buffer, sizeof buffer, 0);
      } while (n < 0 && errno == EINTR);
      if (n <= 0) return n;
      received.append(buffer, static_cast<std::size_t>(n));
    }
    const std::size_t n = std::min(size, received.size() - offset_);
    std::copy_n(received.data() + offset_, n, ptr);
    offset_ += n;
    return static_cast<ssize_t>(n);
  }

  // Writes all of `size` bytes, or fails (-1): httplib writes a body with
  // one call and takes any count back as success. Never waits inside
  // send(): a blocking send() of a whole answer waited for as long as the
  // client took to read all of it but the last socket buffer, so neither
  // the write timeout nor the send floor was ever looked at. Once the
  // answer is handed over, its bytes go to the spill.
  ssize_t write(const char* ptr, size_t size) override {
    std::size_t sent = 0;
    while (sent < size) {
      if (!is_writable()) return -1;
      if (connection_.rest) {
        switch (connection_.rest->Append(ptr + sent, size - sent)) {
          case Spill::Kept::kAll:
            return static_cast<ssize_t>(size);
          case Spill::Kept::kOverDiskCap:
            // Ended, not taken back: a worker writing it would wait on
            // the slow reader again, and with the spill folder full so
            // would every other slow reader's (GuardedServer::Answer).
            spill_full_ = true;
            return -1;
          case Spill::Kept::kOverAnswerCap:
          case Spill::Kept::kFailed:
            if (!TakeBack()) return -1;
            continue;
        }
      }
      ssize_t n = 0;
      do {
        n = ::send(connection_.fd, ptr + sent, size - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
      } while (n < 0 && errno == EINTR);
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) continue;
      if (n <= 0) return -1;
      sent += static_cast<std::size_t>(n);
      floor_.Wrote(static_cast<std::size_t>(n));
    }
    return static_cast<ssize_t>(size);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getpeername(connection_.fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      AddressOf(address, ip, port);
    }
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getsockname(connection_.fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      AddressOf(address, ip, port);
    }
  }
  socket_t socket() const override { return connection_.fd; }

 private:
  // Waits for room to write: at most the write timeout, and never past the
  // moment the client falls below the send floor. A client reading a little
  // now and then acknowledges bytes without ever making room enough for
  // POLLOUT, so the floor is looked at again every kFloorCheck.
  bool WaitForRoom() const {
    constexpr auto kFloorCheck = std::chrono::milliseconds(250);
    const auto give_up = Clock::now() + std::chrono::milliseconds(write_timeout_ms_);
    while (true) {
      const auto now = Clock::now();
      const auto due = floor_.Due(connection_.fd);
      if (now >= give_up || now >= due) {
        if (Poll(connection_.fd, POLLOUT, 0)) return true;
        floor_broken_ = now >= due;
        return false;
      }
      const auto until = std::min({give_up, due, now + kFloorCheck});
      const auto wait = std::chrono::ceil<std::chrono::milliseconds>(until - now);
      if (Poll(connection_.fd, POLLOUT, static_cast<int>(wait.count()))) return true;
    }
  }

  // The answer outgrew what a handed-over answer may keep: the worker sends
  // what was kept, gives the place back and writes the rest itself.
  bool TakeBack() {
    Spill& rest = *connection_.rest;
    while (true) {
      const std::size_t before = rest.Unsent();
      const Spill::Sent sent = rest.SendTo(connection_.fd);
      floor_.Wrote(before - rest.Unsent());
      if (sent == Spill::Sent::kAll) break;
      if (sent == Spill::Sent::kFailed || !WaitForRoom()) return false;
    }
    connection_.rest.reset();
    connection_.deadline = deadline_;
    reception_.ReleaseSlowStream(connection_);
    return true;
  }

  Connection& connection_;
  const int read_timeout_ms_;
  const int write_timeout_ms_;
  const Clock::time_point deadline_;
  mutable SendFloor floor_;
  mutable bool floor_broken_ = false;
  bool spill_full_ = false;
  std::size_t offset_ = 0;
  Reception& reception_;
  const ReceptionLimits& limits_;
  const std::shared_ptr<SpillRoom> spill_room_;
  const Clock::time_point answer_start_;
  mutable bool may_hand_over_;
};

const char* ReasonPhrase(int status) {
  switch (status) {
    case 408:
      return "Request Timeout";
    case 414:
      return "URI Too Long";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    default:
      return "Error";
  }
}

// A whole HTTP answer with the API's error body, for the reception to write.
Refusal RefusalOf(ApiError error, RefusalReason reason, const std::string& message,
                  const char* retry_after = nullptr) {
  httplib::Response res;
  WriteError(res, error, message);
  if (retry_after) res.set_header("Retry-After", retry_after);
  res.set_header("Connection", "close");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Content-Length", std::to_string(res.body.size()));
  std::string text =
      "HTTP/1.1 " + std::to_string(res.status) + " " + ReasonPhrase(res.status) + "\r\n";
  for (const auto& [name, value] : res.headers) text += name + ": " + value + "\r\n";
  text += "\r\n" + res.body;
  return {res.status, std::move(text), reason};
}

Refusals RefusalsFor(const ReceptionLimits& limits, std::shared_ptr<RefusalCounts> counts) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(limits.request_deadline);
  return {
      RefusalOf(ApiError::kRequestTimeout, RefusalReason::kRequestTimeout,
                "the request did not arrive whole within " +
                                               std::to_string(seconds.count()) + " s"),
      RefusalOf(ApiError::kUriTooLong, RefusalReason::kUriTooLong,
                "request line over " + std::to_string(limits.request.max_request_line) + " bytes"),
      RefusalOf(ApiError::kHeadersTooLarge, RefusalReason::kHeadersTooLarge,
                "request head over " +
                                                std::to_string(limits.request.max_head) +
                                                " bytes, or a header line over " +
                                                std::to_string(limits.request.max_header_line)),
      RefusalOf(ApiError::kTooManyRequests, RefusalReason::kClientConnections,
                "more than " + std::to_string(limits.max_connections_per_client) +
                    " connections open from one address",
                "1"),
      std::move(counts),
  };
}

// httplib's accept loop hands its jobs to a task queue; this one runs each
// at once, on the accept thread: the job only passes the socket to the
// reception. Stopping the server stops the reception.
class HandOver final : public httplib::TaskQueue {
 public:
  explicit HandOver(Reception& reception) : reception_(reception) {}
  void enqueue(std::function<void()> job) override { job(); }
  void shutdown() override { reception_.Stop(); }

 private:
  Reception& reception_;
};

}  // namespace

ReceptionLimits DefaultReceptionLimits() {
  ReceptionLimits limits;
  limits.request.max_head = kMaxRequestHead;
  limits.request.max_body = kMaxRequestBody;
  return limits;
}

void CloseAfterThisAnswer(httplib::Response& res) {
  res.set_header("Connection", "close");
  t_close_after_answer = true;
}

GuardedServer::GuardedServer(ReceptionLimits limits)
    : limits_(limits), spill_room_(std::make_shared<SpillRoom>(limits.max_spill_bytes)) {
  new_task_queue = [this] {
    reception_ = std::make_unique<Reception>(limits_, RefusalsFor(limits_, refusal_counts_),
                                             [this](Connection& c) { return Answer(c); });
    return new HandOver(*reception_);
  };
}

GuardedServer::~GuardedServer() = default;

bool GuardedServer::bind_to_port(const std::string& host, int port, int socket_flags) {
  if (!httplib::Server::bind_to_port(host, port, socket_flags)) return false;
  if (!SetListenBacklog(kListenBacklog)) {
    LogWarning("searchd", "listen backlog left at httplib's 5", {});
  }
  return true;
}

int GuardedServer::bind_to_any_port(const std::string& host, int socket_flags) {
  const int port = httplib::Server::bind_to_any_port(host, socket_flags);
  if (port >= 0 && !SetListenBacklog(kListenBacklog)) {
    LogWarning("searchd", "listen backlog left at httplib's 5", {});
  }
  return port;
}

bool GuardedServer::SetListenBacklog(int backlog) {
  const socket_t sock = svr_sock_;
  return sock != INVALID_SOCKET && ::listen(sock, backlog) == 0;
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  reception_->Admit(sock);
  return true;
}

AfterAnswer GuardedServer::Answer(Connection& connection) {
  DeclineBrotli(connection.received, connection.request_length);
  const auto start = Clock::now();
  ReceivedStream stream(connection, Milliseconds(read_timeout_sec_, read_timeout_usec_),
                        Milliseconds(write_timeout_sec_, write_timeout_usec_), connection.deadline,
                        SendFloor(limits_.min_send_rate, limits_.send_grace), *reception_,
                        limits_, spill_room_, start);
  t_close_after_answer = false;
  const bool last = ++connection.answered >= keep_alive_max_count_ || svr_sock_ == INVALID_SOCKET;
  bool connection_closed = false;
  const bool ok = process_request(stream, last, connection_closed, nullptr);
  if (Clock::now() - start >= kHeavyRequest) ::malloc_trim(0);
  connection.received = stream.Unread();
  if (stream.floor_broken()) {
    if (refusal_counts_) refusal_counts_->Add(RefusalReason::kSlowReader);
    // Closed with a reset: a plain close would leave the kernel sending the
    // queued rest of the answer to the client at its pace.
    const linger reset{1, 0};
    ::setsockopt(connection.fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    LogInfo("searchd", "answer cut: the client read it too slowly",
            {{"client", connection.client},
             {"floor_bytes_per_second", std::to_string(limits_.min_send_rate)}});
    return AfterAnswer::kClose;
  }
  if (stream.spill_full()) {
    if (refusal_counts_) refusal_counts_->Add(RefusalReason::kSpillFull);
    LogWarning("searchd", "answer cut: the spill folder is at its cap",
               {{"client", connection.client},
                {"max_spill_bytes", std::to_string(spill_room_->max_bytes())}});
    // Dropped at once, giving its room back, and closed with a reset: the
    // client sees a cut answer, never a short one that looks whole.
    connection.rest.reset();
    reception_->ReleaseSlowStream(connection);
    const linger reset{1, 0};
    ::setsockopt(connection.fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    return AfterAnswer::kClose;
  }
  // A handed-over rest is sent by the reception before any of these
  // (Reception::Return); a failed answer is sent as far as it was kept.
  if (t_close_after_answer) return AfterAnswer::kDrainAndClose;
  if (!ok || connection_closed || last) return AfterAnswer::kClose;
  return AfterAnswer::kKeepOpen;
}

}  // namespace archivist::searchd
