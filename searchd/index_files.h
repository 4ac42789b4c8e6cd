// SPDX-License-Identifier: GPL-2.0-or-later
// What searchd sees of an index on disk, without Xapian: which files make it
// up, and whether they changed. Xapian's reopen() goes by the revision only:
// an index replaced by a copy of the same revision, or damaged and restored,
// looks unchanged to it, and the old (deleted) files stay open.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/error.h"
#include "engine/search.h"

namespace archivist::searchd {

struct IndexFiles {
  // Which files make up the index: for a database directory, the names,
  // devices and inodes of its tables (*.glass; the version file is
  // replaced by every commit, the tables are written in place); for a stub
  // file, the stub's own. Empty when there is nothing to read.
  std::string identity;
  // The identity and every file's size and modification time: changes with
  // any write, truncation or restore.
  std::string fingerprint;
};

// Looks at the files of the index at `path` (a few stat() calls).
IndexFiles ObserveIndexFiles(const std::string& path);

// What changes with every commit to the index at `path`, from two stat()
// calls: the folder's identity and its version file's (glass writes a new
// "iamglass" and renames it into place at each commit), or a stub file's
// own. Cheaper than ObserveIndexFiles, which lists the folder and looks
// at every table: for a watcher that asks several times a second. Tables
// restored in place without a commit leave it as it was. Empty when there
// is no index at `path`.
std::string IndexCommitStamp(const std::string& path);

// The identity of the index's files (IndexFiles::identity), looked at
// again only when the index's folder may have changed. Listing the folder
// and looking at each table cost about 140,000 instructions a request (3 %
// of a one-word search). A table can only get another inode by an entry of
// the folder changing, which moves the folder's modification time, and a
// folder put in place of another has another inode; one stat() of the
// folder tells both. A change within the file system's clock tick of the
// last full look would leave the time as it was, so a folder changed less
// than kSettled before that look is looked at in full every time.
// Thread-safe.
class IndexIdentity {
 public:
  static constexpr std::chrono::seconds kSettled{1};
  explicit IndexIdentity(std::string path) : path_(std::move(path)) {}
  std::string Current();
  // How many times the folder was listed (tests).
  std::size_t FullLooks() const;

 private:
  const std::string path_;
  mutable std::mutex mutex_;
  // Guarded by mutex_: the folder's stat() as of the last full look that
  // may be trusted, and what that look found.
  std::optional<std::string> settled_folder_;
  std::string identity_;
  std::size_t full_looks_ = 0;
};

// One Searcher over an index, opened again from scratch when the index's
// files are not the ones it opened (replaced by a copy, moved back into
// place), since Xapian would go on reading the old ones. Opened on first
// use; a failed open is tried again on the next Get(), so searchd may start
// before the index exists. Thread safety: none; one user at a time
// (searchd/reader_pool.h lends them).
class IndexReader {
 public:
  IndexReader(std::string path, std::shared_ptr<SearchCache> cache);
  // The Searcher over the index's files as they are now.
  Result<Searcher*> Get() { return Get(ObserveIndexFiles(path_).identity); }
  // The same, `identity` being what ObserveIndexFiles() has just seen.
  Result<Searcher*> Get(const std::string& identity);
  // Whether the Searcher is open on the files `identity` names.
  bool IsOpenOn(const std::string& identity) const {
    return searcher_ != nullptr && identity == identity_;
  }

 private:
  const std::string path_;
  const std::shared_ptr<SearchCache> cache_;
  std::unique_ptr<Searcher> searcher_;
  std::string identity_;  // of the files searcher_ opened
};

// Whether a read of the index failed (503) since its files last changed:
// what /healthz reports, since counting documents reads too little of the
// index to notice a damaged table. Thread safety: all members from any thread.
class IndexHealth {
 public:
  void ReadFailed(const IndexFiles& files);
  // The failure is forgotten once the files change (restored, replaced,
  // written by the indexer): the next failing read records it again.
  bool FailedSince(const IndexFiles& files) const;

 private:
  mutable std::mutex mutex_;
  std::optional<std::string> failed_at_;  // the fingerprint then
};

}  // namespace archivist::searchd
