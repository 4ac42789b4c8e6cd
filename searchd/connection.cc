// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/connection.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <string>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace archivist::searchd {
namespace {

using Clock = std::chrono::steady_clock;

// Set by CloseAfterThisAnswer(), read by the connection loop: both run on
// the thread that serves the connection.
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

// A socket read through a buffer that outlives each request (httplib 0.11
// makes a stream per request, so what a client pipelined was lost), and
// that ends a request's head at kMaxRequestHead bytes.
class LimitedStream final : public httplib::Stream {
 public:
  LimitedStream(int sock, int read_timeout_ms, int write_timeout_ms)
      : sock_(sock), read_timeout_ms_(read_timeout_ms), write_timeout_ms_(write_timeout_ms) {}

  void StartRequest() {
    in_head_ = true;
    head_bytes_ = 0;
    last_four_ = 0;
  }
  bool head_cut() const { return head_cut_; }
  bool HasBuffered() const { return offset_ < size_; }

  bool is_readable() const override {
    return HasBuffered() || Poll(sock_, POLLIN, read_timeout_ms_);
  }
  bool is_writable() const override { return Poll(sock_, POLLOUT, write_timeout_ms_); }

  ssize_t read(char* ptr, size_t size) override {
    // Past the limit the head ends as if the client had stopped sending:
    // httplib answers what it has (400, or 414 for a long request line).
    if (head_cut_) return 0;
    if (!HasBuffered()) {
      if (!is_readable()) return -1;
      ssize_t n = 0;
      do {
        n = ::recv(sock_, buffer_, sizeof buffer_, 0);
      } while (n < 0 && errno == EINTR);
      if (n <= 0) return n;
      offset_ = 0;
      size_ = static_cast<std::size_t>(n);
    }
    std::size_t n = std::min(size, size_ - offset_);
    if (in_head_) n = TakeHead(n);
    std::copy_n(buffer_ + offset_, n, ptr);
    offset_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable()) return -1;
    ssize_t n = 0;
    do {
      n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      AddressOf(address, ip, port);
    }
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      AddressOf(address, ip, port);
    }
  }
  socket_t socket() const override { return sock_; }

 private:
  // How many of the next `n` buffered bytes belong to the head: up to its
  // end (an empty line) or the limit, whichever comes first.
  std::size_t TakeHead(std::size_t n) {
    constexpr std::uint32_t kEnd = 0x0D0A0D0A;  // "\r\n\r\n"
    for (std::size_t i = 0; i < n; ++i) {
      if (head_bytes_ == kMaxRequestHead) {
        head_cut_ = true;
        return i;
      }
      ++head_bytes_;
      last_four_ = (last_four_ << 8) | static_cast<unsigned char>(buffer_[offset_ + i]);
      if (last_four_ == kEnd) {
        in_head_ = false;
        return i + 1;
      }
    }
    return n;
  }

  const int sock_;
  const int read_timeout_ms_;
  const int write_timeout_ms_;
  char buffer_[4096];
  std::size_t offset_ = 0;
  std::size_t size_ = 0;
  bool in_head_ = true;
  bool head_cut_ = false;
  std::size_t head_bytes_ = 0;
  std::uint32_t last_four_ = 0;
};

// Closing a socket with unread bytes makes the kernel send a reset, which
// can destroy the answer before the client reads it: stop writing, and read
// and drop what the client is still sending, for a little while.
void DrainAndClose(int sock) {
  ::shutdown(sock, SHUT_WR);
  constexpr std::size_t kMaxDrain = 4 << 20;
  const auto deadline = Clock::now() + std::chrono::seconds(1);
  char scratch[16 * 1024];
  std::size_t drained = 0;
  while (drained < kMaxDrain && Clock::now() < deadline && Poll(sock, POLLIN, 200)) {
    const ssize_t n = ::recv(sock, scratch, sizeof scratch, 0);
    if (n <= 0) break;
    drained += static_cast<std::size_t>(n);
  }
  ::close(sock);
}

}  // namespace

void CloseAfterThisAnswer(httplib::Response& res) {
  res.set_header("Connection", "close");
  t_close_after_answer = true;
}

bool GuardedServer::SetListenBacklog(int backlog) {
  const socket_t sock = svr_sock_;
  return sock != INVALID_SOCKET && ::listen(sock, backlog) == 0;
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  LimitedStream stream(sock, Milliseconds(read_timeout_sec_, read_timeout_usec_),
                       Milliseconds(write_timeout_sec_, write_timeout_usec_));
  bool ok = false;
  bool out_of_step = false;
  for (std::size_t left = keep_alive_max_count_; left > 0; --left) {
    if (!stream.HasBuffered()) {
      // Wait for the next request as httplib does (keep-alive timeout), in
      // slices, so that stop() is not held up by idle connections.
      const auto deadline = Clock::now() + std::chrono::seconds(keep_alive_timeout_sec_);
      bool readable = false;
      while (!readable && svr_sock_ != INVALID_SOCKET && Clock::now() < deadline) {
        readable = Poll(sock, POLLIN, 100);
      }
      if (!readable) break;
    }
    stream.StartRequest();
    t_close_after_answer = false;
    bool connection_closed = false;
    ok = process_request(stream, /*close_connection=*/left == 1, connection_closed, nullptr);
    out_of_step = stream.head_cut() || t_close_after_answer;
    if (!ok || connection_closed || out_of_step) break;
  }
  if (out_of_step) {
    DrainAndClose(sock);
  } else {
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
  }
  return ok;
}

}  // namespace archivist::searchd
