// SPDX-License-Identifier: GPL-2.0-or-later
// The search routes: /api/search, /api/export, /api/feed.
#include <algorithm>
#include <chrono>
#include <memory>
#include <span>

#include "core/clock.h"
#include "core/log.h"
#include "searchd/export_format.h"
#include "searchd/http_error.h"
#include "searchd/routes_handlers.h"
#include "searchd/search_json.h"
#include "searchd/search_params.h"

namespace archivist::searchd {
namespace {

using Clock = std::chrono::steady_clock;

// Export reads the records of the result set in batches of this many.
constexpr std::size_t kExportBatch = 500;
constexpr int kDefaultFeedEntries = 20;
// What a refused export is told to wait: about what one export of a
// large archive takes to make.
constexpr int kExportRetryAfterSeconds = 10;

double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

void HandleSearch(const Index& index, const httplib::Request& req,
                  httplib::Response& res) {
  const Clock::time_point start = Clock::now();
  Result<SearchInput> input = ParseSearchInput(req);
  if (!input.ok()) return WriteError(res, input.error());
  ReaderPool::Lease reader = index.readers->Borrow();
  Result<Searcher*> searcher = reader.Get();
  if (!searcher.ok()) return WriteError(res, searcher.error());
  input.value().request.time_budget = index.search_budget;
  Result<SearchPage> page = Search(index, *searcher.value(), input.value().request);
  if (!page.ok()) return WriteError(res, page.error());
  // Written straight into the answer's text (searchd/json_writer.h): the
  // same bytes as SendJson(SearchPageJson(...)), without the tree.
  res.set_content(SearchPageJsonText(input.value().request, page.value(), MillisecondsSince(start),
                                     input.value().ui_language),
                  "application/json");
}

// The whole filtered result set, streamed in batches: the matching
// documents are listed once, when the export starts, and their records read
// a batch at a time at the latest commit, so commits during a long download
// neither cut it short nor repeat or drop a row (a document deleted
// meanwhile is left out). The list is made before answering, so a bad query
// is still a 400; a failure later cuts the chunked stream short, which
// clients see as an incomplete download rather than a short file.
void HandleExport(const Index& index, const httplib::Request& req,
                  httplib::Response& res) {
  Result<SearchInput> input = ParseSearchInput(req, {"format"});
  if (!input.ok()) return WriteError(res, input.error());
  const std::string format = req.has_param("format") ? req.get_param_value("format") : "jsonl";
  if (format != "csv" && format != "jsonl") {
    return WriteError(res, Error{ErrorCode::kInvalidArgument, "format: one of csv, jsonl"});
  }
  // Held by the export's state until its last row is written (or the
  // answer is abandoned): with a slow reader that is after the rest was
  // handed over to a spill, whose room is capped apart (--max-spill-mib).
  ExportSlots::Slot slot = index.exports->TryTake();
  if (!slot) {
    LogInfo("searchd", "export refused: the most exports are being made",
            {{"max_exports", std::to_string(index.exports->max_at_once())}});
    return RefuseAtCap(res,
                       "too many exports being made at once (at most " +
                           std::to_string(index.exports->max_at_once()) + "); try again shortly",
                       kExportRetryAfterSeconds);
  }
  // A reader of its own: the download may outlast many requests.
  Result<std::unique_ptr<Searcher>> opened = Searcher::Open(index.path);
  if (!opened.ok()) return WriteError(res, opened.error());
  struct ExportState {
    ExportSlots::Slot slot;  // this export's place among those made at once
    std::unique_ptr<Searcher> searcher;
    std::vector<Xapian::docid> ids;
    std::size_t next = 0;  // index into ids of the next batch
    bool csv = false;
    std::string base_url;  // rows link to each document's page
    std::string query;     // rows carry its snippet and matching pages
  };
  auto state = std::make_shared<ExportState>();
  state->slot = std::move(slot);
  state->searcher = std::move(opened).value();
  state->csv = format == "csv";
  state->query = input.value().request.query;
  state->base_url =
      "http://" + (req.has_header("Host") ? req.get_header_value("Host") : std::string("localhost"));
  // The list and the rows are made on the bulk threads, below the
  // searches' priority; this worker waits for them (and writes the rows).
  Result<std::vector<Xapian::docid>> ids = Error{ErrorCode::kInternal, "not listed"};
  index.bulk->Run([&] { ids = state->searcher->MatchingIds(input.value().request); });
  if (!ids.ok()) return WriteError(res, ids.error());
  state->ids = std::move(ids).value();

  res.set_header("Content-Disposition", state->csv ? "attachment; filename=\"archivist-export.csv\""
                                                   : "attachment; filename=\"archivist-export.jsonl\"");
  res.set_header("X-Total-Count", std::to_string(state->ids.size()));
  res.set_chunked_content_provider(
      state->csv ? "text/csv; charset=utf-8" : "application/x-ndjson",
      [state, bulk = index.bulk](std::size_t, httplib::DataSink& sink) {
        std::string out;
        if (state->csv && state->next == 0) out += CsvHeader();
        const std::size_t count = std::min(kExportBatch, state->ids.size() - state->next);
        Result<std::vector<DocumentRecord>> records = Error{ErrorCode::kInternal, "not read"};
        bulk->Run([&] {
          records = state->searcher->Records(std::span(state->ids).subspan(state->next, count));
          if (!records.ok()) return;
          for (const DocumentRecord& record : records.value()) {
            // A document deleted since its record was read keeps its row, without these.
            CsvMatch match;
            if (Result<StoredDocument> document =
                    state->searcher->Document(record.id, state->query);
                document.ok()) {
              match = {std::move(document.value().snippet),
                       std::move(document.value().matching_pages)};
            }
            out += state->csv ? CsvLine(record, state->base_url, match)
                              : JsonLine(record, state->base_url, match);
          }
        });
        if (!records.ok()) {
          LogWarning("searchd", "export cut short", {{"error", records.error().message}});
          return false;
        }
        state->next += count;
        if (!out.empty() && !sink.write(out.data(), out.size())) return false;
        if (state->next == state->ids.size()) sink.done();
        return true;
      });
}

void HandleFeed(const Index& index, const httplib::Request& req, httplib::Response& res) {
  Result<SearchInput> input = ParseSearchInput(req);
  if (!input.ok()) return WriteError(res, input.error());
  SearchRequest request = input.value().request;
  // A feed follows what is new: newest first, the first entries only.
  request.sort = SortOrder::kNewest;
  request.offset = 0;
  request.limit = req.has_param("per_page") ? request.limit : kDefaultFeedEntries;
  request.with_facets = false;
  request.time_budget = index.search_budget;
  ReaderPool::Lease reader = index.readers->Borrow();
  Result<Searcher*> searcher = reader.Get();
  if (!searcher.ok()) return WriteError(res, searcher.error());
  Result<SearchPage> page = Search(index, *searcher.value(), request);
  if (!page.ok()) return WriteError(res, page.error());
  Result<IndexStats> stats = searcher.value()->Stats(/*with_facets=*/false);
  if (!stats.ok()) return WriteError(res, stats.error());

  FeedInfo info;
  const std::string host = req.has_header("Host") ? req.get_header_value("Host") : "localhost";
  info.base_url = "http://" + host;
  info.self_url = info.base_url + req.target;
  info.title = request.query.empty() ? "Archivist: new documents"
                                     : "Archivist: new documents for " + request.query;
  info.updated = stats.value().last_indexed.empty() ? NowUtcRfc3339() : stats.value().last_indexed;
  res.set_content(AtomFeed(info, page.value().hits), "application/atom+xml; charset=utf-8");
}

}  // namespace archivist::searchd
