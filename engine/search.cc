// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/search.h"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <unordered_set>

#include "engine/doc_set.h"
#include "core/schema.h"
#include "engine/snippet.h"
#include "engine/split_match.h"
#include "core/text.h"
#include "engine/word_pairs.h"

namespace archivist {
namespace {

// Per-query guard against pathological queries (huge wildcard expansions).
constexpr double kQueryTimeLimitSeconds = 5.0;
constexpr Xapian::termcount kMaxWildcardExpansion = 500;
// Searches of the latest commit are repeated this often when the indexer
// overwrites what they read (DatabaseModifiedError).
constexpr int kMaxAttempts = 10;

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

bool IsBlank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

// The query parser every reading of a user's query goes through: the same
// prefixes, flags and limits whatever the stemming language.
Xapian::QueryParser MakeParser(const Xapian::Database& db, const std::string& language) {
  Xapian::QueryParser parser;
  parser.set_database(db);
  parser.set_stemmer(StemmerFor(language));
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  // Each reading drops its own language's stop words, as the indexer did.
  parser.set_stopper(StopperFor(language));
  parser.set_max_expansion(kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  parser.add_prefix("title", std::string(schema::kTitlePrefix));
  parser.add_prefix("author", std::string(schema::kAuthorPrefix));
  parser.add_boolean_prefix("lang", std::string(schema::kLanguagePrefix));
  parser.add_boolean_prefix("type", std::string(schema::kTypePrefix));
  parser.add_boolean_prefix("country", std::string(schema::kCountryPrefix));
  parser.add_boolean_prefix("topic", std::string(schema::kTopicPrefix));
  parser.add_boolean_prefix("year", std::string(schema::kYearPrefix));
  return parser;
}

constexpr unsigned kParseFlags = Xapian::QueryParser::FLAG_DEFAULT |
                                 Xapian::QueryParser::FLAG_WILDCARD |
                                 Xapian::QueryParser::FLAG_PURE_NOT;

// The documents analysed without a stemmer (their language has none of
// ours: "und", "pl", "zh"...), which hold a word's plain term only: the
// filter that keeps the unstemmed reading of a query to them. An empty
// query when the index holds none.
Xapian::Query UnstemmedDocuments(const Xapian::Database& db) {
  const std::string prefix(schema::kLanguagePrefix);
  const std::vector<std::string>& stemmed = StemmedLanguages();
  std::vector<Xapian::Query> languages;
  for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
    const std::string language = (*term).substr(prefix.size());
    if (std::find(stemmed.begin(), stemmed.end(), language) == stemmed.end()) {
      languages.emplace_back(*term);
    }
  }
  if (languages.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_OR, languages.begin(), languages.end());
}

// Parses the user's query once per stemming language and ORs the readings,
// so a query finds documents in every language it matches; identical
// readings (a query of names, say) are kept once.
//
// Unpinned, the query is also read unstemmed, for two reasons: documents
// without stems (no stemmer for their language) hold only plain words, and
// a document holding the very words typed deserves more weight than one
// that only shares their stems, often in another language ("personas" and
// "persons" share a Spanish-English stem). The plain words match only
// documents without stems; elsewhere they only add weight (AND_MAYBE), so
// a common word's plain posting list is never a second source of matches.
Xapian::Query ParseUserQuery(const Xapian::Database& db, const SearchRequest& request) {
  // Not Query::MatchAll: that is one global object whose reference count
  // (not atomic) every copy changes, so copies on several threads at once
  // corrupt it, and searchd crashed with it freed. The empty term is what
  // MatchAll holds, in a query of this request's own.
  if (IsBlank(request.query)) return Xapian::Query(std::string());
  const std::string folded = FoldText(request.query);
  std::vector<std::string> languages = {request.query_language};
  if (request.query_language.empty()) {
    languages = StemmedLanguages();
    languages.push_back("und");
  }
  std::vector<Xapian::Query> readings;
  Xapian::Query plain_words;
  std::set<std::string> seen;
  for (const std::string& language : languages) {
    Xapian::QueryParser parser = MakeParser(db, language);
    const bool only_stop_words = OnlyStopWords(folded, StopperFor(language));
    if (only_stop_words) {
      // "des", "the and": the user meant them. The indexer gave stop words
      // no stems (STOP_STEMMED), so read them as they are.
      parser.set_stopper(nullptr);
      parser.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
    }
    Xapian::Query reading = parser.parse_query(folded, kParseFlags);
    if (!seen.insert(reading.get_description()).second) continue;
    if (request.query_language.empty() && language == "und") {
      plain_words = reading;
      continue;
    }
    readings.push_back(reading);
  }
  if (!plain_words.empty()) {
    // Weightless here: the AND_MAYBE below weighs the plain words once.
    if (const Xapian::Query unstemmed = UnstemmedDocuments(db); !unstemmed.empty()) {
      readings.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                            Xapian::Query(Xapian::Query::OP_FILTER, plain_words, unstemmed), 0.0);
    }
  }
  Xapian::Query matched = readings.size() == 1
                              ? readings.front()
                              : Xapian::Query(Xapian::Query::OP_OR, readings.begin(), readings.end());
  if (plain_words.empty()) return matched;
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, matched, plain_words);
}

