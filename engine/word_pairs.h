// SPDX-License-Identifier: GPL-2.0-or-later
// The query side of pair terms (core/pair_words.h says why they exist):
// what an index's pair terms can answer, and a query's exact phrases of
// frequent words rewritten to be answered from them.
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
