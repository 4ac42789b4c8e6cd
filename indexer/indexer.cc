// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/indexer.h"

#include <algorithm>
#include <cstdlib>
#include <csignal>
#include <unordered_set>

#include "core/log.h"
#include "indexer/crawl/crawler.h"
#include "indexer/enrich/record_builder.h"
#include "indexer/enrich/sidecar.h"
#include "indexer/extract/extractor.h"
#include "indexer/writer/index_writer.h"

namespace archivist {
namespace {

FileLocation LocationOf(const crawl::FoundFile& file) {
  return {file.root.string(), file.relative_path, file.size, file.mtime, file.sidecar_mtime};
}

bool SameStamp(const FileLocation& a, const FileLocation& b) {
  return a.size == b.size && a.mtime == b.mtime && a.sidecar_mtime == b.sidecar_mtime;
}

// A type we do not take (kUnsupported) is skipped; a file we should be able
// to read but cannot is a failure.
FileOutcome OutcomeOf(const Error& error) {
  return error.code == ErrorCode::kUnsupported ? FileOutcome::kSkipped : FileOutcome::kFailed;
}

// Crash-safety tests kill the indexer at chosen points: with this variable
// set to N, the process SIGKILLs itself after its N-th document write.
class TestKillSwitch {
 public:
  TestKillSwitch() {
    if (const char* value = std::getenv("ARCHIVIST_TEST_KILL_AFTER_WRITES")) {
      remaining_ = std::atol(value);
    }
  }
  void AfterWrite() {
    if (remaining_ > 0 && --remaining_ == 0) std::raise(SIGKILL);
  }

 private:
  long remaining_ = 0;
};

// One run's work on one index: decides, per file, between doing nothing,
// updating a record, joining a document and extracting.
class Run {
 public:
  Run(const IndexOptions& options, writer::IndexWriter& writer)
      : options_(options), writer_(writer) {}

  IndexSummary Go() {
    const crawl::CrawlResult crawled = crawl::Crawl(options_.roots);
    for (const Error& problem : crawled.problems) {
      LogWarning("index", "cannot crawl", {{"error", problem.message}});
      summary_.root_errors.push_back(problem.message);
    }
    for (const crawl::FoundFile& file : crawled.files) {
      seen_.insert(file.absolute.string());
      Record(IndexOne(file));
      if (options_.on_progress) options_.on_progress(summary_, crawled.files.size());
    }
    Sweep(crawled.complete_roots);
    writer_.Commit();
    summary_.documents = writer_.DocumentCount();
    return summary_;
  }

 private:
  FileReport IndexOne(const crawl::FoundFile& file) {
    const std::string path = file.absolute.string();
    const FileLocation here = LocationOf(file);
    const std::optional<DocumentRecord> stored = writer_.FindByPath(path);
    if (stored && StampOf(*stored, path) && SameStamp(*StampOf(*stored, path), here)) {
      return {path, FileOutcome::kUnchanged, ""};
    }

    Result<std::string> bytes = extract::ReadFileBytes(file.absolute);
    if (!bytes.ok()) return {path, OutcomeOf(bytes.error()), bytes.error().message};
    const std::string hash = enrich::ContentHash(bytes.value());
    const std::string id = enrich::DocumentIdFor(hash);
    const bool sidecar_changed = stored && StampOf(*stored, path) &&
                                 StampOf(*stored, path)->sidecar_mtime != here.sidecar_mtime;

    if (stored && stored->id == id && !sidecar_changed) {
      // Only the time moved (a touch, a copy preserving bytes): the hash
      // proves the content is the same, so no extraction.
      UpdateLocation(*stored, here);
      return {path, FileOutcome::kUnchanged, ""};
    }
    if (stored && stored->id != id) DropLocation(*stored, path);

    if (const auto existing = writer_.FindById(id); existing && !sidecar_changed) {
      // The same content is already indexed elsewhere: a moved, renamed or
      // duplicate file joins that document instead of being extracted again.
      DocumentRecord joined = *existing;
      std::vector<FileLocation> locations = Locations(joined);
      locations.push_back(here);
      SetLocations(joined, locations);
      Write([&] { writer_.UpdateRecord(joined); });
      return {path, FileOutcome::kLinked, ""};
    }
    return Extract(file, bytes.value(), hash, writer_.FindById(id));
  }

