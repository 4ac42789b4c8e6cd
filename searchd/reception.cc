// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/reception.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <optional>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/log.h"

namespace archivist::searchd {
namespace {

using Clock = std::chrono::steady_clock;

// After its last answer a connection is read and dropped for this long, so
// that closing it with unread bytes does not reset the answer away.
constexpr std::chrono::milliseconds kLinger{1000};
constexpr std::size_t kMaxDrained = 4 << 20;

std::string PeerOf(int fd) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  if (::getpeername(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return "";
  char text[INET6_ADDRSTRLEN] = "";
  if (address.ss_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(address).sin_addr, text, sizeof text);
  } else if (address.ss_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(address).sin6_addr, text,
              sizeof text);
  }
  return text;
}

// Writes what fits without waiting: refusals are small, and a client that
// does not read them is not waited for.
void SendWithoutWaiting(int fd, const std::string& text) {
  ssize_t n = 0;
  do {
    n = ::send(fd, text.data(), text.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
  } while (n < 0 && errno == EINTR);
}

}  // namespace

bool IsLoopbackAddress(const std::string& address) {
  return address.rfind("127.", 0) == 0 || address == "::1" || address.rfind("::ffff:127.", 0) == 0;
}

Reception::Reception(ReceptionLimits limits, Refusals refusals, Serve serve)
    : limits_(limits),
      refusals_(std::move(refusals)),
      serve_(std::move(serve)),
      wake_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  // Named so that top -H, perf and tools/probe-slow-readers tell the poll
  // loop and the workers from the bulk threads (low_priority.h).
  loop_ = std::thread([this] {
    ::pthread_setname_np(::pthread_self(), "reception");
    Loop();
  });
  for (int i = 0; i < std::max(limits_.workers, 1); ++i) {
    workers_.emplace_back([this] {
      ::pthread_setname_np(::pthread_self(), "worker");
      Work();
    });
  }
}

Reception::~Reception() {
  Stop();
  ::close(wake_fd_);
}

void Reception::Admit(int fd) {
  auto connection = std::make_unique<Connection>();
  connection->fd = fd;
  connection->client = PeerOf(fd);
  const Refusal* refusal = nullptr;
  {
    std::lock_guard lock(count_mutex_);
    if (open_ >= static_cast<std::size_t>(limits_.max_connections)) {
      ::close(fd);  // out of room: not even a refusal, which would take a place too
      if (refusals_.counts) refusals_.counts->Add(RefusalReason::kServerConnections);
      return;
    }
    ++open_;
    const bool exempt = !limits_.limit_loopback && IsLoopbackAddress(connection->client);
    int& count = per_client_[connection->client];
    if (exempt || limits_.max_connections_per_client <= 0 ||
        count < limits_.max_connections_per_client) {
      ++count;
      connection->counted = true;
    } else {
      refusal = &refusals_.too_many_connections;
    }
  }
  if (refusal) {
    LogInfo("searchd", "connection refused",
            {{"client", connection->client}, {"status", std::to_string(refusal->status)}});
    if (refusals_.counts) refusals_.counts->Add(refusal->reason);
    SendWithoutWaiting(fd, refusal->head_and_body);
    Return(std::move(connection), AfterAnswer::kDrainAndClose);
    return;
  }
  // A new connection has the request deadline for its first request: one
  // that sends nothing is no better than one that sends slowly.
  connection->request_started = true;
  connection->deadline = Clock::now() + limits_.request_deadline;
  TakeIn(std::move(connection));
}

void Reception::TakeIn(std::unique_ptr<Connection> connection) {
  {
    std::lock_guard lock(inbox_mutex_);
    if (!stopping_) {
      inbox_.push_back(std::move(connection));
      connection = nullptr;
    }
  }
  if (connection) {
    Close(std::move(connection));
    return;
  }
  Wake();
}

void Reception::Wake() {
  const std::uint64_t one = 1;
  [[maybe_unused]] const ssize_t n = ::write(wake_fd_, &one, sizeof one);
}

void Reception::Return(std::unique_ptr<Connection> connection, AfterAnswer after) {
  if (connection->rest) {
    if (connection->rest->Unsent() > 0) {
      // The loop sends the rest, then does `after` (SendRest): a last
      // answer (kClose) is still sent whole before the connection closes.
      connection->after_rest = after;
      TakeIn(std::move(connection));
      return;
    }
    connection->rest.reset();
    ReleaseSlowStream(*connection);
  }
  const auto now = Clock::now();
  switch (after) {
    case AfterAnswer::kClose:
      Close(std::move(connection));
      return;
    case AfterAnswer::kDrainAndClose:
      ::shutdown(connection->fd, SHUT_WR);
      connection->lingering = true;
      connection->received.clear();
      connection->deadline = now + kLinger;
      break;
    case AfterAnswer::kKeepOpen:
      // Bytes already read belong to the next request (pipelining).
      connection->request_length = 0;
      connection->request_started = !connection->received.empty();
      connection->deadline =
          now + (connection->request_started ? limits_.request_deadline : limits_.idle_timeout);
      break;
  }
  TakeIn(std::move(connection));
}

