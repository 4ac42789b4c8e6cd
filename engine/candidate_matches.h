// SPDX-License-Identifier: GPL-2.0-or-later
// The indexed words that match a search's stems, kept for the next search
// of the same words (issue 19). A hit's matches come from the positions of
// the indexed words that stem to a query stem (engine/query_positions.h):
// finding them lists every indexed word that starts like the stem and stems
// each one (thousands for a short stem), or reads each hit's whole term
// list instead. On the bench queries that was 15 % of searchd's
// instructions, spent again on every search of the same words. What it
// finds depends only on the query's terms, the stemmer and the index's
// words, so the searches of one revision share it. Internal to the engine.
#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace archivist {

// Thread-safe: searchd's workers share one (SearchCache::candidate_matches).
class CandidateMatchCache {
 public:
  // An indexed word that is no query term, and the query term it matches.
  struct Match {
    std::string word;
    std::string term;
  };
  using Matches = std::vector<Match>;

  // What the cache holds for a search's key (QueryPositions makes them:
  // its terms and a stemmer).
  struct Found {
    std::shared_ptr<const Matches> matches;  // null: not kept
    // Not kept, but asked for before at this revision (and not declined):
    // worth finding in full now and keeping. A key asked once is not:
    // most searches are asked once, and finding every match costs more
    // than a single search of a short stem needs (its hits' term lists may
    // serve it).
    bool asked_before = false;
  };

  // Keeps matches of at most `max_bytes` (keys, words and terms), and
  // remembers keys asked for in a quarter as much again, dropping the
  // oldest first. A key of a fifth of that or more (a wildcard's hundreds
  // of words) is never kept nor remembered.
  explicit CandidateMatchCache(std::size_t max_bytes = kDefaultBytes);
  static constexpr std::size_t kDefaultBytes = 4 << 20;

  // What is kept for `key` in the index `uuid` at `revision`. A revision
  // after the one kept for (or another index) starts the cache afresh: its
  // new words may match too.
  Found Find(const std::string& uuid, Xapian::rev revision, const std::string& key);

  // Keeps `matches` as `key`'s, found at `revision` of `uuid`; nothing when
  // the cache holds a later revision's.
  void Keep(const std::string& uuid, Xapian::rev revision, const std::string& key, Matches matches);

  // Marks `key` as not worth finding in full at `revision` of `uuid` (a
  // stem of too many candidates): Find no longer says it was asked before.
  void Decline(const std::string& uuid, Xapian::rev revision, const std::string& key);

  // How many keys' matches it keeps.
  std::size_t size() const;

 private:
  // Whether the cache is (now) for `revision` of `uuid`: moves on to a
  // newer one, false for an older one. Called under the lock.
  bool AtRevision(const std::string& uuid, Xapian::rev revision);

  // Remembers `key` as asked for (and `declined` or not), dropping the
  // oldest keys remembered beyond a quarter of max_bytes_. Called under
  // the lock.
  void Remember(const std::string& key, bool declined);
  // What keeping `key` with `matches` weighs against max_bytes_.
  static std::size_t BytesOf(const std::string& key, const Matches& matches);

  const std::size_t max_bytes_;
  mutable std::mutex mutex_;
  // Guarded by mutex_.
  std::string uuid_;
  std::optional<Xapian::rev> revision_;
  std::unordered_map<std::string, std::shared_ptr<const Matches>> kept_;
  std::deque<std::string> kept_order_;  // oldest first
  std::size_t kept_bytes_ = 0;
  // Keys asked for (those kept since too, until they age out); true for
  // those declined.
  std::unordered_map<std::string, bool> asked_;
  std::deque<std::string> asked_order_;  // oldest first
  std::size_t asked_bytes_ = 0;
};

// A search's way to the cache of its revision: none when `cache` is null
// (an index of shards or remote parts has no single revision).
struct SharedMatches {
  CandidateMatchCache* cache = nullptr;
  std::string uuid;
  Xapian::rev revision = 0;
};

}  // namespace archivist