// The whitespace-separated pieces of a query, as typed.
std::vector<std::string> QueryPieces(const std::string& query) {
  std::vector<std::string> pieces;
  std::istringstream in(query);
  for (std::string piece; in >> piece;) pieces.push_back(piece);
  return pieces;
}

// Xapian's spelling correction (QueryParser::FLAG_SPELLING_CORRECTION) over
// the index's spelling data, which the indexer builds from every word it
// indexes. Xapian offers a more frequent neighbour even for a word the
// index holds ("sexuelle" → "sexually" in a mostly English archive): a word
// the index holds is never "corrected" here.
std::string SpellingSuggestion(const Xapian::Database& db, const SearchRequest& request) {
  if (IsBlank(request.query)) return "";
  const std::string folded = FoldText(request.query);
  Xapian::QueryParser parser = MakeParser(db, "und");
  parser.parse_query(folded, kParseFlags | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
  const std::string corrected = parser.get_corrected_query_string();
  if (corrected.empty() || corrected == folded) return "";
  std::vector<std::string> typed = QueryPieces(folded);
  const std::vector<std::string> offered = QueryPieces(corrected);
  if (typed.size() != offered.size()) return corrected;
  bool changed = false;
  for (std::size_t i = 0; i < typed.size(); ++i) {
    if (typed[i] == offered[i]) continue;
    // The word inside the piece: quotes, brackets and operators around it
    // are not part of the term.
    const std::string& piece = typed[i];
    const auto is_word = [](unsigned char c) { return std::isalnum(c) || c >= 0x80; };
    const auto first = std::find_if(piece.begin(), piece.end(), is_word);
    const auto last = std::find_if(piece.rbegin(), piece.rend(), is_word).base();
    const std::string word = first < last ? FoldWord(std::string(first, last)) : "";
    if (!word.empty() && db.term_exists(word)) continue;
    typed[i] = offered[i];
    changed = true;
  }
  if (!changed) return "";
  std::string suggestion;
  for (const std::string& piece : typed) {
    if (!suggestion.empty()) suggestion += ' ';
    suggestion += piece;
  }
  return suggestion;
}

// More-like-this keeps to words of the text: prefixed terms are filters,
// titles or stems, and numbers and very short words say little about a topic.
class FreeTextTerms : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    if (term.size() < 3 || !schema::IsWordTerm(term)) return false;
    return term.find_first_not_of("0123456789") != std::string::npos;
  }
};

constexpr Xapian::termcount kSimilarTerms = 25;
// Completing the last word scans at most this many index words.
constexpr std::size_t kMaxCompletionScan = 5000;

