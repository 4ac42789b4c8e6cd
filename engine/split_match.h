// SPDX-License-Identifier: GPL-2.0-or-later
// One pass of Xapian's matcher that must see every match (exact totals and
// facets need them all), split over two cores. Checking a phrase of common
// words against positions costs about a microsecond per candidate document,
// tens of milliseconds on a large index, and Xapian 1.4 checks them on one
// thread. Here the document ids are cut in two halves, each half matched
// on its own database handle of the same revision, and the two ranked
// pages merged in the order Xapian itself gives.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include <xapian.h>

#include "engine/doc_set.h"

namespace archivist {

// How ranked documents are ordered: by relevance, or by a value slot first
// (then relevance), as Enquire::set_sort_by_value_then_relevance orders them.
struct RankOrder {
  std::optional<Xapian::valueno> slot;
  bool reverse = false;  // the slot's values descending
  void ApplyTo(Xapian::Enquire& enquire) const;
};

struct MatchPass {
  Xapian::Query query;
  std::shared_ptr<const DocSet> allowed;  // only these documents; null: every one
  RankOrder order;
  bool weighted = true;         // false: BoolWeight, for passes that only collect
  bool collapse_works = false;  // the page shows each work once (engine/works.h)
  Xapian::doccount first = 0;   // the page of ranked documents wanted
  Xapian::doccount count = 0;
  double time_limit_seconds = 0;  // 0: none
};

struct RankedDocument {
  Xapian::Document document;
  double weight = 0;
};

struct PassResult {
  std::vector<RankedDocument> page;
  DocSet matches;  // every document the query matched (within `allowed`)
};

// Runs `pass` over `db`, a single local database whose documents are
// `documents` (ids 1..last_docid). With `twin` (another handle open at the
// same revision as `db`, used by no other thread meanwhile), the upper half
// of the documents (by count, so that ids left unused by deletions do not
// unbalance the halves) is matched on it, on another thread; Xapian errors
// of either half are thrown here. The query must be serialisable (no
// posting sources).
PassResult RunMatchPass(const Xapian::Database& db, const Xapian::Database* twin,
                        const MatchPass& pass, const DocSet& documents, Xapian::docid last_docid);

}  // namespace archivist
