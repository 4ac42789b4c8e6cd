// SPDX-License-Identifier: GPL-2.0-or-later
// One indexing run: crawl the roots, extract and enrich what changed, write
// it, drop what disappeared, commit.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace archivist {

struct IndexSummary;

struct IndexOptions {
  std::string db_path;
  std::vector<std::filesystem::path> roots;
  int shards = 1;  // for a new index; an existing one keeps its layout
  // Threads that read, extract and analyse files; the writer is one more.
  std::size_t jobs = 2;
  // Commit after this many changed documents, so an interrupted run keeps
  // most of its work and memory stays bounded.
  std::size_t commit_every = 200;
  // Called after each file with the summary so far and the number of files
  // the crawl found; for progress reports. May be empty.
  std::function<void(const IndexSummary&, std::size_t total_files)> on_progress;
};

enum class FileOutcome { kIndexed, kUnchanged, kLinked, kSkipped, kFailed };

struct FileReport {
  std::string path;  // absolute
  FileOutcome outcome;
  std::string reason;  // for skipped and failed
};

struct IndexSummary {
  std::size_t indexed = 0;    // extracted and written
  std::size_t unchanged = 0;  // nothing to do (a stat, or a hash when only the time moved)
  std::size_t linked = 0;     // moved, renamed or duplicate content: joined its document
  std::size_t skipped = 0;
  std::size_t failed = 0;
  std::size_t removed = 0;    // documents whose every file is gone
  std::size_t documents = 0;  // in the index after the run
  std::vector<FileReport> problems;  // every skipped and failed file
  std::vector<std::string> root_errors;

  std::size_t files_done() const { return indexed + unchanged + linked + skipped + failed; }
};

// Runs one indexing pass. Per-file problems are reported in the summary and
// never stop the run. Throws archivist::Exception when the index itself
// fails (cannot be opened, written or committed).
IndexSummary RunIndex(const IndexOptions& options);

}  // namespace archivist
