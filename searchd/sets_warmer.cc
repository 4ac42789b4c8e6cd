// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/sets_warmer.h"

#include <memory>
#include <utility>

#include "engine/search.h"
#include "searchd/index_files.h"
#include "searchd/page_cache.h"

namespace archivist::searchd {

SetsWarmer::SetsWarmer(std::string index_path, std::shared_ptr<SearchCache> cache,
                       std::function<void()> after_first_build)
    : index_path_(std::move(index_path)),
      cache_(std::move(cache)),
      after_first_build_(std::move(after_first_build)) {
  // Said before the first build: until a build ends, readers still move to
  // the latest commit (nothing is built to stay at).
  cache_->SetsPreparedInBackground(true);
  thread_ = std::thread([this] { Run(); });
}

SetsWarmer::~SetsWarmer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  // Nobody builds the next commit's sets now: readers must not wait for it.
  cache_->SetsPreparedInBackground(false);
}

bool SetsWarmer::WaitForFirstLook(std::chrono::milliseconds limit) {
  std::unique_lock lock(mutex_);
  return first_look_.wait_for(lock, limit, [this] { return first_look_ended_; });
}

void SetsWarmer::Run() {
  // The index's commit stamp when the sets were last built: every commit
  // changes it. Kept only after a build that succeeded, so an index that
  // does not exist yet, or one damaged meanwhile, is tried again at the
  // next look. Two stat() calls a look: the full fingerprint
  // (ObserveIndexFiles) listed the folder and looked at every table, ten
  // times a second while searchd sat idle.
  std::string prepared;
  // The follow-up runs after the first build that succeeds: at the first
  // look, before searchd takes connections; or, for an index that appears
  // after the start, when its first commit is built.
  bool followed_up = false;
  // The identity of the index files last asked into memory (page_cache.h).
  std::string asked_files;
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    const std::string fingerprint = IndexCommitStamp(index_path_);
    if (fingerprint != prepared) {
      // Searches stay at the revision prepared until this build ends, or
      // until it has failed for SearchCache::kLongestStayBehind since the
      // commit was first seen (the first time is kept across tries).
      cache_->CommitSeen();
      // Files not read before (searchd's start, an index restored or
      // compacted under it) are asked into memory ahead of the build, which
      // reads the same tables; a commit writes through the page cache, and
      // its tables keep their identity.
      if (std::string files = index_identity_.Current(); !files.empty() && files != asked_files) {
        AskToReadNewIndex(index_path_);
        asked_files = std::move(files);
      }
      // Opened for the build only: a reader kept between looks would hold
      // the files of an index replaced meanwhile open until the next one.
      if (Result<std::unique_ptr<Searcher>> searcher = Searcher::Open(index_path_, cache_);
          searcher.ok() && searcher.value()->PrepareLatest().ok()) {
        prepared = fingerprint;
        cache_->CommitPrepared();
        if (!followed_up && after_first_build_) after_first_build_();
        followed_up = true;
      }
    }
    lock.lock();
    if (!first_look_ended_) {
      first_look_ended_ = true;
      first_look_.notify_all();
    }
    wake_.wait_for(lock, kPollInterval, [this] { return stopping_; });
  }
}

}  // namespace archivist::searchd
