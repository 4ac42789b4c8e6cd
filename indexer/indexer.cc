// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/indexer.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <functional>
#include <future>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <unordered_set>

#include <sys/resource.h>
#include <unistd.h>

#include "core/freed_memory.h"
#include "core/log.h"
#include "core/record.h"
#include "core/schema.h"
#include "core/template_blocks.h"
#include "indexer/crawl/crawler.h"
#include "indexer/extract/extractor.h"
#include "indexer/extract/ocr_cache.h"
#include "indexer/ordered_parallel_map.h"
#include "indexer/run/analyse_file.h"
#include "indexer/run/change_detection.h"
#include "indexer/run/commit_policy.h"
#include "indexer/run/failure_memory.h"
#include "indexer/run/index_snapshot.h"
#include "indexer/run/locations.h"
#include "indexer/run/template_furniture.h"
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
};

// How far the reading threads may run ahead of the writing one: documents
// and their text. While one thread extracts a 400-page report, the others
// go on with the files after it (a window of 4 documents per thread left
// them idle behind every long PDF of the bench corpus); the text bound
// keeps the documents waiting (several times their text in memory: terms,
// positions) within a few tens of MiB. It counts a file's text from its
// extraction on, not only once analysed: enriching and analysing a text
// takes about 20 times its bytes for a while, and the bench corpus's two
// R reference manuals (4.4 MB of text each, side by side in crawl order)
// analysed at once on the two threads set the run's peak (issue 19). Now
// the second waits until the first is handed to the writer.
constexpr std::size_t kAheadPerJob = 32;
constexpr std::size_t kAheadTextBytes = 8u << 20;

std::size_t TextBytesOf(const Prepared& prepared) {
  if (!prepared.analysed || !prepared.analysed->ok()) return 0;
  return static_cast<std::size_t>(prepared.analysed->value().document.record().chars);
}

// Readers of the index's last commit for the threads that judge web
// pages' template furniture: an IndexReader is not thread-safe, so each
// thread borrows one for an item and gives it back. Opened up front, one
// for each thread, on the thread that owns the writer.
class CommitReaders {
 public:
  CommitReaders(writer::IndexWriter& writer, std::size_t threads) {
    for (std::size_t t = 0; t < threads; ++t) idle_.push_back(writer.ReaderOfLastCommit());
  }

  class Lease {
   public:
    Lease(CommitReaders& owner, std::unique_ptr<writer::IndexReader> reader)
        : owner_(owner), reader_(std::move(reader)) {}
    ~Lease() { owner_.GiveBack(std::move(reader_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    writer::IndexReader& operator*() const { return *reader_; }

   private:
    CommitReaders& owner_;
    std::unique_ptr<writer::IndexReader> reader_;
  };

  // Never waits: no more threads borrow at once than there are readers.
  Lease Borrow() {
    std::lock_guard lock(mutex_);
    std::unique_ptr<writer::IndexReader> reader = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(reader));
  }

 private:
  void GiveBack(std::unique_ptr<writer::IndexReader> reader) {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(reader));
  }

