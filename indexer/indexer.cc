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

// A type we do not take (kUnsupported) is skipped; a file we should be able
// to read but cannot is a failure.
FileOutcome OutcomeOf(const Error& error) {
  return error.code == ErrorCode::kUnsupported ? FileOutcome::kSkipped : FileOutcome::kFailed;
}

// Extracts, enriches and writes one file; returns its outcome.
FileReport IndexFile(const crawl::FoundFile& file, writer::IndexWriter& writer) {
  FileReport report{file.absolute.string(), FileOutcome::kIndexed, ""};
  Result<std::string> bytes = extract::ReadFileBytes(file.absolute);
  if (!bytes.ok()) {
    report.outcome = OutcomeOf(bytes.error());
    report.reason = bytes.error().message;
    return report;
  }
  Result<extract::ExtractedDoc> doc = extract::ExtractBytes(file.absolute, bytes.value());
  if (!doc.ok()) {
    report.outcome = OutcomeOf(doc.error());
    report.reason = doc.error().message;
    return report;
  }
  Result<std::optional<enrich::Sidecar>> sidecar = enrich::ReadCuration(file.root, file.absolute);
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
  return report;
}

}  // namespace

IndexSummary RunIndex(const IndexOptions& options) {
  IndexSummary summary;
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
    FileReport report = IndexFile(file, *writer);
    switch (report.outcome) {
      case FileOutcome::kIndexed:
        ++summary.indexed;
        ++pending;
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
  writer->Commit();
  summary.documents = writer->DocumentCount();
  return summary;
}

}  // namespace archivist
