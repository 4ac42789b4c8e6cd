// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/query_positions.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <set>

#include "core/analysis.h"
#include "core/analysis_stem_memo.h"
#include "core/schema.h"

namespace archivist {
namespace {

// Snowball stemmers cut or rewrite a word's ending, rarely more than the
// last two bytes of the stem ("evident" from "évidemment"): the index's
// words starting with the stem less those are the ones that can stem to it.
// A short stem keeps its first two bytes, as the snippet matcher's filter does.
std::string CandidatePrefix(const std::string& stem) {
  return stem.substr(0, std::max<std::size_t>(2, stem.size() > 2 ? stem.size() - 2 : 0));
}

}  // namespace

QueryPositions::QueryPositions(const Xapian::Database& db,
                               const std::unordered_set<std::string>& query_terms,
                               SharedMatches shared)
    : db_(db), query_terms_(query_terms), shared_(std::move(shared)) {
  if (shared_.cache) {
    for (const std::string& term :
         std::set<std::string>(query_terms_.begin(), query_terms_.end())) {
      sorted_terms_ += term;
      sorted_terms_ += '\0';
    }
  }
  std::set<std::string> prefixes;
  for (const std::string& term : query_terms_) {
    if (!schema::IsWordTerm(term)) {
      if (term.size() > 1 && term[0] == 'Z') prefixes.insert(CandidatePrefix(term.substr(1)));
      continue;
    }
    words_.push_back(&term);
  }
  // Sorted, so a prefix that another extends is walked once.
  for (const std::string& prefix : prefixes) {
    if (!prefixes_.empty() && prefix.compare(0, prefixes_.back().size(), prefixes_.back()) == 0) {
      continue;
    }
    prefixes_.push_back(prefix);
  }
}

void QueryPositions::WalkCandidates(std::size_t more_than) {
  // The walk goes on from where it stopped, prefix after prefix: a search
  // whose hits take the term-list path may never need all of them (the
  // index's 2,748 words starting "se" cost 2.5 M instructions to list).
  while (candidates_.size() <= more_than && walk_prefix_ < prefixes_.size()) {
    const std::string& prefix = prefixes_[walk_prefix_];
    if (!walk_) walk_ = db_.allterms_begin(prefix);
    if (*walk_ == db_.allterms_end(prefix)) {
      walk_.reset();
      ++walk_prefix_;
      continue;
    }
    std::string term = **walk_;  // a copy each time it is read
    if (!query_terms_.count(term)) candidates_.push_back(std::move(term));
    ++*walk_;
  }
  assert(std::is_sorted(candidates_.begin(), candidates_.end()));
}

bool QueryPositions::IsCandidate(const std::string& term) const {
  for (const std::string& prefix : prefixes_) {
    if (term.compare(0, prefix.size(), prefix) == 0) return !query_terms_.count(term);
  }
  return false;
}

const std::string* QueryPositions::Matching(const Analysis& analysis, const std::string& word,
                                            std::string& stem) const {
  // A word kept whole across an apostrophe or ampersand ("children's") is
  // one word of the snippet's too (engine/snippet_words.h): it matches
  // through its own stem, never as its first part.
  stem.assign(1, 'Z');
  stem += analysis.memo ? (*analysis.memo)(word) : analysis.stemmer(word);
  const auto term = query_terms_.find(stem);
  return term == query_terms_.end() ? nullptr : &*term;
}

const QueryPositions::Analysis& QueryPositions::AnalysisOf(const std::string& language) {
  auto it = analyses_.find(language);
  if (it == analyses_.end()) {
    Xapian::Stem stemmer = StemmerFor(language);
    std::string name = stemmer.get_description();
    it = analyses_
             .emplace(language,
                      Analysis{std::move(stemmer), SharedStemMemoFor(language), std::move(name)})
             .first;
  }
  return it->second;
}

std::string QueryPositions::SharedKey(const std::string& stemmer) const {
  return stemmer + '\n' + sorted_terms_;
}

bool QueryPositions::MatchingKnown(const Analysis& analysis) {
  if (matching_.count(analysis.stemmer_name)) return true;
  // Asked once a search: its hits asking again would count as a search
  // asking again.
  if (!shared_.cache || prefixes_.empty() || !shared_asked_.insert(analysis.stemmer_name).second) {
    return false;
  }
  const CandidateMatchCache::Found found =
      shared_.cache->Find(shared_.uuid, shared_.revision, SharedKey(analysis.stemmer_name));
  if (!found.matches) {
    if (found.asked_before) keep_wanted_.insert(analysis.stemmer_name);
    return false;
  }
  std::vector<Candidate> matching;
  matching.reserve(found.matches->size());
  for (const CandidateMatchCache::Match& match : *found.matches) {
    const auto term = query_terms_.find(match.term);
    if (term == query_terms_.end()) return false;  // another search's key, never expected
    matching.push_back({&match.word, &*term});
  }
  shared_kept_.push_back(found.matches);
  matching_.emplace(analysis.stemmer_name, std::move(matching));
  return true;
}

bool QueryPositions::FindInFullToShare(const std::string& stemmer) {
  if (!keep_wanted_.count(stemmer)) return false;
  WalkCandidates(kMostCandidatesToShare);
  if (candidates_.size() <= kMostCandidatesToShare) return true;
  keep_wanted_.erase(stemmer);
  shared_.cache->Decline(shared_.uuid, shared_.revision, SharedKey(stemmer));
  return false;
}

const std::vector<QueryPositions::Candidate>& QueryPositions::MatchingIn(
    const std::string& language) {
  // Found once per stemmer, not per language: most languages have none
  // (core/analysis.h), and a page of hits in Russian, Arabic, Japanese and
  // Chinese stemmed every candidate four times to the same end.
  const Analysis& analysis = AnalysisOf(language);
  if (MatchingKnown(analysis)) return matching_.at(analysis.stemmer_name);
  // Every candidate, listed once and for all: the Candidates point into
  // candidates_, which must not grow after.
  WalkCandidates(static_cast<std::size_t>(-1));
  std::vector<Candidate> matching;
  std::string stem;
  for (const std::string& word : candidates_) {
    if (const std::string* term = Matching(analysis, word, stem)) {
      matching.push_back({&word, term});
    }
  }
  if (shared_.cache) {
    CandidateMatchCache::Matches kept;
    kept.reserve(matching.size());
    for (const Candidate& candidate : matching) kept.push_back({*candidate.word, *candidate.term});
    shared_.cache->Keep(shared_.uuid, shared_.revision, SharedKey(analysis.stemmer_name),
                        std::move(kept));
  }
  return matching_.emplace(analysis.stemmer_name, std::move(matching)).first->second;
}

const std::string* QueryPositions::MatchingCandidate(const std::string& language,
                                                     const std::string& word) {
  const Analysis& analysis = AnalysisOf(language);
  auto& known = matching_words_[analysis.stemmer_name];
  auto it = known.find(word);
  if (it == known.end()) {
    std::string stem;
    it = known.emplace(word, Matching(analysis, word, stem)).first;
  }
  return it->second;
}

std::vector<std::string> QueryPositions::CandidatesIn(Xapian::docid did) {
  ++term_lists_read_;
  std::vector<std::string> held;
  Xapian::TermIterator term = db_.termlist_begin(did);
  const Xapian::TermIterator end = db_.termlist_end(did);
  for (const std::string& prefix : prefixes_) {
    term.skip_to(prefix);
    for (; term != end; ++term) {
      std::string word = *term;
      if (word.compare(0, prefix.size(), prefix) != 0) break;
      if (IsCandidate(word)) held.push_back(std::move(word));
    }
    if (term == end) break;
  }
  return held;
}

void QueryPositions::ForPage(std::vector<Xapian::docid> page) {
  holders_.clear();
  page_.clear();
  // A page of one hit gains nothing: a posting list opened costs what the
  // position list it saves does (bibliography, per_page=1: +3 %).
  if (page.size() < 2) return;
  std::sort(page.begin(), page.end());
  page_ = std::move(page);
}

bool QueryPositions::MayHold(const std::string& word, Xapian::docid did) {
  if (!std::binary_search(page_.begin(), page_.end(), did)) return true;
  auto it = holders_.find(&word);
  if (it == holders_.end()) {
    // The page's documents in order, so the posting list is walked forward
    // once: a skip within a chunk decodes, only a far one looks up.
    std::vector<Xapian::docid> holders;
    Xapian::PostingIterator posting = db_.postlist_begin(word);
    const Xapian::PostingIterator end = db_.postlist_end(word);
    for (const Xapian::docid page_did : page_) {
      posting.skip_to(page_did);
      if (posting == end) break;
      if (*posting == page_did) holders.push_back(page_did);
    }
    it = holders_.emplace(&word, std::move(holders)).first;
  }
  return std::binary_search(it->second.begin(), it->second.end(), did);
}

double QueryPositions::TermsIn(Xapian::docid did) {
  auto it = terms_in_.find(did);
  if (it == terms_in_.end()) {
    // A document of N words holds at most about 50 sqrt(N) distinct terms
    // (18,705 in one of 165,256 words).
    it = terms_in_.emplace(did, 50.0 * std::sqrt(static_cast<double>(db_.get_doclength(did))))
             .first;
  }
  return it->second;
}

bool QueryPositions::CheaperByTermList(Xapian::docid did, std::size_t unstemmed,
                                       const std::vector<Xapian::docid>& later_alike) {
  // Measured with callgrind on the bench corpus (issue 19): Xapian reads a
  // document's term list (inflated whole) and walks it for about 300
  // instructions a term; stemming a word costs about 2,800 (and listing a
  // candidate from the index's terms about 1,000 more, left out: counted,
  // it sent a page of one long Japanese hit to its term list at 8 M
  // instructions, where the term count below is furthest off). A short
  // stem's candidates can be thousands ("server": the French stem
  // "serv" makes every indexed word starting "se" one, 2,748 of them,
  // stemmed again for each language of the hits: 9.9 M instructions for
  // one hit in English), a long document's terms tens of thousands.
  // Stemmed once, the candidates serve the page's later hits in the
  // language too, whose term lists are counted with this one's: decided
  // for each hit alone, a page of ten hits read up to ten term lists where
  // stemming once would have served them all ("security", per_page=10:
  // 19.1 M instructions, 14.7 M counting the later hits). The candidates
  // are listed only as far as the choice needs. The price of a stem is a
  // word's first: one the shared memo already holds costs a few hundred
  // instructions, so a search asked before stems more cheaply than this
  // counts (not weighed: the memo would have to be asked to know).
  const auto enough_for = [&](double terms) {
    return static_cast<std::size_t>(300.0 * terms / (2800.0 * static_cast<double>(unstemmed)));
  };
  double terms = TermsIn(did);
  WalkCandidates(enough_for(terms));
  // No more candidates than this hit alone is worth: stemmed, whatever the
  // later hits (whose lengths are then not looked up).
  if (candidates_.size() <= enough_for(terms)) return false;
  for (const Xapian::docid later : later_alike) terms += TermsIn(later);
  const std::size_t enough = enough_for(terms);
  WalkCandidates(enough);
  return candidates_.size() > enough;
}

std::vector<MatchedPosition> QueryPositions::In(Xapian::docid did, const DocumentRecord& record,
                                                const TextSectionTable& sections,
                                                const std::vector<Xapian::docid>& later_alike) {
  std::vector<MatchedPosition> matched;
  for (const std::string* word : words_) {
    for (auto p = db_.positionlist_begin(did, *word); p != db_.positionlist_end(did, *word); ++p) {
      matched.push_back({*p, word});
    }
  }
  // The candidates that match in the document's language (found once per
  // language and search), looked up in the document; with pages in their
  // own languages, each language's for the positions on its pages.
  // A web page's sections in their own languages likewise, each found by
  // the byte offset of the text section a position is in (the writer cuts
  // text sections at their bounds).
  std::set<std::string> languages(record.page_languages.begin(), record.page_languages.end());
  if (!record.section_languages.empty()) {
    languages.insert(record.language);
    for (const TextLanguageSection& s : record.section_languages) languages.insert(s.language);
  }
  if (languages.empty()) languages.insert(record.language);
  const auto language_at = [&](Xapian::termpos position) -> const std::string& {
    const std::size_t section = sections.SectionOf(position);
    if (!record.section_languages.empty() && section < sections.size()) {
      const std::size_t offset = sections.offset(section);
      for (const TextLanguageSection& s : record.section_languages) {
        if (offset >= s.start && offset < s.end) return s.language;
      }
      return record.language;
    }
    const std::size_t page = section < sections.size() ? sections.page(section) : 0;
    return page < record.page_languages.size() ? record.page_languages[page] : record.language;
  };
  const auto add_positions = [&](const std::string& language, const std::string& word,
                                 const std::string* term) {
    ++position_lists_read_;
    for (auto p = db_.positionlist_begin(did, word); p != db_.positionlist_end(did, word); ++p) {
      if (languages.size() == 1 || language_at(*p) == language) matched.push_back({*p, term});
    }
  };
  // The same positions, in the same order, either way: a candidate the
  // document does not hold has none.
  // Stemmers that have not stemmed every candidate, and whose matches the
  // shared cache neither holds nor has this search find in full.
  std::set<std::string> unstemmed;
  for (const std::string& language : languages) {
    const Analysis& analysis = AnalysisOf(language);
    if (!MatchingKnown(analysis) && !FindInFullToShare(analysis.stemmer_name)) {
      unstemmed.insert(analysis.stemmer_name);
    }
  }
  if (prefixes_.empty()) {
    // No candidates: nothing to look up.
  } else if (!unstemmed.empty() && CheaperByTermList(did, unstemmed.size(), later_alike)) {
    const std::vector<std::string> held = CandidatesIn(did);
    for (const std::string& language : languages) {
      for (const std::string& word : held) {
        if (const std::string* term = MatchingCandidate(language, word)) {
          add_positions(language, word, term);
        }
      }
    }
  } else {
    for (const std::string& language : languages) {
      for (const Candidate& candidate : MatchingIn(language)) {
        if (MayHold(*candidate.word, did)) add_positions(language, *candidate.word, candidate.term);
      }
    }
  }
  std::sort(matched.begin(), matched.end(), [](const MatchedPosition& a, const MatchedPosition& b) {
    return a.position < b.position;
  });
  return matched;
}

}  // namespace archivist
