// SPDX-License-Identifier: GPL-2.0-or-later
// One indexing run: crawl the roots, extract and enrich what changed, write
// it, remove what disappeared, commit.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace archivist {

struct IndexOptions {
  std::string db_path;
  std::vector<std::filesystem::path> roots;
  // Commit after this many changed documents, so an interrupted run keeps
  // most of its work and memory stays bounded.
  std::size_t commit_every = 200;
};

enum class FileOutcome { kIndexed, kUnchanged, kSkipped, kFailed };

struct FileReport {
  std::string path;  // absolute
  FileOutcome outcome;
  std::string reason;  // for skipped and failed
};

struct IndexSummary {
  std::size_t indexed = 0;
  std::size_t unchanged = 0;
  std::size_t skipped = 0;
  std::size_t failed = 0;
  std::size_t removed = 0;
  std::size_t documents = 0;  // in the index after the run
  std::vector<FileReport> problems;  // every skipped and failed file
  std::vector<std::string> root_errors;
};

// Runs one indexing pass. Per-file problems are reported in the summary and
// never stop the run. Throws archivist::Exception when the index itself
// fails (cannot be opened, written or committed).
IndexSummary RunIndex(const IndexOptions& options);

}  // namespace archivist
