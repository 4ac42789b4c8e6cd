// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/access.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>

#include "searchd/http_error.h"
#include "searchd/reception.h"

namespace archivist::searchd {
namespace {

constexpr std::size_t kMinTokenLength = 16;
constexpr std::string_view kBearer = "Bearer ";
constexpr std::string_view kCookie = "archivist_token=";
// Buckets are swept this often; a full bucket is as good as none.
constexpr std::chrono::seconds kSweepEvery{60};

bool SameInConstantTime(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return difference == 0;
}

std::string_view Trimmed(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

// The value of the cookie `archivist_token` in a Cookie header, if any.
std::optional<std::string_view> TokenCookie(std::string_view cookies) {
  while (!cookies.empty()) {
    const std::size_t end = std::min(cookies.find(';'), cookies.size());
    const std::string_view pair = Trimmed(cookies.substr(0, end));
    if (pair.rfind(kCookie, 0) == 0) return pair.substr(kCookie.size());
    cookies.remove_prefix(std::min(end + 1, cookies.size()));
  }
  return std::nullopt;
}

}  // namespace

Result<std::string> ReadTokenFile(const std::string& path) {
  std::ifstream file(path);
  std::string line;
  if (!file || !std::getline(file, line)) {
    return Error{ErrorCode::kInvalidArgument, "--token-file: cannot read " + path};
  }
  const std::string token(Trimmed(line));
  if (token.size() < kMinTokenLength) {
    return Error{ErrorCode::kInvalidArgument, "--token-file: the token in " + path +
                                                  " is shorter than " +
                                                  std::to_string(kMinTokenLength) + " characters"};
  }
  const bool printable = std::all_of(token.begin(), token.end(), [](char c) {
    return c > ' ' && c < 127 && c != ';' && c != ',';
  });
  if (!printable) {
    return Error{ErrorCode::kInvalidArgument,
                 "--token-file: the token in " + path +
                     " may hold only printable ASCII without spaces, ';' or ','"};
  }
  return token;
}

std::optional<Error> CheckListenPolicy(const std::string& host, bool has_token, bool is_public) {
  if (host == "localhost" || IsLoopbackAddress(host) || has_token || is_public) return std::nullopt;
  const std::string shown = host.find(':') == std::string::npos ? host : "[" + host + "]";
  return Error{ErrorCode::kInvalidArgument,
               "--listen " + shown +
                   ": off the loopback anyone who can reach this address could read every "
                   "document; give --token-file FILE to require a token, or --public if the "
                   "archive is meant to be public"};
}

bool CarriesToken(const std::string& authorization, const std::string& cookies,
                  const std::string& token) {
  if (authorization.rfind(kBearer, 0) == 0 &&
      SameInConstantTime(Trimmed(std::string_view(authorization).substr(kBearer.size())), token)) {
    return true;
  }
  const std::optional<std::string_view> cookie = TokenCookie(cookies);
  return cookie && SameInConstantTime(*cookie, token);
}

RateLimiter::RateLimiter(double per_second, double burst)
    : per_second_(per_second), burst_(std::max(burst, 1.0)), last_sweep_(Clock::now()) {}

std::optional<std::chrono::milliseconds> RateLimiter::Take(const std::string& client,
                                                           Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (now - last_sweep_ > kSweepEvery) {
    // Forget clients whose bucket has refilled: they would start full anyway.
    std::erase_if(buckets_, [&](const auto& entry) {
      const double seconds = std::chrono::duration<double>(now - entry.second.updated).count();
      return entry.second.tokens + seconds * per_second_ >= burst_;
    });
    last_sweep_ = now;
  }
  auto [it, added] = buckets_.try_emplace(client, Bucket{burst_, now});
  Bucket& bucket = it->second;
  const double seconds = std::chrono::duration<double>(now - bucket.updated).count();
  bucket.tokens = std::min(burst_, bucket.tokens + std::max(seconds, 0.0) * per_second_);
  bucket.updated = now;
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return std::nullopt;
  }
  const double wait_seconds = (1 - bucket.tokens) / per_second_;
  return std::chrono::milliseconds(static_cast<long>(std::ceil(wait_seconds * 1000)));
}

AccessGate::AccessGate(AccessConfig config) : config_(std::move(config)) {
  if (config_.requests_per_second > 0) {
    limiter_.emplace(config_.requests_per_second,
                     config_.burst > 0 ? config_.burst : 2 * config_.requests_per_second);
  }
}

bool AccessGate::Refused(const httplib::Request& req, httplib::Response& res) {
  const bool guarded = req.path.rfind("/api/", 0) == 0 || req.path == "/metrics";
  if (!guarded) return false;
  if (limiter_ && (config_.limit_loopback || !IsLoopbackAddress(req.remote_addr))) {
    if (const auto wait = limiter_->Take(req.remote_addr)) {
      char rate[32];
      std::snprintf(rate, sizeof rate, "%g", config_.requests_per_second);
      WriteError(res, ApiError::kTooManyRequests,
                 std::string("more than ") + rate + " requests a second from one address");
      const auto seconds = (wait->count() + 999) / 1000;
      res.set_header("Retry-After", std::to_string(std::max<long>(seconds, 1)));
      return true;
    }
  }
  if (!config_.token.empty() && !CarriesToken(req.get_header_value("Authorization"),
                                              req.get_header_value("Cookie"), config_.token)) {
    WriteError(res, ApiError::kUnauthorized,
               "this archive needs its access token: Authorization: Bearer TOKEN");
    return true;
  }
  return false;
}

}  // namespace archivist::searchd
