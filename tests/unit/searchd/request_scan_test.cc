// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/request_scan.h"

#include <string>

#include <gtest/gtest.h>

namespace archivist::searchd {
namespace {

const RequestLimits kLimits{};

TEST(RequestScanTest, AHeadIsWholeAtItsEmptyLine) {
  const std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  for (std::size_t n = 0; n < request.size(); ++n) {
    EXPECT_EQ(ScanRequest(request.substr(0, n), kLimits).state, RequestState::kIncomplete) << n;
  }
  const RequestScan whole = ScanRequest(request + "GET /next", kLimits);
  EXPECT_EQ(whole.state, RequestState::kComplete);
  EXPECT_EQ(whole.length, request.size());
}

TEST(RequestScanTest, ADeclaredBodyIsWaitedFor) {
  const std::string head = "GET /a HTTP/1.1\r\ncontent-LENGTH: 5\r\n\r\n";
  EXPECT_EQ(ScanRequest(head + "abcd", kLimits).state, RequestState::kIncomplete);
  const RequestScan whole = ScanRequest(head + "abcdeGET", kLimits);
  EXPECT_EQ(whole.state, RequestState::kComplete);
  EXPECT_EQ(whole.length, head.size() + 5);
}

// A body that will be refused unread is not waited for: its head goes on
// alone, to be answered 413.
TEST(RequestScanTest, ABodyThatWillBeRefusedIsNotWaitedFor) {
  for (const std::string field :
       {"Content-Length: 1000000", "Transfer-Encoding: chunked", "Content-Length: 12x"}) {
    const std::string head = "POST /a HTTP/1.1\r\n" + field + "\r\n\r\n";
    const RequestScan scan = ScanRequest(head + "xy", kLimits);
    EXPECT_EQ(scan.state, RequestState::kComplete) << field;
    EXPECT_EQ(scan.length, head.size()) << field;
  }
}

TEST(RequestScanTest, AnOverlongRequestLineIsUriTooLong) {
  const std::string line = "GET /" + std::string(kLimits.max_request_line, 'a');
  EXPECT_EQ(ScanRequest(line, kLimits).state, RequestState::kUriTooLong);
  EXPECT_EQ(ScanRequest(line + " HTTP/1.1\r\n\r\n", kLimits).state, RequestState::kUriTooLong);
}

TEST(RequestScanTest, AnOverlongHeaderLineOrHeadIsHeadersTooLarge) {
  const std::string start = "GET / HTTP/1.1\r\n";
  const std::string long_line = start + "X: " + std::string(kLimits.max_header_line, 'a');
  EXPECT_EQ(ScanRequest(long_line, kLimits).state, RequestState::kHeadersTooLarge);
  std::string many = start;
  while (many.size() < kLimits.max_head) many += "X: y\r\n";
  EXPECT_EQ(ScanRequest(many, kLimits).state, RequestState::kHeadersTooLarge);
  EXPECT_EQ(ScanRequest(many + "\r\n", kLimits).state, RequestState::kHeadersTooLarge);
}

}  // namespace
}  // namespace archivist::searchd
