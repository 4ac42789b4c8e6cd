// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/request_guards.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "searchd/connection.h"

namespace archivist::searchd {

bool IsLoopbackHost(std::string_view host) {
  if (host == "localhost" || host == "::1") return true;
  if (host.rfind("127.", 0) != 0) return false;
  return std::all_of(host.begin(), host.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '.';
  });
}

std::optional<std::string> HostOf(std::string_view value) {
  std::string host;
  std::string_view rest;
  if (!value.empty() && value.front() == '[') {
    const std::size_t close = value.find(']');
    if (close == std::string_view::npos || close == 1) return std::nullopt;
    host = value.substr(1, close - 1);
    rest = value.substr(close + 1);
    const auto is_v6 = [](char c) {
      return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.';
    };
    if (!std::all_of(host.begin(), host.end(), is_v6)) return std::nullopt;
  } else {
    const std::size_t colon = value.find(':');
    host = value.substr(0, colon);
    rest = colon == std::string_view::npos ? std::string_view() : value.substr(colon);
    const auto is_name = [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
    };
    if (host.empty() || !std::all_of(host.begin(), host.end(), is_name)) return std::nullopt;
  }
  if (!rest.empty()) {
    if (rest.front() != ':' || rest.size() < 2 || rest.size() > 6) return std::nullopt;
    const auto is_digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
    if (!std::all_of(rest.begin() + 1, rest.end(), is_digit)) return std::nullopt;
  }
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return host;
}

std::optional<Error> CheckHost(const httplib::Request& req, const std::string& listen_host) {
  const std::size_t count = req.get_header_value_count("Host");
  if (count == 0) return std::nullopt;  // HTTP/1.0
  const std::optional<std::string> host = HostOf(req.get_header_value("Host"));
  if (count > 1 || !host) {
    return Error{ErrorCode::kInvalidArgument, "Host: want one HOST or HOST:PORT"};
  }
  if (!IsLoopbackHost(listen_host) || IsLoopbackHost(*host) || *host == listen_host) {
    return std::nullopt;
  }
  return Error{ErrorCode::kInvalidArgument,
               "Host: this server answers to the loopback only (127.0.0.1, localhost, [::1])"};
}

bool StaticPathRefused(const std::filesystem::path& root, const std::string& path) {
  if (root.empty() || path.rfind("/api/", 0) == 0) return false;
  std::string sub = path.substr(
      path.find_first_not_of('/') == std::string::npos ? path.size() : path.find_first_not_of('/'));
  if (sub.empty() || sub.back() == '/') sub += "index.html";  // as httplib does
  std::size_t begin = 0;
  while (begin < sub.size()) {
    const std::size_t end = std::min(sub.find('/', begin), sub.size());
    if (end > begin && sub[begin] == '.') return true;
    begin = end + 1;
  }
  std::error_code error;
  const std::filesystem::path resolved = std::filesystem::weakly_canonical(root / sub, error);
  if (error) return true;
  const auto [in_root, in_path] =
      std::mismatch(root.begin(), root.end(), resolved.begin(), resolved.end());
  return in_root != root.end();
}

bool BodyRefused(const httplib::Request& req) {
  if (req.has_header("Transfer-Encoding")) return true;
  if (!req.has_header("Content-Length")) return false;
  const std::string text = req.get_header_value("Content-Length");
  std::size_t length = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, length);
  return ec != std::errc() || ptr != end || length > kMaxRequestBody;
}

void SetSecurityHeaders(httplib::Response& res) {
  // The UI loads nothing from elsewhere and runs no inline code. A handler
  // that set a stricter policy of its own (originals) keeps it.
  if (!res.has_header("Content-Security-Policy")) {
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                   "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
  }
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("X-Frame-Options", "DENY");
}

}  // namespace archivist::searchd
