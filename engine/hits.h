// SPDX-License-Identifier: GPL-2.0-or-later
// Ranking a page and turning it into hits: what both ways of counting
// facets (engine/facet_counter.h) share once the matches are found.
// Internal to the engine.
#pragma once

#include <vector>

#include <xapian.h>

#include "engine/candidate_matches.h"
#include "engine/search_request.h"
#include "engine/split_match.h"

namespace archivist {

// Every matcher pass of a search stops after this long: a guard against
// pathological queries (huge wildcard expansions, phrases of very common
// words). Exports have none (Searcher::MatchingIds).
inline constexpr double kQueryTimeLimitSeconds = 5.0;

// How `sort` orders documents: undated documents last either way.
RankOrder RankOrderOf(SortOrder sort);

// An Enquire over `db` ranking `query` in `sort`'s order, with the time
// limit: how a page of hits is asked of Xapian. Refers to `db`, which must
// outlive it.
Xapian::Enquire RankingEnquire(const Xapian::Database& db, const Xapian::Query& query,
                               SortOrder sort);

// The documents of `mset`, in its order, with their weights.
std::vector<RankedDocument> RankedOf(const Xapian::MSet& mset);

// Documents first..first+count of `enquire`'s ranking over `db`, found by
// a match that sees every candidate, never by Xapian's pruned one. Xapian
// 1.4.22 prunes wrongly for our query shape: an OP_AND_MAYBE whose
// left-hand side can no longer reach the page's lowest weight becomes an
// AND and skips the document its right-hand side already stands on
// (AndMaybePostList::next: skip_to(max(lhead, rhead) + 1)), so a document
// that belongs on the page goes missing ("forced labor" on corpus-real: a
// weight of 72.1, ninth of all), and some documents on the page get a
// weight that is not the sum of their parts ("police training" under a
// language filter: 104.47 for 104.34). Every search holds such an
// AND_MAYBE (the plain words, the all-words, title and NEAR boosts), and
// an OR the matcher narrows becomes one too. Throws what Xapian throws.
std::vector<RankedDocument> ExactPage(Xapian::Enquire& enquire, const Xapian::Database& db,
                                      Xapian::doccount first, Xapian::doccount count);

// The hits of `ranked`, documents of `db`, with snippets and matching
// pages (when the request asks for them) drawn with the terms of `text`,
// the query as the user wrote it; the matches of the query's stems found
// in full are shared through `shared` (engine/candidate_matches.h). Throws
// Xapian::DatabaseCorruptError for a stored record that cannot be read.
std::vector<SearchHit> HitsOf(const Xapian::Database& db, const std::vector<RankedDocument>& ranked,
                              const Xapian::Query& text, const SearchRequest& request,
                              const SharedMatches& shared = {});

}  // namespace archivist
