// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/indexer.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <future>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <sys/resource.h>
#include <unistd.h>

#include "core/log.h"
#include "core/schema.h"
#include "indexer/crawl/crawler.h"
#include "indexer/enrich/record_builder.h"
#include "indexer/enrich/sidecar.h"
#include "indexer/extract/extractor.h"
#include "indexer/ordered_parallel_map.h"
#include "indexer/worker/extract_pool.h"
#include "indexer/writer/index_writer.h"
#include "indexer/writer/prepared_document.h"

namespace archivist {
namespace {

FileLocation LocationOf(const crawl::FoundFile& file) {
  return {file.root.string(), file.relative_path, file.size, file.mtime, file.sidecar_mtime};
}

// Compares without building a FileLocation: this runs once per file of a
// no-change re-run.
bool SameStamp(const FileLocation& a, const crawl::FoundFile& b) {
  return a.size == b.size && a.mtime == b.mtime && a.sidecar_mtime == b.sidecar_mtime;
}

// Whether `root` (as stored) is one of the roots walked to the end; strings,
// not paths, since this runs once per known file.
bool Walked(const std::string& root, const std::vector<std::filesystem::path>& complete_roots) {
  return std::any_of(complete_roots.begin(), complete_roots.end(),
                     [&](const std::filesystem::path& walked) { return walked.native() == root; });
}

std::optional<FileLocation> StampOf(const DocumentRecord& record, const std::string& path) {
  for (const FileLocation& location : Locations(record)) {
    if (location.AbsolutePath() == path) return location;
  }
  return std::nullopt;
}

// A type we do not take (kUnsupported) is skipped; a file we should be able
// to read but cannot is a failure.
FileOutcome OutcomeOf(const Error& error) {
  return error.code == ErrorCode::kUnsupported ? FileOutcome::kSkipped : FileOutcome::kFailed;
}

// A shard's writer thread is a run's one serial stage, and needs nearly as
// much CPU per document as analysis. Sharing the cores evenly with the
// analysis threads left it a fraction of one while they ran ahead and then
// waited for it (gen-5000 on 2 cores: 28-29 s against 25-26 s this way).
// So the analysis threads take a higher nice value, which Linux applies per
// thread: they use what the writers leave. The indexer is then also nicer
// to other programs on the machine, as a batch job should be.
constexpr int kAnalysisNiceIncrement = 5;

void YieldToWriter() {
  thread_local bool done = false;
  if (done) return;
  done = true;
  // Relative to the run's own nice value (`nice archivist-index` stays
  // nicer still); best effort: a failure leaves the thread as it was.
  const auto thread = static_cast<id_t>(gettid());
  errno = 0;
  const int now = getpriority(PRIO_PROCESS, thread);
  if (errno != 0) return;
  (void)setpriority(PRIO_PROCESS, thread, std::min(now + kAnalysisNiceIncrement, 19));
}

// What analysing one file gives: the document, and a note worth reporting
// even though it was indexed ("no text layer": a scan, found by metadata only).
struct Analysed {
  writer::PreparedDocument document;
  std::string note;
};

// Extracts (in a worker process of `pool`), enriches and analyses one file:
// everything that needs no index access, so it runs on the worker threads.
Result<Analysed> Analyse(const crawl::FoundFile& file, const std::string& hash,
                         worker::ExtractPool& pool) {
  Result<extract::ExtractedDoc> doc = pool.Extract(file.absolute);
  if (!doc.ok()) return doc.error();
  Result<std::optional<enrich::Sidecar>> sidecar = enrich::ReadCuration(file.root, file.absolute);
  // A broken sidecar must be fixed by a person; indexing the file without it
  // would silently publish wrong metadata.
  if (!sidecar.ok()) return Error{ErrorCode::kCorrupt, sidecar.error().message};
  DocumentRecord record = enrich::BuildRecord(LocationOf(file), doc.value(), sidecar.value(), hash);
  const writer::DescriptiveText described{doc.value().author, doc.value().description,
                                  doc.value().keywords};
  return Analysed{writer::PrepareDocument(std::move(record), doc.value().pages, described),
                  doc.value().no_text_layer ? "no text layer" : ""};
}

// What the worker threads hand the writer for one file.
struct Prepared {
  const crawl::FoundFile* file = nullptr;
  std::optional<Error> read_error;
  std::string hash;
  std::string id;
  // Absent when the content was already indexed at the start of the run:
  // the file then joins that document and extraction would be wasted.
  std::optional<Result<Analysed>> analysed;
};

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

// One run's work on one index. Worker threads prepare files (Prepare); the
// calling thread alone touches the index (Apply), in crawl order, deciding
// between updating a record, joining a document and writing a new one.
class Run {
 public:
  Run(const IndexOptions& options, writer::IndexWriter& writer, worker::ExtractPool& pool)
      : options_(options), writer_(writer), pool_(pool) {}

