// SPDX-License-Identifier: GPL-2.0-or-later
// archivist-index: flags in, one indexing run, a summary out.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <map>
#include <thread>

#include "core/error.h"
#include "core/log.h"
#include "indexer/extract/extractor.h"
#include "indexer/indexer.h"
#include "indexer/progress.h"
#include "indexer/watch/watcher.h"
#include "indexer/writer/index_writer.h"

namespace {

nlohmann::json SummaryJson(const archivist::IndexSummary& s) {
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& p : s.problems) {
    problems.push_back({{"path", p.path}, {"outcome", archivist::ToString(p.outcome)}, {"reason", p.reason}});
  }
  return {{"indexed", s.indexed},   {"unchanged", s.unchanged}, {"linked", s.linked},
          {"skipped", s.skipped},
          {"failed", s.failed},     {"removed", s.removed},     {"documents", s.documents},
          {"problems", problems},   {"root_errors", s.root_errors}};
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
  for (const auto& p : summary.problems) {
    std::cout << "  " << archivist::ToString(p.outcome) << ": " << p.path << ": " << p.reason << '\n';
  }
  std::cout << std::flush;
}

// Prints the failures recorded in the index: one "path<TAB>reason" line each,
// or a JSON array with --json.
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
    for (const auto& f : failures.value()) std::cout << f.path << '\t' << f.reason << '\n';
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"archivist-index: index archive folders into a Xapian database"};
  archivist::IndexOptions options;
  std::vector<std::string> roots;
  bool json = false;
  bool verbose = false;
  bool list_failures = false;
  std::uint64_t timeout_seconds = 60;
  std::uint64_t memory_mib = 1024;
  app.add_option("--db", options.db_path, "index directory (created if missing)")->required();
  app.add_option("roots", roots, "archive folders to index")->check(CLI::ExistingDirectory);
  app.add_flag("--failures", list_failures,
               "list the files that failed to index (path, tab, reason) and exit");
  app.add_flag("--retry-failed", options.retry_failed,
               "extract failed files again even if they did not change");
  app.add_option("--extract-timeout", timeout_seconds,
                 "time one file may take to extract, in seconds (60s, 2m)")
      ->capture_default_str()
      ->transform(CLI::AsNumberWithUnit(std::map<std::string, std::uint64_t>{{"s", 1}, {"m", 60}}))
      ->check(CLI::Range(1, 86400));
  app.add_option("--extract-memory", memory_mib,
                 "address space one extraction worker may add for a file, in MiB (1024, 2GiB)")
      ->capture_default_str()
      ->transform(CLI::AsNumberWithUnit(std::map<std::string, std::uint64_t>{{"MiB", 1}, {"GiB", 1024}}))
      ->check(CLI::Range(64, 1 << 20));
  std::size_t commit_mib = options.commit_bytes >> 20;
  app.add_option("--commit-mib", commit_mib, "MiB of extracted text per commit (at most)")
      ->capture_default_str()
      ->check(CLI::Range(1, 65536));
  app.add_option("--commit-every", options.commit_every, "documents per commit (at most)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  app.add_option("--shards", options.shards,
                 "write a new index as this many shard databases (an existing one keeps its own)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  options.jobs = std::max(1u, std::thread::hardware_concurrency());
  app.add_option("-j,--jobs", options.jobs, "threads reading, extracting and analysing files")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  std::size_t progress_every = 1000;
  app.add_option("--progress-every", progress_every,
                 "when stderr is not a terminal, log progress every N files")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000000));
  bool watch = false;
  app.add_flag("--watch", watch,
               "after indexing, keep the index current as files appear, change and disappear");
  int debounce_ms = 2000;
  app.add_option("--watch-quiet-ms", debounce_ms,
                 "with --watch, re-index once changes have been quiet this long")
      ->capture_default_str()
      ->check(CLI::Range(10, 3600000));
  app.add_flag("--json", json, "print the summary as JSON on stdout");
  app.add_flag("-v,--verbose", verbose, "log library diagnostics too");
  CLI11_PARSE(app, argc, argv);

  if (verbose) archivist::SetLogLevel(archivist::LogLevel::kDebug);
  if (list_failures) return ListFailures(options.db_path, json);
  if (roots.empty()) {
    std::cerr << "archivist-index: give at least one archive folder to index\n";
    return 2;
  }
  options.roots.assign(roots.begin(), roots.end());
  options.commit_bytes = commit_mib << 20;
  options.extraction.timeout = std::chrono::seconds(timeout_seconds);
  options.extraction.memory_bytes = memory_mib << 20;
  archivist::extract::InitExtractors();
  archivist::ProgressReporter progress(std::cerr, isatty(STDERR_FILENO) != 0, progress_every);
  options.on_progress = [&progress](const archivist::IndexSummary& so_far, std::size_t total) {
    progress.Update(so_far, total);
  };
  try {
    // With --watch, SIGTERM and SIGINT end the wait between passes cleanly;
    // they are blocked before the watcher exists so none is lost.
    if (watch) archivist::watch::BlockStopSignals();
    std::unique_ptr<archivist::watch::TreeWatcher> watcher;
    if (watch) watcher = std::make_unique<archivist::watch::TreeWatcher>(options.roots);
    do {
      const archivist::IndexSummary summary = archivist::RunIndex(options);
      progress.Finish();
      PrintSummary(summary, options.db_path, json);
    } while (watcher && watcher->WaitForChange(std::chrono::milliseconds(debounce_ms)) ==
                            archivist::watch::WaitResult::kChanged);
    return 0;
  } catch (const archivist::Exception& e) {
    archivist::LogError("index", "indexing stopped", {{"error", e.what()}});
    return 1;
  }
}
