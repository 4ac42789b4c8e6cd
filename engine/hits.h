// SPDX-License-Identifier: GPL-2.0-or-later
// Ranking a page and turning it into hits: what both ways of counting
// facets (engine/facet_counter.h) share once the matches are found.
// Internal to the engine.
#pragma once

#include <vector>

#include <xapian.h>

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

// The hits of `ranked`, documents of `db`, with snippets and matching
// pages (when the request asks for them) drawn with the terms of `text`,
// the query as the user wrote it. Throws Xapian::DatabaseCorruptError for
// a stored record that cannot be read.
std::vector<SearchHit> HitsOf(const Xapian::Database& db,
                              const std::vector<RankedDocument>& ranked, const Xapian::Query& text,
                              const SearchRequest& request);

}  // namespace archivist