// The values with a count, and the selected ones even without: most
// frequent first (years: newest first).
FacetCounts SortedCounts(Facet facet, std::map<std::string, Xapian::doccount> totals,
                         const std::vector<std::string>& selected) {
  for (const std::string& value : selected) totals.try_emplace(value, 0);
  FacetCounts counts{facet, {}};
  for (const auto& [value, count] : totals) {
    const bool is_selected = std::find(selected.begin(), selected.end(), value) != selected.end();
    counts.values.push_back({value, count, is_selected});
  }
  if (facet == Facet::kYear) {
    std::sort(counts.values.begin(), counts.values.end(),
              [](const FacetCount& a, const FacetCount& b) { return a.value > b.value; });
  } else {
    std::stable_sort(counts.values.begin(), counts.values.end(),
                     [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
  }
  return counts;
}

// Counts one facet over every document the enquire's query matches.
class FacetSpies {
 public:
  FacetSpies(const Xapian::Database& db, Xapian::Enquire& enquire, Facet facet) : facet_(facet) {
    const FacetSchema& s = SchemaOf(facet);
    for (int k = 0; k < s.slot_count; ++k) {
      // Every spy reads its slot for every match; most documents have one or
      // two countries, so the later slots are usually empty in the whole
      // index (Xapian keeps per-slot statistics): leave those out.
      if (k > 0 && db.get_value_freq(s.first_slot + k) == 0) break;
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
    return SortedCounts(facet_, std::move(totals), selected);
  }

 private:
  Facet facet_;
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies_;
};

std::unordered_set<std::string> TermsOf(const Xapian::Query& query) {
  return {query.get_unique_terms_begin(), query.get_unique_terms_end()};
}

const FacetValueSets& ValueSetsOf(const RevisionSets& sets, Facet facet) {
  switch (facet) {
    case Facet::kLanguage: return sets.language;
    case Facet::kType: return sets.type;
    case Facet::kYear: return sets.year;
    case Facet::kCountry: return sets.country;
    case Facet::kTopic: return sets.topic;
  }
  return sets.language;
}

// The documents one facet's selection lets through: FacetFilter as a bitmap.
DocSet FilterSet(const SearchRequest& request, Facet facet, const RevisionSets& sets) {
  const FacetValueSets& values = ValueSetsOf(sets, facet);
  DocSet chosen(sets.last_docid);
  const std::vector<std::string>& selected = Selected(request, facet);
  for (const std::string& value : selected) {
    const std::string term = SchemaOf(facet).term(value);
    auto it = values.by_value.find(term.substr(values.term_prefix.size()));
    if (it != values.by_value.end()) chosen |= it->second;
  }
  if (facet == Facet::kYear && (request.year_from || request.year_to)) {
    // The same string comparison as FacetFilter's OP_VALUE_RANGE.
    const std::string low = std::to_string(request.year_from.value_or(0));
    const std::string high = std::to_string(request.year_to.value_or(9999));
    const std::string padded_low = std::string(4 - std::min<std::size_t>(4, low.size()), '0') + low;
    const std::string padded_high =
        std::string(4 - std::min<std::size_t>(4, high.size()), '0') + high;
    DocSet in_range(sets.last_docid);
    for (const auto& [year, docs] : values.by_value) {
      if (year >= padded_low && year <= padded_high) in_range |= docs;
    }
    if (selected.empty()) return in_range;
    chosen &= in_range;
  }
  return chosen;
}

// True when MatchingDocs needs a matcher pass for some part of `query`
// (phrases, NEAR, wildcards, value ranges).
bool NeedsMatcher(const Xapian::Query& query) {
  switch (query.get_type()) {
    case Xapian::Query::LEAF_MATCH_ALL:
    case Xapian::Query::LEAF_MATCH_NOTHING:
    case Xapian::Query::LEAF_TERM: return false;
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT:
      for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        if (NeedsMatcher(query.get_subquery(i))) return true;
      }
      return false;
    default: return true;
  }
}

// The documents of `within` (every document when null) that `query`
// matches, exactly as the matcher would find them. Boolean operators over
// terms are evaluated on bitmaps of the terms' posting lists, which costs
// a few nanoseconds per posting; the rest (phrases, NEAR, wildcards, value
// ranges) goes through a matcher pass without weights that only notes
// document ids, and checks only the documents the rest of its AND leaves
// (a phrase's position checks are what cost).
DocSet MatchingDocs(const Xapian::Database& db, const Xapian::Database* twin,
                    const Xapian::Query& query, const RevisionSets& sets,
                    const DocSet* within = nullptr) {
  const std::size_t n = query.get_num_subqueries();
  const auto part = [&](std::size_t i, const DocSet* among) {
    return MatchingDocs(db, twin, query.get_subquery(i), sets, among);
  };
  switch (query.get_type()) {
    case Xapian::Query::LEAF_MATCH_ALL: return within ? *within : sets.all;
    case Xapian::Query::LEAF_MATCH_NOTHING: return DocSet(sets.last_docid);
    case Xapian::Query::LEAF_TERM: {
      DocSet docs(sets.last_docid);
      const std::string term = *query.get_terms_begin();
      for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) docs.Insert(*it);
      if (within) docs &= *within;
      return docs;
    }
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER: {
      // Parts read from bitmaps first, then those that need the matcher,
      // each among the documents left so far.
      std::optional<DocSet> docs;
      if (within) docs = *within;
      for (const bool matcher : {false, true}) {
        for (std::size_t i = 0; i < n; ++i) {
          if (NeedsMatcher(query.get_subquery(i)) != matcher) continue;
          docs = part(i, docs ? &*docs : nullptr);
        }
      }
      return docs ? std::move(*docs) : DocSet(sets.last_docid);
    }
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX: {
      DocSet docs(sets.last_docid);
      for (std::size_t i = 0; i < n; ++i) docs |= part(i, within);
      return docs;
    }
    case Xapian::Query::OP_AND_NOT: {
      DocSet docs = part(0, within);
      for (std::size_t i = 1; i < n; ++i) {
        const DocSet excluded = part(i, &docs);
        docs -= excluded;
      }
      return docs;
    }
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT: return part(0, within);
    default: break;
  }
  if (within && within->Count() == 0) return DocSet(sets.last_docid);
  MatchPass pass;
  pass.query = query;
  if (within) pass.allowed = std::make_shared<const DocSet>(*within);
  pass.weighted = false;
  pass.time_limit_seconds = kQueryTimeLimitSeconds;
  return RunMatchPass(db, twin, pass, sets.all, sets.last_docid).matches;
}

RankOrder RankOrderOf(SortOrder sort) {
  // Undated documents go last either way: "" sorts last when reversed, and
  // the oldest-first slot holds "~" for them.
  if (sort == SortOrder::kNewest) return {schema::kSlotDate, /*reverse=*/true};
  if (sort == SortOrder::kOldest) return {schema::kSlotDateOldestFirst, /*reverse=*/false};
  return {};
}

void SetSortOrder(Xapian::Enquire& enquire, SortOrder sort) { RankOrderOf(sort).ApplyTo(enquire); }

// One hit, with a snippet drawn with the query's terms.
SearchHit HitOf(const Xapian::Document& doc, double weight,
                const std::unordered_set<std::string>& query_terms, const SearchRequest& request) {
  Result<DocumentRecord> record = RecordFromJson(doc.get_data());
  if (!record.ok()) throw Xapian::DatabaseCorruptError(record.error().message);
  SearchHit hit;
  hit.record = std::move(record).value();
  hit.weight = weight;
  if (request.with_snippets) {
    const std::string doc_text = doc.get_value(schema::kSlotText);
    const SnippetRequest snippet = SnippetRequestFor(&query_terms, hit.record);
    hit.snippet = MakeSnippet(doc_text, snippet);
    if (hit.record.pages > 1) hit.matching_pages = PagesMatching(doc_text, snippet);
  }
  return hit;
}

std::vector<RankedDocument> RankedOf(const Xapian::MSet& mset) {
  std::vector<RankedDocument> ranked;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    ranked.push_back({it.get_document(), it.get_weight()});
  }
  return ranked;
}

