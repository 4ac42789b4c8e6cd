// SPDX-License-Identifier: GPL-2.0-or-later
// Who may use searchd: the access token for listeners off the loopback, and
// the per-client rate limit.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include <httplib.h>

#include "core/error.h"

namespace archivist::searchd {

// Reads an access token from `path`: its first line, without surrounding
// white space. kInvalidArgument when the file cannot be read or the token
// is shorter than 16 characters (a short one can be guessed over HTTP).
Result<std::string> ReadTokenFile(const std::string& path);

// Whether searchd may listen on `host` as configured: a host other than the
// loopback needs a token (`has_token`) or an explicit `is_public`, so that
// nobody publishes an archive by mistyping an address. kInvalidArgument
// naming the choice otherwise.
std::optional<Error> CheckListenPolicy(const std::string& host, bool has_token, bool is_public);

// Whether a request carries `token`, as `Authorization: Bearer TOKEN` or as
// the cookie `archivist_token` (which the web UI sets so that links to
// original files, which cannot carry a header, work too). Compared in
// constant time.
bool CarriesToken(const std::string& authorization, const std::string& cookies,
                  const std::string& token);

// Requests per client address: a token bucket per address that refills
// `per_second` tokens a second up to `burst`. Thread safety: all members
// may be called from any thread.
class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  RateLimiter(double per_second, double burst);

  // Takes one token for `client`; when there is none, how long until there
  // is (for Retry-After).
  std::optional<std::chrono::milliseconds> Take(const std::string& client,
                                                Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double tokens;
    Clock::time_point updated;
  };
  const double per_second_;
  const double burst_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
  Clock::time_point last_sweep_;
};

// How the API is guarded; the defaults guard nothing.
struct AccessConfig {
  std::string token;  // empty: no token needed
  // Requests a second per client address on the API, and how many may come
  // at once after a quiet spell; 0: no limit.
  double requests_per_second = 0;
  double burst = 0;
  bool limit_loopback = false;  // loopback clients are exempt unless set
};

// The rate limit and the token, for the routes that give out the archive:
// /api/ (originals included) and /metrics. The web UI's static files and
// /healthz are left open (the page must load to ask for the token, and a
// load balancer must see the health). The rate limit comes first, so that
// guessing the token is rate-limited too.
// Thread safety: Refused() may be called from any thread.
class AccessGate {
 public:
  explicit AccessGate(AccessConfig config);
  // True when the request is refused: `res` then holds the answer (429
  // with Retry-After, or 401 with WWW-Authenticate).
  bool Refused(const httplib::Request& req, httplib::Response& res);

 private:
  const AccessConfig config_;
  std::optional<RateLimiter> limiter_;
};

}  // namespace archivist::searchd
