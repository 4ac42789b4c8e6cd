// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/indexer.h"

#include <atomic>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_set>

#include "core/freed_memory.h"
#include "core/log.h"
#include "core/record.h"
#include "core/schema.h"
#include "indexer/crawl/crawler.h"
#include "indexer/extract/extractor.h"
#include "indexer/extract/ocr_cache.h"
#include "indexer/ordered_parallel_map.h"
#include "indexer/run/analyse_file.h"
#include "indexer/run/change_detection.h"
#include "indexer/run/commit_policy.h"
#include "indexer/run/copy_claims.h"
#include "indexer/run/failure_memory.h"
#include "indexer/run/index_snapshot.h"
#include "indexer/run/locations.h"
#include "indexer/run/reading_threads.h"
#include "indexer/run/reanalysis.h"
#include "indexer/worker/extract_pool.h"
#include "indexer/works/linker.h"
#include "indexer/writer/index_writer.h"
#include "indexer/writer/prepared_document.h"

namespace archivist {
namespace {

// A type we do not take (kUnsupported) is skipped; a file we should be able
// to read but cannot is a failure.
FileOutcome OutcomeOf(const Error& error) {
  return error.code == ErrorCode::kUnsupported ? FileOutcome::kSkipped : FileOutcome::kFailed;
}

// Between the run's phases: the analysis is over, the linking pass and the
// compaction are next. An allocator keeps what a program frees for later
// allocations (glibc's arenas held 296 MiB for 70 MiB in use when the bench
// corpus's analysis ended); the next phase's allocations then land beside
// what the analysis left, and the run's peak RSS is the sum of the two.
// Handing the free pages back first starts the next phase from what is
// really in use.
void ReturnAnalysisMemory() { ReturnFreedMemory(); }

std::int64_t Milliseconds(std::chrono::nanoseconds time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time).count();
}

// What the worker threads hand the writing thread for one file.
struct Prepared {
  const crawl::FoundFile* file = nullptr;
  run::ContentCheck content;
  // Absent when the content needs no analysis (ContentCheck::needs_analysis)
  // or could not be read.
  std::optional<Result<run::Analysed>> analysed;
  // Whether `analysed` failed on the file's curation rather than its
  // content: the failure is then the file's own, not its copies'.
  bool curation_failed = false;
};

// A prepared file's weight against the reading threads' text budget.
std::size_t TextBytesOf(const Prepared& prepared) { return run::TextBytesOf(prepared.analysed); }

// Crash-safety tests kill the indexer at chosen points: with this variable
// set to N, the process SIGKILLs itself after its N-th document write.
class TestKillSwitch {
 public:
  TestKillSwitch() {
    // A value that is not a number leaves the switch off, as no value does.
    if (const char* value = std::getenv("ARCHIVIST_TEST_KILL_AFTER_WRITES")) {
      const std::string_view text(value);
      std::from_chars(text.data(), text.data() + text.size(), remaining_);
    }
  }
  void AfterWrite() {
    if (remaining_ > 0 && --remaining_ == 0) std::raise(SIGKILL);
  }

 private:
  long remaining_ = 0;
};

// One run's work on one index, from the snapshot of what it held and the
// crawl of what the disk holds. Worker threads prepare files (Prepare); the
// calling thread alone touches the index (Apply), in crawl order, deciding
// between refreshing a location, joining a document and writing a new one.
class Run {
 public:
  // `snapshot` was read from `writer` at the start of the run; the run marks
  // the files its crawl finds in it.
  Run(const IndexOptions& options, writer::IndexWriter& writer, worker::ExtractPool& pool,
      run::IndexSnapshot& snapshot)
      : options_(options),
        writer_(writer),
        pool_(pool),
        snapshot_(snapshot),
        failures_(std::move(snapshot.failures), options.retry_failed),
        locations_(snapshot, writer, [this](std::size_t text_bytes) { Wrote(text_bytes); }),
        commits_(options.commit_every, options.commit_bytes) {}