// The page of hits of `ranked`.
std::vector<SearchHit> HitsOf(const std::vector<RankedDocument>& ranked, const Xapian::Query& text,
                              const SearchRequest& request) {
  std::vector<SearchHit> hits;
  const std::unordered_set<std::string> query_terms =
      request.with_snippets ? TermsOf(text) : std::unordered_set<std::string>{};
  for (const RankedDocument& r : ranked) {
    hits.push_back(HitOf(r.document, r.weight, query_terms, request));
  }
  return hits;
}

}  // namespace

std::string AnswerKey(const SearchRequest& request) {
  std::string key;
  const auto add = [&key](std::string_view part) {
    key += std::to_string(part.size());
    key += ':';
    key += part;
  };
  add(request.query);
  add(request.query_language);
  for (Facet facet : kAllFacets) {
    std::vector<std::string> values = Selected(request, facet);
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    add(std::to_string(values.size()));
    for (const std::string& value : values) add(value);
  }
  add(request.year_from ? std::to_string(*request.year_from) : "-");
  add(request.year_to ? std::to_string(*request.year_to) : "-");
  add(std::to_string(static_cast<int>(request.sort)));
  add(std::to_string(request.offset));
  add(std::to_string(request.limit));
  add(request.with_facets ? "f" : "-");
  add(request.with_snippets ? "s" : "-");
  return key;
}

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

Searcher::Searcher(std::string path, Xapian::Database db, std::shared_ptr<SearchCache> cache)
    : path_(std::move(path)), db_(std::move(db)), cache_(std::move(cache)) {
  if (!cache_) cache_ = std::make_shared<SearchCache>(kDefaultCachedAnswers);
  // Xapian reports a revision for exactly one local chert or glass
  // database and throws for shards and remote ones.
  try {
    db_.get_revision();
    single_local_ = true;
  } catch (const Xapian::Error&) {
    single_local_ = false;
  }
}

Result<std::unique_ptr<Searcher>> Searcher::Open(const std::string& path,
                                                 std::shared_ptr<SearchCache> cache) {
  // Opening reads the version metadata, which a commit can discard under us:
  // Xapian's advice holds here too, open again and repeat.
  for (int attempt = 1;; ++attempt) {
    try {
      return OpenOnce(path, cache);
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt == kMaxAttempts) {
        return Error{ErrorCode::kUnavailable, "index at " + path + " keeps changing: " + e.get_msg()};
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(attempt - 1));
    }
  }
}

