// SPDX-License-Identifier: GPL-2.0-or-later
// Whether the bytes a client has sent so far hold a whole HTTP request: what
// searchd's reception needs to know before it gives a connection a worker.
#pragma once

#include <cstddef>
#include <string_view>

namespace archivist::searchd {

struct RequestLimits {
  // The request line and its headers together. httplib 0.11 would buffer a
  // head of any size.
  std::size_t max_head = 16 * 1024;
  // One request line (httplib answers 414 past its compiled-in 8,192) and
  // one header line (httplib gave a plain 400 past 8,192).
  std::size_t max_request_line = 8 * 1024;
  std::size_t max_header_line = 8 * 1024;
  // A body declared larger than this is not waited for: the request is
  // passed on as soon as its head is in, and refused there (413).
  std::size_t max_body = 64 * 1024;
};

enum class RequestState {
  kIncomplete,       // wait for more bytes
  kComplete,         // `length` bytes from the start make one request
  kUriTooLong,       // the request line is over the limit (414)
  kHeadersTooLarge,  // a header line, or the head, is over the limit (431)
};

struct RequestScan {
  RequestState state = RequestState::kIncomplete;
  // kComplete: the head and the body it declares (Content-Length), or the
  // head alone when its body will be refused unread (chunked, over
  // max_body, or a Content-Length that is not a number).
  std::size_t length = 0;
};

// Scans the bytes received on a connection since its last request. Pure:
// no state is kept between calls, so call it again with the grown buffer.
RequestScan ScanRequest(std::string_view received, const RequestLimits& limits);

}  // namespace archivist::searchd
