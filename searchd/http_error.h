// SPDX-License-Identifier: GPL-2.0-or-later
// The one place that chooses the HTTP status of an error and writes its JSON
// body: domain errors (core's ErrorCode) and the errors only HTTP can make
// (a wrong method, a body too large), which httplib answers by itself.
#pragma once

#include <string>
#include <string_view>

#include <httplib.h>

#include "core/error.h"

namespace archivist::searchd {

// The API's error vocabulary: every error body carries exactly one of these
// as `error.code` (docs/api/openapi.yaml, Error), and each has one status.
// The first six are core's ErrorCode; the rest are about the HTTP request
// itself. Clients and /metrics classify errors by this code, never by status.
enum class ApiError {
  kInvalidArgument,      // 400 invalid_argument
  kUnauthorized,         // 401 unauthorized (a token is required: WWW-Authenticate)
  kNotFound,             // 404 not_found
  kMethodNotAllowed,     // 405 method_not_allowed (searchd is read-only: GET and HEAD)
  kRequestTimeout,       // 408 request_timeout (the request did not arrive whole in time)
  kPayloadTooLarge,      // 413 payload_too_large
  kUriTooLong,           // 414 uri_too_long
  kRangeNotSatisfiable,  // 416 range_not_satisfiable
  kUnsupported,          // 422 unsupported
  kTooManyRequests,      // 429 too_many_requests (the caller sets Retry-After)
  kHeadersTooLarge,      // 431 headers_too_large
  kCorrupt,              // 500 corrupt
  kInternal,             // 500 internal
  kUnavailable,          // 503 unavailable (plus Retry-After)
};

ApiError ApiErrorFor(ErrorCode code);
int HttpStatusFor(ApiError error);
int HttpStatusFor(ErrorCode code);
// Stable snake_case name, as written in error bodies and metrics labels.
std::string_view ApiErrorName(ApiError error);

// Sets the status and a body {"error":{"code":"…","message":"…"}}. For 5xx
// statuses the message is replaced by a generic one (details belong in the log).
void WriteError(httplib::Response& res, ApiError error, const std::string& message);
void WriteError(httplib::Response& res, const Error& error);

// 503 `unavailable` for a server at one of its caps (exports made at once),
// with Retry-After `retry_after_seconds`. Unlike an index failure's, the
// message is shown: it names the cap, nothing internal.
void WriteBusy(httplib::Response& res, const std::string& message, int retry_after_seconds);

// For an answer httplib made by itself, with a status and no body (no route
// matched, a body over the payload limit, a malformed request line): writes
// the API error for it. A request with a method other than GET or HEAD that
// found no handler is refused as method_not_allowed (with `Allow`), whatever
// its path. Answers that already carry a body are left as they are.
void WriteUnhandledError(const httplib::Request& req, httplib::Response& res);

// The `error.code` an answer's body carries; empty when the answer is not an
// error or carries no JSON error body.
std::string ErrorCodeOf(const httplib::Response& res);

}  // namespace archivist::searchd
