// SPDX-License-Identifier: GPL-2.0-or-later
// What a request's facet selections mean in the index: where each facet
// lives (core/schema.h), the filter a selection imposes, and the order in
// which counts are listed. Shared by both ways of counting facets
// (engine/facet_counter.h). Internal to the engine.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "engine/search_request.h"

namespace archivist {

// Where one facet lives: its value slots (slot_count of them from
// first_slot, for facets a document can hold several values of) and its
// boolean filter terms.
struct FacetSchema {
  Facet facet;
  Xapian::valueno first_slot;
  int slot_count;
  std::string (*term)(std::string_view);
};
const FacetSchema& SchemaOf(Facet facet);

// The values `request` selects of `facet`, and whether it restricts the
// facet at all (a year range does too).
const std::vector<std::string>& Selected(const SearchRequest& request, Facet facet);
bool HasSelection(const SearchRequest& request, Facet facet);

// The request's year range as the four-digit strings the year slot holds
// (string order is numeric order), open ends widened to 0000 and 9999.
std::pair<std::string, std::string> YearBounds(const SearchRequest& request);

// The documents without a known year (an empty year slot).
Xapian::Query UndatedQuery();

// The filter one facet's selection imposes, or an empty query for none;
// the year's lets undated documents through with include_undated.
Xapian::Query FacetFilter(const SearchRequest& request, Facet facet);
// All facet filters but `except`'s (pass no facet to keep them all).
Xapian::Query CombinedFilter(const SearchRequest& request, std::optional<Facet> except);
// `text` restricted by `filter`, or `text` itself for an empty filter,
// every document it lets through weighing what it weighs unfiltered: the
// filter goes on the left-most part of text's OP_AND_MAYBE chain, the part
// that alone decides what matches. Around the whole query, Xapian 1.4.22
// folds the chain into the filter's AND and weighs some of its parts with
// another part's factor ("traite des personnes" filtered to English: 87.55
// where the unfiltered search gives 54.02).
Xapian::Query Filtered(const Xapian::Query& text, const Xapian::Query& filter);

// The values with a count, and the selected ones even without: most
// frequent first (years: newest first).
FacetCounts SortedCounts(Facet facet, std::map<std::string, Xapian::doccount> totals,
                         const std::vector<std::string>& selected);

}  // namespace archivist
