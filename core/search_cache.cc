// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/search_cache.h"

#include <exception>
#include <future>

#include "core/search.h"

namespace archivist {

SearchCache::SearchCache(std::size_t max_answers) : max_answers_(max_answers) {}

void SearchCache::MoveTo(const IndexState& state) {
  if (state_ && *state_ == state) return;
  // A thread still reading the previous revision must not bring its answers
  // back: only a newer revision (or another index) replaces the current one.
  if (state_ && state_->uuid == state.uuid && state.revision < state_->revision) return;
  state_ = state;
  sets_.reset();
  pending_sets_ = {};
  answers_.clear();
  by_key_.clear();
  pending_answers_.clear();
}

std::shared_ptr<const RevisionSets> SearchCache::Sets(const Xapian::Database& db,
                                                      const IndexState& state) {
  std::unique_lock lock(mutex_);
  MoveTo(state);
  if (state_ != state) {
    lock.unlock();
    return RevisionSets::Build(db);  // a reader behind the times builds its own
  }
  if (sets_) return sets_;
  if (pending_sets_.valid()) {
    // After a commit every busy thread asks at once: one build they all
    // wait for costs one build, where a build in each thread cost one per
    // thread on the same cores.
    const PendingSets pending = pending_sets_;
    lock.unlock();
    return pending.get();  // the builder's sets, or its exception (the caller retries)
  }
  std::promise<std::shared_ptr<const RevisionSets>> promise;
  pending_sets_ = promise.get_future().share();
  lock.unlock();

  // Built outside the lock: other threads keep answering from the answer
  // cache meanwhile.
  std::shared_ptr<const RevisionSets> sets;
  try {
    sets = RevisionSets::Build(db);
  } catch (...) {
    promise.set_exception(std::current_exception());
    lock.lock();
    if (state_ == state) pending_sets_ = {};  // the next reader tries again
    throw;
  }
  promise.set_value(sets);
  lock.lock();
  if (state_ == state) {
    sets_ = sets;
    pending_sets_ = {};
  }
  return sets;
}

std::shared_ptr<const SearchPage> SearchCache::FindAnswer(const IndexState& state,
                                                          const std::string& key) {
  if (max_answers_ == 0) return nullptr;
  std::lock_guard lock(mutex_);
  MoveTo(state);
  if (state_ != state) return nullptr;
  return Stored(key);
}

std::shared_ptr<const SearchPage> SearchCache::Stored(const std::string& key) {
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return nullptr;
  answers_.splice(answers_.begin(), answers_, it->second);  // now the most recent
  return it->second->second;
}

std::shared_ptr<const SearchPage> SearchCache::FindOrCompute(const IndexState& state,
                                                             const std::string& key,
                                                             const ComputeAnswer& compute) {
  if (max_answers_ == 0) return compute();
  std::unique_lock lock(mutex_);
  MoveTo(state);
  if (state_ != state) {
    lock.unlock();
    return compute();  // a reader behind the times: nothing of its state is kept
  }
  if (auto stored = Stored(key)) return stored;
  if (auto it = pending_answers_.find(key); it != pending_answers_.end()) {
    const std::shared_ptr<PendingAnswer> pending = it->second;
    lock.unlock();
    return pending->get();
  }
  std::promise<std::shared_ptr<const SearchPage>> promise;
  auto mine = std::make_shared<PendingAnswer>(promise.get_future().share());
  pending_answers_[key] = mine;
  lock.unlock();

  const auto forget_pending = [&] {
    // Only this computation's entry: a commit may have emptied the table
    // and another thread started the same request at the new state.
    auto it = pending_answers_.find(key);
    if (it != pending_answers_.end() && it->second == mine) pending_answers_.erase(it);
  };
  std::shared_ptr<const SearchPage> page;
  try {
    page = compute();
  } catch (...) {
    promise.set_exception(std::current_exception());
    lock.lock();
    forget_pending();
    throw;
  }
  promise.set_value(page);
  lock.lock();
  forget_pending();
  lock.unlock();
  StoreAnswer(state, key, page);
  return page;
}

void SearchCache::StoreAnswer(const IndexState& state, const std::string& key,
                              std::shared_ptr<const SearchPage> page) {
  if (max_answers_ == 0) return;
  std::lock_guard lock(mutex_);
  MoveTo(state);
  if (state_ != state || by_key_.count(key)) return;
  answers_.emplace_front(key, std::move(page));
  by_key_[key] = answers_.begin();
  if (answers_.size() > max_answers_) {
    by_key_.erase(answers_.back().first);
    answers_.pop_back();
  }
}

}  // namespace archivist