  FileReport Extract(const crawl::FoundFile& file, const std::string& bytes,
                     const std::string& hash, const std::optional<DocumentRecord>& existing) {
    const std::string path = file.absolute.string();
    Result<extract::ExtractedDoc> doc = extract::ExtractBytes(file.absolute, bytes);
    if (!doc.ok()) return {path, OutcomeOf(doc.error()), doc.error().message};
    Result<std::optional<enrich::Sidecar>> sidecar = enrich::ReadSidecar(file.absolute);
    if (!sidecar.ok()) {
      // A broken sidecar must be fixed by a person; indexing the file without
      // it would silently publish wrong metadata.
      return {path, FileOutcome::kFailed, sidecar.error().message};
    }
    DocumentRecord record = enrich::BuildRecord(file, doc.value(), sidecar.value(), hash);
    if (existing) {
      // Re-extracted because this location's sidecar changed: keep the
      // document's other locations.
      std::vector<FileLocation> locations = {LocationOf(file)};
      for (const FileLocation& other : Locations(*existing)) {
        if (other.AbsolutePath() != path) locations.push_back(other);
      }
      SetLocations(record, locations);
    }
    Write([&] { writer_.Put(record, doc.value().pages); });
    return {path, FileOutcome::kIndexed, ""};
  }

  static std::optional<FileLocation> StampOf(const DocumentRecord& record,
                                             const std::string& path) {
    for (const FileLocation& location : Locations(record)) {
      if (location.AbsolutePath() == path) return location;
    }
    return std::nullopt;
  }

  void UpdateLocation(DocumentRecord record, const FileLocation& here) {
    std::vector<FileLocation> locations = Locations(record);
    for (FileLocation& location : locations) {
      if (location.AbsolutePath() == here.AbsolutePath()) location = here;
    }
    SetLocations(record, locations);
    Write([&] { writer_.UpdateRecord(record); });
  }

  // Removes `path` from the document's locations (its content changed); a
  // document left with none leaves the index, its successor comes in anew.
  void DropLocation(DocumentRecord record, const std::string& path) {
    std::vector<FileLocation> locations = Locations(record);
    std::erase_if(locations, [&](const FileLocation& l) { return l.AbsolutePath() == path; });
    if (locations.empty()) {
      Write([&] { writer_.Remove(record.id); });  // replaced, not counted as removed
      return;
    }
    SetLocations(record, locations);
    Write([&] { writer_.UpdateRecord(record); });
  }

  // Locations that vanished from roots walked to the end leave their
  // documents; an unreadable or unmounted root keeps its documents.
  void Sweep(const std::vector<std::filesystem::path>& complete_roots) {
    for (const DocumentRecord& record : writer_.AllRecords()) {
      std::vector<FileLocation> kept;
      for (const FileLocation& location : Locations(record)) {
        const bool root_walked =
            std::find(complete_roots.begin(), complete_roots.end(),
                      std::filesystem::path(location.root)) != complete_roots.end();
        if (!root_walked || seen_.count(location.AbsolutePath())) kept.push_back(location);
      }
      if (kept.size() == Locations(record).size()) continue;
      if (kept.empty()) {
        Write([&] { writer_.Remove(record.id); });
        ++summary_.removed;
        continue;
      }
      DocumentRecord updated = record;
      SetLocations(updated, kept);
      Write([&] { writer_.UpdateRecord(updated); });
    }
  }

  template <typename Change>
  void Write(Change change) {
    change();
    kill_switch_.AfterWrite();
    if (++pending_ >= options_.commit_every) {
      writer_.Commit();
      pending_ = 0;
    }
  }

  void Record(FileReport report) {
    switch (report.outcome) {
      case FileOutcome::kIndexed: ++summary_.indexed; return;
      case FileOutcome::kUnchanged: ++summary_.unchanged; return;
      case FileOutcome::kLinked: ++summary_.linked; return;
      case FileOutcome::kSkipped:
        ++summary_.skipped;
        LogInfo("index", "skipped", {{"path", report.path}, {"reason", report.reason}});
        break;
      case FileOutcome::kFailed:
        ++summary_.failed;
        LogWarning("index", "failed", {{"path", report.path}, {"reason", report.reason}});
        break;
    }
    summary_.problems.push_back(std::move(report));
  }

  const IndexOptions& options_;
  writer::IndexWriter& writer_;
  IndexSummary summary_;
  std::unordered_set<std::string> seen_;
  std::size_t pending_ = 0;
  TestKillSwitch kill_switch_;
};

}  // namespace

IndexSummary RunIndex(const IndexOptions& options) {
  std::unique_ptr<writer::IndexWriter> writer =
      writer::IndexWriter::Open(options.db_path, options.shards);
  return Run(options, *writer).Go();
}

}  // namespace archivist