  IndexSummary Go(const crawl::CrawlResult& crawled) {
    for (const Error& problem : crawled.problems) {
      LogWarning("index", "cannot crawl", {{"error", problem.message}});
      summary_.root_errors.push_back(problem.message);
    }
    const std::size_t total = crawled.files.size();
    try {
      // A folder that cannot be listed fails like a file, so it is listed
      // by --failures with its reason; its root is not complete, so what
      // it held before stays in the index.
      for (const crawl::UnreadableFolder& unreadable : crawled.unreadable_folders) {
        Record(unreadable.folder,
               {unreadable.folder.absolute, FileOutcome::kFailed, unreadable.reason});
      }
      const std::vector<const crawl::FoundFile*> work = FirstLook(crawled.files);
      Progress(total);
      OrderedParallelMap<Prepared> prepared(
          work.size(), options_.jobs, run::kAheadPerJob * options_.jobs,
          [&](std::size_t i, Admission& admission) {
            run::YieldToWriter();
            return Prepare(i, *work[i], admission);
          },
          TextBytesOf, run::kAheadTextBytes);
      for (std::size_t i = 0; i < work.size(); ++i) {
        Prepared next = prepared.Next();
        const crawl::FoundFile& file = *next.file;
        Record(file, Apply(std::move(next)));
        Progress(total);
      }
      const auto waits = prepared.waits();
      summary_.pipeline.reading_busy_ms = Milliseconds(waits.workers_busy);
      summary_.pipeline.reading_held_ms = Milliseconds(waits.workers_held);
      summary_.pipeline.deciding_waited_for_reading_ms = Milliseconds(waits.consumer);
      summary_.pipeline.reading_extraction_ms =
          Milliseconds(std::chrono::nanoseconds(extraction_ns_.load()));
      Finish(crawled.complete_roots);
    } catch (const Exception& e) {
      // The index failed (a full disk): nothing more can be written, but
      // what the run did until then is still its answer, and the caller
      // decides how to end (archivist-index: the summary, then exit 1).
      summary_.error = Error{e.code(), e.what()};
      summary_.documents = 0;
    }
    return summary_;
  }

 private:
  // The stat of every file the crawl found: the common case of a nightly
  // run costs a stat and a hash-map lookup. Returns the files to look at
  // again; marks every file found in the snapshot and the failure memory
  // (what stays unmarked has vanished).
  std::vector<const crawl::FoundFile*> FirstLook(const std::vector<crawl::FoundFile>& files) {
    std::vector<const crawl::FoundFile*> work;
    for (const crawl::FoundFile& file : files) {
      const writer::FailureRecord* failure = failures_.Found(file);
      if (run::UnchangedByStat(snapshot_, file)) {
        ++summary_.unchanged;
      } else if (failure) {
        // Unchanged since it failed: it keeps its recorded reason.
        Record(file, {file.absolute, FileOutcome::kFailed, failure->reason},
               /*remember_failure=*/false);
      } else {
        work.push_back(&file);
      }
    }
    return work;
  }

  // Runs on a worker thread: reads only the start-of-run snapshot. The
  // file's text is weighed against the reading threads' budget once
  // extracted, before its analysis. `index`: the file's place in the run.
  Prepared Prepare(std::size_t index, const crawl::FoundFile& file, Admission& admission) const {
    Prepared out;
    out.file = &file;
    out.content = run::CheckContent(snapshot_, file);
    if (!out.content.read_error && out.content.needs_analysis &&
        !copy_claims_.CopyOfAnEarlierFile(index, file, out.content)) {
      AnalyseInto(out, [&admission](std::size_t text_bytes) { admission.Weigh(text_bytes); });
    }
    return out;
  }

  // Analyses `p`'s file into p.analysed, noting whether its curation failed.
  void AnalyseInto(Prepared& p, const run::BeforeAnalysis& before_analysis = nullptr) const {
    run::FileAnalysis analysis =
        run::Analyse(*p.file, p.content.hash, pool_, extraction_ns_, nullptr, before_analysis);
    p.analysed = std::move(analysis.analysed);
    p.curation_failed = analysis.curation_failed;
  }

