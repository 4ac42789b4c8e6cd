// SPDX-License-Identifier: GPL-2.0-or-later
// Waiting for archive roots to change (inotify), for `archivist-index --watch`.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <vector>

namespace archivist::watch {

enum class WaitResult { kChanged, kStopped };

// Watches every folder below the given roots, including folders created
// later. Not thread-safe.
class TreeWatcher {
 public:
  // Throws archivist::Exception (kUnavailable) when inotify cannot be set up.
  explicit TreeWatcher(const std::vector<std::filesystem::path>& roots);
  ~TreeWatcher();
  TreeWatcher(const TreeWatcher&) = delete;
  TreeWatcher& operator=(const TreeWatcher&) = delete;

  // Blocks until something changed below a root and then `quiet` passed
  // without further change (a copy of many files is one change, not many),
  // or until SIGTERM/SIGINT arrives (which the caller must have blocked, see
  // BlockStopSignals()).
  WaitResult WaitForChange(std::chrono::milliseconds quiet);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Blocks SIGTERM and SIGINT in the calling thread so that TreeWatcher can
// take them as an orderly stop request.
void BlockStopSignals();

}  // namespace archivist::watch
