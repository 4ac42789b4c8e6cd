// SPDX-License-Identifier: GPL-2.0-or-later
// When a run commits. Xapian buffers postings in memory until a commit, so
// a run commits after a number of changed documents or an amount of their
// text, whichever comes first: an interrupted run keeps most of its work and
// a run of long reports stays bounded in memory. A run that changed nothing
// does not commit at all: a commit syncs every table to disk (most of a
// no-change re-run's wall time on a busy disk), and the index's last-commit
// time (searchd's index age, its feeds' "updated") stays the time the
// content last changed.
#pragma once

#include <cstddef>

namespace archivist::run {

// Counts a run's changes and says when to commit. Not thread-safe: the
// thread that writes owns it.
class CommitPolicy {
 public:
  // A batch ends at `every_changes` counted changes or `every_bytes` of
  // their text, whichever comes first (0: every change ends one).
  CommitPolicy(std::size_t every_changes, std::size_t every_bytes);

  // Counts one document change holding `text_bytes` of text (0 for a change
  // to a record only). True when the batch is full: the caller commits now,
  // and the next batch starts empty.
  [[nodiscard]] bool CountChange(std::size_t text_bytes = 0);

  // A change that belongs in the index but fills no batch (a recorded
  // failure, the analysis version): committed with the next batch, or at
  // the end of the run.
  void CountMinorChange() { uncommitted_ = true; }

  // Whether anything changed since the last commit the policy asked for:
  // the run's final commit is needed only then.
  bool uncommitted() const { return uncommitted_; }

 private:
  std::size_t every_changes_;
  std::size_t every_bytes_;
  std::size_t pending_changes_ = 0;
  std::size_t pending_bytes_ = 0;
  bool uncommitted_ = false;
};

}  // namespace archivist::run
