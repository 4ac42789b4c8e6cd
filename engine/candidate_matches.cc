// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/candidate_matches.h"

#include <utility>

namespace archivist {

namespace {

// What a string held in a container weighs beyond its characters, about:
// its own size, a node or slot, the allocator's header.
constexpr std::size_t kPerString = 64;

}  // namespace

CandidateMatchCache::CandidateMatchCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

std::size_t CandidateMatchCache::BytesOf(const std::string& key, const Matches& matches) {
  std::size_t bytes = key.size() + kPerString;
  for (const Match& match : matches) {
    bytes += match.word.size() + match.term.size() + 2 * kPerString;
  }
  return bytes;
}

bool CandidateMatchCache::AtRevision(const std::string& uuid, Xapian::rev revision) {
  if (revision_ && uuid == uuid_) {
    if (revision == *revision_) return true;
    if (revision < *revision_) return false;
  }
  uuid_ = uuid;
  revision_ = revision;
  kept_.clear();
  kept_order_.clear();
  kept_bytes_ = 0;
  asked_.clear();
  asked_order_.clear();
  asked_bytes_ = 0;
  return true;
}

CandidateMatchCache::Found CandidateMatchCache::Find(const std::string& uuid, Xapian::rev revision,
                                                     const std::string& key) {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (!AtRevision(uuid, revision)) return {};
  if (auto it = kept_.find(key); it != kept_.end()) return {it->second, false};
  if (auto it = asked_.find(key); it != asked_.end()) return {nullptr, !it->second};
  Remember(key, /*declined=*/false);
  return {};
}

void CandidateMatchCache::Decline(const std::string& uuid, Xapian::rev revision,
                                  const std::string& key) {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (!AtRevision(uuid, revision)) return;
  if (auto it = asked_.find(key); it != asked_.end()) {
    it->second = true;
  } else {
    Remember(key, /*declined=*/true);
  }
}

void CandidateMatchCache::Remember(const std::string& key, bool declined) {
  const std::size_t bytes = key.size() + kPerString;
  if (bytes * 5 > max_bytes_) return;
  while (!asked_order_.empty() && asked_bytes_ + bytes > max_bytes_ / 4) {
    asked_bytes_ -= asked_order_.front().size() + kPerString;
    asked_.erase(asked_order_.front());
    asked_order_.pop_front();
  }
  asked_.emplace(key, declined);
  asked_order_.push_back(key);
  asked_bytes_ += bytes;
}

void CandidateMatchCache::Keep(const std::string& uuid, Xapian::rev revision,
                               const std::string& key, Matches matches) {
  const std::size_t bytes = BytesOf(key, matches);
  if (bytes * 5 > max_bytes_) return;
  auto kept = std::make_shared<const Matches>(std::move(matches));
  const std::lock_guard<std::mutex> lock(mutex_);
  if (!AtRevision(uuid, revision)) return;
  if (kept_.count(key)) return;  // another worker kept the same
  while (!kept_order_.empty() && kept_bytes_ + bytes > max_bytes_) {
    const auto oldest = kept_.find(kept_order_.front());
    kept_bytes_ -= BytesOf(oldest->first, *oldest->second);
    kept_.erase(oldest);
    kept_order_.pop_front();
  }
  kept_.emplace(key, std::move(kept));
  kept_order_.push_back(key);
  kept_bytes_ += bytes;
}

std::size_t CandidateMatchCache::size() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return kept_.size();
}

}  // namespace archivist
