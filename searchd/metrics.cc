// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/metrics.h"

#include <sstream>

namespace archivist::searchd {
namespace {

// Label values are our own route labels, but escape as the format requires anyway.
std::string LabelValue(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

struct ReasonLabel {
  RefusalReason reason;
  const char* label;
  const char* status;  // the answer's status; "none" when closed unanswered
};

constexpr ReasonLabel kReasonLabels[] = {
    {RefusalReason::kRequestTimeout, "request_timeout", "408"},
    {RefusalReason::kUriTooLong, "uri_too_long", "414"},
    {RefusalReason::kHeadersTooLarge, "headers_too_large", "431"},
    {RefusalReason::kClientConnections, "client_connections", "429"},
    {RefusalReason::kServerConnections, "server_connections", "none"},
    {RefusalReason::kSlowReader, "slow_reader", "none"},
    {RefusalReason::kAnswerDeadline, "answer_deadline", "none"},
    {RefusalReason::kSpillFull, "spill_full", "none"},
};

struct SlowStreamLabel {
  SlowStreamEvent event;
  const char* label;
};

constexpr SlowStreamLabel kSlowStreamLabels[] = {
    {SlowStreamEvent::kHandedOver, "handed_over"},
    {SlowStreamEvent::kClientCapFull, "client_cap_full"},
    {SlowStreamEvent::kServerCapFull, "server_cap_full"},
};

}  // namespace

void RefusalCounts::Add(RefusalReason reason) {
  counts_[static_cast<std::size_t>(reason)].fetch_add(1, std::memory_order_relaxed);
}

std::uint64_t RefusalCounts::Count(RefusalReason reason) const {
  return counts_[static_cast<std::size_t>(reason)].load(std::memory_order_relaxed);
}

void RefusalCounts::Add(SlowStreamEvent event) {
  slow_stream_events_[static_cast<std::size_t>(event)].fetch_add(1, std::memory_order_relaxed);
}

std::uint64_t RefusalCounts::Count(SlowStreamEvent event) const {
  return slow_stream_events_[static_cast<std::size_t>(event)].load(std::memory_order_relaxed);
}

void RefusalCounts::SlowStreamEnded() { slow_streams_ended_.fetch_add(1, std::memory_order_relaxed); }

std::uint64_t RefusalCounts::SlowStreamsNow() const {
  const std::uint64_t ended = slow_streams_ended_.load(std::memory_order_relaxed);
  const std::uint64_t started = Count(SlowStreamEvent::kHandedOver);
  return started > ended ? started - ended : 0;
}

void Metrics::ShowRefusals(std::shared_ptr<const RefusalCounts> refusals) {
  const std::scoped_lock lock(mutex_);
  refusals_ = std::move(refusals);
}

const std::vector<double>& Metrics::Buckets() {
  static const std::vector<double> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                               0.1,   0.25,   0.5,   1,    2.5,   5};
  return kBuckets;
}

void Metrics::Record(std::string_view route, int status, std::string_view error_code,
                     double seconds) {
  const std::scoped_lock lock(mutex_);
  ++requests_[{std::string(route), status}];
  if (status >= 400) {
    // An error without a code would be a bug in http_error; count it anyway.
    ++errors_[{std::string(route), error_code.empty() ? "unknown" : std::string(error_code)}];
  }
  Latency& latency = latency_[std::string(route)];
  if (latency.buckets.empty()) latency.buckets.assign(Buckets().size(), 0);
  for (std::size_t i = 0; i < Buckets().size(); ++i) {
    if (seconds <= Buckets()[i]) {
      ++latency.buckets[i];
      break;
    }
  }
  ++latency.count;
  latency.sum += seconds;
}

std::string Metrics::Render(const std::optional<IndexGauges>& index, const StaleAnswerCounts& stale,
                            const ExportCounts& exports) const {
  std::ostringstream out;
  const std::scoped_lock lock(mutex_);
  out << "# HELP archivist_http_requests_total HTTP requests answered, by route and status.\n"
      << "# TYPE archivist_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    out << "archivist_http_requests_total{route=\"" << LabelValue(key.first) << "\",status=\""
        << key.second << "\"} " << count << '\n';
  }
  out << "# HELP archivist_http_errors_total Error answers, by route and the API's error code.\n"
      << "# TYPE archivist_http_errors_total counter\n";
  for (const auto& [key, count] : errors_) {
    out << "archivist_http_errors_total{route=\"" << LabelValue(key.first) << "\",code=\""
        << LabelValue(key.second) << "\"} " << count << '\n';
  }
  out << "# HELP archivist_http_request_duration_seconds Time from routing until the answer starts.\n"
      << "# TYPE archivist_http_request_duration_seconds histogram\n";
  for (const auto& [route, latency] : latency_) {
    const std::string label = "route=\"" + LabelValue(route) + "\"";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < Buckets().size(); ++i) {
      cumulative += latency.buckets[i];
      out << "archivist_http_request_duration_seconds_bucket{" << label << ",le=\""
          << Buckets()[i] << "\"} " << cumulative << '\n';
    }
    out << "archivist_http_request_duration_seconds_bucket{" << label << ",le=\"+Inf\"} "
        << latency.count << '\n'
        << "archivist_http_request_duration_seconds_sum{" << label << "} " << latency.sum << '\n'
        << "archivist_http_request_duration_seconds_count{" << label << "} " << latency.count
        << '\n';
  }
  if (refusals_) {
    out << "# HELP archivist_http_refusals_total Requests and connections refused before "
           "routing (the request deadline, head limits, connection caps) and answers cut because the client "
           "read them too slowly or their spill found no room on disk, by reason.\n"
        << "# TYPE archivist_http_refusals_total counter\n";
    for (const ReasonLabel& r : kReasonLabels) {
      out << "archivist_http_refusals_total{reason=\"" << r.label << "\",status=\"" << r.status
          << "\"} " << refusals_->Count(r.reason) << '\n';
    }
    out << "# HELP archivist_http_slow_streams_total Answers whose client read them slowly: "
           "handed over to the reception's loop, or written by their worker because a slow-stream "
           "cap was full.\n"
        << "# TYPE archivist_http_slow_streams_total counter\n";
    for (const SlowStreamLabel& s : kSlowStreamLabels) {
      out << "archivist_http_slow_streams_total{event=\"" << s.label << "\"} "
          << refusals_->Count(s.event) << '\n';
    }
    out << "# HELP archivist_http_slow_streams Handed-over answers being sent now.\n"
        << "# TYPE archivist_http_slow_streams gauge\n"
        << "archivist_http_slow_streams " << refusals_->SlowStreamsNow() << '\n';
  }
  out << "# HELP archivist_search_stale_answers_total Search answers served from before the "
         "index's latest commit, within the stale allowance.\n"
      << "# TYPE archivist_search_stale_answers_total counter\n"
      << "archivist_search_stale_answers_total " << stale.served << '\n'
      << "# HELP archivist_search_refreshes_total Stale answers recomputed in the background, "
         "by outcome.\n"
      << "# TYPE archivist_search_refreshes_total counter\n"
      << "archivist_search_refreshes_total{outcome=\"stored\"} " << stale.refreshed << '\n'
      << "archivist_search_refreshes_total{outcome=\"failed\"} " << stale.failed << '\n';
  out << "# HELP archivist_exports_building Exports being made now (--max-exports at most).\n"
      << "# TYPE archivist_exports_building gauge\n"
      << "archivist_exports_building " << exports.building << '\n'
      << "# HELP archivist_exports_refused_total Exports refused with 503 because the most "
         "exports were being made.\n"
      << "# TYPE archivist_exports_refused_total counter\n"
      << "archivist_exports_refused_total " << exports.refused << '\n';
  out << "# HELP archivist_index_up Whether searchd has an index open.\n"
      << "# TYPE archivist_index_up gauge\n"
      << "archivist_index_up " << (index ? 1 : 0) << '\n';
  if (index) {
    out << "# HELP archivist_index_documents Documents in the index.\n"
        << "# TYPE archivist_index_documents gauge\n"
        << "archivist_index_documents " << index->documents << '\n';
    if (index->age_seconds) {
      out << "# HELP archivist_index_age_seconds Seconds since the indexer last committed.\n"
          << "# TYPE archivist_index_age_seconds gauge\n"
          << "archivist_index_age_seconds " << *index->age_seconds << '\n';
    }
  }
  return out.str();
}

}  // namespace archivist::searchd
