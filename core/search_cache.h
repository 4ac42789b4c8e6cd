// SPDX-License-Identifier: GPL-2.0-or-later
// What searchd's worker threads share about one index: the facet value sets
// of its latest revision, and a bounded LRU of recent search answers.
// Both are keyed by the index's state (UUID and revision), so a commit by
// the indexer invalidates them: nothing is served from an older revision
// than the reader that asks has opened.
#pragma once

#include <cstddef>
#include <functional>
#include <future>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/doc_set.h"

namespace archivist {

struct SearchPage;

// One committed state of a single local database: a copy of the index made
// by xapian-compact or a rebuilt index has another UUID.
struct IndexState {
  std::string uuid;
  Xapian::rev revision = 0;
  bool operator==(const IndexState&) const = default;
};

// Thread-safe: one instance serves every thread reading the same index.
class SearchCache {
 public:
  // Keeps at most `max_answers` answers; 0 disables the answer cache (the
  // facet value sets are still shared).
  explicit SearchCache(std::size_t max_answers);

  // The facet value sets of `state`, built from `db` (which must be open at
  // that state) by the first thread that asks; threads asking meanwhile
  // wait for that build. Throws what RevisionSets::Build throws (to the
  // builder and to those waiting).
  std::shared_ptr<const RevisionSets> Sets(const Xapian::Database& db, const IndexState& state);

  // A stored answer to the request `key` at `state`, if any.
  std::shared_ptr<const SearchPage> FindAnswer(const IndexState& state, const std::string& key);

  // The answer to `key` at `state`: stored, or being computed by another
  // thread (then waited for: after a commit, busy threads often ask the
  // same request at once), or computed here by `compute` and stored.
  // Throws what `compute` throws, to every thread waiting for it. With
  // the answer cache disabled, simply computes.
  using ComputeAnswer = std::function<std::shared_ptr<const SearchPage>()>;
  std::shared_ptr<const SearchPage> FindOrCompute(const IndexState& state, const std::string& key,
                                                  const ComputeAnswer& compute);
  void StoreAnswer(const IndexState& state, const std::string& key,
                   std::shared_ptr<const SearchPage> page);

  std::size_t max_answers() const { return max_answers_; }

 private:
  // Forgets everything of older states once a reader sees a newer one.
  void MoveTo(const IndexState& state);  // requires mutex_
  // The stored answer to `key` at state_, marked most recent; or null.
  std::shared_ptr<const SearchPage> Stored(const std::string& key);  // requires mutex_

  const std::size_t max_answers_;
  std::mutex mutex_;
  std::optional<IndexState> state_;                // guarded by mutex_
  std::shared_ptr<const RevisionSets> sets_;       // guarded by mutex_; of state_
  using PendingSets = std::shared_future<std::shared_ptr<const RevisionSets>>;
  PendingSets pending_sets_;                       // guarded by mutex_; being built for state_
  using Entry = std::pair<std::string, std::shared_ptr<const SearchPage>>;
  std::list<Entry> answers_;                       // guarded by mutex_; most recent first
  std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;  // guarded by mutex_
  // Answers of state_ being computed, by key; guarded by mutex_.
  using PendingAnswer = std::shared_future<std::shared_ptr<const SearchPage>>;
  std::unordered_map<std::string, std::shared_ptr<PendingAnswer>> pending_answers_;
};

}  // namespace archivist
