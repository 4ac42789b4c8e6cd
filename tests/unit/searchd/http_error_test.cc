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

// Issue 13: the answers httplib makes by itself once said "not_found" for
// every status; each now carries the code of its own status.
struct Unhandled {
  const char* name;
  const char* method;
  int status_from_httplib;
  int status;
  const char* code;
};

class UnhandledErrorTest : public ::testing::TestWithParam<Unhandled> {};

TEST_P(UnhandledErrorTest, CarriesTheCodeOfItsStatus) {
  const Unhandled& c = GetParam();
  httplib::Request req;
  req.method = c.method;
  httplib::Response res;
  res.status = c.status_from_httplib;
  WriteUnhandledError(req, res);
  EXPECT_EQ(res.status, c.status);
  EXPECT_EQ(nlohmann::json::parse(res.body)["error"]["code"], c.code);
  EXPECT_EQ(ErrorCodeOf(res), c.code);
  EXPECT_EQ(res.get_header_value("Cache-Control"), "no-store");
}

INSTANTIATE_TEST_SUITE_P(
    Statuses, UnhandledErrorTest,
    ::testing::Values(Unhandled{"NoRoute", "GET", 404, 404, "not_found"},
                      Unhandled{"PostAnywhere", "POST", 404, 405, "method_not_allowed"},
                      Unhandled{"Delete", "DELETE", 404, 405, "method_not_allowed"},
                      Unhandled{"BodyTooLarge", "POST", 413, 413, "payload_too_large"},
                      Unhandled{"UriTooLong", "GET", 414, 414, "uri_too_long"},
                      Unhandled{"BadRange", "GET", 416, 416, "range_not_satisfiable"},
                      Unhandled{"MalformedRequest", "GET", 400, 400, "invalid_argument"},
                      Unhandled{"ServerFailure", "GET", 500, 500, "internal"}),
    [](const ::testing::TestParamInfo<Unhandled>& param) { return std::string(param.param.name); });

TEST(HttpErrorTest, WrongMethodsSayWhichMethodsAreAllowed) {
  httplib::Request req;
  req.method = "PUT";
  httplib::Response res;
  res.status = 404;
  WriteUnhandledError(req, res);
  EXPECT_EQ(res.get_header_value("Allow"), "GET, HEAD");
}

TEST(HttpErrorTest, HandlerBodiesAreKept) {
  httplib::Request req;
  req.method = "GET";
  httplib::Response res;
  WriteError(res, {ErrorCode::kNotFound, "no document 0000000000000000"});
  WriteUnhandledError(req, res);
  EXPECT_EQ(nlohmann::json::parse(res.body)["error"]["message"], "no document 0000000000000000");
}

TEST(HttpErrorTest, EveryCodeHasOneNameAndTheDomainCodesKeepTheirs) {
  for (ErrorCode code : {ErrorCode::kInvalidArgument, ErrorCode::kNotFound, ErrorCode::kUnsupported,
                         ErrorCode::kCorrupt, ErrorCode::kUnavailable, ErrorCode::kInternal}) {
    EXPECT_EQ(ApiErrorName(ApiErrorFor(code)), ToString(code));
  }
  httplib::Response ok;
  ok.status = 200;
  ok.body = R"({"error":{"code":"not_found"}})";
  EXPECT_EQ(ErrorCodeOf(ok), "") << "a success is not an error, whatever its body";
}

}  // namespace
}  // namespace archivist::searchd
