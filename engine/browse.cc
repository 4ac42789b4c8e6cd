// SPDX-License-Identifier: GPL-2.0-or-later
// Ways into the index besides a query: documents like one, completions as
// a query is typed, and an overview of the whole index.
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/schema.h"
#include "core/stop_words.h"
#include "core/text.h"
#include "engine/guarded.h"
#include "engine/hits.h"
#include "engine/search.h"
#include "engine/user_query.h"

namespace archivist {
namespace {

// More-like-this keeps to words of the text: prefixed terms are filters,
// titles or stems, and numbers and very short words say little about a topic.
class FreeTextTerms : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    if (term.size() < 3 || !schema::IsWordTerm(term)) return false;
    return term.find_first_not_of("0123456789") != std::string::npos;
  }
};

// Whether `word` is a stop word of any language with a list: a search of
// one alone would find nothing to mark.
bool IsStopWordOfAny(std::string_view word) {
  for (const auto& [language, words] : StopWordLists()) {
    if (words.count(word) > 0) return true;
  }
  return false;
}

constexpr Xapian::termcount kSimilarTerms = 25;
// Completing the last word scans at most this many index words.
constexpr std::size_t kMaxCompletionScan = 5000;

}  // namespace

Result<std::vector<SearchHit>> Searcher::Similar(const std::string& id, Xapian::doccount limit) {
  return GuardedAtLatest<std::vector<SearchHit>>(db_, [&]() -> Result<std::vector<SearchHit>> {
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
      Result<DocumentRecord> record = StoredRecordOf(it.get_document());
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
  return GuardedAtLatest<Suggestions>(db_, [&]() -> Result<Suggestions> {
    Suggestions out;
    const std::string folded = FoldText(typed);
    const std::size_t end = folded.find_last_not_of(" \t\r\n");
    if (end == std::string::npos || limit == 0) return out;
    // Only a word being typed (no space after it yet) is completed.
    if (end + 1 == folded.size()) {
      std::size_t begin = folded.find_last_of(" \t\r\n\"(");
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
    // Titles: the words so far against title terms, the last one as a prefix
    // (FLAG_PARTIAL, no FLAG_WILDCARD: one expansion, capped as a search's
    // single wildcard is).
    Xapian::QueryParser parser = MakeParser(db_, "und", WildcardExpansionFor(1));
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
      // A completion shows a title: the editions (kSlotEditions) are not read.
      Result<DocumentRecord> record = RecordFromJson(it.get_document().get_data());
      if (record.ok()) out.titles.push_back(std::move(record).value());
    }
    return out;
  });
}

Result<std::string> Searcher::FrequentWord() {
  // A handful of words is enough to find one that many documents hold; the
  // bound keeps the look short on an index of millions of words.
  constexpr std::size_t kWordsLookedAt = kMaxCompletionScan;
  constexpr std::size_t kShortestWord = 4;
  return GuardedAtLatest<std::string>(db_, [&]() -> Result<std::string> {
    std::string best;
    Xapian::doccount best_frequency = 0;
    std::size_t looked_at = 0;
    // Words are folded to lower case and every prefix is upper case, so
    // from "a" on the terms are words (numbers sort before).
    auto t = db_.allterms_begin();
    for (t.skip_to("a"); t != db_.allterms_end(); ++t) {
      if (++looked_at > kWordsLookedAt) break;
      const std::string word = *t;
      if (word.size() < kShortestWord || !FreeTextTerms()(word)) continue;
      if (t.get_termfreq() <= best_frequency || IsStopWordOfAny(word)) continue;
      best = word;
      best_frequency = t.get_termfreq();
    }
    return best;
  });
}

Result<IndexStats> Searcher::Stats(bool with_facets) {
  return GuardedAtLatest<IndexStats>(db_, [&]() -> Result<IndexStats> {
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

}  // namespace archivist
