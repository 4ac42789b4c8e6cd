// SPDX-License-Identifier: GPL-2.0-or-later
// What a search asks (SearchRequest) and what the engine answers: a page of
// hits with exact facet counts, a stored document, completions, an overview
// of the index. Plain values, safe to copy between threads.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "core/record.h"

namespace archivist {

enum class SortOrder { kRelevance, kNewest, kOldest };

// The facets a request can filter on and the response counts.
enum class Facet { kLanguage, kType, kYear, kCountry, kTopic };
inline constexpr Facet kAllFacets[] = {Facet::kLanguage, Facet::kType, Facet::kYear,
                                       Facet::kCountry, Facet::kTopic};
// "language", "type", "year", "country", "topic".
std::string_view FacetName(Facet facet);

struct SearchRequest {
  std::string query;           // Xapian query syntax; empty browses everything
  std::string query_language;  // ISO 639-1 to pin stemming; empty: every stemmed language
  // Selected facet values: OR within a facet, AND across facets.
  std::vector<std::string> languages;
  std::vector<std::string> types;
  std::vector<std::string> years;
  std::vector<std::string> countries;
  std::vector<std::string> topics;
  std::optional<int> year_from;  // inclusive
  std::optional<int> year_to;    // inclusive
  // With a year filter (a range or years): documents without a known year
  // pass it too, instead of being left out (issue 14).
  bool include_undated = false;
  // Each work once (issue 15): the editions of one work (DocumentRecord::work)
  // are one hit, ranked where its best edition ranks, and `total` counts
  // works; documents without a work are their own. Facets still count
  // documents.
  bool collapse_works = false;
  // With collapse_works: the language (ISO 639-1) a work is shown in when
  // one of its matching editions is in it; empty: its best edition.
  std::string prefer_language;
  SortOrder sort = SortOrder::kRelevance;
  Xapian::doccount offset = 0;
  Xapian::doccount limit = 10;
  bool with_facets = true;
  bool with_snippets = true;  // also lists the matching pages of paged documents
  // How long the matcher passes of this search may take in all; past it the
  // search fails with kInvalidArgument naming the budget. Not part of the
  // answer (nor of its cache key).
  std::chrono::milliseconds time_budget{5000};
};

struct SearchHit {
  DocumentRecord record;
  std::string snippet;  // HTML-escaped; matches wrapped in <mark>
  double weight = 0;
  // For documents of several pages (PDFs): the 1-based pages holding a query
  // term, as the snippet matcher sees them. Empty for single-page documents.
  std::vector<int> matching_pages;
  // Issue 15: the ids of the record's other editions (translations and
  // versions) that matched the search too.
  std::vector<std::string> also_matched;
};

struct FacetCount {
  std::string value;
  Xapian::doccount count = 0;
  bool selected = false;
};

struct FacetCounts {
  Facet facet;
  std::vector<FacetCount> values;  // most frequent first, then by value
  // For the year facet: the counted documents that have no known year
  // (counted as the years are, with every filter but the year's own).
  // 0 for the other facets.
  Xapian::doccount missing = 0;
};

struct SearchPage {
  // Exact: the matching works when the request collapses works, else the
  // matching documents (then equal to total_documents).
  Xapian::doccount total = 0;
  Xapian::doccount total_documents = 0;  // exact, whatever the collapsing
  std::vector<SearchHit> hits;
  std::vector<FacetCounts> facets;  // in kAllFacets order, when requested
  // The query with misspelt words replaced from the index's spelling data,
  // or empty when every word is known (or there is no spelling data).
  std::string spelling_suggestion;
  // Served from the cache as computed before the index's latest commit,
  // within the cache's stale allowance (see SearchCache): the caller
  // should have it computed again (Searcher::SearchLatest).
  bool from_earlier_commit = false;
};

// A document as stored: its record and its text, one string per page.
struct StoredDocument {
  DocumentRecord record;
  std::vector<std::string> pages;
  // With a query (Searcher::Document's `query`): the document's words that
  // match its terms as the indexer analysed them (each once, as first
  // written in the text), and the 1-based pages holding them.
  std::vector<std::string> matched_words;
  std::vector<int> matching_pages;
  // The passage a hit would show for that query (HTML-escaped, matches in
  // <mark>), the text's start without one.
  std::string snippet;
};

struct Suggestions {
  std::vector<std::string> completions;  // the query with its last word completed
  std::vector<DocumentRecord> titles;    // documents whose title matches as typed
};

struct IndexStats {
  Xapian::doccount documents = 0;
  std::vector<FacetCounts> facets;  // every facet over the whole index, kAllFacets order
  std::string last_indexed;         // ISO 8601 UTC of the last commit, or empty
};

// Everything a request's answer depends on, as one string (the answer
// cache's key); selections are sets, so their order does not matter.
std::string AnswerKey(const SearchRequest& request);

}  // namespace archivist
