// SPDX-License-Identifier: GPL-2.0-or-later
// The indexer's writer, the only part that makes or edits Xapian documents:
// it takes documents prepared from records and their text
// (prepared_document.h), adds their word pair terms, spreads them over
// shards, each written by its own thread, rewrites stored records, and
// commits.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/record.h"
#include "indexer/writer/failure_records.h"
#include "indexer/writer/index_reader.h"
#include "indexer/writer/prepared_document.h"

namespace archivist::writer {

// File inside a sharded index folder that makes Xapian open every shard as
// one database (a Xapian "stub database"); searchd opens the folder as is.
inline constexpr std::string_view kStubFileName = "XAPIANDB";

// Not thread-safe: one IndexWriter, used from one thread, per index. Inside,
// each shard has a thread of its own: changes (Put, UpdateRecord, Remove,
// PutFailure, RemoveFailure) are queued to it in order and return at once,
// so shards are written in parallel; reads wait for the changes before them
// and so see them. Every method throws archivist::Exception on an
// index-level failure (disk full, lock held by another writer, corrupt
// database), a queued change's failure from the next change, read or
// Commit(): the caller cannot go on with this index, but what was committed
// stays intact. Xapian's errors are caught on the shard's thread that raised
// them and carry the index's path and the system's cause ("cannot write the
// index at PATH: no space left on device (...)").
//
// Consistency across shards: Commit() commits every shard at the same point
// of the stream of changes and returns when all have. Each shard's commit is
// atomic, so after a crash every shard opens as of its last commit, whole
// documents only; a crash between two shards' commits can leave one shard a
// batch ahead of another. Since a document's shard depends only on its
// content, the visible effects are limited to files whose content changed in
// that batch: the file briefly listed by both its old and its new document,
// or by neither. The next run repairs both (a path claimed by two
// documents is re-checked and left only in the one holding its content; an
// unlisted path is indexed as new), and searches never see a half-written
// document.
// Where the writer's time went, in wall-clock time summed over its shards
// (IndexWriter::Times): for finding what a run waits on.
struct WriterTimes {
  std::chrono::nanoseconds busy{0};      // the shards' threads applying changes, of which:
  std::chrono::nanoseconds spelling{0};  // handing a batch's words to the spelling data
  std::chrono::nanoseconds commit{0};    // committing (Xapian writes the batch out)
  // The caller waiting for the shards: for room in a queue, or for the
  // changes before a read or a commit.
  std::chrono::nanoseconds caller_waited{0};
};

// What the linking pass has still to do (IndexWriter::PendingLinks).
struct PendingLinks {
  std::vector<std::string> written;  // documents written since the last pass
  std::vector<std::string> left;     // editions whose work lost a member
};

class IndexWriter : public IndexReader {
 public:
  // Opens the index at `path`, creating it if need be: a single Xapian
  // database when `shards` is 1, otherwise a folder of `shards` databases
  // and a stub file listing them. An existing index keeps its layout; asking
  // for another shard count is a kInvalidArgument Exception. Throws kCorrupt
  // for an index of another schema version, kUnavailable when it cannot be
  // opened or another writer holds it.
  static std::unique_ptr<IndexWriter> Open(const std::string& path, int shards = 1);
  ~IndexWriter() override = default;

  // The record of the document found at `absolute_path` (as its primary
  // location or as a copy), if any.
  virtual std::optional<DocumentRecord> FindByPath(const std::string& absolute_path) = 0;

  // The record of document `id`, if the index holds it.
  virtual std::optional<DocumentRecord> FindById(const std::string& id) = 0;

  // Adds or replaces document `document.record().id`. Takes the document:
  // it is written on the shard's thread. Adds its word pair terms first
  // (indexer/writer/pair_terms.h): the writer learns the index's frequent words as
  // it grows (at 1,000 documents, then each time the count doubles) and
  // keeps them in every shard's metadata.
  virtual void Put(PreparedDocument document) = 0;

