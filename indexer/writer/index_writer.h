// SPDX-License-Identifier: GPL-2.0-or-later
// The indexer's single writer: turns records and their text into Xapian
// documents through core/schema.h, and commits in batches.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/record.h"

namespace archivist::writer {

// A file that failed to index, kept in the index so the failure can be
// listed later and the file retried only once it changes.
struct FailureRecord {
  std::string id;    // the document id the file would have
  std::string root;  // absolute archive root
  std::string path;  // absolute
  std::uint64_t size = 0;
  std::int64_t mtime = 0;
  std::int64_t sidecar_mtime = 0;  // a fixed sidecar is a change worth a retry
  std::string reason;

  bool operator==(const FailureRecord&) const = default;
};

// The failures recorded in the index at `path`, by path. Opens the index
// read-only, so it works while an indexer runs. kNotFound when there is no
// index there, kCorrupt when it cannot be read.
Result<std::vector<FailureRecord>> ReadFailures(const std::string& path);

// Not thread-safe: one IndexWriter, used from one thread, per index.
// Every method throws archivist::Exception on an index-level failure (disk
// full, lock held by another writer, corrupt database): the caller cannot
// go on with this index, but what was committed stays intact.
class IndexWriter {
 public:
  // Opens the index at `path`, creating it if need be. Throws kCorrupt for
  // an index of another schema version, kUnavailable when it cannot be opened
  // or is locked by another writer.
  static std::unique_ptr<IndexWriter> Open(const std::string& path);
  virtual ~IndexWriter() = default;

  // The stored record of document `id`, if the index holds it.
  virtual std::optional<DocumentRecord> Find(const std::string& id) = 0;

  // Adds or replaces the document of `record.id`. `pages` is its text.
  virtual void Put(const DocumentRecord& record, const std::vector<std::string>& pages) = 0;

  virtual void Remove(const std::string& id) = 0;

  // The failure recorded for document id `id`, if any.
  virtual std::optional<FailureRecord> FindFailure(const std::string& id) = 0;
  // Records (or replaces) a failure; it becomes durable with the next Commit().
  virtual void PutFailure(const FailureRecord& failure) = 0;
  // Forgets the failure of `id`, if one is recorded.
  virtual void RemoveFailure(const std::string& id) = 0;
  virtual std::vector<FailureRecord> AllFailures() = 0;

  // Every stored record, for the sweep that removes deleted files.
  virtual std::vector<DocumentRecord> AllRecords() = 0;

  // Makes all changes so far durable and visible to readers, atomically.
  virtual void Commit() = 0;

  virtual std::size_t DocumentCount() = 0;
};

}  // namespace archivist::writer