  FileReport Apply(Prepared p) {
    if (p.analysed) ++summary_.analysed;
    const crawl::FoundFile& file = *p.file;
    const std::string& path = file.absolute;
    const run::ContentCheck& content = p.content;
    if (content.read_error) {
      return {path, OutcomeOf(*content.read_error), content.read_error->message};
    }
    const FileLocation here = run::LocationOf(file);
    locations_.ReleaseFromOtherOwners(path, content.id);
    const std::optional<DocumentRecord> stored = locations_.FindByPath(path);
    const std::optional<FileLocation> stored_stamp =
        stored ? run::StampOf(*stored, path) : std::nullopt;
    const bool sidecar_changed = stored_stamp && stored_stamp->sidecar_mtime != here.sidecar_mtime;
    // Same content, analysed again all the same: its sidecar changed, or
    // its document was made by an older analysis and is not yet remade in
    // this run (a second copy of the content is not analysed twice).
    const bool remake =
        sidecar_changed || (snapshot_.reanalyse && !reanalysed_ids_.count(content.id));

    if (stored && stored->id == content.id && !remake) {
      // Only the time moved (a touch, a copy preserving bytes): the hash
      // proves the content is the same, so no extraction.
      locations_.UpdateLocation(*stored, here);
      return {path, FileOutcome::kUnchanged, ""};
    }
    if (stored && stored->id != content.id) locations_.DropLocation(*stored, path);

    const std::optional<DocumentRecord> existing = locations_.FindById(content.id);
    if (existing && !remake) {
      if (run::StampOf(*existing, path)) {
        // Already listed (a path two documents claimed, now left to this
        // one): only its stamp may need refreshing.
        locations_.UpdateLocation(*existing, here);
        return {path, FileOutcome::kUnchanged, ""};
      }
      // The same content is already indexed elsewhere: a moved, renamed or
      // duplicate file joins that document.
      locations_.Join(*existing, here);
      if (existing->format == "html") joined_pages_.insert(existing->id);
      return {path, FileOutcome::kLinked, ""};
    }
    return Index(std::move(p), existing);
  }

  // Writes the analysed document of `p`, new or remade; a remade document
  // (`existing`) keeps its other locations.
  FileReport Index(Prepared p, const std::optional<DocumentRecord>& existing) {
    const crawl::FoundFile& file = *p.file;
    const std::string& path = file.absolute;
    if (!p.analysed) {
      // A copy of content whose earlier file failed in this run for its
      // bytes fails the same way (CopyClaims::CopyOfAnEarlierFile: not
      // analysed twice).
      if (const Error* failed = copy_claims_.FailureOf(file, p.content)) {
        return {path, OutcomeOf(*failed), failed->message};
      }
      // The content was indexed when the run started but its document has
      // gone since (its only file changed earlier in this run), or its
      // earlier file in this run wrote none (it failed for the moment, a
      // timeout or a crash, which CopyClaims::RememberFailure does not
      // pass on): analyse now, and this file makes the document.
      AnalyseInto(p);
      ++summary_.analysed;
    }
    if (!p.analysed->ok()) {
      const Error& error = p.analysed->error();
      if (!p.curation_failed) copy_claims_.RememberFailure(file, p.content, error);
      return {path, OutcomeOf(error), error.message};
    }
    run::Analysed& analysed = p.analysed->value();
    summary_.ocr_pages += analysed.ocr_recognised;
    summary_.ocr_cache_hits += analysed.ocr_cache_hits;
    if (snapshot_.reanalyse) reanalysed_ids_.insert(p.content.id);
    if (existing) {
      std::vector<FileLocation> locations = {run::LocationOf(file)};
      for (const FileLocation& other : Locations(*existing)) {
        if (other.AbsolutePath() != path) locations.push_back(other);
      }
      analysed.document.SetLocations(locations);
    }
    if (!analysed.template_folder.empty()) written_folders_.insert(analysed.template_folder);
    locations_.Put(std::move(analysed.document));
    return {path, FileOutcome::kIndexed, analysed.note};
  }

  // After every change queued to the writer. The commit runs on the
  // writer's threads while this thread goes on (a commit waited for here
  // stalled the analysis threads, which may run only a few documents ahead
  // of this one); the run's last commit, in Finish(), waits.
  void Wrote(std::size_t text_bytes) {
    kill_switch_.AfterWrite();
    if (commits_.CountChange(text_bytes)) writer_.StartCommit();
  }

