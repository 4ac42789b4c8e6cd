// SPDX-License-Identifier: GPL-2.0-or-later
// The indexer's half of pair terms (core/pair_words.h): which words become
// frequent as the index grows, and the pair terms each document carries.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "core/pair_words.h"

namespace archivist {

// A word is frequent once it is in at least this share of the documents...
inline constexpr double kFrequentWordShare = 0.5;
// ...of an index at least this large (fewer documents say little, and
// their phrases are cheap anyway).
inline constexpr Xapian::doccount kFrequentWordMinDocuments = 1000;

// Adds to `doc` (analysed: its words and their positions) a pair term for
// every two of `words` at adjacent positions, and the generation term.
// Boolean terms: the document's length and its words' weights are
// unchanged.
void AddWordPairs(Xapian::Document& doc, const PairWords& words);

// The words of `db` (unprefixed terms) in at least kFrequentWordShare of its
// documents that `known` lacks; none while `db` is smaller than
// `min_documents`.
std::vector<std::string> NewFrequentWords(const Xapian::Database& db, const PairWords& known,
                                          Xapian::doccount min_documents);

}  // namespace archivist
