// SPDX-License-Identifier: GPL-2.0-or-later
// Finding a search's matches and counting its facets, one interface with
// two implementations:
//
// - bitmaps (NewBitmapFacetCounter): on a single local database, the
//   documents of each facet value are a bitmap per revision (RevisionSets,
//   shared through the SearchCache); the query's matches become a bitmap
//   too, and every count is the size of an intersection. Exact for
//   multi-valued facets however many values a document holds.
// - match spies (NewSpyFacetCounter): on shards and remote databases, which
//   have no revision to key bitmaps by, Xapian's own ValueCountMatchSpy
//   counts the value slots while the matcher sees every match; built-in
//   spies are the only ones xapian-tcpsrv and xapian-progsrv accept. A
//   document's countries and topics beyond the slots' kMaxCountries or
//   kMaxTopics are not counted.
//
// Both filter the same way (engine/facet_filters.h), rank the page the same
// way (engine/hits.h) and count facets disjunctively: a facet with a
// selection is counted with every filter but its own, so its other values
// show what choosing them gives. What they give back is turned into hits,
// snippets and a spelling suggestion by the same code (Searcher).
// Internal to the engine.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include <xapian.h>

#include "engine/doc_set.h"
#include "engine/search_request.h"
#include "engine/split_match.h"

namespace archivist {

// What one search finds before its hits are drawn.
struct CountedMatches {
  Xapian::doccount total = 0;            // exact: works when collapsing, else documents
  Xapian::doccount total_documents = 0;  // exact
  std::vector<RankedDocument> page;      // the request's page, in its order
  std::vector<FacetCounts> facets;       // kAllFacets order; empty unless asked for
  // Every document the search matches under its filters, when the counter
  // found them as a bitmap (the bitmap counter); null otherwise. What the
  // page's other editions are looked up in (MarkEditionsAlsoMatched).
  std::shared_ptr<const DocSet> matches;
};

// Not thread-safe: one per search, on the thread that runs it.
class FacetCounter {
 public:
  virtual ~FacetCounter() = default;

  // The matches of `matched` (the user's query as the matcher should run
  // it) under the request's filters, in its order and page. Throws what
  // Xapian throws (DatabaseModifiedError: the caller reopens and repeats).
  virtual CountedMatches Match(const Xapian::Query& matched, const SearchRequest& request) = 0;
};

// Gives a second handle on the revision being read, for a matcher pass
// large enough to be split over two cores, or null (split_match.h).
using TwinSource = std::function<const Xapian::Database*()>;

// Counts from `sets`, the bitmaps of the revision `db` is open at. `db`
// and `sets` must outlive the counter. Always counts facets.
std::unique_ptr<FacetCounter> NewBitmapFacetCounter(const Xapian::Database& db,
                                                    const RevisionSets& sets, TwinSource twin);

// Counts with ValueCountMatchSpy over `db`, any database (shards, remote
// ones); facets only when the request asks for them. `db` must outlive the
// counter.
std::unique_ptr<FacetCounter> NewSpyFacetCounter(const Xapian::Database& db);

}  // namespace archivist
