// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/run/failure_memory.h"

#include <utility>

#include "indexer/run/index_snapshot.h"

namespace archivist::run {

FailureMemory::FailureMemory(std::vector<writer::FailureRecord> recorded, bool retry_failed)
    : retry_failed_(retry_failed) {
  for (writer::FailureRecord& failure : recorded) {
    std::string path = failure.path;
    recorded_.emplace(std::move(path), Recorded{std::move(failure)});
  }
}

const writer::FailureRecord* FailureMemory::Found(const crawl::FoundFile& file) {
  // Most indexes have few failures, if any: no path to build then.
  if (recorded_.empty()) return nullptr;
  const auto failure = recorded_.find(file.absolute);
  if (failure == recorded_.end()) return nullptr;
  failure->second.seen = true;
  if (retry_failed_) return nullptr;
  const writer::FailureRecord& f = failure->second.record;
  const bool same =
      f.size == file.size && f.mtime == file.mtime && f.sidecar_mtime == file.sidecar_mtime;
  return same ? &f : nullptr;
}

bool FailureMemory::Remember(writer::IndexWriter& writer, const crawl::FoundFile& file,
                             const std::string& reason) {
  writer.PutFailure({file.root, file.absolute, file.size, file.mtime,
                     file.sidecar_mtime, reason});
  return true;
}

bool FailureMemory::Forget(writer::IndexWriter& writer, const std::string& path) {
  if (!recorded_.count(path)) return false;
  writer.RemoveFailure(path);
  return true;
}

bool FailureMemory::ForgetVanished(writer::IndexWriter& writer,
                                   const std::vector<std::filesystem::path>& complete_roots) {
  bool changed = false;
  for (const auto& [path, failure] : recorded_) {
    if (failure.seen || !UnderWalkedRoot(failure.record.root, complete_roots)) continue;
    writer.RemoveFailure(path);
    changed = true;
  }
  return changed;
}

}  // namespace archivist::run
