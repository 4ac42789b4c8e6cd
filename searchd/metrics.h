// SPDX-License-Identifier: GPL-2.0-or-later
// Request counters and a latency histogram per route, rendered in the
// Prometheus text exposition format (version 0.0.4) for GET /metrics.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace archivist::searchd {

// What the index looks like when /metrics is scraped; absent when no index is open.
struct IndexGauges {
  std::uint64_t documents = 0;
  std::optional<double> age_seconds;  // since the last commit; absent when unknown
};

// Answers served from before the index's latest commit (within the answer
// cache's stale allowance) and their recomputation in the background.
struct StaleAnswerCounts {
  std::uint64_t served = 0;
  std::uint64_t refreshed = 0;  // recomputed at the latest commit and stored
  std::uint64_t failed = 0;     // recomputations that got no answer
};

// Exports being made now and those refused at the cap (searchd/export_slots.h).
struct ExportCounts {
  std::uint64_t building = 0;
  std::uint64_t refused = 0;
};

// Why the reception (searchd/reception.h) turned a connection or a request
// away before any route saw it.
enum class RefusalReason {
  kRequestTimeout,     // 408: the request did not arrive whole in time
  kUriTooLong,         // 414
  kHeadersTooLarge,    // 431
  kClientConnections,  // 429: the client address's connection cap
  kServerConnections,  // closed unanswered: searchd holds its most connections
  kSlowReader,         // an answer cut: the client read it below the send floor
  kAnswerDeadline,     // a handed-over answer cut: not read whole within the answer deadline
  kSpillFull,          // a handed-over answer cut: the spills' room on disk was full
};

// What became of clients reading their answers slowly (reception.h's slow
// streams): handed over to the reception's loop, or not, the caps being full.
enum class SlowStreamEvent {
  kHandedOver,
  kClientCapFull,  // max_slow_streams_per_client held by the client: its worker writes
  kServerCapFull,  // max_slow_streams held in all: its worker writes
};

// Refusals counted by reason. Thread-safe: the reception's loop, the accept
// thread and /metrics share one instance.
class RefusalCounts {
 public:
  void Add(RefusalReason reason);
  std::uint64_t Count(RefusalReason reason) const;

  // Slow streams: events, and how many are being sent now (a gauge).
  void Add(SlowStreamEvent event);
  std::uint64_t Count(SlowStreamEvent event) const;
  void SlowStreamEnded();
  std::uint64_t SlowStreamsNow() const;

 private:
  static constexpr std::size_t kReasons = 8;
  static constexpr std::size_t kSlowStreamEvents = 3;
  std::atomic<std::uint64_t> counts_[kReasons] = {};
  std::atomic<std::uint64_t> slow_stream_events_[kSlowStreamEvents] = {};
  std::atomic<std::uint64_t> slow_streams_ended_ = 0;
};

// Thread-safe: every worker thread records into one instance.
class Metrics {
 public:
  // Upper bounds of the latency buckets, in seconds.
  static const std::vector<double>& Buckets();

  // One answered request. `route` is the route's pattern label (never the
  // raw path, which would make a series per document id); `error_code` is
  // the API error code of an error answer (http_error.h), empty otherwise.
  void Record(std::string_view route, int status, std::string_view error_code, double seconds);

  std::string Render(const std::optional<IndexGauges>& index, const StaleAnswerCounts& stale = {},
                     const ExportCounts& exports = {}) const;

  // Renders these refusals too (archivist_http_refusals_total): requests
  // and connections turned away before routing, which Record() never sees.
  void ShowRefusals(std::shared_ptr<const RefusalCounts> refusals);

 private:
  struct Latency {
    std::vector<std::uint64_t> buckets;  // cumulative counts are computed when rendering
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;  // guarded by mutex_
  // Error answers by route and API error code; guarded by mutex_.
  std::map<std::pair<std::string, std::string>, std::uint64_t> errors_;
  std::map<std::string, Latency> latency_;                         // guarded by mutex_
  std::shared_ptr<const RefusalCounts> refusals_;                  // guarded by mutex_
};

}  // namespace archivist::searchd