  IndexSummary Go() {
    // What the index holds and what the disk holds are read at the same
    // time, on two threads: together they are nearly all of a no-change
    // re-run. Until the loader is joined, only it uses the writer.
    std::future<void> loaded = std::async(std::launch::async, [this] { LoadSnapshot(); });
    const crawl::CrawlResult crawled = crawl::Crawl(options_.roots);
    loaded.get();
    for (const Error& problem : crawled.problems) {
      LogWarning("index", "cannot crawl", {{"error", problem.message}});
      summary_.root_errors.push_back(problem.message);
    }

    // The common case of a nightly run costs a stat and a hash-map lookup.
    std::vector<const crawl::FoundFile*> work;
    for (const crawl::FoundFile& file : crawled.files) {
      const std::string& path = file.absolute.native();
      // Marked where the index and the failure list hold the path: what is
      // left unmarked has vanished (Sweep, SweepFailures).
      const auto known = known_.find(path);
      if (known != known_.end()) known->second.seen = true;
      if (!failures_.empty()) {
        if (const auto failure = failures_.find(path); failure != failures_.end()) {
          failure->second.seen = true;
        }
      }
      if (known != known_.end() && SameStamp(known->second.location, file) &&
          !other_owners_.count(path) && !reanalyse_) {
        ++summary_.unchanged;
      } else if (const writer::FailureRecord* failure = FailedUnchanged(file)) {
        // Unchanged since it failed: extracting it again would fail again
        // (and a timeout costs a minute), so it keeps its recorded reason.
        Record(file, {path, FileOutcome::kFailed, failure->reason}, /*remember_failure=*/false);
      } else {
        work.push_back(&file);
      }
    }
    Progress(crawled.files.size());

    OrderedParallelMap<Prepared> prepared(work.size(), options_.jobs, 4 * options_.jobs,
                                          [&](std::size_t i) {
                                            YieldToWriter();
                                            return Prepare(*work[i]);
                                          });
    for (std::size_t i = 0; i < work.size(); ++i) {
      Prepared next = prepared.Next();
      const crawl::FoundFile& file = *next.file;
      Record(file, Apply(std::move(next)));
      Progress(crawled.files.size());
    }
    Sweep(crawled.complete_roots);
    SweepFailures(crawled.complete_roots);
    // Every file was seen and remade: the index is of this analysis now. A
    // root that could not be walked keeps the old version, so its files are
    // remade when it comes back.
    if (reanalyse_ && crawled.complete_roots.size() == options_.roots.size()) {
      writer_.SetAnalysisVersion(schema::kAnalysisVersion);
      uncommitted_ = true;
    }
    // A run that changed nothing does not commit: a commit syncs every table
    // to disk (most of a no-change re-run's wall time on a busy disk), and
    // the index's last-commit time (searchd's index age, its feeds'
    // "updated") stays the time the content last changed.
    if (uncommitted_) writer_.Commit();
    // Reads wait for the queued changes: a commit started by Write() that
    // failed is thrown here at the latest.
    summary_.documents = writer_.DocumentCount();
    return summary_;
  }

