// SPDX-License-Identifier: GPL-2.0-or-later
// Where a hit's words match the query, from the positions Xapian holds:
// what draws a long document's snippet and lists its matching pages without
// reading all of its text. Internal to the engine.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <xapian.h>

#include "core/record.h"
#include "core/text_sections.h"
#include "engine/candidate_matches.h"

namespace archivist {

class SharedStemMemo;  // core/analysis_stem_memo.h

// One occurrence of a query term in a document: its position, and the
// query term it matched (the word itself when the query holds it, else its
// "Z" stem), as engine/snippet.h's TermMatcher names matches.
struct MatchedPosition {
  Xapian::termpos position = 0;
  const std::string* term = nullptr;  // owned by the QueryPositions that found it
};

// The query's words, and the words of the index that can stem to its
// stems, found once per search; then, per hit, where they occur. Word
// positions only: stems carry none, so a stem "Zsistem" is found through
// the indexed words that share most of its start ("sistema", "sistemas")
// and stem to it in the language of the page they occur on; a word the
// term generator kept whole across an apostrophe or ampersand
// ("children's") is one word, as the snippet's words see it too.
// Not thread-safe (it remembers its stemmers); one per search.
class QueryPositions {
 public:
  // `query_terms` as the snippets see them (engine/snippet.h); `db` must
  // outlive this. The candidates' matches found in full are kept in
  // `shared`'s cache, and taken from there when a search of the same terms
  // kept them.
  QueryPositions(const Xapian::Database& db, const std::unordered_set<std::string>& query_terms,
                 SharedMatches shared = {});

  // The positions in document `did` (of `record`) where a query term
  // matches, in order; `sections` map positions to pages (for the
  // stemmer of each page). `later_alike` are the documents of the page's
  // hits after this one in its language: stemming the candidates once
  // serves them all, reading a hit's term list serves one (they decide only
  // which of the two ways is taken, never the positions found).
  std::vector<MatchedPosition> In(Xapian::docid did, const DocumentRecord& record,
                                  const TextSectionTable& sections,
                                  const std::vector<Xapian::docid>& later_alike = {});

  // The documents of the page of hits In will be asked about: a candidate
  // stemmed for all of them is then looked up in its posting list once for
  // the page, and its positions read only in the hits that hold it (a
  // position list asked of a document without the word cost as much as one
  // read: a B-tree lookup each, ten hits times every matching candidate).
  // Without it, or with a page of one, every hit's position lists are asked.
  void ForPage(std::vector<Xapian::docid> page);

  // How many hits' term lists In has read: what the choice above costs.
  std::size_t term_lists_read() const { return term_lists_read_; }
  // How many position lists In has asked for.
  std::size_t position_lists_read() const { return position_lists_read_; }
  // How many indexed words it has listed as candidates: none when their
  // matches came from the shared cache.
  std::size_t candidates_listed() const { return candidates_.size(); }

 private:
  // An indexed word and the query term it matches in some language.
  struct Candidate {
    const std::string* word;
    const std::string* term;
  };

