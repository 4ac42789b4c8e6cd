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

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include <xapian.h>

#include "engine/doc_set.h"
#include "engine/split_match.h"

namespace archivist {

// `query` with the parts that only add weight and need positions taken
// out: the right-hand sides of its OP_AND_MAYBE chain (and of the chain on
// their left) for which `positional` is true.
struct BonusSplit {
  Xapian::Query without;               // matches exactly what `query` matches
  std::vector<Xapian::Query> bonuses;  // what was taken out, as it was
};
BonusSplit SplitPositionalBonuses(const Xapian::Query& query,
                                  const std::function<bool(const Xapian::Query&)>& positional);

struct BonusPage {
  std::vector<RankedDocument> page;          // ranks first..first+count
  DocSet matches;                            // every match (among the allowed documents)
  Xapian::doccount ranked_with_bonuses = 0;  // the candidates of the second pass
};

// What RankWithBoundedBonuses ranks: which documents, in which order, which
// page of them.
struct BonusRanking {
  Xapian::docid last_docid = 0;           // the database's ids are 1..last_docid
  std::shared_ptr<const DocSet> allowed;  // only these documents; null: every one
  RankOrder order;                        // relevance, or a value slot then relevance
  // Collapsing works (issue 15): each document's work by document id, 0
  // for none (RevisionSets::work_of), and the page shows each work once,
  // as Xapian's collapse on the work slot does; null: every document.
  const std::vector<std::uint32_t>* work_of = nullptr;
  Xapian::doccount first = 0;
  Xapian::doccount count = 0;
  double time_limit_seconds = 0;  // for each pass; 0: none
};

// Ranks `query` (split by SplitPositionalBonuses, with bonuses) over the
// documents `ranking` allows, in its order: the page, and every match. The
// page is the one ExactPage gives for the whole query filtered the same
// way (engine/facet_filters.h Filtered), document for document and weight
// for weight. Ranked by relevance, only the documents within the bonuses'
// maximum weight of the page's lowest weight are ranked with the bonuses;
// ranked by a value first, only those whose value reaches the page's last.
// Collapsing works, the page's lowest is that of its works: each work
// counts once, by its best edition, where the bounds are drawn.
// Throws what Xapian throws.
BonusPage RankWithBoundedBonuses(const Xapian::Database& db, const Xapian::Query& query,
                                 const BonusSplit& split, const BonusRanking& ranking);

}  // namespace archivist