 private:
  // Reads the index's files (with their stamps) and recorded failures into
  // the start-of-run maps.
  void LoadSnapshot() {
    const int made_with = writer_.AnalysisVersion();
    reanalyse_ = made_with != schema::kAnalysisVersion;
    if (reanalyse_) {
      LogInfo("index", "the index was made by an older analysis: every file is analysed again",
              {{"index_version", std::to_string(made_with)},
               {"this_version", std::to_string(schema::kAnalysisVersion)}});
    }
    for (PackedLocations& document : writer_.AllLocations()) {
      known_ids_.insert(document.id);
      for (FileLocation& location : document.locations) {
        std::string path = location.AbsolutePath();
        const auto [known, added] =
            known_.try_emplace(path, Known{document.id, std::move(location)});
        // A path two documents list: left by a crash between two shards'
        // commits (see writer/index_writer.h); Apply() keeps one.
        if (!added && known->second.id != document.id) {
          other_owners_[std::move(path)].push_back(document.id);
        }
      }
    }
    for (writer::FailureRecord& failure : writer_.AllFailures()) {
      std::string path = failure.path;
      failures_.emplace(std::move(path), KnownFailure{std::move(failure)});
    }
  }

  struct Known {
    std::string id;
    FileLocation location;
    bool seen = false;  // found by this run's crawl; set before the workers start
  };

  struct KnownFailure {
    writer::FailureRecord record;
    bool seen = false;  // found by this run's crawl
  };

  // Runs on a worker thread: reads only the run's start-of-run snapshot.
  Prepared Prepare(const crawl::FoundFile& file) const {
    Prepared out;
    out.file = &file;
    Result<std::string> bytes = extract::ReadFileBytes(file.absolute);
    if (!bytes.ok()) {
      out.read_error = bytes.error();
      return out;
    }
    out.hash = enrich::ContentHash(bytes.value());
    out.id = enrich::DocumentIdFor(out.hash);
    const auto known = known_.find(file.absolute.string());
    const bool sidecar_changed =
        known != known_.end() && known->second.location.sidecar_mtime != file.sidecar_mtime;
    if (known_ids_.count(out.id) && !sidecar_changed && !reanalyse_) return out;
    out.analysed = Analyse(file, out.hash, pool_);
    return out;
  }

