// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/search_cache.h"

#include <algorithm>
#include <exception>
#include <future>

#include "engine/candidate_matches.h"
#include "engine/search.h"

namespace archivist {

namespace {

// Revisions whose first sighting is remembered; an answer older than all of
// them is past any allowance that matters (at one commit a second, over a
// minute).
constexpr std::size_t kRememberedRevisions = 64;

// One computation for the threads that ask for the same value at once:
// after a commit every busy thread asks for the new revision's sets, and
// often for the same answers, at the same moment. Called with `lock` held;
// `slot` is where a computation of the value is registered. If one is, this
// waits for its value (or exception) without the lock. Otherwise it
// registers one, runs `compute` without the lock and then, with the lock,
// `finish(mine, value)` (value null on failure), which must unregister it
// if it still is (a commit may have emptied the tables meanwhile). Returns
// with `lock` released.
template <typename T, typename Compute, typename Finish>
T ComputeOnce(std::unique_lock<std::mutex>& lock, std::shared_ptr<std::shared_future<T>>& slot,
              const Compute& compute, const Finish& finish) {
  if (slot) {
    // A copy, not a reference: once the lock is released, the computing
    // thread's `finish` may reset `slot` while this one still waits.
    const auto pending = slot;  // NOLINT(performance-unnecessary-copy-initialization)
    lock.unlock();
    return pending->get();
  }
  std::promise<T> promise;
  const auto mine = std::make_shared<std::shared_future<T>>(promise.get_future().share());
  slot = mine;
  lock.unlock();
  T value;
  try {
    value = compute();
  } catch (...) {
    promise.set_exception(std::current_exception());
    lock.lock();
    finish(mine, nullptr);
    lock.unlock();
    throw;
  }
  promise.set_value(value);
  lock.lock();
  finish(mine, &value);
  lock.unlock();
  return value;
}

// Whether `state` is newer than `than`: nothing, another index (a rebuilt
// or replaced one comes after), or a later revision of the same index.
bool NewerThan(const IndexState& state, const std::optional<IndexState>& than) {
  return !than || state.uuid != than->uuid || state.revision > than->revision;
}

}  // namespace

SearchCache::SearchCache(std::size_t max_answers, std::chrono::milliseconds stale_for)
    : max_answers_(max_answers),
      stale_for_(stale_for),
      candidate_matches_(std::make_unique<CandidateMatchCache>()) {}

SearchCache::~SearchCache() = default;

void SearchCache::MoveTo(const IndexState& state) {
  if (state_ && *state_ == state) return;
  const bool same_index = state_ && state_->uuid == state.uuid;
  // A thread still reading the previous revision must not bring its answers
  // back: only a newer revision (or another index) replaces the current one.
  if (same_index && state.revision < state_->revision) return;
  if (!same_index) {
    answers_.clear();
    by_key_.clear();
    first_seen_.clear();
  }
  state_ = state;
  first_seen_.emplace(state.revision, Clock::now());
  if (first_seen_.size() > kRememberedRevisions) first_seen_.erase(first_seen_.begin());
  pending_answers_.clear();
}

bool SearchCache::WithinStaleAllowance(Xapian::rev revision) const {
  if (stale_for_.count() == 0) return false;
  if (first_seen_.empty() || revision < first_seen_.begin()->first) return false;
  const auto superseding = first_seen_.upper_bound(revision);
  if (superseding == first_seen_.end()) return false;  // not older than state_
  return Clock::now() - superseding->second <= stale_for_;
}

std::shared_ptr<const RevisionSets> SearchCache::Sets(const Xapian::Database& db,
                                                      const IndexState& state) {
  const auto build = [&] {
    ++sets_builds_;
    return RevisionSets::Build(db);
  };
  std::unique_lock lock(mutex_);
  if (sets_ && sets_state_ == state) return sets_;
  if (building_ != state) {
    if (!NewerThan(state, sets_state_) || (building_ && !NewerThan(state, building_))) {
      lock.unlock();
      return build();  // a reader behind the times builds its own
    }
    // A newer state than the build under way (if any): that build still
    // ends in sets_ unless this one ends first.
    building_ = state;
    pending_sets_.reset();
  }
  // Built outside the lock: other threads keep answering meanwhile, from the
  // answer cache or from the sets already built.
  return ComputeOnce(lock, pending_sets_, build,
                     [&](const auto& mine, const std::shared_ptr<const RevisionSets>* sets) {
                       if (pending_sets_ == mine) {
                         // After a failure, the next reader tries again.
                         pending_sets_.reset();
                         building_.reset();
                       }
                       if (sets && NewerThan(state, sets_state_)) {
                         sets_state_ = state;
                         sets_ = *sets;
                       }
                     });
}

bool SearchCache::HasSets(const IndexState& state) {
  std::lock_guard lock(mutex_);
  return sets_ && sets_state_ == state;
}

void SearchCache::SetsPreparedInBackground(bool on) {
  std::lock_guard lock(mutex_);
  prepared_in_background_ = on;
  commit_seen_at_.reset();
}

void SearchCache::CommitSeen() {
  std::lock_guard lock(mutex_);
  if (!commit_seen_at_) commit_seen_at_ = Clock::now();
}

void SearchCache::CommitPrepared() {
  std::lock_guard lock(mutex_);
  commit_seen_at_.reset();
}

bool SearchCache::ShouldReopen(const IndexState& reading) {
  std::lock_guard lock(mutex_);
  // Reading an earlier commit is answering from before the latest one:
  // only within the allowance the server was given for stale answers.
  if (!prepared_in_background_ || !sets_state_ || stale_for_.count() == 0) return true;
  const auto longest = std::min<std::chrono::milliseconds>(kLongestStayBehind, stale_for_);
  if (commit_seen_at_ && Clock::now() - *commit_seen_at_ > longest) return true;
  // A reader ahead of the sets built (moved to the latest by a document
  // read, or opened since) stays where it is: reopening could only take it
  // further from them.
  return NewerThan(*sets_state_, reading);
}

std::shared_ptr<const SearchPage> SearchCache::FindAnswer(const IndexState& state,
                                                          const std::string& key) {
  if (max_answers_ == 0) return nullptr;
  std::lock_guard lock(mutex_);
  MoveTo(state);
  if (state_ != state) return nullptr;
  const Entry* entry = Stored(key);
  return entry && entry->revision == state.revision ? entry->page : nullptr;
}

const SearchCache::Entry* SearchCache::Stored(const std::string& key) {
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return nullptr;
  answers_.splice(answers_.begin(), answers_, it->second);  // now the most recent
  return &*it->second;
}

SearchCache::Answer SearchCache::FindOrCompute(const IndexState& state, const std::string& key,
                                               const ComputeAnswer& compute, bool accept_stale) {
  if (max_answers_ == 0) return {compute(), false};
  std::unique_lock lock(mutex_);
  MoveTo(state);
  if (state_ != state) {
    lock.unlock();
    return {compute(), false};  // a reader behind the times: nothing of its state is kept
  }
  if (const Entry* entry = Stored(key)) {
    if (entry->revision == state.revision) return {entry->page, false};
    if (accept_stale && WithinStaleAllowance(entry->revision)) return {entry->page, true};
  }
  const auto page = ComputeOnce(
      lock, pending_answers_[key], compute,
      [&](const auto& mine, const std::shared_ptr<const SearchPage>* computed) {
        auto it = pending_answers_.find(key);
        if (it == pending_answers_.end() || it->second != mine) return;  // a newer state came
        pending_answers_.erase(it);
        if (computed) Insert(key, *computed);
      });
  return {page, false};
}

void SearchCache::StoreAnswer(const IndexState& state, const std::string& key,
                              std::shared_ptr<const SearchPage> page) {
  if (max_answers_ == 0) return;
  std::lock_guard lock(mutex_);
  MoveTo(state);
  if (state_ == state) Insert(key, std::move(page));
}

void SearchCache::Insert(const std::string& key, std::shared_ptr<const SearchPage> page) {
  if (auto it = by_key_.find(key); it != by_key_.end()) {
    if (it->second->revision >= state_->revision) return;  // another thread stored it first
    answers_.erase(it->second);  // an earlier revision's answer gives way
    by_key_.erase(it);
  }
  answers_.push_front(Entry{key, std::move(page), state_->revision});
  by_key_[key] = answers_.begin();
  if (answers_.size() > max_answers_) {
    by_key_.erase(answers_.back().key);
    answers_.pop_back();
  }
}

}  // namespace archivist
