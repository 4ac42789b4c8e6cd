// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/http_error.h"

#include <nlohmann/json.hpp>

#include "core/log.h"

namespace archivist::searchd {

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kUnsupported: return 422;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kCorrupt:
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

void WriteError(httplib::Response& res, const Error& error) {
  res.status = HttpStatusFor(error.code);
  std::string message = error.message;
  // 5xx details stay in the log; the client gets a generic message.
  if (res.status >= 500) {
    LogWarning("searchd", "server error", {{"code", std::string(ToString(error.code))},
                                           {"error", error.message}});
  }
  if (res.status == 503) {
    message = "the index is not available right now";
    res.set_header("Retry-After", "5");
  } else if (res.status >= 500) {
    message = "internal error";
  }
  const nlohmann::json body = {
      {"error", {{"code", std::string(ToString(error.code))}, {"message", message}}}};
  res.set_header("Cache-Control", "no-store");
  res.set_content(body.dump(), "application/json");
}

}  // namespace archivist::searchd
