// SPDX-License-Identifier: GPL-2.0-or-later
// One indexing run: crawl the roots, extract and enrich what changed, write
// it, remove what disappeared, commit.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "indexer/worker/extract_pool.h"

namespace archivist {

struct IndexOptions {
  std::string db_path;
  std::vector<std::filesystem::path> roots;
  // Commit after this many changed documents, so an interrupted run keeps
  // most of its work and memory stays bounded.
  std::size_t commit_every = 200;
  // Extraction runs in worker processes with these limits per file.
  worker::PoolOptions extraction;
  // Also retry files whose failure is recorded although they did not change.
  bool retry_failed = false;
};

enum class FileOutcome { kIndexed, kUnchanged, kSkipped, kFailed };

struct FileReport {
  std::string path;  // absolute
  FileOutcome outcome;
  // Why a file was skipped or failed; for an indexed file, a note worth
  // acting on ("no text layer": a scan, indexed by its metadata only).
  std::string reason;
};

struct IndexSummary {
  std::size_t indexed = 0;
  std::size_t unchanged = 0;
  std::size_t skipped = 0;
  std::size_t failed = 0;
  std::size_t removed = 0;
  std::size_t documents = 0;  // in the index after the run
  // Every skipped and failed file, and every indexed file with a note.
  std::vector<FileReport> problems;
  std::vector<std::string> root_errors;
};

// Runs one indexing pass. Per-file problems are reported in the summary and
// never stop the run. Failures are also recorded in the index
// (writer::ReadFailures lists them); a failed file is extracted again only
// when its size or mtime changed, or with `retry_failed`. A failed file that
// is not retried still counts as failed, with its recorded reason.
// Throws archivist::Exception when the index itself fails (cannot be opened,
// written or committed) or no extraction worker can be started.
IndexSummary RunIndex(const IndexOptions& options);

}  // namespace archivist
