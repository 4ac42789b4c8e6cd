// SPDX-License-Identifier: GPL-2.0-or-later
#include <gtest/gtest.h>

#include "searchd/server.h"

namespace archivist::searchd {
namespace {

TEST(ServerConfigTest, DefaultsToLoopback) {
  const ServerConfig config;
  EXPECT_EQ(config.host, "127.0.0.1");
  EXPECT_EQ(config.port, 8080);
}

TEST(ServerConfigTest, ParsesListenAddresses) {
  auto v4 = WithListenAddress({}, "0.0.0.0:9000");
  ASSERT_TRUE(v4.ok());
  EXPECT_EQ(v4.value().host, "0.0.0.0");
  EXPECT_EQ(v4.value().port, 9000);
  auto v6 = WithListenAddress({}, "[::1]:0");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6.value().host, "::1");
  EXPECT_EQ(v6.value().port, 0);
}

TEST(ServerConfigTest, RejectsBadListenAddresses) {
  for (const char* bad : {"8080", ":8080", "localhost:", "localhost:http", "host:70000"}) {
    auto config = WithListenAddress({}, bad);
    ASSERT_FALSE(config.ok()) << bad;
    EXPECT_EQ(config.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(config.error().message.find("--listen"), std::string::npos);
  }
}

}  // namespace
}  // namespace archivist::searchd
