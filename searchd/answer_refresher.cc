// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/answer_refresher.h"

#include "core/log.h"

namespace archivist::searchd {

AnswerRefresher::AnswerRefresher(std::string index_path, std::shared_ptr<SearchCache> cache,
                                 std::size_t max_queued, int threads)
    : index_path_(std::move(index_path)), cache_(std::move(cache)), max_queued_(max_queued) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Run(); });
}

AnswerRefresher::~AnswerRefresher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& thread : threads_) thread.join();
}

void AnswerRefresher::Refresh(const SearchRequest& request) {
  std::string key = AnswerKey(request);
  {
    std::lock_guard lock(mutex_);
    ++counts_.served;
    if (queue_.size() >= max_queued_ || !queued_keys_.insert(key).second) return;
    queue_.emplace_back(std::move(key), request);
  }
  wake_.notify_one();
}

StaleAnswerCounts AnswerRefresher::counts() const {
  std::lock_guard lock(mutex_);
  return counts_;
}

void AnswerRefresher::Run() {
  IndexReader reader(index_path_, cache_);
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    auto [key, request] = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    const bool refreshed = RefreshOne(reader, request);
    lock.lock();
    queued_keys_.erase(key);
    ++(refreshed ? counts_.refreshed : counts_.failed);
  }
}

bool AnswerRefresher::RefreshOne(IndexReader& reader, const SearchRequest& request) const {
  // Opened on first use, as the request threads do: searchd may start
  // before the index exists.
  Result<Searcher*> searcher = reader.Get();
  if (!searcher.ok()) {
    LogWarning("searchd", "cannot refresh a cached answer", {{"error", searcher.error().message}});
    return false;
  }
  // The answer is stored in the shared cache; the page itself is not needed here.
  Result<SearchPage> page = searcher.value()->SearchLatest(request);
  if (!page.ok()) {
    LogWarning("searchd", "cannot refresh a cached answer", {{"error", page.error().message}});
    return false;
  }
  return true;
}

}  // namespace archivist::searchd
