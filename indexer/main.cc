// SPDX-License-Identifier: GPL-2.0-or-later
// archivist-index: flags in (indexer/cli.h), indexing runs, a summary out.
#include <nlohmann/json.hpp>

#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <chrono>
#include <iostream>
#include <thread>
#include <variant>

#include "core/error.h"
#include "core/log.h"
#include "indexer/cli.h"
#include "indexer/extract/extractor.h"
#include "indexer/indexer.h"
#include "indexer/priority.h"
#include "indexer/progress.h"
#include "indexer/watch/watcher.h"
#include "indexer/writer/index_writer.h"

namespace {

// Debian's Tesseract is built with OpenMP: up to four threads per page that
// spin while they wait. Measured under load, a page cost 13 s of CPU that
// way against 3.4 s with one thread; the extraction workers (--jobs) are the
// parallelism. OpenMP reads its limit once, as it loads, so the program
// sets it and starts itself again (and goes on as it is if it cannot).
void OneOpenMpThreadPerWorker(char** argv) {
  if (std::getenv("OMP_THREAD_LIMIT") != nullptr) return;
  setenv("OMP_THREAD_LIMIT", "1", 1);
  execv("/proc/self/exe", argv);
}

// Where the run's time went (archivist::PipelineTimes), in milliseconds.
nlohmann::json PipelineJson(const archivist::PipelineTimes& t) {
  return {{"reading_busy_ms", t.reading_busy_ms},
          {"reading_extraction_ms", t.reading_extraction_ms},
          {"reading_held_ms", t.reading_held_ms},
          {"deciding_waited_for_reading_ms", t.deciding_waited_for_reading_ms},
          {"deciding_waited_for_writer_ms", t.deciding_waited_for_writer_ms},
          {"writer_busy_ms", t.writer_busy_ms},
          {"writer_spelling_ms", t.writer_spelling_ms},
          {"writer_commit_ms", t.writer_commit_ms},
          {"analysing_again_ms", t.analysing_again_ms},
          {"linking_ms", t.linking_ms},
          {"compaction_ms", t.compaction_ms}};
}

nlohmann::json SummaryJson(const archivist::IndexSummary& s) {
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& p : s.problems) {
    problems.push_back({{"path", p.path}, {"outcome", archivist::ToString(p.outcome)}, {"reason", p.reason}});
  }
  return {{"indexed", s.indexed},   {"unchanged", s.unchanged}, {"linked", s.linked},
          {"skipped", s.skipped},
          {"failed", s.failed},     {"removed", s.removed},     {"documents", s.documents},
          {"analysed", s.analysed},
          {"analysed_again", s.analysed_again},
          {"ocr_pages", s.ocr_pages}, {"ocr_cache_hits", s.ocr_cache_hits},
          {"problems", problems},   {"root_errors", s.root_errors},
          {"pipeline", PipelineJson(s.pipeline)},
          {"error", s.error ? nlohmann::json{{"code", archivist::ToString(s.error->code)},
                                             {"message", s.error->message}}
                            : nlohmann::json()}};
}

void PrintSummary(const archivist::IndexSummary& summary, const std::string& db_path, bool json) {
  if (json) {
    std::cout << SummaryJson(summary).dump() << std::endl;
    return;
  }
  std::cout << "indexed " << summary.indexed << ", unchanged " << summary.unchanged
            << ", linked " << summary.linked << ", skipped " << summary.skipped << ", failed "
            << summary.failed << ", removed " << summary.removed << "; " << summary.documents
            << " documents in " << db_path << '\n';
  if (summary.ocr_pages + summary.ocr_cache_hits > 0) {
    std::cout << "OCR: " << summary.ocr_pages << " pages read, " << summary.ocr_cache_hits
              << " from the cache\n";
  }
  if (summary.error) std::cout << "stopped: " << summary.error->message << '\n';
  for (const auto& p : summary.problems) {
    std::cout << "  " << archivist::ToString(p.outcome) << ": "
              << archivist::cli::EscapeForLine(p.path) << ": "
              << archivist::cli::EscapeForLine(p.reason) << '\n';
  }
  std::cout << std::flush;
}

// Prints the failures recorded in the index: one "path<TAB>reason" line each,
// control characters escaped (cli::EscapeForLine: a file name must not forge
// a line), or a JSON array with --json.
int ListFailures(const std::string& db_path, bool json) {
  archivist::Result<std::vector<archivist::writer::FailureRecord>> failures =
      archivist::writer::ReadFailures(db_path);
  if (!failures.ok()) {
    archivist::LogError("index", "cannot list failures", {{"error", failures.error().message}});
    return 1;
  }
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& f : failures.value()) {
      out.push_back({{"path", f.path}, {"size", f.size}, {"mtime", f.mtime}, {"reason", f.reason}});
    }
    std::cout << out.dump(2) << '\n';
  } else {
    for (const auto& f : failures.value()) {
      std::cout << archivist::cli::EscapeForLine(f.path) << '\t'
                << archivist::cli::EscapeForLine(f.reason) << '\n';
    }
  }
  return 0;
}

}  // namespace

