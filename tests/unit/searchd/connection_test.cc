// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/connection.h"

#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace archivist::searchd {
namespace {

// Opens `count` connections at once to a server that has not started
// accepting, and counts those the kernel completes within `wait_ms`: each
// takes a place in the listen backlog, and a SYN beyond it is dropped and
// retried only after a second.
int ConnectionsCompleted(int port, int count, int wait_ms) {
  std::vector<int> sockets;
  for (int i = 0; i < count; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    sockets.push_back(fd);
  }
  int completed = 0;
  for (const int fd : sockets) {
    pollfd p{fd, POLLOUT, 0};
    if (::poll(&p, 1, wait_ms) == 1 && (p.revents & POLLOUT)) {
      int error = 0;
      socklen_t length = sizeof error;
      ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
      if (error == 0) ++completed;
    }
  }
  for (const int fd : sockets) ::close(fd);
  return completed;
}

// Issue 17: with httplib's backlog of 5, 26 of 400 connects from 32 clients
// at once waited a second for a retransmitted SYN.
TEST(GuardedServerTest, ListenBacklogHoldsAsManyConnectionsAsItIsGiven) {
  GuardedServer server;
  const int port = server.bind_to_any_port("127.0.0.1");
  ASSERT_GT(port, 0);
  ASSERT_TRUE(server.SetListenBacklog(64));
  EXPECT_EQ(ConnectionsCompleted(port, 32, 300), 32);
}

// The backlog comes with the bind, before any thread listens: nobody has
// to remember to set it, and it is never set on the listening thread while
// another one stops the server.
TEST(GuardedServerTest, BindingSetsTheListenBacklog) {
  GuardedServer server;
  const int port = server.bind_to_any_port("127.0.0.1");
  ASSERT_GT(port, 0);
  EXPECT_EQ(ConnectionsCompleted(port, 32, 300), 32);
}

TEST(GuardedServerTest, ListenBacklogNeedsABoundSocket) {
  GuardedServer server;
  EXPECT_FALSE(server.SetListenBacklog(64));
}

}  // namespace
}  // namespace archivist::searchd