  void Finish(const std::vector<std::filesystem::path>& complete_roots) {
    summary_.removed += locations_.Sweep(complete_roots);
    const auto again_started = std::chrono::steady_clock::now();
    run::AnalysePagesAgain({writer_, locations_, commits_, pool_, extraction_ns_, options_.jobs,
                            joined_pages_, written_folders_, summary_.analysed_again});
    summary_.pipeline.analysing_again_ms =
        Milliseconds(std::chrono::steady_clock::now() - again_started);
    ReturnAnalysisMemory();
    // Translations and versions of what this run wrote or removed, and of
    // what a run killed before its linking was done wrote or removed (the
    // marks LocationBook left with each change); the rest of the index
    // keeps its links.
    // Read only when linking: a --no-link-works run leaves the marks as
    // they are and need not list them.
    const writer::PendingLinks pending =
        options_.link_works ? writer_.ReadPendingLinks() : writer::PendingLinks{};
    if (!pending.written.empty() || !pending.left.empty()) {
      const auto started = std::chrono::steady_clock::now();
      // The pass reads the last commit (works/linker.h).
      if (commits_.uncommitted()) writer_.Commit();
      const works::LinkSummary linked = works::LinkWorks(writer_, pending.written, pending.left);
      const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::steady_clock::now() - started);
      // The marks go in the links' commit: a run killed before it leaves
      // them for the next.
      writer_.ClearPendingLinks();
      commits_.CountMinorChange();
      summary_.pipeline.linking_ms = took.count();
      LogInfo("index", "works linked",
              {{"examined", std::to_string(linked.examined)},
               {"compared", std::to_string(linked.compared)},
               {"rewritten", std::to_string(linked.rewritten)},
               {"ms", std::to_string(took.count())}});
    }
    if (failures_.ForgetVanished(writer_, complete_roots)) commits_.CountMinorChange();
    // Every file was seen and remade: the index is of this analysis now. A
    // root that could not be walked keeps the old version, so its files are
    // remade when it comes back.
    if (snapshot_.reanalyse && complete_roots.size() == options_.roots.size()) {
      writer_.SetAnalysisVersion(schema::kAnalysisVersion);
      commits_.CountMinorChange();
    }
    if (commits_.uncommitted()) writer_.Commit();
    // Reads wait for the queued changes: a commit started by Wrote() that
    // failed is thrown here at the latest.
    summary_.documents = writer_.DocumentCount();
    const writer::WriterTimes written = writer_.Times();
    summary_.pipeline.writer_busy_ms = Milliseconds(written.busy);
    summary_.pipeline.writer_spelling_ms = Milliseconds(written.spelling);
    summary_.pipeline.writer_commit_ms = Milliseconds(written.commit);
    summary_.pipeline.deciding_waited_for_writer_ms = Milliseconds(written.caller_waited);
  }

  void Progress(std::size_t total) {
    if (options_.on_progress) options_.on_progress(summary_, total);
  }

  // Counts the outcome; a new failure is remembered in the index (so that it
  // can be listed and is not retried until the file changes), and a file
  // that no longer fails has its old failure forgotten.
  void Record(const crawl::FoundFile& file, FileReport report, bool remember_failure = true) {
    if (remember_failure) {
      const bool changed = report.outcome == FileOutcome::kFailed
                               ? failures_.Remember(writer_, file, report.reason)
                               : failures_.Forget(writer_, report.path);
      if (changed) commits_.CountMinorChange();
    }
    Count(std::move(report));
  }

