// SPDX-License-Identifier: GPL-2.0-or-later
// The reads of one shard that both the writer (on the shard's thread, its
// queued changes seen) and a reader of the last commit make: the same code,
// so that the linking pass finds the same documents through either.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace archivist::writer {

// Which shard of `shards` holds document `id`: ids are hex digits of a
// content hash, so their value spreads documents evenly, and the same
// content always lands in the same shard.
std::size_t ShardIndexOf(const std::string& id, std::size_t shards);

// Appends to `ids[i]` the ids of the documents of `db` holding `terms[i]`,
// until it holds `limit`. `known` remembers each docid's id across calls on
// one database (a docid keeps its document while its database is open).
void AddIdsWithTerms(const Xapian::Database& db, const std::vector<std::string>& terms,
                     std::size_t limit, std::unordered_map<Xapian::docid, std::string>& known,
                     std::vector<std::vector<std::string>>& ids);

// Document `id`'s value in `slot` in `db`, "" when it has none or is not there.
std::string ValueIn(const Xapian::Database& db, const std::string& id, unsigned slot);

}  // namespace archivist::writer
