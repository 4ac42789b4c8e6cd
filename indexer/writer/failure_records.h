// SPDX-License-Identifier: GPL-2.0-or-later
// The failed files an index remembers: one metadata entry per file, keyed
// by a hash of its path, holding its stamps and the reason, so a failure
// can be listed later and the file retried only once it changes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace Xapian {
class Database;
}

namespace archivist::writer {

// A file that failed to index, kept in the index so the failure can be
// listed later and the file retried only once it changes.
struct FailureRecord {
  std::string root;  // absolute archive root
  std::string path;  // absolute
  std::uint64_t size = 0;
  std::int64_t mtime = 0;
  std::int64_t sidecar_mtime = 0;  // a fixed sidecar is a change worth a retry
  std::string reason;

  bool operator==(const FailureRecord&) const = default;
};

// The metadata key of the failure recorded for `absolute_path` (keys, like
// terms, have a length limit that paths do not).
std::string FailureKey(const std::string& absolute_path);

// A failure as its metadata entry holds it, and back; an entry that cannot
// be read (another version's) is nullopt, ignored and rewritten on failure.
std::string FailureToJson(const FailureRecord& failure);
std::optional<FailureRecord> FailureFromJson(const std::string& data);

// Every failure `db`'s metadata holds (over a sharded folder, Xapian reads
// metadata from the first shard, where the writer keeps them), by path.
std::vector<FailureRecord> FailuresIn(const Xapian::Database& db);

// The failures recorded in the index at `path` (a database or a sharded
// folder), by path. Opens the index read-only, so it works while an indexer
// runs. kNotFound when there is no index there, kCorrupt when it cannot be
// read.
Result<std::vector<FailureRecord>> ReadFailures(const std::string& path);

}  // namespace archivist::writer