void Reception::Enqueue(std::unique_ptr<Connection> connection) {
  {
    std::lock_guard lock(work_mutex_);
    work_.push_back(std::move(connection));
  }
  work_ready_.notify_one();
}

void Reception::Close(std::unique_ptr<Connection> connection) {
  ::close(connection->fd);
  ReleaseSlowStream(*connection);
  std::lock_guard lock(count_mutex_);
  --open_;
  if (!connection->counted) return;
  const auto it = per_client_.find(connection->client);
  if (it != per_client_.end() && --it->second <= 0) per_client_.erase(it);
}

std::size_t Reception::OpenConnections() const {
  std::lock_guard lock(count_mutex_);
  return open_;
}

bool Reception::ClaimSlowStream(Connection& connection) {
  if (connection.slow_stream) return true;
  std::optional<SlowStreamEvent> refused;
  {
    std::lock_guard lock(count_mutex_);
    const bool exempt = !limits_.limit_loopback && IsLoopbackAddress(connection.client);
    if (slow_streams_ >= static_cast<std::size_t>(std::max(limits_.max_slow_streams, 0))) {
      refused = SlowStreamEvent::kServerCapFull;
    } else if (!exempt && limits_.max_slow_streams_per_client > 0 &&
               slow_per_client_[connection.client] >= limits_.max_slow_streams_per_client) {
      refused = SlowStreamEvent::kClientCapFull;
    } else {
      ++slow_streams_;
      ++slow_per_client_[connection.client];
      connection.slow_stream = true;
    }
  }
  if (refusals_.counts) refusals_.counts->Add(refused.value_or(SlowStreamEvent::kHandedOver));
  return !refused;
}

void Reception::ReleaseSlowStream(Connection& connection) {
  if (!connection.slow_stream) return;
  connection.slow_stream = false;
  if (refusals_.counts) refusals_.counts->SlowStreamEnded();
  std::lock_guard lock(count_mutex_);
  --slow_streams_;
  const auto it = slow_per_client_.find(connection.client);
  if (it != slow_per_client_.end() && --it->second <= 0) slow_per_client_.erase(it);
}

std::size_t Reception::SlowStreams() const {
  std::lock_guard lock(count_mutex_);
  return slow_streams_;
}

bool Reception::SendRest(std::unique_ptr<Connection>& connection) {
  switch (connection->rest->SendTo(connection->fd)) {
    case Spill::Sent::kBlocked:
      return true;
    case Spill::Sent::kFailed:
      Close(std::move(connection));
      return false;
    case Spill::Sent::kAll:
      break;
  }
  const AfterAnswer after = connection->after_rest;
  Return(std::move(connection), after);  // back through the inbox, as from a worker
  return false;
}

bool Reception::ReadFrom(Connection& connection) {
  // Never more than a whole request can take: what is past it is answered
  // (refused) before more is read.
  const std::size_t most = limits_.request.max_head + limits_.request.max_body + 1;
  char buffer[16 * 1024];
  while (true) {
    ssize_t n = 0;
    do {
      n = ::recv(connection.fd, buffer, sizeof buffer, MSG_DONTWAIT);
    } while (n < 0 && errno == EINTR);
    if (n == 0) return false;  // the client closed
    if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK;
    if (connection.lingering) {
      connection.request_length += static_cast<std::size_t>(n);  // counts what was dropped
      if (connection.request_length > kMaxDrained) return false;
      continue;
    }
    if (!connection.request_started) {
      connection.request_started = true;
      connection.deadline = Clock::now() + limits_.request_deadline;
    }
    connection.received.append(buffer, static_cast<std::size_t>(n));
    if (connection.received.size() >= most) return true;
  }
}

bool Reception::Examine(std::unique_ptr<Connection>& connection) {
  if (connection->rest || connection->lingering || connection->received.empty()) return true;
  const RequestScan scan = ScanRequest(connection->received, limits_.request);
  switch (scan.state) {
    case RequestState::kIncomplete:
      return true;
    case RequestState::kComplete:
      connection->request_length = scan.length;
      Enqueue(std::move(connection));
      return false;
    case RequestState::kUriTooLong:
      Refuse(std::move(connection), refusals_.uri_too_long);
      return false;
    case RequestState::kHeadersTooLarge:
      Refuse(std::move(connection), refusals_.headers_too_large);
      return false;
  }
  return true;
}

