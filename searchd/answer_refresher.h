// SPDX-License-Identifier: GPL-2.0-or-later
// Brings stale cached answers up to date off the request path. After the
// indexer commits, the search cache may serve an answer computed before the
// commit for a short while (its stale allowance); each request so answered
// is handed here, and background threads search it again at the latest
// commit, which stores the fresh answer for everyone. Without this, every
// thread asking a cached request after a commit waited for its
// recomputation at once, on the cores the indexer was using too.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_set>
#include <utility>
#include <vector>

#include "engine/search.h"
#include "engine/search_cache.h"
#include "searchd/index_files.h"
#include "searchd/metrics.h"

namespace archivist::searchd {

class AnswerRefresher {
 public:
  // Searches `index_path` on `threads` threads, each with its own reader,
  // sharing `cache` with the request threads; keeps at most `max_queued`
  // requests waiting.
  AnswerRefresher(std::string index_path, std::shared_ptr<SearchCache> cache,
                  std::size_t max_queued, int threads);
  // Stops the thread; what is still queued is dropped.
  ~AnswerRefresher();
  AnswerRefresher(const AnswerRefresher&) = delete;
  AnswerRefresher& operator=(const AnswerRefresher&) = delete;

  // Counts a stale answer served for `request` and queues the request to
  // be searched again at the latest commit, unless it is queued already or
  // the queue is full (then a later stale answer queues it again, or the
  // allowance runs out and a request thread computes it).
  void Refresh(const SearchRequest& request);

  StaleAnswerCounts counts() const;

 private:
  void Run();
  // Searches `request` again at the latest commit with `reader`'s searcher,
  // which stores the answer; logs a failure.
  bool RefreshOne(IndexReader& reader, const SearchRequest& request) const;

  const std::string index_path_;
  const std::shared_ptr<SearchCache> cache_;
  const std::size_t max_queued_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::pair<std::string, SearchRequest>> queue_;  // guarded by mutex_; (key, request)
  std::unordered_set<std::string> queued_keys_;              // guarded by mutex_
  StaleAnswerCounts counts_;                                 // guarded by mutex_
  bool stopping_ = false;                                    // guarded by mutex_
  std::vector<std::thread> threads_;  // last: start once the members above exist
};

}  // namespace archivist::searchd
