// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/user_query.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "core/analysis.h"
#include "core/error.h"
#include "core/language.h"
#include "core/schema.h"
#include "core/text.h"
#include "engine/word_pairs.h"

namespace archivist {
namespace {

// The wildcards of a parsed query (OP_WILDCARD leaves; Xapian expands them
// only when the matcher runs): every occurrence, and each pattern once.
struct Wildcards {
  std::size_t occurrences = 0;
  std::set<std::string> patterns;  // each leaf's description names its pattern
};

void CollectWildcards(const Xapian::Query& query, Wildcards& out) {
  if (query.get_type() == Xapian::Query::OP_WILDCARD) {
    ++out.occurrences;
    out.patterns.insert(query.get_description());
    return;
  }
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    CollectWildcards(query.get_subquery(i), out);
  }
}

// True when every word of `folded` is one of `stopper`'s stop words.
bool OnlyStopWords(const std::string& folded, const Xapian::Stopper* stopper) {
  if (!stopper) return false;
  const std::vector<std::string> words = QueryWords(folded);
  return !words.empty() &&
         std::all_of(words.begin(), words.end(),
                     [stopper](const std::string& word) { return (*stopper)(word); });
}

// The languages whose stop words a query's every reading drops, as the
// documents of those languages gave them no stems: the language the query
// is written in when the detector is sure of it, English (the archive's
// lingua franca: "trafficking and brazil" is not a search for "and" in the
// Dutch reading), and any language two of whose stop words the query holds
// ("la traite et les enfants"). One stop word of German alone does not make
// "war crimes" German.
std::vector<std::string> QueryLanguages(const std::string& folded, const std::string& pinned) {
  std::vector<std::string> languages = {"en"};
  const auto add = [&](const std::string& language) {
    if (std::find(languages.begin(), languages.end(), language) == languages.end()) {
      languages.push_back(language);
    }
  };
  if (!pinned.empty()) add(pinned);
  if (const LanguageGuess guess = DetectLanguage(folded); guess.reliable) add(guess.language);
  const std::vector<std::string> words = QueryWords(folded);
  for (const std::string& language : StemmedLanguages()) {
    const Xapian::Stopper* stopper = StopperFor(language);
    if (!stopper) continue;
    const auto stop_words =
        std::count_if(words.begin(), words.end(), [&](const std::string& w) { return (*stopper)(w); });
    if (stop_words >= 2) add(language);
  }
  return languages;
}

// A stopper that drops the stop words of several languages: each reading's
// own and the query's (QueryLanguages). Xapian calls it for words only, so
// an upper-case "AND" stays an operator.
class QueryStopper : public Xapian::Stopper {
 public:
  QueryStopper() = default;
  // Xapian's Stopper cannot be copied; the list of stoppers can.
  QueryStopper(const QueryStopper& other) : Xapian::Stopper(), stoppers_(other.stoppers_) {}
  QueryStopper& operator=(const QueryStopper&) = delete;

  void Add(const Xapian::Stopper* stopper) {
    if (stopper && std::find(stoppers_.begin(), stoppers_.end(), stopper) == stoppers_.end()) {
      stoppers_.push_back(stopper);
    }
  }
  bool operator()(const std::string& word) const override {
    return std::any_of(stoppers_.begin(), stoppers_.end(),
                       [&](const Xapian::Stopper* stopper) { return (*stopper)(word); });
  }
  bool empty() const { return stoppers_.empty(); }

