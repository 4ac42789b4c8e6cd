// SPDX-License-Identifier: GPL-2.0-or-later
// The reads of one shard that both the writer (on the shard's thread, its
// queued changes seen) and a reader of the last commit make: the same code,
// so that the linking pass finds the same documents through either.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace archivist::writer {

// Which shard of `shards` holds document `id`: ids are hex digits of a
// content hash, so their value spreads documents evenly, and the same
// content always lands in the same shard.
std::size_t ShardIndexOf(const std::string& id, std::size_t shards);

// A document's id by its docid in `db`, "" when it has none. `known`
// remembers each docid's id across calls on one database (a docid keeps
// its document while its database is open): the id is read from the
// document's term list, from its start.
const std::string& IdOfDocid(const Xapian::Database& db, Xapian::docid docid,
                             std::unordered_map<Xapian::docid, std::string>& known);

// Shard `shard`'s part of IndexReader::DocumentsWithTerms: appends to
// `keys[i]` the documents of `db` holding `terms[i]`, until it holds `limit`.
void AddDocumentsWithTerms(const Xapian::Database& db, std::size_t shard,
                           const std::vector<std::string>& terms, std::size_t limit,
                           std::vector<std::vector<std::uint64_t>>& keys);

// A document key (IndexReader::DocKey) and back.
inline std::uint64_t DocKeyOf(std::size_t shard, Xapian::docid docid) {
  return (static_cast<std::uint64_t>(shard) << 32) | docid;
}
inline std::size_t ShardOfKey(std::uint64_t key) { return static_cast<std::size_t>(key >> 32); }
inline Xapian::docid DocidOfKey(std::uint64_t key) {
  return static_cast<Xapian::docid>(key & 0xffffffffu);
}

// Document `id`'s value in `slot` in `db`, "" when it has none or is not there.
std::string ValueIn(const Xapian::Database& db, const std::string& id, unsigned slot);

}  // namespace archivist::writer
