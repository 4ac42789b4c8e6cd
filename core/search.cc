// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/search.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <unordered_set>

#include "core/schema.h"
#include "core/snippet.h"
#include "core/text.h"

namespace archivist {
namespace {

// Per-query guard against pathological queries (huge wildcard expansions).
constexpr double kQueryTimeLimitSeconds = 5.0;
constexpr Xapian::termcount kMaxWildcardExpansion = 500;

struct FacetSchema {
  Facet facet;
  Xapian::valueno first_slot;
  int slot_count;
  std::string (*term)(std::string_view);
};

std::string YearTermFromString(std::string_view year) {
  return std::string(schema::kYearPrefix) + std::string(year);
}

const FacetSchema& SchemaOf(Facet facet) {
  static const FacetSchema kSchemas[] = {
      {Facet::kLanguage, schema::kSlotLanguage, 1, &schema::LanguageTerm},
      {Facet::kType, schema::kSlotType, 1, &schema::TypeTerm},
      {Facet::kYear, schema::kSlotYear, 1, &YearTermFromString},
      {Facet::kCountry, schema::kSlotCountryFirst, schema::kMaxCountries, &schema::CountryTerm},
      {Facet::kTopic, schema::kSlotTopicFirst, schema::kMaxTopics, &schema::TopicTerm},
  };
  for (const FacetSchema& s : kSchemas) {
    if (s.facet == facet) return s;
  }
  return kSchemas[0];
}

const std::vector<std::string>& Selected(const SearchRequest& request, Facet facet) {
  switch (facet) {
    case Facet::kLanguage: return request.languages;
    case Facet::kType: return request.types;
    case Facet::kYear: return request.years;
    case Facet::kCountry: return request.countries;
    case Facet::kTopic: return request.topics;
  }
  return request.languages;
}

bool HasSelection(const SearchRequest& request, Facet facet) {
  if (facet == Facet::kYear && (request.year_from || request.year_to)) return true;
  return !Selected(request, facet).empty();
}

// The filter one facet's selection imposes, or an empty query for none.
Xapian::Query FacetFilter(const SearchRequest& request, Facet facet) {
  std::vector<Xapian::Query> terms;
  for (const std::string& value : Selected(request, facet)) {
    terms.emplace_back(SchemaOf(facet).term(value));
  }
  Xapian::Query filter;
  if (!terms.empty()) filter = Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  if (facet == Facet::kYear && (request.year_from || request.year_to)) {
    // Years are four-digit strings, so string order is numeric order.
    const std::string low = std::to_string(request.year_from.value_or(0));
    const std::string high = std::to_string(request.year_to.value_or(9999));
    Xapian::Query range(Xapian::Query::OP_VALUE_RANGE, schema::kSlotYear,
                        std::string(4 - std::min<std::size_t>(4, low.size()), '0') + low,
                        std::string(4 - std::min<std::size_t>(4, high.size()), '0') + high);
    filter = filter.empty() ? range : Xapian::Query(Xapian::Query::OP_AND, filter, range);
  }
  return filter;
}

// All facet filters but `except`'s (pass no facet to keep them all).
Xapian::Query CombinedFilter(const SearchRequest& request, std::optional<Facet> except) {
  std::vector<Xapian::Query> filters;
  for (Facet facet : kAllFacets) {
    if (except && *except == facet) continue;
    Xapian::Query filter = FacetFilter(request, facet);
    if (!filter.empty()) filters.push_back(filter);
  }
  if (filters.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
}

Xapian::Query Filtered(const Xapian::Query& text, const Xapian::Query& filter) {
  if (filter.empty()) return text;
  return Xapian::Query(Xapian::Query::OP_FILTER, text, filter);
}

// True when every word of `folded` is one of `stopper`'s stop words.
bool OnlyStopWords(const std::string& folded, const Xapian::Stopper* stopper) {
  if (!stopper) return false;
  bool any = false;
  std::string word;
  for (std::size_t i = 0; i <= folded.size(); ++i) {
    const auto c = i < folded.size() ? static_cast<unsigned char>(folded[i]) : ' ';
    if (std::isalnum(c) || c >= 0x80) {
      word += static_cast<char>(c);
      continue;
    }
    if (word.empty()) continue;
    if (!(*stopper)(FoldWord(word))) return false;
    any = true;
    word.clear();
  }
  return any;
}

// Parses the user's query once per stemming language and ORs the readings,
// so a query finds documents in every language it matches; identical
// readings (a query of names, say) are kept once.
Xapian::Query ParseUserQuery(const Xapian::Database& db, const SearchRequest& request) {
  if (request.query.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Xapian::Query::MatchAll;
  }
  const std::string folded = FoldText(request.query);
  // Unpinned, an unstemmed reading ("und") also finds documents whose
  // language is unknown: those hold only unstemmed terms.
  std::vector<std::string> languages = {request.query_language};
  if (request.query_language.empty()) {
    languages = StemmedLanguages();
    languages.push_back("und");
  }
  std::vector<Xapian::Query> readings;
  std::set<std::string> seen;
  for (const std::string& language : languages) {
    Xapian::QueryParser parser;
    parser.set_database(db);
    parser.set_stemmer(StemmerFor(language));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    // Each reading drops its own language's stop words, as the indexer did.
    parser.set_stopper(StopperFor(language));
    parser.set_max_expansion(kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    parser.add_prefix("title", std::string(schema::kTitlePrefix));
    parser.add_boolean_prefix("lang", std::string(schema::kLanguagePrefix));
    parser.add_boolean_prefix("type", std::string(schema::kTypePrefix));
    parser.add_boolean_prefix("country", std::string(schema::kCountryPrefix));
    parser.add_boolean_prefix("topic", std::string(schema::kTopicPrefix));
    parser.add_boolean_prefix("year", std::string(schema::kYearPrefix));
    const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                           Xapian::QueryParser::FLAG_PURE_NOT;
    if (OnlyStopWords(folded, StopperFor(language))) {
      // "des", "the and": the user meant them. The indexer gave stop words
      // no stems (STOP_STEMMED), so read them as they are.
      parser.set_stopper(nullptr);
      parser.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
    }
    Xapian::Query reading = parser.parse_query(folded, flags);
    if (seen.insert(reading.get_description()).second) readings.push_back(reading);
  }
  if (readings.size() == 1) return readings.front();
  return Xapian::Query(Xapian::Query::OP_OR, readings.begin(), readings.end());
}

// Counts one facet over every document the enquire's query matches.
class FacetSpies {
 public:
  FacetSpies(Xapian::Enquire& enquire, Facet facet) : facet_(facet) {
    const FacetSchema& s = SchemaOf(facet);
    for (int k = 0; k < s.slot_count; ++k) {
      spies_.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(s.first_slot + k));
      enquire.add_matchspy(spies_.back().get());
    }
  }

  // Sums the per-slot counts: a document holds a value in at most one slot.
  FacetCounts Counts(const std::vector<std::string>& selected) const {
    std::map<std::string, Xapian::doccount> totals;
    for (const auto& spy : spies_) {
      for (auto it = spy->values_begin(); it != spy->values_end(); ++it) {
        totals[*it] += it.get_termfreq();
      }
    }
    for (const std::string& value : selected) totals.try_emplace(value, 0);
    FacetCounts counts{facet_, {}};
    for (const auto& [value, count] : totals) {
      const bool is_selected =
          std::find(selected.begin(), selected.end(), value) != selected.end();
      counts.values.push_back({value, count, is_selected});
    }
    if (facet_ == Facet::kYear) {
      std::sort(counts.values.begin(), counts.values.end(),
                [](const FacetCount& a, const FacetCount& b) { return a.value > b.value; });
    } else {
      std::stable_sort(
          counts.values.begin(), counts.values.end(),
          [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
    }
    return counts;
  }

 private:
  Facet facet_;
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies_;
};

std::unordered_set<std::string> TermsOf(const Xapian::Query& query) {
  return {query.get_unique_terms_begin(), query.get_unique_terms_end()};
}

}  // namespace

std::string_view FacetName(Facet facet) {
  switch (facet) {
    case Facet::kLanguage: return "language";
    case Facet::kType: return "type";
    case Facet::kYear: return "year";
    case Facet::kCountry: return "country";
    case Facet::kTopic: return "topic";
  }
  return "language";
}

Result<std::unique_ptr<Searcher>> Searcher::Open(const std::string& path) {
  try {
    Xapian::Database db(path);
    const std::string version = db.get_metadata(std::string(schema::kVersionKey));
    if (version != std::to_string(schema::kVersion)) {
      return Error{ErrorCode::kCorrupt,
                   "index at " + path + " has schema version '" + version + "', this program reads " +
                       std::to_string(schema::kVersion) + ": re-index it with archivist-index"};
    }
    return std::unique_ptr<Searcher>(new Searcher(std::move(db)));
  } catch (const Xapian::DatabaseOpeningError& e) {
    return Error{ErrorCode::kUnavailable, "cannot open index at " + path + ": " + e.get_msg()};
  } catch (const Xapian::Error& e) {
    return Error{ErrorCode::kUnavailable, "cannot open index at " + path + ": " + e.get_description()};
  }
}

Result<Xapian::doccount> Searcher::DocumentCount() {
  try {
    db_.reopen();
    return db_.get_doccount();
  } catch (const Xapian::Error& e) {
    return Error{ErrorCode::kUnavailable, e.get_description()};
  }
}

Result<SearchPage> Searcher::Search(const SearchRequest& request) {
  try {
    db_.reopen();  // pick up the indexer's latest commit; cheap when unchanged
    try {
      return SearchOnce(request);
    } catch (const Xapian::DatabaseModifiedError&) {
      db_.reopen();  // Xapian: reopen and repeat once
      return SearchOnce(request);
    }
  } catch (const Xapian::QueryParserError& e) {
    return Error{ErrorCode::kInvalidArgument, "q: cannot parse query: " + e.get_msg()};
  } catch (const Xapian::DatabaseModifiedError& e) {
    return Error{ErrorCode::kUnavailable, "index changing: " + e.get_msg()};
  } catch (const Xapian::Error& e) {
    return Error{ErrorCode::kInternal, e.get_description()};
  }
}

SearchPage Searcher::SearchOnce(const SearchRequest& request) {
  const Xapian::Query text = ParseUserQuery(db_, request);
  // Exact counts need the matcher to see every match (Enquire::add_matchspy).
  const Xapian::doccount check_at_least = db_.get_doccount();

  Xapian::Enquire enquire(db_);
  enquire.set_query(Filtered(text, CombinedFilter(request, std::nullopt)));
  enquire.set_time_limit(kQueryTimeLimitSeconds);
  // Undated documents go last either way: "" sorts last when reversed, and
  // the oldest-first slot holds "~" for them.
  if (request.sort == SortOrder::kNewest) {
    enquire.set_sort_by_value_then_relevance(schema::kSlotDate, /*reverse=*/true);
  } else if (request.sort == SortOrder::kOldest) {
    enquire.set_sort_by_value_then_relevance(schema::kSlotDateOldestFirst, /*reverse=*/false);
  }

  std::vector<std::unique_ptr<FacetSpies>> main_spies;
  if (request.with_facets) {
    for (Facet facet : kAllFacets) {
      if (!HasSelection(request, facet)) {
        main_spies.push_back(std::make_unique<FacetSpies>(enquire, facet));
      }
    }
  }
  const Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, check_at_least);

  SearchPage page;
  page.total = mset.get_matches_estimated();  // exact: checkatleast covers the database
  const std::unordered_set<std::string> query_terms = TermsOf(text);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const Xapian::Document doc = it.get_document();
    Result<DocumentRecord> record = RecordFromJson(doc.get_data());
    if (!record.ok()) throw Xapian::DatabaseCorruptError(record.error().message);
    SearchHit hit;
    hit.record = std::move(record).value();
    hit.weight = it.get_weight();
    SnippetRequest snippet{&query_terms, StemmerFor(hit.record.language)};
    hit.snippet = MakeSnippet(doc.get_value(schema::kSlotText), snippet);
    page.hits.push_back(std::move(hit));
  }
  if (!request.with_facets) return page;

  // Disjunctive facets: a facet with a selection is counted with every
  // filter but its own, so its other values show what choosing them gives.
  std::size_t next_main = 0;
  for (Facet facet : kAllFacets) {
    if (!HasSelection(request, facet)) {
      page.facets.push_back(main_spies[next_main++]->Counts({}));
      continue;
    }
    Xapian::Enquire facet_enquire(db_);
    facet_enquire.set_query(Filtered(text, CombinedFilter(request, facet)));
    facet_enquire.set_time_limit(kQueryTimeLimitSeconds);
    FacetSpies spies(facet_enquire, facet);
    facet_enquire.get_mset(0, 0, check_at_least);
    page.facets.push_back(spies.Counts(Selected(request, facet)));
  }
  return page;
}

}  // namespace archivist