// glibc serves a block of M_MMAP_THRESHOLD bytes or more from a mapping of
// its own, unmapped when freed. By default the threshold rises to the size
// of the largest such block freed (up to 32 MiB): after a long book's text
// (a few MiB, copied and folded by enrichment and analysis) was freed once,
// its like came from the arenas instead, and what they freed stayed
// resident beside what came next. Fixed here, before any thread or worker
// starts (they inherit it), the threshold keeps large blocks apart and
// gives them back when freed (issue 19, docs/benchmarks/issue-19-indexing.md).
constexpr int kOwnMappingBytes = 1 << 20;
// Fixing the threshold above also fixes the one for giving back the free
// top of a heap, at glibc's 128 KiB: each thread's arena then gave back
// (madvise) what a document had freed and faulted it in again for the
// next, 138 page faults a document on the generated 5,000 and a seventh of
// the run's CPU in the kernel. Up to this much stays with each arena for
// the next document: half the page faults, a third less system time, some
// 15 MiB more resident (issue 19, docs/benchmarks/issue-19-indexing.md).
constexpr int kKeptFreeTopBytes = 32 << 20;

int main(int argc, char** argv) {
  mallopt(M_MMAP_THRESHOLD, kOwnMappingBytes);
  mallopt(M_TRIM_THRESHOLD, kKeptFreeTopBytes);
  OneOpenMpThreadPerWorker(argv);
  auto parsed = archivist::cli::ParseCommandLine(
      argc, argv, std::max(1u, std::thread::hardware_concurrency()));
  if (auto* exit = std::get_if<archivist::cli::CommandLineExit>(&parsed)) {
    std::cout << exit->out << std::flush;
    std::cerr << exit->error << std::flush;
    return exit->code;
  }
  archivist::cli::IndexCommand& command = std::get<archivist::cli::IndexCommand>(parsed);
  archivist::IndexOptions& options = command.options;
  const bool json = command.json;

  if (command.verbose) archivist::SetLogLevel(archivist::LogLevel::kDebug);
  if (command.list_failures) return ListFailures(options.db_path, json);
  if (command.background) {
    // Before the extraction workers and threads start: they inherit it.
    if (const std::string problems = archivist::LowerPriority(); !problems.empty()) {
      archivist::LogWarning("index", "priority not lowered", {{"error", problems}});
    }
  }
  archivist::extract::InitExtractors();
  archivist::ProgressReporter progress(std::cerr, isatty(STDERR_FILENO) != 0,
                                       command.progress_every, options.jobs);
  options.on_progress = [&progress](const archivist::IndexSummary& so_far, std::size_t total) {
    progress.Update(so_far, total);
  };
  // A long scan's pages are counted as they are read, not when it is done.
  options.extraction.on_ocr_progress = [&progress](const archivist::worker::OcrProgress& page) {
    progress.Ocr(page);
  };
  try {
    // With --watch, SIGTERM and SIGINT end the wait between passes cleanly;
    // they are blocked before the watcher exists so none is lost.
    if (command.watch) archivist::watch::BlockStopSignals();
    std::unique_ptr<archivist::watch::TreeWatcher> watcher;
    if (command.watch) watcher = std::make_unique<archivist::watch::TreeWatcher>(options.roots);
    do {
      const archivist::IndexSummary summary = archivist::RunIndex(options);
      progress.Finish();
      PrintSummary(summary, options.db_path, json);
      if (summary.error) {
        // The index failed (a full disk): an index-level failure, so the
        // exit status says so, after the summary of what was done.
        archivist::LogError("index", "indexing stopped", {{"error", summary.error->message}});
        return 1;
      }
    } while (watcher && watcher->WaitForChange(command.watch_quiet) ==
                            archivist::watch::WaitResult::kChanged);
    return 0;
  } catch (const archivist::Exception& e) {
    archivist::LogError("index", "indexing stopped", {{"error", e.what()}});
    if (json) {
      // A script reading --json gets an answer even when no run began.
      archivist::IndexSummary none;
      none.error = archivist::Error{e.code(), e.what()};
      PrintSummary(none, options.db_path, json);
    }
    return 1;
  }
}
