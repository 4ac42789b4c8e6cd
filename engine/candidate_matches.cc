// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/candidate_matches.h"

#include <utility>

namespace archivist {

CandidateMatchCache::CandidateMatchCache(std::size_t capacity) : capacity_(capacity) {}

bool CandidateMatchCache::AtRevision(const std::string& uuid, Xapian::rev revision) {
  if (revision_ && uuid == uuid_) {
    if (revision == *revision_) return true;
    if (revision < *revision_) return false;
  }
  uuid_ = uuid;
  revision_ = revision;
  kept_.clear();
  kept_order_.clear();
  asked_.clear();
  asked_order_.clear();
  return true;
}

CandidateMatchCache::Found CandidateMatchCache::Find(const std::string& uuid, Xapian::rev revision,
                                                     const std::string& key) {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (!AtRevision(uuid, revision)) return {};
  if (auto it = kept_.find(key); it != kept_.end()) return {it->second, false};
  if (asked_.count(key)) return {nullptr, true};
  if (asked_order_.size() == capacity_) {
    asked_.erase(asked_order_.front());
    asked_order_.pop_front();
  }
  asked_.insert(key);
  asked_order_.push_back(key);
  return {};
}

void CandidateMatchCache::Keep(const std::string& uuid, Xapian::rev revision,
                               const std::string& key, Matches matches) {
  auto kept = std::make_shared<const Matches>(std::move(matches));
  const std::lock_guard<std::mutex> lock(mutex_);
  if (!AtRevision(uuid, revision)) return;
  const auto [it, added] = kept_.try_emplace(key, std::move(kept));
  if (!added) return;  // another worker kept the same
  kept_order_.push_back(key);
  if (kept_order_.size() > capacity_) {
    kept_.erase(kept_order_.front());
    kept_order_.pop_front();
  }
}

std::size_t CandidateMatchCache::size() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return kept_.size();
}

}  // namespace archivist
