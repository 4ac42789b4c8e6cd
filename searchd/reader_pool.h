// SPDX-License-Identifier: GPL-2.0-or-later
// The readers of one index that searchd's worker threads share. A request
// borrows one (a Xapian::Database is not thread-safe) and gives it back
// once answered. Readers used to be one per worker thread, each opened on
// its thread's first request: a lone client's searches went round the
// threads and met a newly opened reader, its Xapian blocks not yet read,
// for each of the first --threads of them (twice or more the time of a
// search on a used reader), and a quiet server kept a reader per thread.
// The pool lends the reader given back last, so a quiet server answers from
// one warm reader, and opens another only when every reader is lent: at
// most as many as requests answered at once. Idle readers whose files were
// replaced are closed at the next borrowing, so that none holds deleted
// files open for long.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/error.h"
#include "engine/search.h"
#include "searchd/index_files.h"

namespace archivist::searchd {

class ReaderPool {
 public:
  ReaderPool(std::string path, std::shared_ptr<SearchCache> cache);

  // A reader lent to one request: its Searcher, opened on first use (or
  // again when the index's files were replaced), is the borrower's until
  // the lease ends.
  class Lease {
   public:
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();
    Result<Searcher*> Get();

   private:
    friend class ReaderPool;
    Lease(ReaderPool* pool, std::unique_ptr<IndexReader> reader, std::string identity)
        : pool_(pool), reader_(std::move(reader)), identity_(std::move(identity)) {}
    ReaderPool* pool_;
    std::unique_ptr<IndexReader> reader_;
    std::string identity_;  // of the index's files when borrowed
  };

  // The reader given back last, or a new one if none is idle. The pool
  // must outlive the lease.
  Lease Borrow();

  // How many readers the pool has made (lent or idle).
  std::size_t Made() const;

 private:
  void GiveBack(std::unique_ptr<IndexReader> reader);

  const std::string path_;
  const std::shared_ptr<SearchCache> cache_;
  IndexIdentity identity_;
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<IndexReader>> idle_;  // guarded by mutex_; the last given back last
  std::size_t made_ = 0;                            // guarded by mutex_
};

}  // namespace archivist::searchd
