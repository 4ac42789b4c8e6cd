// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/metrics.h"

#include <memory>
#include <optional>
#include <string>

#include <gtest/gtest.h>

namespace archivist::searchd {
namespace {

TEST(MetricsTest, CountsRequestsErrorsByCodeAndCumulativeLatencyBuckets) {
  Metrics metrics;
  metrics.Record("/api/search", 200, "", 0.002);
  metrics.Record("/api/search", 200, "", 0.2);
  metrics.Record("/api/search", 400, "invalid_argument", 0.0005);
  metrics.Record("/api/stats", 503, "unavailable", 7);
  metrics.Record("other", 405, "method_not_allowed", 0.001);
  const std::string text = metrics.Render(IndexGauges{42, 3.5}, StaleAnswerCounts{7, 5, 1});
  for (const char* line : {
           "archivist_http_requests_total{route=\"/api/search\",status=\"200\"} 2\n",
           "archivist_http_requests_total{route=\"/api/search\",status=\"400\"} 1\n",
           "archivist_http_errors_total{route=\"/api/search\",code=\"invalid_argument\"} 1\n",
           "archivist_http_errors_total{route=\"/api/stats\",code=\"unavailable\"} 1\n",
           "archivist_http_errors_total{route=\"other\",code=\"method_not_allowed\"} 1\n",
           "archivist_http_request_duration_seconds_bucket{route=\"/api/search\",le=\"0.001\"} 1\n",
           "archivist_http_request_duration_seconds_bucket{route=\"/api/search\",le=\"0.0025\"} 2\n",
           "archivist_http_request_duration_seconds_bucket{route=\"/api/search\",le=\"0.25\"} 3\n",
           "archivist_http_request_duration_seconds_bucket{route=\"/api/stats\",le=\"5\"} 0\n",
           "archivist_http_request_duration_seconds_bucket{route=\"/api/stats\",le=\"+Inf\"} 1\n",
           "archivist_http_request_duration_seconds_count{route=\"/api/search\"} 3\n",
           "archivist_index_up 1\n",
           "archivist_index_documents 42\n",
           "archivist_index_age_seconds 3.5\n",
           "archivist_search_stale_answers_total 7\n",
           "archivist_search_refreshes_total{outcome=\"stored\"} 5\n",
           "archivist_search_refreshes_total{outcome=\"failed\"} 1\n",
       }) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "in\n" << text;
  }
  EXPECT_EQ(text.find("route=\"/api/search\",code=\"\""), std::string::npos) << "successes are no errors";
}

TEST(MetricsTest, SaysWhenThereIsNoIndex) {
  const std::string text = Metrics().Render(std::nullopt);
  EXPECT_NE(text.find("archivist_index_up 0\n"), std::string::npos);
  EXPECT_EQ(text.find("archivist_index_documents"), std::string::npos);
}

// Refusals happen in the reception, before any route: Record() never sees
// them, so they are rendered from the reception's own counts.
TEST(MetricsTest, RendersTheReceptionsRefusalsByReason) {
  Metrics metrics;
  EXPECT_EQ(metrics.Render(std::nullopt).find("archivist_http_refusals_total"),
            std::string::npos);  // a server without a reception shows none
  auto refusals = std::make_shared<RefusalCounts>();
  refusals->Add(RefusalReason::kRequestTimeout);
  refusals->Add(RefusalReason::kRequestTimeout);
  refusals->Add(RefusalReason::kClientConnections);
  refusals->Add(RefusalReason::kSlowReader);
  refusals->Add(RefusalReason::kSpillFull);
  metrics.ShowRefusals(refusals);
  refusals->Add(RefusalReason::kHeadersTooLarge);  // counted after: still shown
  const std::string text = metrics.Render(std::nullopt);
  for (const char* line : {
           "# TYPE archivist_http_refusals_total counter\n",
           "archivist_http_refusals_total{reason=\"request_timeout\",status=\"408\"} 2\n",
           "archivist_http_refusals_total{reason=\"uri_too_long\",status=\"414\"} 0\n",
           "archivist_http_refusals_total{reason=\"headers_too_large\",status=\"431\"} 1\n",
           "archivist_http_refusals_total{reason=\"client_connections\",status=\"429\"} 1\n",
           "archivist_http_refusals_total{reason=\"server_connections\",status=\"none\"} 0\n",
           "archivist_http_refusals_total{reason=\"slow_reader\",status=\"none\"} 1\n",
           "archivist_http_refusals_total{reason=\"spill_full\",status=\"none\"} 1\n",
       }) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "\nin:\n" << text;
  }
}

// Exports made now and refused at the cap (searchd/export_slots.h).
TEST(MetricsTest, RendersExportsBeingMadeAndRefused) {
  const std::string text = Metrics().Render(std::nullopt, {}, ExportCounts{3, 7});
  for (const char* line : {
           "# TYPE archivist_exports_building gauge\n",
           "archivist_exports_building 3\n",
           "# TYPE archivist_exports_refused_total counter\n",
           "archivist_exports_refused_total 7\n",
       }) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "\nin:\n" << text;
  }
}

}  // namespace
}  // namespace archivist::searchd
