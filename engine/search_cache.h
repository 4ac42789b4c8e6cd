// SPDX-License-Identifier: GPL-2.0-or-later
// What searchd's worker threads share about one index: the facet value sets
// of its newest revision whose sets are built, and a bounded LRU of recent
// search answers, each
// marked with the revision it was computed at. A commit by the indexer
// makes every answer stale: by default a stale answer is never served
// again; with an allowance, it may still be served for that long after the
// commit while a fresh one is computed in the background, so that a busy
// server does not make every client wait on the same recomputations at
// once after each commit (HTTP caches call this stale-while-revalidate).
//
// When a thread builds each commit's sets in the background (searchd's
// SetsWarmer), readers stay at the newest revision whose sets are built
// until the next one's are (ShouldReopen), so that no search after a
// commit builds or waits for them.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <future>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "engine/doc_set.h"

namespace archivist {

struct SearchPage;
class CandidateMatchCache;  // engine/candidate_matches.h

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
  using Clock = std::chrono::steady_clock;

  // Keeps at most `max_answers` answers; 0 disables the answer cache (the
  // facet value sets are still shared). An answer of an earlier revision
  // may be served for up to `stale_for` after a newer revision of the
  // index was first seen; zero: never.
  explicit SearchCache(std::size_t max_answers,
                       std::chrono::milliseconds stale_for = std::chrono::milliseconds(0));
  ~SearchCache();

  // The facet value sets of `state`, built from `db` (which must be open at
  // that state) by the first thread that asks; threads asking meanwhile
  // wait for that build. The newest state's sets are kept until a newer
  // state's are built, for the readers still at it; a reader at an older
  // state than both builds sets of its own, which are not kept. Throws what
  // RevisionSets::Build throws (to the builder and to those waiting).
  std::shared_ptr<const RevisionSets> Sets(const Xapian::Database& db, const IndexState& state);

  // Whether the facet value sets of `state` are built (not being built).
  bool HasSets(const IndexState& state);

  // How many times facet value sets were built, by any thread: what a
  // search that should not build them is checked against.
  std::size_t sets_builds() const { return sets_builds_.load(); }

  // How long readers may stay at the revision whose sets are built after a
  // newer commit was seen whose sets are not (a build failing, an index
  // that cannot be opened): then they move to the latest again, building
  // or waiting for its sets as they did before the sets were prepared in
  // the background.
  static constexpr std::chrono::milliseconds kLongestStayBehind{1000};

  // Said by the thread that builds each commit's sets in the background
  // (searchd's SetsWarmer): `on` while it runs. Off by default (the CLI,
  // tests, benches, shards): every search reads the latest commit.
  void SetsPreparedInBackground(bool on);
  // Said by that thread: it has seen a commit whose sets it has not built
  // yet (CommitSeen; repeating it keeps the first time), or it has built
  // the latest commit's sets (CommitPrepared).
  void CommitSeen();
  void CommitPrepared();
  // Whether a reader at `reading` should move to the latest commit before a
  // search. Always, unless the sets are prepared in the background and
  // stale answers are allowed (`stale_for`, which a reader staying behind
  // serves too); then only once a newer state's sets are built, or a
  // commit seen has waited for its sets longer than kLongestStayBehind or
  // the allowance, whichever is shorter. Until then the reader
  // keeps reading `reading` (Xapian keeps it readable until two more
  // commits; after that the read meets DatabaseModifiedError and moves to
  // the latest, see engine/guarded.h).
  bool ShouldReopen(const IndexState& reading);

  // A stored answer to the request `key` computed at `state`, if any.
  std::shared_ptr<const SearchPage> FindAnswer(const IndexState& state, const std::string& key);

  struct Answer {
    std::shared_ptr<const SearchPage> page;
    bool stale = false;  // computed at an earlier revision than the one asked for
  };
  // The answer to `key` at `state`: stored (or, when `accept_stale`, an
  // earlier revision's answer still within the allowance), or being
  // computed by another thread (then waited for: after a commit, busy
  // threads often ask the same request at once), or computed here by
  // `compute` and stored. Throws what `compute` throws, to every thread
  // waiting for it. With the answer cache disabled, simply computes.
  using ComputeAnswer = std::function<std::shared_ptr<const SearchPage>()>;
  Answer FindOrCompute(const IndexState& state, const std::string& key,
                       const ComputeAnswer& compute, bool accept_stale = true);
  // Stores `page` as the answer to `key` computed at `state`, in place of
  // an earlier revision's.
  void StoreAnswer(const IndexState& state, const std::string& key,
                   std::shared_ptr<const SearchPage> page);

  std::size_t max_answers() const { return max_answers_; }

  // The matches of query stems the searches of the latest revision found
  // (engine/candidate_matches.h), which the next search of the same words
  // takes rather than finding them again; kept whether or not answers are.
  CandidateMatchCache& candidate_matches() { return *candidate_matches_; }

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const SearchPage> page;
    Xapian::rev revision;  // of state_'s index
  };
  // Moves the answers to a newer revision (keeping them, now stale) or to
  // another index (forgetting them); ignores a reader behind the times.
  void MoveTo(const IndexState& state);  // requires mutex_
  // The stored entry for `key`, marked most recent; or null.
  const Entry* Stored(const std::string& key);  // requires mutex_
  // Stores `page` for `key` at state_'s revision, in place of an earlier
  // revision's answer.
  void Insert(const std::string& key, std::shared_ptr<const SearchPage> page);  // requires mutex_
  // Whether an answer computed at `revision` (< state_'s) may still be served.
  bool WithinStaleAllowance(Xapian::rev revision) const;  // requires mutex_

  const std::size_t max_answers_;
  const std::chrono::milliseconds stale_for_;
  std::mutex mutex_;
  std::optional<IndexState> state_;                // guarded by mutex_
  // When each recent revision of state_'s index was first seen, the
  // latest last; an answer's revision is superseded when the next one
  // was seen. Guarded by mutex_.
  std::map<Xapian::rev, Clock::time_point> first_seen_;
  // The newest sets built and their state, which may be older than state_
  // (a reader that moved to the latest commit before its sets were built)
  // or newer (the answers move when a reader of the new state asks).
  // Guarded by mutex_.
  std::optional<IndexState> sets_state_;
  std::shared_ptr<const RevisionSets> sets_;
  template <typename T>
  using Pending = std::shared_ptr<std::shared_future<T>>;  // a computation under way
  // The sets being built, and their state; guarded by mutex_.
  std::optional<IndexState> building_;
  Pending<std::shared_ptr<const RevisionSets>> pending_sets_;
  std::atomic<std::size_t> sets_builds_{0};
  bool prepared_in_background_ = false;               // guarded by mutex_
  std::optional<Clock::time_point> commit_seen_at_;  // guarded by mutex_; not prepared yet
  std::list<Entry> answers_;                       // guarded by mutex_; most recent first
  std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;  // guarded by mutex_
  // Answers of state_ being computed, by key; guarded by mutex_.
  std::unordered_map<std::string, Pending<std::shared_ptr<const SearchPage>>> pending_answers_;
  const std::unique_ptr<CandidateMatchCache> candidate_matches_;  // thread-safe itself
};

}  // namespace archivist