Result<std::unique_ptr<Searcher>> Searcher::OpenOnce(const std::string& path,
                                                     std::shared_ptr<SearchCache> cache) {
  try {
    Xapian::Database db(path);
    const std::string version = db.get_metadata(std::string(schema::kVersionKey));
    if (version != std::to_string(schema::kVersion)) {
      return Error{ErrorCode::kCorrupt,
                   "index at " + path + " has schema version '" + version + "', this program reads " +
                       std::to_string(schema::kVersion) + ": re-index it with archivist-index"};
    }
    return std::unique_ptr<Searcher>(new Searcher(path, std::move(db), std::move(cache)));
  } catch (const Xapian::DatabaseOpeningError& e) {
    return Error{ErrorCode::kUnavailable, "cannot open index at " + path + ": " + e.get_msg()};
  } catch (const Xapian::DatabaseModifiedError&) {
    throw;  // Open() repeats
  } catch (const Xapian::Error& e) {
    return Error{ErrorCode::kUnavailable, "cannot open index at " + path + ": " + e.get_description()};
  }
}

void Searcher::SplitMatchesFrom(Xapian::doccount documents) { split_from_ = documents; }

const Xapian::Database* Searcher::Twin() {
  static const bool several_cores = std::thread::hardware_concurrency() > 1;
  if (!several_cores || db_.get_doccount() < split_from_) return nullptr;
  // A second handle, opened the first time a large pass needs it, reading
  // the revision db_ reads; when a commit comes between the two, this
  // search runs on one core rather than mix revisions.
  if (!twin_) twin_.emplace(path_);
  if (twin_->get_revision() != db_.get_revision()) twin_->reopen();
  if (twin_->get_revision() != db_.get_revision()) return nullptr;
  return &*twin_;
}

Result<Xapian::doccount> Searcher::DocumentCount() {
  try {
    db_.reopen();
    return db_.get_doccount();
  } catch (const Xapian::Error& e) {
    return Error{ErrorCode::kUnavailable, e.get_description()};
  }
}

template <typename T, typename F>
Result<T> Searcher::Guarded(F&& body) {
  try {
    // Xapian: on DatabaseModifiedError, reopen and repeat. An indexer that
    // commits every few milliseconds can overwrite the revision a search
    // reads more than once, and reopen() itself can meet a revision being
    // replaced, so reopening is inside the loop and later tries wait a
    // little for the commit to finish.
    for (int attempt = 1;; ++attempt) {
      try {
        db_.reopen();  // pick up the latest commit; cheap when unchanged
        return body();
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt == kMaxAttempts) throw;
        std::this_thread::sleep_for(std::chrono::milliseconds(attempt - 1));
      }
    }
  } catch (const Xapian::QueryParserError& e) {
    return Error{ErrorCode::kInvalidArgument, "q: cannot parse query: " + e.get_msg()};
  } catch (const Xapian::DatabaseModifiedError& e) {
    return Error{ErrorCode::kUnavailable, "index changing: " + e.get_msg()};
  } catch (const Xapian::DocNotFoundError& e) {
    return Error{ErrorCode::kNotFound, e.get_msg()};
  } catch (const Xapian::Error& e) {
    return Error{ErrorCode::kInternal, e.get_description()};
  }
}

Result<SearchPage> Searcher::Search(const SearchRequest& request) {
  return SearchCached(request, /*accept_stale=*/true);
}

Result<SearchPage> Searcher::SearchLatest(const SearchRequest& request) {
  return SearchCached(request, /*accept_stale=*/false);
}

Result<SearchPage> Searcher::SearchCached(const SearchRequest& request, bool accept_stale) {
  return Guarded<SearchPage>([&] {
    const std::optional<IndexState> state = LocalState();
    if (!state) return SearchOnce(request);
    const SearchCache::Answer answer = cache_->FindOrCompute(
        *state, AnswerKey(request),
        [&] { return std::make_shared<const SearchPage>(SearchOnce(request)); }, accept_stale);
    SearchPage page = *answer.page;
    page.from_earlier_commit = answer.stale;
    return page;
  });
}

std::optional<IndexState> Searcher::LocalState() const {
  if (!single_local_) return std::nullopt;
  return IndexState{db_.get_uuid(), db_.get_revision()};
}

