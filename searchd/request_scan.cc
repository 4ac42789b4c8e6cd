// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/request_scan.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

namespace archivist::searchd {
namespace {

bool NameIs(std::string_view name, std::string_view wanted) {
  return name.size() == wanted.size() &&
         std::equal(name.begin(), name.end(), wanted.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         });
}

std::string_view Trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

// What the head says of its body.
struct DeclaredBody {
  bool chunked = false;
  bool unreadable = false;  // a length that is not a number, or two that differ
  std::optional<std::size_t> length;

  void Read(std::string_view line) {
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return;
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = Trimmed(line.substr(colon + 1));
    if (NameIs(name, "transfer-encoding")) chunked = true;
    if (!NameIs(name, "content-length")) return;
    std::size_t n = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (error != std::errc() || end != value.data() + value.size() || (length && *length != n)) {
      unreadable = true;
    }
    length = n;
  }
};

}  // namespace

RequestScan ScanRequest(std::string_view received, const RequestLimits& limits) {
  DeclaredBody body;
  std::size_t begin = 0;
  bool request_line = true;
  while (true) {
    const std::size_t newline = received.find('\n', begin);
    const std::size_t line_size =
        (newline == std::string_view::npos ? received.size() : newline + 1) - begin;
    // httplib counts a line with its line break, and so do the limits.
    if (request_line && line_size > limits.max_request_line) {
      return {RequestState::kUriTooLong, 0};
    }
    if (!request_line && line_size > limits.max_header_line) {
      return {RequestState::kHeadersTooLarge, 0};
    }
    if (newline == std::string_view::npos) break;
    const std::string_view line = received.substr(begin, newline - begin);
    begin = newline + 1;
    if (begin > limits.max_head) return {RequestState::kHeadersTooLarge, 0};
    if (!request_line && (line.empty() || line == "\r")) {
      // The head ends here; wait for the body only when it will be read.
      if (body.chunked || body.unreadable || !body.length || *body.length > limits.max_body) {
        return {RequestState::kComplete, begin};
      }
      const std::size_t whole = begin + *body.length;
      if (received.size() < whole) return {RequestState::kIncomplete, 0};
      return {RequestState::kComplete, whole};
    }
    if (!request_line) body.Read(line);
    request_line = false;
  }
  if (received.size() >= limits.max_head) return {RequestState::kHeadersTooLarge, 0};
  return {RequestState::kIncomplete, 0};
}

}  // namespace archivist::searchd
