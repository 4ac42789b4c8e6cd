// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/http_error.h"

#include <cstddef>
#include <iterator>

#include <nlohmann/json.hpp>

#include "core/log.h"

namespace archivist::searchd {
namespace {

struct ApiErrorInfo {
  ApiError error;
  int status;
  std::string_view name;
};

// One row per code: its status and its name, so neither is chosen twice.
constexpr ApiErrorInfo kApiErrors[] = {
    {ApiError::kInvalidArgument, 400, "invalid_argument"},
    {ApiError::kUnauthorized, 401, "unauthorized"},
    {ApiError::kNotFound, 404, "not_found"},
    {ApiError::kMethodNotAllowed, 405, "method_not_allowed"},
    {ApiError::kRequestTimeout, 408, "request_timeout"},
    {ApiError::kPayloadTooLarge, 413, "payload_too_large"},
    {ApiError::kUriTooLong, 414, "uri_too_long"},
    {ApiError::kRangeNotSatisfiable, 416, "range_not_satisfiable"},
    {ApiError::kUnsupported, 422, "unsupported"},
    {ApiError::kTooManyRequests, 429, "too_many_requests"},
    {ApiError::kHeadersTooLarge, 431, "headers_too_large"},
    {ApiError::kCorrupt, 500, "corrupt"},
    {ApiError::kInternal, 500, "internal"},
    {ApiError::kUnavailable, 503, "unavailable"},
};

// The table is indexed by the enumerator, so every code must have its row, in order.
constexpr bool RowsFollowTheEnum() {
  for (std::size_t i = 0; i < std::size(kApiErrors); ++i) {
    if (static_cast<std::size_t>(kApiErrors[i].error) != i) return false;
  }
  return std::size(kApiErrors) == static_cast<std::size_t>(ApiError::kUnavailable) + 1;
}
static_assert(RowsFollowTheEnum());

const ApiErrorInfo& InfoOf(ApiError error) { return kApiErrors[static_cast<std::size_t>(error)]; }

// What httplib meant by a status it set itself. Statuses it is not known to
// set fall into the nearest class, so a new httplib cannot make an error
// without a code.
struct Unhandled {
  ApiError error;
  const char* message;
};

Unhandled UnhandledErrorFor(const httplib::Request& req, int status) {
  if (req.method != "GET" && req.method != "HEAD" && status == 404) {
    return {ApiError::kMethodNotAllowed, "method not allowed: searchd answers GET and HEAD only"};
  }
  switch (status) {
    case 404:
      return {ApiError::kNotFound, "no such route"};
    case 405:
      return {ApiError::kMethodNotAllowed, "method not allowed: searchd answers GET and HEAD only"};
    case 413:
      return {ApiError::kPayloadTooLarge, "request body too large"};
    case 414:
      return {ApiError::kUriTooLong, "request URI too long"};
    case 416:
      return {ApiError::kRangeNotSatisfiable, "range not satisfiable"};
    case 431:
      return {ApiError::kHeadersTooLarge, "request headers too large"};
    case 503:
      return {ApiError::kUnavailable, "unavailable"};
    default:
      break;
  }
  if (status >= 500) return {ApiError::kInternal, "internal error"};
  return {ApiError::kInvalidArgument, "malformed request"};
}

}  // namespace

ApiError ApiErrorFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return ApiError::kInvalidArgument;
    case ErrorCode::kNotFound:
      return ApiError::kNotFound;
    case ErrorCode::kUnsupported:
      return ApiError::kUnsupported;
    case ErrorCode::kUnavailable:
      return ApiError::kUnavailable;
    case ErrorCode::kCorrupt:
      return ApiError::kCorrupt;
    case ErrorCode::kInternal:
      return ApiError::kInternal;
  }
  return ApiError::kInternal;
}

int HttpStatusFor(ApiError error) { return InfoOf(error).status; }

int HttpStatusFor(ErrorCode code) { return HttpStatusFor(ApiErrorFor(code)); }

std::string_view ApiErrorName(ApiError error) { return InfoOf(error).name; }

void WriteError(httplib::Response& res, ApiError error, const std::string& message) {
  res.status = HttpStatusFor(error);
  std::string shown = message;
  // 5xx details stay in the log; the client gets a generic message.
  if (res.status >= 500) {
    LogWarning("searchd", "server error",
               {{"code", std::string(ApiErrorName(error))}, {"error", message}});
  }
  if (error == ApiError::kUnavailable) {
    shown = "the index is not available right now";
    res.set_header("Retry-After", "5");
  } else if (res.status >= 500) {
    shown = "internal error";
  }
  if (error == ApiError::kMethodNotAllowed) res.set_header("Allow", "GET, HEAD");
  if (error == ApiError::kUnauthorized)
    res.set_header("WWW-Authenticate", "Bearer realm=\"archivist\"");
  const nlohmann::json body = {
      {"error", {{"code", std::string(ApiErrorName(error))}, {"message", shown}}}};
  res.set_header("Cache-Control", "no-store");
  // A message may echo what a client sent: a byte that is not UTF-8 must not
  // turn an error into an exception (nlohmann's dump() throws on it).
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json");
}

void WriteError(httplib::Response& res, const Error& error) {
  WriteError(res, ApiErrorFor(error.code), error.message);
}

void WriteBusy(httplib::Response& res, const std::string& message, int retry_after_seconds) {
  res.status = HttpStatusFor(ApiError::kUnavailable);
  res.set_header("Retry-After", std::to_string(retry_after_seconds));
  res.set_header("Cache-Control", "no-store");
  const nlohmann::json body = {
      {"error",
       {{"code", std::string(ApiErrorName(ApiError::kUnavailable))}, {"message", message}}}};
  res.set_content(body.dump(), "application/json");
}

void WriteUnhandledError(const httplib::Request& req, httplib::Response& res) {
  if (!res.body.empty()) return;  // httplib runs this for every status >= 400: keep handler bodies
  const Unhandled unhandled = UnhandledErrorFor(req, res.status);
  WriteError(res, unhandled.error, unhandled.message);
}

std::string ErrorCodeOf(const httplib::Response& res) {
  if (res.status < 400 || res.body.empty()) return "";
  const nlohmann::json body = nlohmann::json::parse(res.body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object() || !body.contains("error") || !body["error"].is_object()) return "";
  const nlohmann::json& code = body["error"]["code"];
  return code.is_string() ? code.get<std::string>() : "";
}

}  // namespace archivist::searchd