 private:
  std::vector<const Xapian::Stopper*> stoppers_;
};

// True when the query holds at least two words that are not stop words:
// only then does matching all of them say more than matching one.
bool SeveralWords(const std::string& folded, const Xapian::Stopper& stopper) {
  const std::vector<std::string> words = QueryWords(folded);
  return std::count_if(words.begin(), words.end(),
                       [&](const std::string& w) { return !stopper(w); }) >= 2;
}

// The query's words that are not stop words, as plain terms within
// kNearWindowPerWord positions per word of each other; an empty query for
// fewer than two such words, or for a query with operators, phrases,
// prefixes or wildcards, whose structure the user chose.
Xapian::Query NearWords(const std::string& folded, const Xapian::Stopper& stopper) {
  if (folded.find_first_of("\":*()+-") != std::string::npos) return Xapian::Query();
  const std::string padded = " " + folded + " ";
  for (const char* op : {" AND ", " OR ", " NOT ", " XOR ", " NEAR ", " ADJ "}) {
    if (padded.find(op) != std::string::npos) return Xapian::Query();
  }
  std::vector<std::string> terms;
  for (const std::string& word : QueryWords(folded)) {
    if (!stopper(word) && std::find(terms.begin(), terms.end(), word) == terms.end()) {
      terms.push_back(word);
    }
  }
  if (terms.size() < 2) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_NEAR, terms.begin(), terms.end(),
                       kNearWindowPerWord * static_cast<Xapian::termcount>(terms.size()));
}

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

// `query` with the weight of `part`, times `factor`, added to the documents
// both match (OP_AND_MAYBE), and no match added. An OR in `part` that holds
// a phrase or a NEAR becomes one OP_AND_MAYBE per alternative, which adds
// the same weights (an OR weighs the sum of the alternatives a document
// matches; an OR of plain words stays one part, cheaper to match): Xapian
// 1.4.22 credits a document with the weight of a phrase it does not hold
// when the phrase is an alternative of an OR on the right of an AND_MAYBE
// ("apt-get install"
// on corpus-real: document 121 holds "apt" and "get" apart and got their
// 6.09 on top of its 7.61, depending on which documents the left-hand side
// stood on before, so a filter on the left changed it). The phrase on its
// own there is weighed right.
Xapian::Query WithWeightOf(const Xapian::Database& db, const Xapian::Query& query,
                           const Xapian::Query& part, double factor) {
  if (part.get_type() == Xapian::Query::OP_OR && HoldsPositional(part)) {
    Xapian::Query weighed = query;
    for (std::size_t i = 0; i < part.get_num_subqueries(); ++i) {
      weighed = WithWeightOf(db, weighed, part.get_subquery(i), factor);
    }
    return weighed;
  }
  // A phrase of frequent words is answered from pair terms here, inside
  // the scaled part: WithWordPairs cannot reach into a scaled query later
  // (Xapian 1.4 does not tell a scaled query's factor), and a phrase left
  // there checks the positions of every document the rest matches ("child
  // children" on the generated 50,000, one thread: 96 ms with it, 68 ms
  // without). What still checks positions (a title phrase has no pair
  // terms) is asked so that each candidate is checked once.
  const Xapian::Query answered = CheckedOncePerDocument(WithWordPairs(part, db));
  const Xapian::Query scaled =
      factor == 1.0 ? answered : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, answered, factor);
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, scaled);
}

}  // namespace

bool HoldsPositional(const Xapian::Query& query) {
  if (query.get_type() == Xapian::Query::OP_PHRASE || query.get_type() == Xapian::Query::OP_NEAR) {
    return true;
  }
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    if (HoldsPositional(query.get_subquery(i))) return true;
  }
  return false;
}

Xapian::Query CheckedOncePerDocument(const Xapian::Query& part) {
  if (!HoldsPositional(part)) return part;
  // The empty term rather than Query::MatchAll: see ParseUserQuery.
  const Xapian::Query every_document(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(std::string()),
                                     0.0);
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, part, every_document);
}

std::vector<std::string> QueryWords(const std::string& folded) {
  const auto in_word = [&](std::size_t i) {
    const auto c = static_cast<unsigned char>(folded[i]);
    return std::isalnum(c) || c >= 0x80;
  };
  std::vector<std::string> words;
  std::string word;
  for (std::size_t i = 0; i <= folded.size(); ++i) {
    const auto c = i < folded.size() ? static_cast<unsigned char>(folded[i]) : ' ';
    // An apostrophe or ampersand between two of a word's characters is
    // inside it ("children's", "at&t"), as Xapian's term generator and
    // query parser read it: split there, "children's" was the two words
    // "children" and "s", and the lone "s" of "c. 27, s. 30" was marked
    // in snippets.
    const bool infix = (c == '\'' || c == '&') && !word.empty() && i + 1 < folded.size() &&
                       in_word(i + 1);
    if (std::isalnum(c) || c >= 0x80 || infix) {
      word += static_cast<char>(c);
      continue;
    }
    if (!word.empty()) words.push_back(FoldWord(word));
    word.clear();
  }
  return words;
}

