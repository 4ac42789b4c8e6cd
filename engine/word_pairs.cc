// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/word_pairs.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <utility>

#include "core/schema.h"

namespace archivist {
namespace {

// A phrase whose window is its number of words: Xapian 1.4 offers the
// window only through the description, "(a@1 PHRASE 2 b@2)".
bool IsExactPhrase(const Xapian::Query& query) {
  if (query.get_type() != Xapian::Query::OP_PHRASE) return false;
  const std::string description = query.get_description();
  const std::string marker = " PHRASE ";
  const std::size_t at = description.find(marker);
  if (at == std::string::npos) return false;
  const char* begin = description.data() + at + marker.size();
  const char* end = description.data() + description.size();
  std::size_t window = 0;
  if (std::from_chars(begin, end, window).ec != std::errc()) return false;
  return window == query.get_num_subqueries();
}

Xapian::Query AnyOf(const std::vector<std::string>& terms) {
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// The generation terms of documents analysed before `generation`, and of
// those analysed with it or later.
std::pair<std::vector<std::string>, std::vector<std::string>> GenerationTerms(
    const PairIndex& pairs, int generation) {
  std::pair<std::vector<std::string>, std::vector<std::string>> older_newer;
  for (const auto& [g, documents] : pairs.documents_by_generation) {
    if (documents == 0) continue;
    (g < generation ? older_newer.first : older_newer.second)
        .push_back(schema::PairGenerationTerm(g));
  }
  return older_newer;
}

// The index's pair terms, read when a query first has a phrase to rewrite
// (most have none, and reading costs tens of microseconds).
class PairIndexOnDemand {
 public:
  explicit PairIndexOnDemand(const Xapian::Database& db) : db_(db) {}

  // Null when the index's pairs cannot serve: no frequent words yet, or
  // documents analysed before pair terms existed.
  const PairIndex* Get() {
    if (!index_) index_ = PairIndex::Read(db_);
    return index_->words.empty() || !index_->every_document_tagged ? nullptr : &*index_;
  }

 private:
  const Xapian::Database& db_;
  std::optional<PairIndex> index_;
};

// The phrase answered from pair terms, or nothing when none of its pairs
// is of frequent words.
std::optional<Xapian::Query> PhraseWithPairs(const Xapian::Query& phrase, const PairIndex& pairs) {
  const std::size_t n = phrase.get_num_subqueries();
  std::vector<std::string> words;
  for (std::size_t i = 0; i < n; ++i) {
    const Xapian::Query word = phrase.get_subquery(i);
    if (word.get_type() != Xapian::Query::LEAF_TERM) return std::nullopt;
    words.push_back(*word.get_terms_begin());
  }
  std::vector<std::string> pair_terms;
  int needed_generation = 0;  // the latest generation among the pairs' words
  for (std::size_t i = 0; i + 1 < n; ++i) {
    const int first = pairs.words.GenerationOf(words[i]);
    const int second = pairs.words.GenerationOf(words[i + 1]);
    std::string term = PairTermOf(words[i], words[i + 1]);
    if (first < 0 || second < 0 || term.empty()) continue;
    pair_terms.push_back(std::move(term));
    needed_generation = std::max({needed_generation, first, second});
  }
  if (pair_terms.empty()) return std::nullopt;

  // Two words side by side are exactly their pair term; a longer phrase's
  // pairs can each occur apart, so its positions are still checked.
  const Xapian::Query pair_filter(Xapian::Query::OP_AND, pair_terms.begin(), pair_terms.end());
  const Xapian::Query words_query =
      n == 2 ? Xapian::Query(Xapian::Query::OP_AND, phrase.get_subquery(0), phrase.get_subquery(1))
             : phrase;
  const Xapian::Query from_pairs(Xapian::Query::OP_FILTER, words_query, pair_filter);

  const auto [older, newer] = GenerationTerms(pairs, needed_generation);
  if (older.empty()) return from_pairs;
  if (newer.empty()) return std::nullopt;
  return Xapian::Query(Xapian::Query::OP_OR,
                       Xapian::Query(Xapian::Query::OP_FILTER, from_pairs, AnyOf(newer)),
                       Xapian::Query(Xapian::Query::OP_FILTER, phrase, AnyOf(older)));
}

// `query` with its phrases answered from pair terms, or nothing when none
// of them can be.
std::optional<Xapian::Query> Rewritten(const Xapian::Query& query, PairIndexOnDemand& pairs) {
  switch (query.get_type()) {
    case Xapian::Query::OP_PHRASE: {
      if (!IsExactPhrase(query)) return std::nullopt;
      const PairIndex* index = pairs.Get();
      if (!index) return std::nullopt;
      return PhraseWithPairs(query, *index);
    }
    // Operators whose parts are weighed (or filter) on their own. Not
    // SYNONYM or MAX, which weigh a part by what it matches as a whole.
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_FILTER: {
      std::vector<Xapian::Query> parts;
      bool changed = false;
      for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        const Xapian::Query part = query.get_subquery(i);
        std::optional<Xapian::Query> rewritten = Rewritten(part, pairs);
        changed = changed || rewritten.has_value();
        // Not a conditional expression: its type would be const, and the
        // rewritten query copied rather than moved.
        if (rewritten) {
          parts.push_back(std::move(*rewritten));
        } else {
          parts.push_back(part);
        }
      }
      if (!changed) return std::nullopt;
      return Xapian::Query(query.get_type(), parts.begin(), parts.end());
    }
    default: return std::nullopt;
  }
}

}  // namespace

PairIndex PairIndex::Read(const Xapian::Database& db) {
  PairIndex pairs;
  pairs.words = PairWords::Parse(db.get_metadata(std::string(schema::kPairWordsKey)));
  const std::string prefix(schema::kPairGenerationPrefix);
  Xapian::doccount tagged = 0;
  for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
    const std::string digits = (*term).substr(prefix.size());
    int generation = 0;
    const auto [end, error] =
        std::from_chars(digits.data(), digits.data() + digits.size(), generation);
    if (error != std::errc() || end != digits.data() + digits.size()) continue;
    pairs.documents_by_generation[generation] = term.get_termfreq();
    tagged += term.get_termfreq();
  }
  pairs.every_document_tagged = tagged == db.get_doccount();
  return pairs;
}

Xapian::Query WithWordPairs(const Xapian::Query& query, const Xapian::Database& db) {
  PairIndexOnDemand pairs(db);
  return Rewritten(query, pairs).value_or(query);
}

}  // namespace archivist
