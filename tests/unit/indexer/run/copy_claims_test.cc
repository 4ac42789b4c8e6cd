// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/run/copy_claims.h"

#include <string>

#include <gtest/gtest.h>

namespace archivist::run {
namespace {

crawl::FoundFile FileAt(const std::string& relative) {
  crawl::FoundFile file;
  file.root = "/archive";
  file.relative_path = relative;
  file.absolute = "/archive/" + relative;
  return file;
}

ContentCheck SameContent() {
  ContentCheck content;
  content.hash = "hash";
  content.id = "id";
  return content;
}

struct FailureCase {
  std::string name;
  Error error;
  bool passed_on;  // to a copy, without its own extraction
};

class CopyClaimsFailureTest : public ::testing::TestWithParam<FailureCase> {};

TEST_P(CopyClaimsFailureTest, OnlyAFailureOfTheBytesIsPassedOnToACopy) {
  CopyClaims claims;
  const ContentCheck content = SameContent();
  claims.RememberFailure(FileAt("a/report.pdf"), content, GetParam().error);
  const Error* failed = claims.FailureOf(FileAt("b/report.pdf"), content);
  ASSERT_EQ(failed != nullptr, GetParam().passed_on);
  if (failed) {
    EXPECT_EQ(failed->message, GetParam().error.message);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Failures, CopyClaimsFailureTest,
    ::testing::Values(
        FailureCase{"Damaged", {ErrorCode::kCorrupt, "cannot open PDF report.pdf"}, true},
        FailureCase{"Encrypted", {ErrorCode::kUnsupported, "encrypted PDF"}, true},
        FailureCase{"TooLarge", {ErrorCode::kUnsupported, "file too large (1 bytes)"}, true},
        FailureCase{"TimedOut", {ErrorCode::kInternal, "timed out after 60s"}, false},
        FailureCase{"Crashed", {ErrorCode::kInternal, "extractor crashed (signal 11)"}, false},
        FailureCase{
            "Unreadable", {ErrorCode::kNotFound, "cannot read /archive/a/report.pdf"}, false},
        FailureCase{"Unavailable", {ErrorCode::kUnavailable, "no room"}, false}),
    [](const ::testing::TestParamInfo<FailureCase>& param) { return param.param.name; });

}  // namespace
}  // namespace archivist::run