  FileReport Apply(Prepared p) {
    const crawl::FoundFile& file = *p.file;
    const std::string path = file.absolute.string();
    if (p.read_error) return {path, OutcomeOf(*p.read_error), p.read_error->message};
    const FileLocation here = LocationOf(file);
    ReleaseFromOtherOwners(path, p.id);
    const std::optional<DocumentRecord> stored = FindByPath(path);
    const std::optional<FileLocation> stored_stamp =
        stored ? StampOf(*stored, path) : std::nullopt;
    const bool sidecar_changed = stored_stamp && stored_stamp->sidecar_mtime != here.sidecar_mtime;
    // Same content, analysed again all the same: its sidecar changed, or
    // its document was made by an older analysis and is not yet remade in
    // this run (a second copy of the content is not analysed twice).
    const bool remake = sidecar_changed || (reanalyse_ && !reanalysed_ids_.count(p.id));

    if (stored && stored->id == p.id && !remake) {
      // Only the time moved (a touch, a copy preserving bytes): the hash
      // proves the content is the same, so no extraction.
      UpdateLocation(*stored, here);
      return {path, FileOutcome::kUnchanged, ""};
    }
    if (stored && stored->id != p.id) DropLocation(*stored, path);

    const std::optional<DocumentRecord> existing = FindById(p.id);
    if (existing && !remake) {
      if (StampOf(*existing, path)) {
        // Already listed (a path two documents claimed, now left to this
        // one): only its stamp may need refreshing.
        UpdateLocation(*existing, here);
        return {path, FileOutcome::kUnchanged, ""};
      }
      // The same content is already indexed elsewhere: a moved, renamed or
      // duplicate file joins that document.
      DocumentRecord joined = *existing;
      std::vector<FileLocation> locations = Locations(joined);
      locations.push_back(here);
      SetLocations(joined, locations);
      Rewrite(*existing, joined);
      return {path, FileOutcome::kLinked, ""};
    }

    if (!p.analysed) {
      // The content was indexed when the run started but its document has
      // gone since (its only file changed earlier in this run): analyse now.
      p.analysed = Analyse(file, p.hash, pool_);
    }
    if (!p.analysed->ok()) {
      const Error& error = p.analysed->error();
      return {path, OutcomeOf(error), error.message};
    }
    writer::PreparedDocument& document = p.analysed->value().document;
    if (reanalyse_) reanalysed_ids_.insert(p.id);
    if (existing) {
      // Re-analysed because this location's sidecar changed, or because the
      // analysis is newer than the document's: keep its other locations.
      std::vector<FileLocation> locations = {here};
      for (const FileLocation& other : Locations(*existing)) {
        if (other.AbsolutePath() != path) locations.push_back(other);
      }
      document.SetLocations(locations);
    }
    PutDocument(std::move(document));
    return {path, FileOutcome::kIndexed, p.analysed->value().note};
  }

  void UpdateLocation(DocumentRecord record, const FileLocation& here) {
    std::vector<FileLocation> locations = Locations(record);
    for (FileLocation& location : locations) {
      if (location.AbsolutePath() == here.AbsolutePath()) location = here;
    }
    const DocumentRecord before = record;
    SetLocations(record, locations);
    Rewrite(before, record);
  }

  // A path that documents other than the one holding its content `id` also
  // list leaves them.
  void ReleaseFromOtherOwners(const std::string& path, const std::string& id) {
    auto others = other_owners_.extract(path);
    if (others.empty()) return;
    std::vector<std::string> ids = std::move(others.mapped());
    if (const std::optional<std::string> owner = OwnerOf(path)) ids.push_back(*owner);
    for (const std::string& other : ids) {
      if (other == id) continue;
      if (std::optional<DocumentRecord> record = writer_.FindById(other)) {
        DropLocation(*record, path);
      }
    }
  }

  // --- What the index holds now: the start-of-run snapshot (known_,
  // known_ids_) plus this run's changes. Deciding a new file or new content
  // from memory means the writer's threads are not waited for; the index is
  // read only when a document is really there.

  std::optional<std::string> OwnerOf(const std::string& path) const {
    if (const auto changed = owner_changes_.find(path); changed != owner_changes_.end()) {
      if (changed->second.empty()) return std::nullopt;
      return changed->second;
    }
    if (const auto known = known_.find(path); known != known_.end()) return known->second.id;
    return std::nullopt;
  }

  bool Holds(const std::string& id) const {
    if (const auto changed = id_changes_.find(id); changed != id_changes_.end()) {
      return changed->second;
    }
    return known_ids_.count(id) > 0;
  }

  std::optional<DocumentRecord> FindByPath(const std::string& path) {
    const std::optional<std::string> owner = OwnerOf(path);
    return owner ? writer_.FindById(*owner) : std::nullopt;
  }

  std::optional<DocumentRecord> FindById(const std::string& id) {
    return Holds(id) ? writer_.FindById(id) : std::nullopt;
  }

  // The three ways this run changes the index, keeping the above current.
  void PutDocument(writer::PreparedDocument document) {
    const DocumentRecord& record = document.record();
    id_changes_[record.id] = true;
    for (const FileLocation& location : Locations(record)) {
      owner_changes_[location.AbsolutePath()] = record.id;
    }
    const auto chars = static_cast<std::size_t>(record.chars);
    Write([&] { writer_.Put(std::move(document)); }, chars);
  }

