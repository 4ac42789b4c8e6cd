// SPDX-License-Identifier: GPL-2.0-or-later
// Builds the facet value sets of each new commit in the background. The
// sets of a revision (engine/doc_set.h) are built once and shared by every
// search at it; built on first use, they made the first search after a
// start or a commit pay for them (57 ms on the 31-document demo index,
// twice a warm search on the bench corpus). A thread watches the index's
// files and, when they change, opens the latest commit and builds its sets
// before a search needs them. While it runs, searches keep reading the
// revision whose sets are built until the new one's are
// (SearchCache::ShouldReopen), so the first search after a commit neither
// builds nor waits for them: a commit becomes visible to searches once its
// sets are built, a poll interval and a build after it (at most
// SearchCache::kLongestStayBehind when the build fails). At start, searchd
// waits for the first build before it takes connections (see
// WaitForFirstLook), so the first search after a start does not wait.
// Before building from files it has not read before (at the start, or an
// index restored or compacted under searchd), the thread asks the kernel
// to read them into memory (searchd/page_cache.h).
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "engine/search_cache.h"
#include "searchd/index_files.h"

namespace archivist::searchd {

class SetsWarmer {
 public:
  // How often the index's files are looked at (a few stat() calls).
  static constexpr std::chrono::milliseconds kPollInterval{100};

  // Starts the thread; it builds the current commit's sets at once. Tells
  // `cache` that its sets are prepared in the background until destroyed.
  // `after_first_build`, if any, runs on the thread once, after the first
  // build that succeeds (searchd's own first search,
  // searchd/own_first_search.h): when that build is the first look's, the
  // first look ends after it; an index that appears after the start gets
  // it once its first commit is built, while searchd already answers.
  SetsWarmer(std::string index_path, std::shared_ptr<SearchCache> cache,
             std::function<void()> after_first_build = {});
  // Stops the thread, waiting for a build under way.
  ~SetsWarmer();
  // Waits until the thread's first look at the index has ended (the sets
  // built, or no index to build them from), or `limit` has passed: a
  // server not yet taking connections can afford to wait for the build
  // that its first search would otherwise wait for. True if it ended.
  bool WaitForFirstLook(std::chrono::milliseconds limit);
  SetsWarmer(const SetsWarmer&) = delete;
  SetsWarmer& operator=(const SetsWarmer&) = delete;

 private:
  void Run();

  const std::string index_path_;
  // Which files the index is made of, the folder listed only when it
  // changed: the warmer looks at each commit, which leaves the tables as
  // they were.
  IndexIdentity index_identity_{index_path_};
  const std::shared_ptr<SearchCache> cache_;
  const std::function<void()> after_first_build_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;          // guarded by mutex_
  bool first_look_ended_ = false;  // guarded by mutex_
  std::condition_variable first_look_;
  std::thread thread_;
};

}  // namespace archivist::searchd
