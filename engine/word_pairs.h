// SPDX-License-Identifier: GPL-2.0-or-later
// The query side of pair terms (core/pair_words.h): phrases of frequent
// words answered from them. Xapian checks a phrase against
// the positions of its words in every document holding all of them, about
// a microsecond each: "child children" over an archive where both words
// are everywhere costs tens of milliseconds. So every document also holds,
// without positions, a term for each two frequent words it has side by
// side ("XWchild children"), and searchd answers such a phrase from those
// terms' posting lists.
//
// Which words are frequent is learnt from the index as it grows: the
// indexer adds the words found in at least half the documents, in
// generations (generation g's words include every earlier generation's).
// Each document carries the generation it was analysed with ("XG3"), so a
// document analysed before a word became frequent is known to lack that
// word's pairs, and its phrases are checked against positions as before.
#pragma once

#include <xapian.h>

#include <map>

#include "core/pair_words.h"

namespace archivist {

// What a searcher needs to know of an index's pair terms.
struct PairIndex {
  PairWords words;
  // Documents per generation term. Pairs are used only when every document
  // carries one: an index made before pair terms existed has none.
  std::map<int, Xapian::doccount> documents_by_generation;
  bool every_document_tagged = false;

  static PairIndex Read(const Xapian::Database& db);
};

// `query` with every phrase (OP_PHRASE, exact) of frequent words answered
// from pair terms: a two-word phrase becomes the AND of its words filtered
// by their pair term (the same matches and, as Xapian weighs a phrase like
// an AND of its words, the same weights); a longer one keeps its position
// check, but only for documents holding all its pairs. Documents analysed
// before a word of the phrase was frequent keep the position check. Other
// parts of the query are kept as they are. The index's pairs (PairIndex)
// are read only when `query` has a phrase.
Xapian::Query WithWordPairs(const Xapian::Query& query, const Xapian::Database& db);

}  // namespace archivist