  void Rewrite(const DocumentRecord& before, const DocumentRecord& after) {
    for (const FileLocation& location : Locations(before)) {
      const std::string path = location.AbsolutePath();
      if (OwnerOf(path) == before.id) owner_changes_[path] = "";
    }
    for (const FileLocation& location : Locations(after)) {
      owner_changes_[location.AbsolutePath()] = after.id;
    }
    Write([&] { writer_.UpdateRecord(after); });
  }

  void RemoveDocument(const DocumentRecord& record) {
    id_changes_[record.id] = false;
    for (const FileLocation& location : Locations(record)) {
      const std::string path = location.AbsolutePath();
      if (OwnerOf(path) == record.id) owner_changes_[path] = "";
    }
    Write([&] { writer_.Remove(record.id); });
  }

  // Removes `path` from the document's locations (its content changed); a
  // document left with none leaves the index, its successor comes in anew.
  void DropLocation(DocumentRecord record, const std::string& path) {
    std::vector<FileLocation> locations = Locations(record);
    std::erase_if(locations, [&](const FileLocation& l) { return l.AbsolutePath() == path; });
    if (locations.empty()) {
      RemoveDocument(record);  // replaced, not counted as removed
      return;
    }
    const DocumentRecord before = record;
    SetLocations(record, locations);
    Rewrite(before, record);
  }

  // Locations that vanished from roots walked to the end leave their
  // documents; an unreadable or unmounted root keeps its documents.
  void Sweep(const std::vector<std::filesystem::path>& complete_roots) {
    std::map<std::string, std::set<std::string>> vanished;  // id → absolute paths
    for (const auto& [path, known] : known_) {
      if (Walked(known.location.root, complete_roots) && !known.seen) {
        vanished[known.id].insert(path);
      }
    }
    for (const auto& [path, ids] : other_owners_) {
      if (const auto known = known_.find(path); known != known_.end() && known->second.seen) {
        continue;
      }
      for (const std::string& id : ids) vanished[id].insert(path);  // every claim, if unseen
    }
    for (const auto& [id, paths] : vanished) {
      std::optional<DocumentRecord> record = FindById(id);
      if (!record) continue;
      std::vector<FileLocation> kept = Locations(*record);
      std::erase_if(kept, [&](const FileLocation& l) { return paths.count(l.AbsolutePath()); });
      if (kept.size() == Locations(*record).size()) continue;
      if (kept.empty()) {
        RemoveDocument(*record);
        ++summary_.removed;
        continue;
      }
      DocumentRecord updated = *record;
      SetLocations(updated, kept);
      Rewrite(*record, updated);
    }
  }

  // Applies one change, then commits once enough changes or enough text
  // have piled up: Xapian buffers postings in memory until a commit, so
  // counting bytes as well as documents keeps a run of long reports bounded.
  // The commit runs on the writer's threads while this thread goes on (a
  // commit waited for here stalled the analysis threads, which may run only
  // a few documents ahead of this one); the run's last commit, in Go(), waits.
  template <typename Change>
  void Write(Change change, std::size_t text_bytes = 0) {
    change();
    uncommitted_ = true;
    kill_switch_.AfterWrite();
    pending_bytes_ += text_bytes;
    if (++pending_ >= options_.commit_every || pending_bytes_ >= options_.commit_bytes) {
      writer_.StartCommit();
      pending_ = 0;
      pending_bytes_ = 0;
      uncommitted_ = false;
    }
  }

  void Progress(std::size_t total) {
    if (options_.on_progress) options_.on_progress(summary_, total);
  }

