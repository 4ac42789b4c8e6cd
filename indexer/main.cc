// SPDX-License-Identifier: GPL-2.0-or-later
// archivist-index: flags in, one indexing run, a summary out.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <thread>

#include "core/error.h"
#include "core/log.h"
#include "indexer/extract/extractor.h"
#include "indexer/indexer.h"
#include "indexer/progress.h"
#include "indexer/watch/watcher.h"

namespace {

std::string_view OutcomeName(archivist::FileOutcome outcome) {
  switch (outcome) {
    case archivist::FileOutcome::kIndexed: return "indexed";
    case archivist::FileOutcome::kUnchanged: return "unchanged";
    case archivist::FileOutcome::kLinked: return "linked";
    case archivist::FileOutcome::kSkipped: return "skipped";
    case archivist::FileOutcome::kFailed: return "failed";
  }
  return "failed";
}

nlohmann::json SummaryJson(const archivist::IndexSummary& s) {
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& p : s.problems) {
    problems.push_back({{"path", p.path}, {"outcome", OutcomeName(p.outcome)}, {"reason", p.reason}});
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
    std::cout << "  " << OutcomeName(p.outcome) << ": " << p.path << ": " << p.reason << '\n';
  }
  std::cout << std::flush;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"archivist-index: index archive folders into a Xapian database"};
  archivist::IndexOptions options;
  std::vector<std::string> roots;
  bool json = false;
  bool verbose = false;
  app.add_option("--db", options.db_path, "index directory (created if missing)")->required();
  app.add_option("roots", roots, "archive folders to index")->required()->check(CLI::ExistingDirectory);
  app.add_option("--commit-every", options.commit_every, "documents per commit")
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
  options.roots.assign(roots.begin(), roots.end());
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
