// SPDX-License-Identifier: GPL-2.0-or-later
// The indexer's single writer: turns records and their text into Xapian
// documents through core/schema.h, and commits in batches.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/record.h"

namespace archivist::writer {

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

  // Every stored record, for the sweep that removes deleted files.
  virtual std::vector<DocumentRecord> AllRecords() = 0;

  // Makes all changes so far durable and visible to readers, atomically.
  virtual void Commit() = 0;

  virtual std::size_t DocumentCount() = 0;
};

}  // namespace archivist::writer