  // A language's stemmer and its description (what languages sharing a
  // stemmer are found by), made once per language: asked for every
  // candidate, a map lookup and a description built each time were a
  // tenth of stemming them. A stemmed language's words are stemmed through
  // the program's shared memo: the candidates of a short stem are
  // thousands, stemmed at about 3,000 instructions each, and the next
  // search asks for most of them again.
  struct Analysis {
    Xapian::Stem stemmer;
    SharedStemMemo* memo;  // null for a language we do not stem
    std::string stemmer_name;
  };
  const Analysis& AnalysisOf(const std::string& language);
  // The candidates that match a query term in `language`, found once per
  // stemmer (languages with the same stemmer share them), or taken from
  // the shared cache.
  const std::vector<Candidate>& MatchingIn(const std::string& language);
  // Whether the candidates matching in `analysis` are known for this
  // search: found already, or taken from the shared cache now (asked once
  // a search). A key the cache was asked for before is marked to be found
  // in full (keep_wanted_).
  bool MatchingKnown(const Analysis& analysis);
  // The shared cache's key for the matches of `stemmer` (a description).
  std::string SharedKey(const std::string& stemmer) const;
  // Whether this search finds the matches of `stemmer` in full for the
  // shared cache: the cache wants them (keep_wanted_) and the candidates
  // are at most kMostCandidatesToShare, about as many as the term lists of
  // a page of long documents make worth stemming (CheaperByTermList).
  // Beyond, a query of many short words asked twice would make searchd
  // stem much of the index's vocabulary in every language of its hits: the
  // cache is told to want them no more.
  bool FindInFullToShare(const std::string& stemmer);
  static constexpr std::size_t kMostCandidatesToShare = 16384;
  // The query term an indexed word that is not one matches in `analysis`
  // (its stem), or null; `stem` is scratch space, kept to save an
  // allocation per word.
  const std::string* Matching(const Analysis& analysis, const std::string& word,
                              std::string& stem) const;
  // `word`'s query term in `language` (Matching), remembered per stemmer:
  // what a hit whose own words were looked up asks of the few it holds.
  const std::string* MatchingCandidate(const std::string& language, const std::string& word);
  // Lists the candidates (candidates_) until there are more than
  // `more_than` or all are listed.
  void WalkCandidates(std::size_t more_than);
  // Whether an indexed word is a candidate: under a prefix, not a query term.
  bool IsCandidate(const std::string& term) const;
  // The candidates that document `did` holds, in order, from its term list.
  std::vector<std::string> CandidatesIn(Xapian::docid did);
  // Whether looking up the own words (term lists) of document `did` and of
  // `later_alike` costs less than stemming every candidate in the
  // `unstemmed` languages `did` needs whose stemmers have not yet stemmed
  // them all. Decided hit by hit: a language the page's later hits do not
  // share would stem every candidate again for one hit.
  bool CheaperByTermList(Xapian::docid did, std::size_t unstemmed,
                         const std::vector<Xapian::docid>& later_alike);
  // About how many terms document `did`'s term list holds, remembered.
  double TermsIn(Xapian::docid did);
  // Whether document `did` may hold the indexed word `word`: false only
  // when `did` is of the page (ForPage) and the word's posting list,
  // walked once for the page's documents, does not list it.
  bool MayHold(const std::string& word, Xapian::docid did);

  const Xapian::Database& db_;
  const std::unordered_set<std::string>& query_terms_;
  std::vector<const std::string*> words_;  // query terms that are words, with positions
  // Indexed words that may match a query term without being one: those
  // that may stem to a query stem, and query words with an apostrophe after.
  // They start with one of prefixes_ (sorted, none extending another) and
  // are listed in order only as far as asked (WalkCandidates).
  std::vector<std::string> prefixes_;
  std::vector<std::string> candidates_;
  std::size_t walk_prefix_ = 0;                             // the prefix being listed
  std::optional<Xapian::TermIterator> walk_;                // where in it
  std::map<std::string, Analysis> analyses_;                // by language
  std::map<std::string, std::vector<Candidate>> matching_;  // by stemmer description
  SharedMatches shared_;
  std::string sorted_terms_;  // the query terms, sorted, each ended by '\0'
  // What matching_ points into when taken from the shared cache.
  std::vector<std::shared_ptr<const CandidateMatchCache::Matches>> shared_kept_;
  // Stemmers whose candidates were asked of the shared cache before: found
  // in full (rather than from the hits' term lists), to be kept there.
  std::set<std::string> keep_wanted_;
  std::set<std::string> shared_asked_;  // stemmers asked of the shared cache
  // The query term of each candidate asked one at a time
  // (MatchingCandidate), by stemmer description and word.
  std::map<std::string, std::unordered_map<std::string, const std::string*>> matching_words_;
  std::unordered_map<Xapian::docid, double> terms_in_;
  std::vector<Xapian::docid> page_;  // sorted
  // The page's documents that hold each candidate asked about, sorted.
  std::unordered_map<const std::string*, std::vector<Xapian::docid>> holders_;
  std::size_t term_lists_read_ = 0;
  std::size_t position_lists_read_ = 0;
};

}  // namespace archivist