  std::mutex mutex_;
  std::vector<std::unique_ptr<writer::IndexReader>> idle_;  // guarded by mutex_
};

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
          work.size(), options_.jobs, kAheadPerJob * options_.jobs,
          [&](std::size_t i, Admission& admission) {
            YieldToWriter();
            return Prepare(i, *work[i], admission);
          },
          TextBytesOf, kAheadTextBytes);
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
        !CopyOfAnEarlierFile(index, file, out.content)) {
      out.analysed =
          run::Analyse(file, out.content.hash, pool_, extraction_ns_, nullptr,
                       [&admission](std::size_t text_bytes) { admission.Weigh(text_bytes); });
    }
    return out;
  }

  // What decides a file's extraction: its content and, for content no
  // magic number names, its extension (extract_file.cc): the same bytes
  // named notes.txt are text, named notes.tsv unsupported.
  static std::string ExtractionKey(const crawl::FoundFile& file, const run::ContentCheck& content) {
    std::string extension = std::filesystem::path(file.absolute).extension().string();
    for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return content.id + '/' + extension;
  }

  // Whether the content of the file at `index` is also that of a file of
  // the same extension before it in this run, which analyses it: this one
  // then joins the document that file writes (Apply), and its own analysis
  // would be thrown away. A copy of a 3,000-page manual costs as much to
  // extract as the manual. Claims go by place, not by time: a later file
  // that hashed first is analysed too, and so is this one. A copy whose
  // sidecar changed is made again from its own file (Apply) and analysed.
  bool CopyOfAnEarlierFile(std::size_t index, const crawl::FoundFile& file,
                           const run::ContentCheck& content) const {
    if (content.sidecar_changed) return false;
    std::lock_guard lock(claims_mutex_);
    const auto [claim, first] = analysed_by_.try_emplace(ExtractionKey(file, content), index);
    if (first) return false;
    if (claim->second < index) return true;
    claim->second = index;
    return false;
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
      // A copy of content whose earlier file failed in this run fails the
      // same way (CopyOfAnEarlierFile: not analysed twice).
      const auto failed = failed_contents_.find(ExtractionKey(file, p.content));
      if (failed != failed_contents_.end()) {
        return {path, OutcomeOf(failed->second), failed->second.message};
      }
      // The content was indexed when the run started but its document has
      // gone since (its only file changed earlier in this run), or its
      // earlier file in this run wrote none: analyse now.
      p.analysed = run::Analyse(file, p.content.hash, pool_, extraction_ns_);
      ++summary_.analysed;
    }
    if (!p.analysed->ok()) {
      const Error& error = p.analysed->error();
      failed_contents_.emplace(ExtractionKey(file, p.content), error);
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
    AnalyseMovedPages();
    LeaveOutTemplateFurniture();
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

  // Web pages moved to another folder (joined there, their old file swept)
  // were analysed in the old one and their template blocks counted there:
  // each is analysed again where it is now, so that its blocks count in
  // its new folder and the furniture pass below judges them there. A copy
  // left in the old folder keeps the page where it was.
  void AnalyseMovedPages() {
    std::vector<std::string> moved;
    for (const std::string& id : joined_pages_) {
      const std::optional<DocumentRecord> stored = locations_.FindById(id);
      if (!stored) continue;
      const std::vector<FileLocation> locations = Locations(*stored);
      if (locations.empty()) continue;
      const std::filesystem::path first =
          std::filesystem::path(locations.front().root) / locations.front().path;
      if (!run::AnalysedInFolderOf(writer_, id, first)) moved.push_back(id);
    }
    AnalyseAgain(moved, /*judged=*/false);
  }

  // After the run's writes and removals: web pages whose template blocks
  // became their folder's furniture (printed on enough of its pages now)
  // are analysed again without them, and those whose left-out blocks no
  // longer are, with them. Only the blocks of folders this run wrote pages
  // into and blocks left out somewhere are looked at, so an unchanged
  // archive costs one term list.
  void LeaveOutTemplateFurniture() {
    const std::set<std::string> again = run::PagesToAnalyseAgain(writer_, written_folders_);
    AnalyseAgain({again.begin(), again.end()}, /*judged=*/true);
  }

  // A document to analyse again: its first file, which must be as the
  // index saw it (else the next run, seeing it changed, remakes it).
  struct Reanalysis {
    crawl::FoundFile file;
    std::string hash;
    std::vector<FileLocation> locations;
  };

  std::optional<Reanalysis> ReanalysisOf(const std::string& id) {
    const std::optional<DocumentRecord> stored = locations_.FindById(id);
    if (!stored) return std::nullopt;
    Reanalysis again;
    again.locations = Locations(*stored);
    if (again.locations.empty()) return std::nullopt;
    const FileLocation& first = again.locations.front();
    crawl::FoundFile& file = again.file;
    file.root = first.root;
    file.relative_path = first.path;
    file.absolute = (std::filesystem::path(first.root) / first.path).string();
    file.size = first.size;
    file.mtime = first.mtime;
    file.sidecar_mtime = first.sidecar_mtime;
    std::error_code error;
    if (std::filesystem::file_size(file.absolute, error) != first.size || error) {
      return std::nullopt;
    }
    again.hash = stored->hash;
    return again;
  }

  // Analyses documents `ids` again, each from its first file, on the
  // reading threads as in the run, and writes them in their order from
  // this thread. A first run over a site whose pages share a footer
  // analyses every one of them again once the footer is counted as its
  // folder's furniture: done on this thread alone, that was a serial
  // stretch at the end of the run with one core idle. With `judged`, the pages' template blocks are judged (FurnitureOf)
  // by the counts of the last commit, which is made first: a judgment
  // reads only the counts of pages held and of folders, which writing a
  // page again in its own folder leaves as they were. Without, none is
  // left out.
  void AnalyseAgain(const std::vector<std::string>& ids, bool judged) {
    std::vector<Reanalysis> work;
    for (const std::string& id : ids) {
      if (std::optional<Reanalysis> again = ReanalysisOf(id)) work.push_back(std::move(*again));
    }
    if (work.empty()) return;
    std::optional<CommitReaders> readers;
    if (judged) {
      if (commits_.uncommitted()) writer_.Commit();
      readers.emplace(writer_, options_.jobs);
    }
    struct Outcome {
      std::optional<Result<run::Analysed>> analysed;
      std::exception_ptr failure;  // of the index read by a judgment
    };
    OrderedParallelMap<Outcome> outcomes(
        work.size(), options_.jobs, kAheadPerJob * options_.jobs,
        [&](std::size_t i) {
          YieldToWriter();
          Outcome out;
          try {
            if (!readers) {
              out.analysed = run::Analyse(work[i].file, work[i].hash, pool_, extraction_ns_);
            } else {
              CommitReaders::Lease reader = readers->Borrow();
              const run::FurnitureJudge judge = [&reader](const std::string& folder_key,
                                                          const std::vector<std::string>& keys) {
                return run::FurnitureOf(*reader, folder_key, keys);
              };
              out.analysed =
                  run::Analyse(work[i].file, work[i].hash, pool_, extraction_ns_, &judge);
            }
          } catch (...) {
            out.failure = std::current_exception();
          }
          return out;
        },
        [](const Outcome& out) -> std::size_t {
          return out.analysed && out.analysed->ok()
                     ? static_cast<std::size_t>(out.analysed->value().document.record().chars)
                     : 0;
        },
        kAheadTextBytes);
    for (Reanalysis& again : work) {
      Outcome next = outcomes.Next();
      if (next.failure) std::rethrow_exception(next.failure);
      // A file that no longer reads keeps its document as it was.
      if (!next.analysed->ok()) continue;
      run::Analysed& analysed = next.analysed->value();
      if (!analysed.template_folder.empty()) written_folders_.insert(analysed.template_folder);
      analysed.document.SetLocations(again.locations);
      locations_.Put(std::move(analysed.document));
      ++summary_.analysed_again;
    }
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
  // The folder keys of the web pages written. Their blocks, every block of
  // every page, were kept before: ~85 MiB by the end of the generated
  // 50,000 (760,692 blocks), held through the whole run.
  std::set<std::string> written_folders_;
  // Web pages a file joined in this run: moved there, perhaps, from
  // another folder (AnalyseMovedPages).
  std::set<std::string> joined_pages_;
  // Time the reading threads wait for extraction workers; added to from
  // Prepare(), which is const to the run's state but not to this counter
  // nor to the claims below.
  mutable std::atomic<std::int64_t> extraction_ns_{0};
  // Each content the run analyses (ExtractionKey), by the place in crawl
  // order of the earliest file known to analyse it (CopyOfAnEarlierFile).
  mutable std::mutex claims_mutex_;
  mutable std::unordered_map<std::string, std::size_t> analysed_by_;  // guarded by claims_mutex_
  // Content (ExtractionKey) whose analysis failed in this run, with why;
  // calling thread only.
  std::unordered_map<std::string, Error> failed_contents_;
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
