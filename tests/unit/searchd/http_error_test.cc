// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/http_error.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace archivist::searchd {
namespace {

TEST(HttpErrorTest, MapsEveryCode) {
  EXPECT_EQ(HttpStatusFor(ErrorCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kUnsupported), 422);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kUnavailable), 503);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kCorrupt), 500);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kInternal), 500);
}

TEST(HttpErrorTest, ClientErrorsKeepTheirMessage) {
  httplib::Response res;
  WriteError(res, {ErrorCode::kInvalidArgument, "page: want an integer ≥ 1"});
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(res.get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(res.get_header_value("Cache-Control"), "no-store");
  const auto body = nlohmann::json::parse(res.body);
  EXPECT_EQ(body["error"]["code"], "invalid_argument");
  EXPECT_EQ(body["error"]["message"], "page: want an integer ≥ 1");
}

TEST(HttpErrorTest, ServerErrorsHideTheirDetails) {
  httplib::Response res;
  WriteError(res, {ErrorCode::kInternal, "DatabaseCorruptError: /srv/index/postlist.glass"});
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(res.body.find("/srv/index"), std::string::npos);
  httplib::Response unavailable;
  WriteError(unavailable, {ErrorCode::kUnavailable, "cannot open /srv/index"});
  EXPECT_EQ(unavailable.status, 503);
  EXPECT_EQ(unavailable.get_header_value("Retry-After"), "5");
  EXPECT_EQ(unavailable.body.find("/srv/index"), std::string::npos);
}

}  // namespace
}  // namespace archivist::searchd
