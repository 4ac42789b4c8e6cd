// SPDX-License-Identifier: GPL-2.0-or-later
// The page of a search whose only positional parts add weight (the NEAR
// bonus of a query of several words), ranked without checking their
// positions in every match. Internal to the engine.
//
// A match that sees every candidate (the only exact one in Xapian 1.4.22,
// engine/hits.h ExactPage) checks a NEAR's positions in every document
// holding its words, 400-page PDFs included: most of a two-word search.
// Here the page comes from two exact passes instead: the query without its
// positional bonuses weighs every match; a bonus adds at most its maximum
// weight, so only the documents within that much of the page's lowest
// weight can reach the page; the whole query ranks those alone. The page
// is the one a single exhaustive pass gives, document for document and
// weight for weight.
#pragma once

#include <functional>
#include <vector>

#include <xapian.h>

#include "engine/doc_set.h"
#include "engine/split_match.h"

namespace archivist {

// `query` with the parts that only add weight and need positions taken
// out: the right-hand sides of its OP_AND_MAYBE chain (and of the chain on
// their left) for which `positional` is true.
struct BonusSplit {
  Xapian::Query without;                // matches exactly what `query` matches
  std::vector<Xapian::Query> bonuses;  // what was taken out, as it was
};
BonusSplit SplitPositionalBonuses(const Xapian::Query& query,
                                  const std::function<bool(const Xapian::Query&)>& positional);

struct BonusPage {
  std::vector<RankedDocument> page;  // ranks first..first+count
  DocSet matches;                    // every match
};

// Ranks `query` (split by SplitPositionalBonuses, with bonuses) by
// relevance over all of `db` (ids 1..last_docid): the page, and every
// match. Unfiltered only: a filter around the query changes its weights
// in Xapian 1.4.22 (see bonus_page.cc), and the page must be the one
// ExactPage gives. Each pass stops after `time_limit_seconds` (0: none).
// Throws what Xapian throws.
BonusPage RankWithBoundedBonuses(const Xapian::Database& db, const Xapian::Query& query,
                                 const BonusSplit& split, Xapian::docid last_docid,
                                 Xapian::doccount first, Xapian::doccount count,
                                 double time_limit_seconds);

}  // namespace archivist