Result<std::vector<Xapian::docid>> Searcher::MatchingIds(const SearchRequest& request) {
  return Guarded<std::vector<Xapian::docid>>([&] {
    Xapian::Enquire enquire(db_);
    const Xapian::Query text = WithWordPairs(ParseUserQuery(db_, request), db_);
    enquire.set_query(Filtered(text, CombinedFilter(request, std::nullopt)));
    SetSortOrder(enquire, request.sort);
    // No time limit: a matcher cut short would drop rows from an export
    // without a word.
    const Xapian::MSet mset = enquire.get_mset(0, db_.get_doccount());
    std::vector<Xapian::docid> ids;
    ids.reserve(mset.size());
    for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(*it);
    return ids;
  });
}

Result<std::vector<DocumentRecord>> Searcher::Records(std::span<const Xapian::docid> ids) {
  return Guarded<std::vector<DocumentRecord>>([&]() -> Result<std::vector<DocumentRecord>> {
    std::vector<DocumentRecord> records;
    records.reserve(ids.size());
    for (Xapian::docid id : ids) {
      Xapian::Document doc;
      try {
        doc = db_.get_document(id);
      } catch (const Xapian::DocNotFoundError&) {
        continue;  // deleted since the ids were read
      }
      Result<DocumentRecord> record = RecordFromJson(doc.get_data());
      if (!record.ok()) return record.error();
      records.push_back(std::move(record).value());
    }
    return records;
  });
}

Xapian::Document Searcher::FindDocument(const std::string& id) {
  const std::string term = schema::IdTerm(id);
  Xapian::PostingIterator it = db_.postlist_begin(term);
  if (it == db_.postlist_end(term)) throw Xapian::DocNotFoundError("no document " + id);
  return db_.get_document(*it);
}

Result<StoredDocument> Searcher::Document(const std::string& id) {
  return Guarded<StoredDocument>([&]() -> Result<StoredDocument> {
    const std::string term = schema::IdTerm(id);
    if (id.empty() || db_.get_termfreq(term) == 0) {
      return Error{ErrorCode::kNotFound, "no document with id " + id};
    }
    const Xapian::Document doc = FindDocument(id);
    Result<DocumentRecord> record = RecordFromJson(doc.get_data());
    if (!record.ok()) return record.error();
    StoredDocument stored{std::move(record).value(), {}};
    const std::string text = doc.get_value(schema::kSlotText);
    std::size_t begin = 0;
    while (true) {
      const std::size_t end = text.find(schema::kPageBreak, begin);
      stored.pages.push_back(text.substr(begin, end == std::string::npos ? end : end - begin));
      if (end == std::string::npos) break;
      begin = end + 1;
    }
    return stored;
  });
}

Result<std::vector<SearchHit>> Searcher::Similar(const std::string& id, Xapian::doccount limit) {
  return Guarded<std::vector<SearchHit>>([&]() -> Result<std::vector<SearchHit>> {
    const std::string term = schema::IdTerm(id);
    if (id.empty() || db_.get_termfreq(term) == 0) {
      return Error{ErrorCode::kNotFound, "no document with id " + id};
    }
    Xapian::RSet relevant;
    relevant.add_document(FindDocument(id).get_docid());
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query(term));
    const FreeTextTerms decider;
    const Xapian::ESet eset = enquire.get_eset(4 * kSimilarTerms, relevant, &decider);
    // A word only this document holds cannot lead to another one; the rest
    // count as much as the expansion weighs them (Omega's MORELIKE ORs them
    // unweighted, which lets long documents win on common words).
    // Words most documents hold ("the", "also") say nothing about a topic;
    // the index keeps no stop list, so frequency decides.
    const Xapian::doccount too_common = std::max<Xapian::doccount>(3, db_.get_doccount() / 4);
    std::vector<Xapian::Query> words;
    for (auto it = eset.begin(); it != eset.end() && words.size() < kSimilarTerms; ++it) {
      const Xapian::doccount frequency = db_.get_termfreq(*it);
      if (frequency < 2 || frequency > too_common) continue;
      words.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it), it.get_weight());
    }
    std::vector<SearchHit> hits;
    if (words.empty()) return hits;
    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT,
                                    Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end()),
                                    Xapian::Query(term)));
    enquire.set_time_limit(kQueryTimeLimitSeconds);
    // Full length normalisation (BM25 b=1): a long document holds some of
    // any set of words, which is not what makes it alike.
    enquire.set_weighting_scheme(Xapian::BM25Weight(1, 0, 1, 1, 0.5));
    const Xapian::MSet mset = enquire.get_mset(0, limit);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Result<DocumentRecord> record = RecordFromJson(it.get_document().get_data());
      if (!record.ok()) return record.error();
      SearchHit hit;
      hit.record = std::move(record).value();
      hit.weight = it.get_weight();
      hits.push_back(std::move(hit));
    }
    return hits;
  });
}

