// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/indexer.h"

#include <algorithm>
#include <unordered_set>

#include "core/log.h"
#include "indexer/crawl/crawler.h"
#include "indexer/enrich/record_builder.h"
#include "indexer/enrich/sidecar.h"
#include "indexer/extract/extractor.h"
#include "indexer/writer/index_writer.h"

namespace archivist {
namespace {

bool Unchanged(const DocumentRecord& stored, const crawl::FoundFile& file) {
  return stored.size == file.size && stored.mtime == file.mtime &&
         stored.sidecar_mtime == file.sidecar_mtime;
}

// A type we do not take (kUnsupported: unknown type, encrypted PDF, too
// large) is skipped; a file we should be able to read but cannot, and a
// worker that crashed, hung or ran out of memory on it, is a failure.
FileOutcome OutcomeOf(const Error& error) {
  return error.code == ErrorCode::kUnsupported ? FileOutcome::kSkipped : FileOutcome::kFailed;
}

// Extracts (in a worker), enriches and writes one file; returns its outcome.
FileReport IndexFile(const crawl::FoundFile& file, worker::ExtractPool& pool,
                     writer::IndexWriter& writer) {
  FileReport report{file.absolute.string(), FileOutcome::kIndexed, ""};
  // The bytes are read here too, for the content hash; the worker reads its
  // own copy, so no parser ever runs in this process.
  Result<std::string> bytes = extract::ReadFileBytes(file.absolute);
  if (!bytes.ok()) {
    report.outcome = OutcomeOf(bytes.error());
    report.reason = bytes.error().message;
    return report;
  }
  Result<extract::ExtractedDoc> doc = pool.Extract(file.absolute);
  if (!doc.ok()) {
    report.outcome = OutcomeOf(doc.error());
    report.reason = doc.error().message;
    return report;
  }
  Result<std::optional<enrich::Sidecar>> sidecar = enrich::ReadSidecar(file.absolute);
  if (!sidecar.ok()) {
    // A broken sidecar must be fixed by a person; indexing the file without
    // it would silently publish wrong metadata.
    report.outcome = FileOutcome::kFailed;
    report.reason = sidecar.error().message;
    return report;
  }
  const DocumentRecord record = enrich::BuildRecord(file, doc.value(), sidecar.value(),
                                                    enrich::ContentHash(bytes.value()));
  writer.Put(record, doc.value().pages);
  if (doc.value().no_text_layer) report.reason = "no text layer";
  return report;
}

}  // namespace

IndexSummary RunIndex(const IndexOptions& options) {
  IndexSummary summary;
  // Workers first: forked before the index is open, they never inherit it.
  std::unique_ptr<worker::ExtractPool> pool = worker::ExtractPool::Start(options.extraction);
  std::unique_ptr<writer::IndexWriter> writer = writer::IndexWriter::Open(options.db_path);
  const crawl::CrawlResult crawled = crawl::Crawl(options.roots);
  for (const Error& problem : crawled.problems) {
    LogWarning("index", "cannot crawl", {{"error", problem.message}});
    summary.root_errors.push_back(problem.message);
  }

  std::unordered_set<std::string> seen_ids;
  std::size_t pending = 0;
  for (const crawl::FoundFile& file : crawled.files) {
    const std::string id = enrich::DocumentIdFor(file.absolute.string());
    seen_ids.insert(id);
    if (const auto stored = writer->Find(id); stored && Unchanged(*stored, file)) {
      ++summary.unchanged;
      continue;
    }
    const std::optional<writer::FailureRecord> failed_before = writer->FindFailure(id);
    if (failed_before && !options.retry_failed && failed_before->size == file.size &&
        failed_before->mtime == file.mtime && failed_before->sidecar_mtime == file.sidecar_mtime) {
      // Unchanged since it failed: extracting it again would fail again (and
      // a timeout costs a minute), so it keeps its recorded reason.
      ++summary.failed;
      summary.problems.push_back({file.absolute.string(), FileOutcome::kFailed,
                                  failed_before->reason});
      continue;
    }
    FileReport report = IndexFile(file, *pool, *writer);
    if (report.outcome == FileOutcome::kFailed) {
      writer->PutFailure({id, file.root.string(), file.absolute.string(), file.size, file.mtime,
                          file.sidecar_mtime, report.reason});
    } else if (failed_before) {
      writer->RemoveFailure(id);
    }
    switch (report.outcome) {
      case FileOutcome::kIndexed:
        ++summary.indexed;
        ++pending;
        if (!report.reason.empty()) {
          LogInfo("index", "indexed with a note",
                  {{"path", report.path}, {"note", report.reason}});
          summary.problems.push_back(std::move(report));
        }
        break;
      case FileOutcome::kSkipped:
        ++summary.skipped;
        LogInfo("index", "skipped", {{"path", report.path}, {"reason", report.reason}});
        summary.problems.push_back(std::move(report));
        break;
      case FileOutcome::kFailed:
        ++summary.failed;
        LogWarning("index", "failed", {{"path", report.path}, {"reason", report.reason}});
        summary.problems.push_back(std::move(report));
        break;
      case FileOutcome::kUnchanged: break;
    }
    if (pending >= options.commit_every) {
      writer->Commit();
      pending = 0;
    }
  }

  // Files gone from a root that was walked completely leave the index.
  for (const DocumentRecord& record : writer->AllRecords()) {
    const bool root_walked =
        std::find(crawled.complete_roots.begin(), crawled.complete_roots.end(),
                  std::filesystem::path(record.root)) != crawled.complete_roots.end();
    if (root_walked && !seen_ids.count(record.id)) {
      writer->Remove(record.id);
      ++summary.removed;
    }
  }
  for (const writer::FailureRecord& failure : writer->AllFailures()) {
    const bool root_walked =
        std::find(crawled.complete_roots.begin(), crawled.complete_roots.end(),
                  std::filesystem::path(failure.root)) != crawled.complete_roots.end();
    if (root_walked && !seen_ids.count(failure.id)) writer->RemoveFailure(failure.id);
  }
  writer->Commit();
  summary.documents = writer->DocumentCount();
  return summary;
}

}  // namespace archivist