void Reception::Refuse(std::unique_ptr<Connection> connection, const Refusal& refusal) {
  LogInfo("searchd", "request refused",
          {{"client", connection->client}, {"status", std::to_string(refusal.status)}});
  if (refusals_.counts) refusals_.counts->Add(refusal.reason);
  SendWithoutWaiting(connection->fd, refusal.head_and_body);
  Return(std::move(connection), AfterAnswer::kDrainAndClose);
}

void Reception::Loop() {
  std::vector<std::unique_ptr<Connection>> waiting;
  std::vector<pollfd> polled;
  while (true) {
    std::vector<std::unique_ptr<Connection>> mail;
    bool stopping = false;
    {
      std::lock_guard lock(inbox_mutex_);
      mail.swap(inbox_);
      stopping = stopping_;
    }
    for (auto& connection : mail) waiting.push_back(std::move(connection));
    if (stopping) break;

    // Newcomers may hold a whole request already (pipelined after the one
    // just answered); anyone past the deadline goes.
    const auto now = Clock::now();
    auto next_deadline = now + std::chrono::seconds(1);
    for (auto& connection : waiting) {
      if (!Examine(connection)) continue;
      if (now >= connection->deadline) {
        if (connection->rest) {
          LogInfo("searchd", "answer cut: not read whole within the answer deadline",
                  {{"client", connection->client}});
          if (refusals_.counts) refusals_.counts->Add(RefusalReason::kAnswerDeadline);
          // A reset: a plain close would leave the kernel sending what it holds.
          const linger reset{1, 0};
          ::setsockopt(connection->fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
          Close(std::move(connection));
        } else if (connection->lingering || !connection->request_started) {
          Close(std::move(connection));  // idle, or done lingering
        } else {
          Refuse(std::move(connection), refusals_.request_timeout);
        }
        continue;
      }
      next_deadline = std::min(next_deadline, connection->deadline);
    }
    std::erase(waiting, nullptr);

    polled.assign(1, pollfd{wake_fd_, POLLIN, 0});
    for (const auto& connection : waiting) {
      polled.push_back({connection->fd, static_cast<short>(connection->rest ? POLLOUT : POLLIN), 0});
    }
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(next_deadline - now);
    if (::poll(polled.data(), polled.size(), static_cast<int>(wait.count())) < 0 &&
        errno != EINTR) {
      LogError("searchd", "poll failed", {{"errno", std::to_string(errno)}});
    }
    if (polled[0].revents & POLLIN) {
      std::uint64_t count = 0;
      [[maybe_unused]] const ssize_t n = ::read(wake_fd_, &count, sizeof count);
    }
    for (std::size_t i = 1; i < polled.size(); ++i) {
      if (!(polled[i].revents & (POLLIN | POLLOUT | POLLERR | POLLHUP))) continue;
      std::unique_ptr<Connection>& connection = waiting[i - 1];
      if (connection->rest) {
        SendRest(connection);
      } else if (!ReadFrom(*connection)) {
        Close(std::move(connection));
      }
    }
    std::erase(waiting, nullptr);
  }
  for (auto& connection : waiting) Close(std::move(connection));
}

void Reception::Work() {
  while (true) {
    std::unique_ptr<Connection> connection;
    {
      std::unique_lock lock(work_mutex_);
      work_ready_.wait(lock, [this] { return !work_.empty() || workers_stopping_; });
      if (workers_stopping_) return;
      connection = std::move(work_.front());
      work_.pop_front();
    }
    AfterAnswer after = AfterAnswer::kClose;
    try {
      after = serve_(*connection);
    } catch (const std::exception& e) {
      LogError("searchd", "connection failed",
               {{"client", connection->client}, {"what", e.what()}});
    }
    Return(std::move(connection), after);
  }
}

void Reception::Stop() {
  if (stopped_) return;
  stopped_ = true;
  {
    std::lock_guard lock(inbox_mutex_);
    stopping_ = true;
  }
  Wake();
  if (loop_.joinable()) loop_.join();
  {
    std::lock_guard lock(work_mutex_);
    workers_stopping_ = true;
  }
  work_ready_.notify_all();
  for (std::thread& worker : workers_) worker.join();
  for (auto& connection : work_) Close(std::move(connection));
  work_.clear();
}

}  // namespace archivist::searchd