namespace {

// The free-text fields a query may name, and their terms' prefixes.
struct FreeTextField {
  std::string_view name;
  std::string_view prefix;
};
constexpr FreeTextField kFreeTextFields[] = {{"title", schema::kTitlePrefix},
                                             {"author", schema::kAuthorPrefix}};

}  // namespace

std::string FreeTextFieldPrefix(const std::string& name) {
  for (const FreeTextField& field : kFreeTextFields) {
    if (field.name == name) return std::string(field.prefix);
  }
  return "";
}

bool IsBlank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

Xapian::termcount WildcardExpansionFor(std::size_t wildcards) {
  if (wildcards == 0) return kMaxWildcardExpansion;
  return std::max<Xapian::termcount>(
      1, std::min<Xapian::termcount>(
             kMaxWildcardExpansion,
             static_cast<Xapian::termcount>(kMaxExpandedTermsPerQuery / wildcards)));
}

// The wildcard bomb (issue 17): hundreds of wildcards ORed, each expanding
// to its own 500 terms, took 19 s and 300 MB. The count is read from the
// query as parsed (a "*" inside a phrase is no wildcard), unstemmed, as
// wildcards are; a query without "*" has none and is not parsed an extra
// time. Every occurrence counts towards kMaxWildcardsPerQuery (each is
// expanded on its own when the matcher runs), but the terms shared out are
// distinct terms: "rapport* OR rapport*" expands to the same 500 terms
// twice, not to two halves of them.
Xapian::termcount WildcardExpansionForQuery(const Xapian::Database& db,
                                            const std::string& folded) {
  if (folded.find('*') == std::string::npos) return kMaxWildcardExpansion;
  Wildcards wildcards;
  CollectWildcards(MakeParser(db, "und").parse_query(folded, kParseFlags), wildcards);
  if (wildcards.occurrences > kMaxWildcardsPerQuery) {
    throw Exception(ErrorCode::kInvalidArgument,
                    "q: too many wildcards: " + std::to_string(wildcards.occurrences) +
                        " (at most " + std::to_string(kMaxWildcardsPerQuery) + " per query)");
  }
  return WildcardExpansionFor(wildcards.patterns.size());
}

// `country:br` in a query: the query is folded (lower case) before it is
// parsed, but country filter terms hold the ISO code in upper case.
class CountryField : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& code) override {
    std::string upper = code;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return Xapian::Query(schema::CountryTerm(upper));
  }
};

