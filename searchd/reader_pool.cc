// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/reader_pool.h"

namespace archivist::searchd {

ReaderPool::ReaderPool(std::string path, std::shared_ptr<SearchCache> cache)
    : path_(std::move(path)), cache_(std::move(cache)), identity_(path_) {}

ReaderPool::Lease::~Lease() {
  if (reader_) pool_->GiveBack(std::move(reader_));
}

Result<Searcher*> ReaderPool::Lease::Get() { return reader_->Get(identity_); }

ReaderPool::Lease ReaderPool::Borrow() {
  // Looked at once a request, outside the lock: one stat() mostly.
  std::string identity = identity_.Current();
  // Closed after the lock is released.
  std::vector<std::unique_ptr<IndexReader>> replaced;
  std::unique_ptr<IndexReader> reader;
  {
    std::lock_guard lock(mutex_);
    for (std::unique_ptr<IndexReader>& idle : idle_) {
      if (!idle->IsOpenOn(identity)) replaced.push_back(std::move(idle));
    }
    std::erase(idle_, nullptr);
    if (!idle_.empty()) {
      reader = std::move(idle_.back());
      idle_.pop_back();
    } else {
      ++made_;
    }
  }
  // A new reader opens its Searcher on first Get(), outside the lock too.
  if (!reader) reader = std::make_unique<IndexReader>(path_, cache_);
  return Lease(this, std::move(reader), std::move(identity));
}

std::size_t ReaderPool::Made() const {
  std::lock_guard lock(mutex_);
  return made_;
}

void ReaderPool::GiveBack(std::unique_ptr<IndexReader> reader) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(reader));
}

}  // namespace archivist::searchd