Result<Suggestions> Searcher::Suggest(const std::string& typed, std::size_t limit) {
  return Guarded<Suggestions>([&]() -> Result<Suggestions> {
    Suggestions out;
    const std::string folded = FoldText(typed);
    const std::size_t end = folded.find_last_not_of(" \t\r\n");
    if (end == std::string::npos || limit == 0) return out;
    // Only a word being typed (no space after it yet) is completed.
    if (end + 1 == folded.size()) {
      std::size_t begin = folded.find_last_of(" \t\r\n\"(") ;
      begin = begin == std::string::npos ? 0 : begin + 1;
      const std::string word = FoldWord(folded.substr(begin));
      const std::string head = folded.substr(0, begin);
      std::vector<std::pair<Xapian::doccount, std::string>> candidates;
      std::size_t scanned = 0;
      for (auto t = db_.allterms_begin(word); !word.empty() && t != db_.allterms_end(word); ++t) {
        if (++scanned > kMaxCompletionScan) break;
        if (FreeTextTerms()(*t)) candidates.emplace_back(t.get_termfreq(), *t);
      }
      const std::size_t n = std::min(limit, candidates.size());
      std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(n),
                        candidates.end(), [](const auto& a, const auto& b) {
                          return a.first != b.first ? a.first > b.first : a.second < b.second;
                        });
      for (std::size_t i = 0; i < n; ++i) out.completions.push_back(head + candidates[i].second);
    }
    // Titles: the words so far against title terms, the last one as a prefix.
    Xapian::QueryParser parser = MakeParser(db_, "und");
    Xapian::Query query;
    try {
      query = parser.parse_query(folded, Xapian::QueryParser::FLAG_PARTIAL,
                                 std::string(schema::kTitlePrefix));
    } catch (const Xapian::QueryParserError&) {
      return out;  // half-typed syntax is normal here: no titles yet
    }
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    enquire.set_time_limit(kQueryTimeLimitSeconds);
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Result<DocumentRecord> record = RecordFromJson(it.get_document().get_data());
      if (record.ok()) out.titles.push_back(std::move(record).value());
    }
    return out;
  });
}

Result<IndexStats> Searcher::Stats(bool with_facets) {
  return Guarded<IndexStats>([&]() -> Result<IndexStats> {
    SearchRequest everything;
    everything.limit = 0;
    everything.with_snippets = false;
    IndexStats stats;
    if (with_facets) stats.facets = SearchOnce(everything).facets;
    stats.documents = db_.get_doccount();
    stats.last_indexed = db_.get_metadata(std::string(schema::kLastIndexedKey));
    return stats;
  });
}

SearchPage Searcher::SearchOnce(const SearchRequest& request) {
  // Without facets the matcher alone counts the total; the sets would only
  // cost their building (exports read pinned, older revisions).
  if (request.with_facets) {
    if (const std::optional<IndexState> state = LocalState()) {
      return SearchWithSets(request, *cache_->Sets(db_, *state));
    }
  }
  return SearchWithSpies(request);
}

