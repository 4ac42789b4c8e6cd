// SPDX-License-Identifier: GPL-2.0-or-later
// archivist-index: flags in, one indexing run, a summary out.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <iostream>
#include <map>

#include "core/error.h"
#include "core/log.h"
#include "indexer/extract/extractor.h"
#include "indexer/indexer.h"
#include "indexer/writer/index_writer.h"

namespace {

std::string_view OutcomeName(archivist::FileOutcome outcome) {
  switch (outcome) {
    case archivist::FileOutcome::kIndexed: return "indexed";
    case archivist::FileOutcome::kUnchanged: return "unchanged";
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
  return {{"indexed", s.indexed},   {"unchanged", s.unchanged}, {"skipped", s.skipped},
          {"failed", s.failed},     {"removed", s.removed},     {"documents", s.documents},
          {"problems", problems},   {"root_errors", s.root_errors}};
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
                 "address space one extraction worker may use, in MiB (1024, 2GiB)")
      ->capture_default_str()
      ->transform(CLI::AsNumberWithUnit(std::map<std::string, std::uint64_t>{{"MiB", 1}, {"GiB", 1024}}))
      ->check(CLI::Range(64, 1 << 20));
  app.add_option("--commit-every", options.commit_every, "documents per commit")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
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
  options.extraction.timeout = std::chrono::seconds(timeout_seconds);
  options.extraction.memory_bytes = memory_mib << 20;
  archivist::extract::InitExtractors();
  try {
    const archivist::IndexSummary summary = archivist::RunIndex(options);
    if (json) {
      std::cout << SummaryJson(summary).dump(2) << '\n';
    } else {
      std::cout << "indexed " << summary.indexed << ", unchanged " << summary.unchanged
                << ", skipped " << summary.skipped << ", failed " << summary.failed
                << ", removed " << summary.removed << "; " << summary.documents
                << " documents in " << options.db_path << '\n';
      for (const auto& p : summary.problems) {
        std::cout << "  " << OutcomeName(p.outcome) << ": " << p.path << ": " << p.reason << '\n';
      }
    }
    return 0;
  } catch (const archivist::Exception& e) {
    archivist::LogError("index", "indexing stopped", {{"error", e.what()}});
    return 1;
  }
}