  // A recorded failure whose file has not changed since, unless retrying.
  const writer::FailureRecord* FailedUnchanged(const crawl::FoundFile& file) const {
    if (options_.retry_failed) return nullptr;
    const auto failure = failures_.find(file.absolute.string());
    if (failure == failures_.end()) return nullptr;
    const writer::FailureRecord& f = failure->second.record;
    const bool same = f.size == file.size && f.mtime == file.mtime &&
                      f.sidecar_mtime == file.sidecar_mtime;
    return same ? &f : nullptr;
  }

  // Failures of files gone from roots walked to the end are forgotten.
  void SweepFailures(const std::vector<std::filesystem::path>& complete_roots) {
    for (const auto& [path, failure] : failures_) {
      if (Walked(failure.record.root, complete_roots) && !failure.seen) {
        writer_.RemoveFailure(path);
        uncommitted_ = true;
      }
    }
  }

  // Counts the outcome; a new failure is recorded in the index (so that it can
  // be listed and is not retried until the file changes), and a file that
  // no longer fails has its old failure forgotten.
  void Record(const crawl::FoundFile& file, FileReport report, bool remember_failure = true) {
    if (remember_failure && report.outcome == FileOutcome::kFailed) {
      writer_.PutFailure({file.root.string(), report.path, file.size, file.mtime,
                          file.sidecar_mtime, report.reason});
      uncommitted_ = true;
    } else if (remember_failure && failures_.count(report.path)) {
      writer_.RemoveFailure(report.path);
      uncommitted_ = true;
    }
    switch (report.outcome) {
      case FileOutcome::kIndexed:
        ++summary_.indexed;
        if (report.reason.empty()) return;
        LogInfo("index", "indexed with a note", {{"path", report.path}, {"note", report.reason}});
        break;
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
  // What the index held at the start of the run; read by worker threads,
  // never changed after the crawl (this run's changes are kept apart).
  std::unordered_map<std::string, Known> known_;  // by absolute path
  std::unordered_set<std::string> known_ids_;
  // Set before the workers start: the index's documents come from an older
  // analysis (schema::kAnalysisVersion) and are all remade in this run.
  bool reanalyse_ = false;
  std::unordered_set<std::string> reanalysed_ids_;  // remade in this run; calling thread only
  // Paths listed by more than one document at the start (a crash between
  // two shards' commits): the ids besides the one in known_.
  std::unordered_map<std::string, std::vector<std::string>> other_owners_;
  // This run's changes over known_ and known_ids_: path → id holding it
  // ("" for none), and id → whether the index holds it.
  std::unordered_map<std::string, std::string> owner_changes_;
  std::unordered_map<std::string, bool> id_changes_;
  // Failures recorded before this run, by absolute path.
  std::unordered_map<std::string, KnownFailure> failures_;
  worker::ExtractPool& pool_;
  std::size_t pending_ = 0;        // changes since the last commit
  std::size_t pending_bytes_ = 0;  // characters of text written since the last commit
  bool uncommitted_ = false;       // any change at all since the last commit
  TestKillSwitch kill_switch_;
};

}  // namespace

std::string_view ToString(FileOutcome outcome) {
  switch (outcome) {
    case FileOutcome::kIndexed: return "indexed";
    case FileOutcome::kUnchanged: return "unchanged";
    case FileOutcome::kLinked: return "linked";
    case FileOutcome::kSkipped: return "skipped";
    case FileOutcome::kFailed: return "failed";
  }
  return "failed";
}

IndexSummary RunIndex(const IndexOptions& options) {
  // Workers first: forked before the index is open and before any thread
  // starts, they never inherit either.
  worker::PoolOptions pool_options = options.extraction;
  pool_options.workers = options.jobs;
  std::unique_ptr<worker::ExtractPool> pool = worker::ExtractPool::Start(pool_options);
  std::unique_ptr<writer::IndexWriter> writer =
      writer::IndexWriter::Open(options.db_path, options.shards);
  return Run(options, *writer, *pool).Go();
}

}  // namespace archivist
