// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/accept_encoding.h"

#include <string>

#include <gtest/gtest.h>

namespace archivist::searchd {
namespace {

TEST(AcceptEncodingTest, BrotliIsHiddenAndTheHeadKeepsItsLength) {
  const std::string head =
      "GET /js/main.js HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip, deflate, br, zstd\r\n\r\n";
  std::string received = head + "GET /next HTTP/1.1\r\naccept-encoding: br\r\n";
  DeclineBrotli(received, head.size());
  EXPECT_EQ(received.size(), head.size() + 41);
  EXPECT_NE(received.find("Accept-Encoding: gzip, deflate, --, zstd\r\n"), std::string::npos);
  // The next request's bytes are its own: they are looked at when it is answered.
  EXPECT_NE(received.find("accept-encoding: br\r\n"), std::string::npos);
}

TEST(AcceptEncodingTest, OnlyTheAcceptEncodingHeaderIsTouched) {
  const std::string head =
      "GET /api/search?q=brazil HTTP/1.1\r\nReferer: http://x/?q=brazil\r\n"
      "ACCEPT-ENCODING: br;q=1.0, gzip;q=0.5\r\n\r\n";
  std::string received = head;
  DeclineBrotli(received, received.size());
  EXPECT_EQ(received,
            "GET /api/search?q=brazil HTTP/1.1\r\nReferer: http://x/?q=brazil\r\n"
            "ACCEPT-ENCODING: --;q=1.0, gzip;q=0.5\r\n\r\n");
}

TEST(AcceptEncodingTest, AHeadWithoutTheHeaderIsUnchanged) {
  std::string received = "GET /brochure HTTP/1.1\r\nHost: br\r\n\r\n";
  const std::string before = received;
  DeclineBrotli(received, received.size());
  EXPECT_EQ(received, before);
  std::string empty;
  DeclineBrotli(empty, 0);
  EXPECT_TRUE(empty.empty());
}

}  // namespace
}  // namespace archivist::searchd
