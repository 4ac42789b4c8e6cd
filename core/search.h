// SPDX-License-Identifier: GPL-2.0-or-later
// Searching the index: query parsing with the shared text analysis, facet
// filters and exact facet counts, sorting, paging and snippets.
#pragma once

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
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
  SortOrder sort = SortOrder::kRelevance;
  Xapian::doccount offset = 0;
  Xapian::doccount limit = 10;
  bool with_facets = true;
};

struct SearchHit {
  DocumentRecord record;
  std::string snippet;  // HTML-escaped; matches wrapped in <mark>
  double weight = 0;
};

struct FacetCount {
  std::string value;
  Xapian::doccount count = 0;
  bool selected = false;
};

struct FacetCounts {
  Facet facet;
  std::vector<FacetCount> values;  // most frequent first, then by value
};

struct SearchPage {
  Xapian::doccount total = 0;  // exact
  std::vector<SearchHit> hits;
  std::vector<FacetCounts> facets;  // in kAllFacets order, when requested
};

// One reader of one index. Not thread-safe: give each thread its own.
class Searcher {
 public:
  // Opens the index at `path` (a database directory or a stub file).
  // kUnavailable when there is none; kCorrupt when its schema version is not ours.
  static Result<std::unique_ptr<Searcher>> Open(const std::string& path);

  // Runs one search on the latest committed state of the index.
  // kInvalidArgument for a query Xapian cannot parse (with its message),
  // kUnavailable when the index keeps changing under the search.
  Result<SearchPage> Search(const SearchRequest& request);

  // Number of documents in the latest committed state.
  Result<Xapian::doccount> DocumentCount();

 private:
  explicit Searcher(Xapian::Database db) : db_(std::move(db)) {}
  SearchPage SearchOnce(const SearchRequest& request);

  Xapian::Database db_;
};

}  // namespace archivist
