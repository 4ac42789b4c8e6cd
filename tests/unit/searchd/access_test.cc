// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/access.h"

#include <gtest/gtest.h>

#include "tests/support/temp_dir.h"

namespace archivist::searchd {
namespace {

using archivist::testing::TempDir;
using std::chrono::milliseconds;

TEST(AccessTest, ATokenFileGivesItsFirstLineTrimmed) {
  TempDir dir;
  dir.Write("token", "  0123456789abcdefXYZ \nsecond line\n");
  Result<std::string> token = ReadTokenFile((dir.path() / "token").string());
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(token.value(), "0123456789abcdefXYZ");
}

TEST(AccessTest, ShortMissingOrUnusableTokensAreRefused) {
  TempDir dir;
  dir.Write("short", "0123456789\n");
  dir.Write("spaced", "0123456789 abcdefXYZ\n");
  dir.Write("empty", "");
  for (const char* name : {"short", "spaced", "empty", "missing"}) {
    Result<std::string> token = ReadTokenFile((dir.path() / name).string());
    ASSERT_FALSE(token.ok()) << name;
    EXPECT_EQ(token.error().message.rfind("--token-file: ", 0), 0u) << token.error().message;
  }
}

TEST(AccessTest, OnlyTheLoopbackNeedsNeitherATokenNorPublic) {
  for (const char* host : {"127.0.0.1", "127.1.2.3", "::1", "localhost"}) {
    EXPECT_FALSE(CheckListenPolicy(host, false, false)) << host;
  }
  for (const char* host : {"0.0.0.0", "::", "192.168.1.10", "archive.example"}) {
    const auto refused = CheckListenPolicy(host, false, false);
    ASSERT_TRUE(refused) << host;
    EXPECT_NE(refused->message.find("--token-file"), std::string::npos);
    EXPECT_NE(refused->message.find("--public"), std::string::npos);
    EXPECT_FALSE(CheckListenPolicy(host, true, false)) << host;
    EXPECT_FALSE(CheckListenPolicy(host, false, true)) << host;
  }
}

TEST(AccessTest, ATokenComesAsABearerHeaderOrTheCookie) {
  const std::string token = "0123456789abcdefXYZ";
  EXPECT_TRUE(CarriesToken("Bearer " + token, "", token));
  EXPECT_TRUE(CarriesToken("", "a=b; archivist_token=" + token + "; c=d", token));
  EXPECT_FALSE(CarriesToken("", "", token));
  EXPECT_FALSE(CarriesToken("Bearer " + token + "x", "", token));
  EXPECT_FALSE(CarriesToken("Bearer " + token.substr(1), "", token));
  EXPECT_FALSE(CarriesToken("bearer" + token, "", token));
  EXPECT_FALSE(CarriesToken("", "x_archivist_token=" + token, token));
}

TEST(AccessTest, TheRateLimiterAllowsABurstThenTheRate) {
  RateLimiter limiter(/*per_second=*/2, /*burst=*/3);
  const auto start = RateLimiter::Clock::now();
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(limiter.Take("10.0.0.1", start)) << i;
  const auto wait = limiter.Take("10.0.0.1", start);
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, milliseconds(500));
  EXPECT_FALSE(limiter.Take("10.0.0.2", start)) << "another client has its own bucket";
  EXPECT_FALSE(limiter.Take("10.0.0.1", start + milliseconds(500)));
  EXPECT_TRUE(limiter.Take("10.0.0.1", start + milliseconds(600)));
  // A long quiet spell refills up to the burst, not beyond.
  const auto later = start + std::chrono::seconds(100);
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(limiter.Take("10.0.0.1", later)) << i;
  EXPECT_TRUE(limiter.Take("10.0.0.1", later));
}

}  // namespace
}  // namespace archivist::searchd