SearchPage Searcher::SearchWithSets(const SearchRequest& request, const RevisionSets& sets) {
  // `text` as the user wrote it draws the snippets; `matched`, the same
  // matches and weights with phrases of frequent words read from pair
  // terms, is what the matcher runs.
  const Xapian::Query text = ParseUserQuery(db_, request);
  const Xapian::Query matched = WithWordPairs(text, db_);
  SearchPage page;

  std::map<Facet, DocSet> filters;
  for (Facet facet : kAllFacets) {
    if (HasSelection(request, facet)) filters.emplace(facet, FilterSet(request, facet, sets));
  }
  // What every filter allows at once: null without filters.
  std::shared_ptr<DocSet> allowed;
  for (const auto& [facet, filter] : filters) {
    if (!allowed) {
      allowed = std::make_shared<DocSet>(filter);
    } else {
      *allowed &= filter;
    }
  }

  // Every document the text matches, whatever the filters; the result set
  // and each facet's "all filters but its own" set are bitmap ANDs of it.
  DocSet text_matches;
  std::vector<RankedDocument> ranked;
  const std::vector<Xapian::docid>* date_order =
      request.sort == SortOrder::kNewest   ? &sets.newest_first
      : request.sort == SortOrder::kOldest ? &sets.oldest_first
                                           : nullptr;
  const bool browsing_by_date = IsBlank(request.query) && date_order;
  if (browsing_by_date) {
    text_matches = sets.all;  // the page is read from the date order below
  } else if (filters.empty() && NeedsMatcher(matched)) {
    // A phrase must be checked against positions in every candidate
    // anyway: do it once, noting the matches while the page is found.
    MatchPass pass;
    pass.query = matched;
    pass.order = RankOrderOf(request.sort);
    pass.first = request.offset;
    pass.count = request.limit;
    pass.time_limit_seconds = kQueryTimeLimitSeconds;
    PassResult result = RunMatchPass(db_, Twin(), pass, sets.all, sets.last_docid);
    text_matches = std::move(result.matches);
    ranked = std::move(result.page);
  } else {
    text_matches = MatchingDocs(db_, NeedsMatcher(matched) ? Twin() : nullptr, matched, sets);
    if (request.limit > 0) {
      // The filters as one set the matcher walks. The page itself needs no
      // exact count, so Xapian may skip documents that cannot reach it
      // (its max-weight optimisations).
      Xapian::Enquire enquire(db_);
      if (allowed) {
        auto* source = new DocSetPostingSource(allowed);
        enquire.set_query(Filtered(matched, Xapian::Query(source->release())));
      } else {
        enquire.set_query(matched);
      }
      enquire.set_time_limit(kQueryTimeLimitSeconds);
      SetSortOrder(enquire, request.sort);
      ranked = RankedOf(enquire.get_mset(request.offset, request.limit));
    }
  }
  DocSet matches = text_matches;
  if (allowed) matches &= *allowed;
  page.total = static_cast<Xapian::doccount>(matches.Count());
  if (browsing_by_date) {
    // Every weight is equal without a query, so Xapian's sort by date
    // then relevance is the date order of the revision: walk it instead
    // of reading the date of every match.
    Xapian::doccount skipped = 0;
    const std::unordered_set<std::string> no_terms;
    for (Xapian::docid id : *date_order) {
      if (page.hits.size() >= request.limit) break;
      if (!matches.Contains(id)) continue;
      if (skipped++ < request.offset) continue;
      page.hits.push_back(HitOf(db_.get_document(id), 0, no_terms, request));
    }
  } else {
    page.hits = HitsOf(ranked, text, request);
  }
  if (request.with_snippets) page.spelling_suggestion = SpellingSuggestion(db_, request);

  // Disjunctive facets: a facet with a selection is counted with every
  // filter but its own, so its other values show what choosing them gives.
  for (Facet facet : kAllFacets) {
    const DocSet* counted = &matches;
    DocSet all_but_own;
    if (filters.count(facet)) {
      all_but_own = text_matches;
      for (const auto& [other, filter] : filters) {
        if (other != facet) all_but_own &= filter;
      }
      counted = &all_but_own;
    }
    std::map<std::string, Xapian::doccount> totals;
    for (const auto& [value, docs] : ValueSetsOf(sets, facet).by_value) {
      const auto count = static_cast<Xapian::doccount>(counted->CountIntersection(docs));
      if (count > 0) totals.emplace(value, count);
    }
    page.facets.push_back(SortedCounts(facet, std::move(totals), Selected(request, facet)));
  }
  return page;
}

SearchPage Searcher::SearchWithSpies(const SearchRequest& request) {
  const Xapian::Query text = ParseUserQuery(db_, request);
  // Every shard holds the same pair words (the writer gives them all).
  const Xapian::Query matched = WithWordPairs(text, db_);
  // Exact counts need the matcher to see every match (Enquire::add_matchspy).
  const Xapian::doccount check_at_least = db_.get_doccount();

  Xapian::Enquire enquire(db_);
  enquire.set_query(Filtered(matched, CombinedFilter(request, std::nullopt)));
  enquire.set_time_limit(kQueryTimeLimitSeconds);
  SetSortOrder(enquire, request.sort);

  std::vector<std::unique_ptr<FacetSpies>> main_spies;
  if (request.with_facets) {
    for (Facet facet : kAllFacets) {
      if (!HasSelection(request, facet)) {
        main_spies.push_back(std::make_unique<FacetSpies>(db_, enquire, facet));
      }
    }
  }
  const Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, check_at_least);

  SearchPage page;
  page.total = mset.get_matches_estimated();  // exact: checkatleast covers the database
  if (request.with_snippets) page.spelling_suggestion = SpellingSuggestion(db_, request);
  page.hits = HitsOf(RankedOf(mset), text, request);
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
    facet_enquire.set_query(Filtered(matched, CombinedFilter(request, facet)));
    facet_enquire.set_time_limit(kQueryTimeLimitSeconds);
    FacetSpies spies(db_, facet_enquire, facet);
    facet_enquire.get_mset(0, 0, check_at_least);
    page.facets.push_back(spies.Counts(Selected(request, facet)));
  }
  return page;
}

}  // namespace archivist