Xapian::QueryParser MakeParser(const Xapian::Database& db, const std::string& language,
                               Xapian::termcount max_expansion) {
  Xapian::QueryParser parser;
  parser.set_database(db);
  parser.set_stemmer(StemmerFor(language));
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  // Each reading drops its own language's stop words, as the indexer did.
  parser.set_stopper(StopperFor(language));
  parser.set_max_expansion(max_expansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  for (const FreeTextField& field : kFreeTextFields) {
    parser.add_prefix(std::string(field.name), std::string(field.prefix));
  }
  // "language", as the filter parameter and the facet are named; "lang",
  // the older name, kept as an alias for queries people have saved.
  parser.add_boolean_prefix("language", std::string(schema::kLanguagePrefix));
  parser.add_boolean_prefix("lang", std::string(schema::kLanguagePrefix));
  parser.add_boolean_prefix("type", std::string(schema::kTypePrefix));
  parser.add_boolean_prefix("country", (new CountryField())->release());
  parser.add_boolean_prefix("topic", std::string(schema::kTopicPrefix));
  parser.add_boolean_prefix("year", std::string(schema::kYearPrefix));
  return parser;
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
  const Xapian::termcount expansion = WildcardExpansionForQuery(db, folded);
  // The query's own languages' stop words, dropped from every reading.
  QueryStopper query_stop_words;
  for (const std::string& language : QueryLanguages(folded, request.query_language)) {
    query_stop_words.Add(StopperFor(language));
  }
  const bool several_words = SeveralWords(folded, query_stop_words);
  std::vector<Xapian::Query> readings;
  std::vector<Xapian::Query> all_words;  // each reading with every word required
  std::vector<Xapian::Query> in_title;   // each reading with every word in the title
  Xapian::Query plain_words;
  bool reading_needs_every_word = true;  // each reading is its all_words one
  std::set<std::string> seen;
  for (const std::string& language : languages) {
    Xapian::QueryParser parser = MakeParser(db, language, expansion);
    QueryStopper stopper(query_stop_words);
    stopper.Add(StopperFor(language));
    const bool only_stop_words = OnlyStopWords(folded, stopper.empty() ? nullptr : &stopper);
    if (only_stop_words) {
      // "des", "the and": the user meant them. The indexer gave stop words
      // no stems (STOP_STEMMED), so read them as they are.
      parser.set_stopper(nullptr);
      parser.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
    } else if (!stopper.empty()) {
      parser.set_stopper(&stopper);
    }
    Xapian::Query reading = parser.parse_query(folded, kParseFlags);
    if (!seen.insert(reading.get_description()).second) continue;
    if (request.query_language.empty() && language == "und") {
      plain_words = reading;
      continue;
    }
    readings.push_back(reading);
    if (several_words && !only_stop_words) {
      parser.set_default_op(Xapian::Query::OP_AND);
      all_words.push_back(parser.parse_query(folded, kParseFlags));
      reading_needs_every_word =
          reading_needs_every_word &&
          all_words.back().get_description() == reading.get_description();
      in_title.push_back(parser.parse_query(folded, kParseFlags, std::string(schema::kTitlePrefix)));
    } else {
      reading_needs_every_word = false;
    }
  }
  if (!plain_words.empty()) {
    // Weightless here: the AND_MAYBE below weighs the plain words once.
    if (const Xapian::Query unstemmed = UnstemmedDocuments(db); !unstemmed.empty()) {
      readings.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                            Xapian::Query(Xapian::Query::OP_FILTER, plain_words, unstemmed), 0.0);
    }
  }
  Xapian::Query matched =
      readings.size() == 1 ? readings.front()
                           : Xapian::Query(Xapian::Query::OP_OR, readings.begin(), readings.end());
  if (!all_words.empty()) {
    // A document holding every word of a reading ranks above one holding
    // some (issue 18): the reading with every word required adds its weight
    // again, scaled, to the documents it matches. It adds no match.
    if (reading_needs_every_word) {
      // A quoted phrase, or words joined by AND: every match holds every
      // word, so the boost is the match's own weight again. Scaled instead,
      // the same weights cost one matching of the readings, not two (its
      // phrases answered from pair terms first: WithWordPairs cannot reach
      // into a scaled query later).
      matched = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, WithWordPairs(matched, db),
                              1.0 + kAllWordsBoost);
    } else {
      matched = WithWeightOf(
          db, matched, Xapian::Query(Xapian::Query::OP_OR, all_words.begin(), all_words.end()),
          kAllWordsBoost);
    }
    // Every word in the title: a title names what the document is about.
    matched = WithWeightOf(
        db, matched, Xapian::Query(Xapian::Query::OP_OR, in_title.begin(), in_title.end()),
        kTitleBoost);
    // The words near each other, as typed (plain terms hold positions;
    // stems do not, STEM_SOME).
    if (const Xapian::Query near = NearWords(folded, query_stop_words); !near.empty()) {
      matched = WithWeightOf(db, matched, near, kNearBoost);
    }
  }
  if (plain_words.empty()) return matched;
  return WithWeightOf(db, matched, plain_words, 1.0);
}

}  // namespace archivist
