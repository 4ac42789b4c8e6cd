// SPDX-License-Identifier: GPL-2.0-or-later
// The content-to-locations bookkeeping of a run. A document is one content,
// listed at every path where those bytes are found: a moved or renamed
// file, or a copy, joins its document; a path whose content changed leaves
// its old document, and a document left with no path leaves the index.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/record.h"
#include "indexer/run/index_snapshot.h"
#include "indexer/writer/index_writer.h"
#include "indexer/writer/prepared_document.h"

namespace archivist::run {

// What the index holds now: the start-of-run snapshot plus this run's
// changes, kept apart. Deciding a new file or new content from memory means
// the writer's threads are not waited for; the index is read only when a
// document is really there.
//
// Every change goes to the writer, then to `wrote` with the text it holds
// (for the commit policy). Not thread-safe: the thread that writes owns it.
class LocationBook {
 public:
  using Wrote = std::function<void(std::size_t text_bytes)>;

  // `snapshot` and `writer` outlive the book.
  LocationBook(const IndexSnapshot& snapshot, writer::IndexWriter& writer, Wrote wrote);

  // The document listing `path` now, if any.
  std::optional<DocumentRecord> FindByPath(const std::string& path);
  // Document `id` if the index holds it now.
  std::optional<DocumentRecord> FindById(const std::string& id);

  // A path that documents other than `id` (the one holding its content)
  // also list, after a crash between two shards' commits, leaves them.
  void ReleaseFromOtherOwners(const std::string& path, const std::string& id);

  // Refreshes the stamps of `here` (matched by absolute path) in `record`.
  void UpdateLocation(DocumentRecord record, const FileLocation& here);

  // Lists `here` in `existing` too: a moved, renamed or duplicate file.
  void Join(const DocumentRecord& existing, const FileLocation& here);

  // Removes `path` from the document (its content changed); a document left
  // with no location leaves the index, its successor comes in anew.
  void DropLocation(DocumentRecord record, const std::string& path);

  // Adds or replaces a document, listed where its record says.
  void Put(writer::PreparedDocument document);

  // Locations the crawl did not find (snapshot files not marked seen) under
  // roots it walked to the end leave their documents; an unreadable or
  // unmounted root keeps its documents. Returns how many documents left the
  // index because no location was left.
  std::size_t Sweep(const std::vector<std::filesystem::path>& complete_roots);

 private:
  std::optional<std::string> OwnerOf(const std::string& path) const;
  bool Holds(const std::string& id) const;
  void Rewrite(const DocumentRecord& before, const DocumentRecord& after);
  void Remove(const DocumentRecord& record);
  // Marks in the index (IndexWriter::MarkEditionLeft) the other editions
  // (DocumentRecord::translations and versions) of `leaving`, a document
  // that leaves the index, replaced or removed, or is made again under the
  // same id (a changed sidecar, a newer analysis): their works lost a
  // member, and the linking pass of this run or the next
  // (indexer/works/linker.h) recomputes their links, as it does for every
  // document Put (MarkLinksPending).
  void KeepEditions(const DocumentRecord& leaving);

  const IndexSnapshot& snapshot_;
  writer::IndexWriter& writer_;
  Wrote wrote_;
  // This run's changes over the snapshot: path → id holding it ("" for
  // none), and id → whether the index holds it.
  std::unordered_map<std::string, std::string> owner_changes_;
  std::unordered_map<std::string, bool> id_changes_;
  // Paths of snapshot.other_owners not yet released.
  std::unordered_map<std::string, std::vector<std::string>> other_owners_;
};

// The location in `record` at absolute `path`, with its stamps, if listed.
std::optional<FileLocation> StampOf(const DocumentRecord& record, const std::string& path);

}  // namespace archivist::run
