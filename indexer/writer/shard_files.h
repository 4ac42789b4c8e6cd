// SPDX-License-Identifier: GPL-2.0-or-later
// Where the writer's shards live on disk and how each is opened: a shard's
// folder name, how many shards an existing index has, where a compaction
// writes its copy, and the opening itself (a creation a killed run left
// unfinished cleared, the schema version checked or written). The writer's
// internals.
#pragma once

#include <filesystem>
#include <string>

#include <xapian.h>

namespace archivist::writer {

// The folder of shard `k` inside a sharded index's folder.
std::string ShardName(int k);

// Shard count of an existing index at `path`: 1 for a single database, the
// stub's line count for a sharded folder, 0 when there is no index yet.
int ExistingShards(const std::filesystem::path& path);

// Where a compaction writes shard `path`'s compact copy; a run killed
// while compacting leaves it behind (before the exchange, a partial copy;
// after it, the old tables), and the next writer of the shard removes it.
std::string CompactionCopyOf(const std::string& path);

// The shard at `path`, created if absent, with its schema version checked
// (archivist::Exception kCorrupt when another version wrote it).
Xapian::WritableDatabase OpenShard(const std::string& path);

}  // namespace archivist::writer