  void Count(FileReport report) {
    switch (report.outcome) {
      case FileOutcome::kIndexed:
        ++summary_.indexed;
        if (report.reason.empty()) return;
        LogInfo("index", "indexed with a note", {{"path", report.path}, {"note", report.reason}});
        break;
      case FileOutcome::kUnchanged:
        ++summary_.unchanged;
        return;
      case FileOutcome::kLinked:
        ++summary_.linked;
        return;
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
  worker::ExtractPool& pool_;
  // Read by worker threads; written only before they start (FirstLook).
  run::IndexSnapshot& snapshot_;
  run::FailureMemory failures_;
  run::LocationBook locations_;
  run::CommitPolicy commits_;
  std::unordered_set<std::string> reanalysed_ids_;  // remade in this run; calling thread only
  // The folder keys of the web pages written, whose template blocks the
  // pass after the run looks at (run::AnalysePagesAgain). Their blocks,
  // every block of every page, were kept before: ~85 MiB by the end of the
  // generated 50,000 (760,692 blocks), held through the whole run.
  std::set<std::string> written_folders_;
  // Web pages a file joined in this run: moved there, perhaps, from
  // another folder (run::AnalysePagesAgain).
  std::set<std::string> joined_pages_;
  // Time the reading threads wait for extraction workers; added to from
  // Prepare(), which is const to the run's state but not to this counter
  // nor to the claims below.
  mutable std::atomic<std::int64_t> extraction_ns_{0};
  // Which file analyses each content, and the analyses that failed.
  mutable run::CopyClaims copy_claims_;
  TestKillSwitch kill_switch_;
  IndexSummary summary_;
};

}  // namespace

std::string_view ToString(FileOutcome outcome) {
  switch (outcome) {
    case FileOutcome::kIndexed:
      return "indexed";
    case FileOutcome::kUnchanged:
      return "unchanged";
    case FileOutcome::kLinked:
      return "linked";
    case FileOutcome::kSkipped:
      return "skipped";
    case FileOutcome::kFailed:
      return "failed";
  }
  return "failed";
}

IndexSummary RunIndex(const IndexOptions& options) {
  // What runs killed while storing OCR results left behind (ocr_cache.h).
  if (options.extraction.ocr.mode != extract::OcrMode::kOff) {
    extract::RemoveStaleOcrTemporaries(options.extraction.ocr.cache_dir);
  }
  // Workers first: forked before the index is open and before any thread
  // starts, they never inherit either.
  worker::PoolOptions pool_options = options.extraction;
  pool_options.workers = options.jobs;
  std::unique_ptr<worker::ExtractPool> pool = worker::ExtractPool::Start(pool_options);
  std::unique_ptr<writer::IndexWriter> writer =
      writer::IndexWriter::Open(options.db_path, options.shards);
  // What the index holds and what the disk holds are read at the same
  // time, on two threads: together they are nearly all of a no-change
  // re-run. Until the reader is joined, only it uses the writer.
  std::future<run::IndexSnapshot> loaded =
      std::async(std::launch::async, [&writer] { return run::ReadSnapshot(*writer); });
  const crawl::CrawlResult crawled = crawl::Crawl(options.roots);
  run::IndexSnapshot snapshot = loaded.get();
  IndexSummary summary = Run(options, *writer, *pool, snapshot).Go(crawled);
  // A run that wrote much of its index (a first run, most of all) leaves
  // its B-trees half empty; compacted, the index takes less than half the
  // room (writer::IndexWriter::CompactAndClose). A run that changed a few
  // files leaves a few blocks and is not worth rewriting the index for.
  if (options.compact && !summary.error && summary.indexed > 0 &&
      2 * summary.indexed >= summary.documents) {
    const auto started = std::chrono::steady_clock::now();
    std::optional<Error> failure = writer->CompactAndClose();
    summary.pipeline.compaction_ms = Milliseconds(std::chrono::steady_clock::now() - started);
    if (failure) {
      LogWarning("index", "not compacted", {{"error", failure->message}});
    } else {
      LogInfo("index", "compacted", {{"ms", std::to_string(summary.pipeline.compaction_ms)}});
    }
  }
  const PipelineTimes& times = summary.pipeline;
  Log(LogLevel::kDebug, "index", "pipeline",
      {{"reading_busy_ms", std::to_string(times.reading_busy_ms)},
       {"reading_extraction_ms", std::to_string(times.reading_extraction_ms)},
       {"reading_held_ms", std::to_string(times.reading_held_ms)},
       {"deciding_waited_for_reading_ms", std::to_string(times.deciding_waited_for_reading_ms)},
       {"deciding_waited_for_writer_ms", std::to_string(times.deciding_waited_for_writer_ms)},
       {"writer_busy_ms", std::to_string(times.writer_busy_ms)},
       {"writer_spelling_ms", std::to_string(times.writer_spelling_ms)},
       {"writer_commit_ms", std::to_string(times.writer_commit_ms)},
       {"analysing_again_ms", std::to_string(times.analysing_again_ms)},
       {"linking_ms", std::to_string(times.linking_ms)},
       {"compaction_ms", std::to_string(times.compaction_ms)}});
  return summary;
}

}  // namespace archivist