  // Rewrites the stored record of an indexed document (its locations, say)
  // without touching its text terms: moving a file costs no extraction.
  virtual void UpdateRecord(const DocumentRecord& record) = 0;

  virtual void Remove(const std::string& id) = 0;

  // Failures are kept by absolute path in the first shard's metadata.
  // Recording (or replacing) one becomes durable with the next Commit().
  virtual void PutFailure(const FailureRecord& failure) = 0;
  // Forgets the failure recorded for `absolute_path`, if any.
  virtual void RemoveFailure(const std::string& absolute_path) = 0;
  virtual std::vector<FailureRecord> AllFailures() = 0;

  // The analysis version (schema::kAnalysisVersion) the index's documents
  // were made with; setting it becomes durable with the next Commit().
  virtual int AnalysisVersion() = 0;
  virtual void SetAnalysisVersion(int version) = 0;

  // Every document's id and file locations with their stamps, read from one
  // value slot: cheap enough to do at the start of every run.
  virtual std::vector<PackedLocations> AllLocations() = 0;

  // Makes all changes so far durable and visible to readers; the shards
  // commit in parallel, each atomically (see above for what a crash between
  // them means). The spelling data is brought up to date with it.
  virtual void Commit() = 0;

  // Queues a commit of all changes so far, like Commit(), and returns at
  // once: the shards commit on their threads while the caller goes on
  // queueing changes (applied after the commit), so analysis need not wait
  // for the disk. Its failure is thrown by the next read or Commit(). The
  // batch's words reach the spelling data with a later commit (every few,
  // and Commit(); spelling_batch.h's PendingSpellings), durable meanwhile.
  virtual void StartCommit() = 0;

  std::size_t DocumentCount() override = 0;

  // Marks that document `id`, written by this run, is to be linked: the
  // mark goes with the document into its shard's next commit.
  virtual void MarkLinksPending(const std::string& id) = 0;
  // Marks that edition `edition_id` lost a member (`leaving_id`, removed
  // or made again), in the leaving document's shard, committed with its
  // removal.
  virtual void MarkEditionLeft(const std::string& edition_id, const std::string& leaving_id) = 0;
  // The marks committed or queued so far, over every shard, each id once.
  virtual PendingLinks ReadPendingLinks() = 0;
  // Clears every mark; durable with the next Commit(), which is to hold
  // the links they called for.
  virtual void ClearPendingLinks() = 0;
  // A reader of the last commit for another thread (index_reader.h): the
  // changes queued since are not in it.
  virtual std::unique_ptr<IndexReader> ReaderOfLastCommit() = 0;

  // What the writer's threads have spent so far; thread-safe against them.
  virtual WriterTimes Times() = 0;

  // Rewrites every shard with full B-tree blocks (xapian-compact, document
  // ids kept) and puts the compact copy in its place; the writer's last
  // call, after which it may only be destroyed. A run that wrote much of its
  // index leaves its tables half empty: blocks split as postings of every
  // term are appended batch after batch, and each commit frees the blocks
  // it copied (the bench corpus: 525 MiB, 227 MiB compacted). Each shard's
  // folder is exchanged with its copy in one rename (RENAME_EXCHANGE), so a
  // reader opening the index sees the one or the other, both whole, and
  // the writer's lock is held meanwhile. A failure (no room for the copy)
  // leaves the index as it was and is returned, not thrown: the run's work
  // is committed either way.
  virtual std::optional<Error> CompactAndClose() = 0;

  // Reads for the linking of works (indexer/works/): ValueOf,
  // TermFrequencies, DocumentsWithTerms and IdsOf (index_reader.h) see the
  // changes queued so far. The many-term reads make one wait per shard
  // instead of one per term and shard (a document has hundreds of
  // features; each wait for the writer's thread cost a linking pass
  // minutes on a busy machine).

  // Every term starting with `prefix` that some document holds, over every
  // shard, sorted and each once.
  virtual std::vector<std::string> TermsWithPrefix(const std::string& prefix) = 0;
};

}  // namespace archivist::writer
