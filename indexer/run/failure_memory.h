// SPDX-License-Identifier: GPL-2.0-or-later
// Which failures a run remembers. A file that failed is recorded in the
// index (path, stamps, reason) so that it can be listed, and is not
// extracted again until it changes: it would fail again, and a timeout
// costs a minute. A retry is asked for with --retry-failed. A file that no
// longer fails, or is gone, has its failure forgotten.
#pragma once

#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

#include "indexer/crawl/crawler.h"
#include "indexer/writer/index_writer.h"

namespace archivist::run {

// One run's view of the failures recorded in the index, and the changes it
// makes to them through the writer. Not thread-safe: the thread that writes
// owns it.
class FailureMemory {
 public:
  // `recorded`: the failures in the index at the start of the run.
  // `retry_failed`: every recorded failure is tried again.
  FailureMemory(std::vector<writer::FailureRecord> recorded, bool retry_failed);

  // Notes that the crawl found `file`; returns its recorded failure when the
  // file has not changed since (size, mtime, sidecar time) and failures are
  // not retried: it keeps that outcome without being tried. The pointer
  // stays valid as long as this object.
  const writer::FailureRecord* Found(const crawl::FoundFile& file);

  // Records that `file` failed for `reason` (replacing an earlier record).
  // Returns whether the index changed: always.
  bool Remember(writer::IndexWriter& writer, const crawl::FoundFile& file,
                const std::string& reason);

  // `path` no longer fails: forgets its recorded failure, if it had one.
  // Returns whether the index changed.
  bool Forget(writer::IndexWriter& writer, const std::string& path);

  // Forgets the failures of files the crawl did not find under a root it
  // walked to the end (an unmounted root keeps them). Returns whether the
  // index changed.
  bool ForgetVanished(writer::IndexWriter& writer,
                      const std::vector<std::filesystem::path>& complete_roots);

 private:
  struct Recorded {
    writer::FailureRecord record;
    bool seen = false;  // found by this run's crawl
  };

  std::unordered_map<std::string, Recorded> recorded_;  // by absolute path
  bool retry_failed_;
};

}  // namespace archivist::run
