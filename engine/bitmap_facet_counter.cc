// SPDX-License-Identifier: GPL-2.0-or-later
// Facets counted from the revision's bitmaps (engine/facet_counter.h).
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/bonus_page.h"
#include "engine/facet_counter.h"
#include "engine/facet_filters.h"
#include "engine/hits.h"
#include "engine/time_budget.h"
#include "engine/user_query.h"
#include "engine/works.h"

namespace archivist {
namespace {

const FacetValueSets& ValueSetsOf(const RevisionSets& sets, Facet facet) {
  switch (facet) {
    case Facet::kLanguage:
      return sets.language;
    case Facet::kType:
      return sets.type;
    case Facet::kYear:
      return sets.year;
    case Facet::kCountry:
      return sets.country;
    case Facet::kTopic:
      return sets.topic;
  }
  return sets.language;
}

// The documents without a year: UndatedQuery as a bitmap.
DocSet UndatedSet(const RevisionSets& sets) {
  DocSet undated = sets.all;
  for (const auto& [year, docs] : sets.year.by_value) undated -= docs;
  return undated;
}

// The documents one facet's selection lets through: FacetFilter as a bitmap.
DocSet FilterSet(const SearchRequest& request, Facet facet, const RevisionSets& sets) {
  if (facet == Facet::kYear && request.include_undated) {
    SearchRequest dated_only = request;
    dated_only.include_undated = false;
    DocSet chosen = FilterSet(dated_only, facet, sets);
    chosen |= UndatedSet(sets);
    return chosen;
  }
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
    const auto [low, high] = YearBounds(request);
    DocSet in_range(sets.last_docid);
    for (const auto& [year, docs] : values.by_value) {
      if (year >= low && year <= high) in_range |= docs;
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
    case Xapian::Query::LEAF_TERM:
      return false;
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
    default:
      return true;
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
                    const Xapian::Query& query, const RevisionSets& sets, const TimeBudget& budget,
                    const DocSet* within = nullptr) {
  const std::size_t n = query.get_num_subqueries();
  const auto part = [&](std::size_t i, const DocSet* among) {
    return MatchingDocs(db, twin, query.get_subquery(i), sets, budget, among);
  };
  switch (query.get_type()) {
    case Xapian::Query::LEAF_MATCH_ALL:
      return within ? *within : sets.all;
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return DocSet(sets.last_docid);
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
    case Xapian::Query::OP_SCALE_WEIGHT:
      return part(0, within);
    default:
      break;
  }
  if (within && within->Count() == 0) return DocSet(sets.last_docid);
  MatchPass pass;
  pass.query = query;
  if (within) pass.allowed = std::make_shared<const DocSet>(*within);
  pass.weighted = false;
  pass.time_limit_seconds = budget.SecondsLeft();
  DocSet matches = RunMatchPass(db, twin, pass, sets.all, sets.last_docid).matches;
  budget.Check();
  return matches;
}

class BitmapFacetCounter : public FacetCounter {
 public:
  BitmapFacetCounter(const Xapian::Database& db, const RevisionSets& sets, TwinSource twin)
      : db_(db), sets_(sets), twin_(std::move(twin)) {}

  CountedMatches Match(const Xapian::Query& matched, const SearchRequest& request) override {
    std::map<Facet, DocSet> filters;
    for (Facet facet : kAllFacets) {
      if (HasSelection(request, facet)) filters.emplace(facet, FilterSet(request, facet, sets_));
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
    // Every weight is equal without a query, so Xapian's sort by date then
    // relevance is the date order of the revision: the page is read from it
    // instead of from the date of every match.
    const std::vector<Xapian::docid>* date_order =
        request.sort == SortOrder::kNewest   ? &sets_.newest_first
        : request.sort == SortOrder::kOldest ? &sets_.oldest_first
                                             : nullptr;
    const bool browsing_by_date = IsBlank(request.query) && date_order;

    CountedMatches out;
    // Every document the text matches, whatever the filters; the result set
    // and each facet's "all filters but its own" set are bitmap ANDs of it.
    const DocSet text_matches =
        browsing_by_date ? sets_.all : TextMatches(matched, request, allowed, filters.empty(), out);
    DocSet matches = text_matches;
    if (allowed) matches &= *allowed;
    out.total_documents = static_cast<Xapian::doccount>(matches.Count());
    out.total = request.collapse_works ? CountWorks(matches, sets_) : out.total_documents;
    if (browsing_by_date) out.page = DateOrderPage(*date_order, matches, request);
    for (Facet facet : kAllFacets) {
      out.facets.push_back(Counts(facet, request, text_matches, matches, filters));
    }
    out.matches = std::make_shared<const DocSet>(std::move(matches));
    return out;
  }

 private:
  // The documents `matched` matches, whatever the filters, and the ranked
  // page of those `allowed` lets through (into out.page).
  DocSet TextMatches(const Xapian::Query& matched, const SearchRequest& request,
                     const std::shared_ptr<DocSet>& allowed, bool unfiltered, CountedMatches& out) {
    const TimeBudget budget(request.time_budget);
    // A query whose only positional parts add weight (the NEAR bonus)
    // matches from its words alone: its page is ranked without checking
    // positions in every match (engine/bonus_page.h), in any order, with or
    // without filters, collapsing works or not.
    if (!IsBlank(request.query) && NeedsMatcher(matched)) {
      const BonusSplit split = SplitPositionalBonuses(matched, NeedsMatcher);
      if (!split.bonuses.empty() && !NeedsMatcher(split.without)) {
        BonusRanking ranking;
        ranking.last_docid = sets_.last_docid;
        ranking.allowed = allowed;
        ranking.order = RankOrderOf(request.sort);
        if (request.collapse_works) ranking.work_of = &sets_.work_of;
        ranking.first = request.offset;
        ranking.count = request.limit;
        if (unfiltered) {
          // One weighed pass finds every match and the page's candidates.
          ranking.time_limit_seconds = budget.SecondsLeft();
          BonusPage ranked = RankWithBoundedBonuses(db_, matched, split, ranking);
          budget.Check();
          out.page = std::move(ranked.page);
          return std::move(ranked.matches);
        }
        // Filtered, the matches whatever the filters come from bitmaps (the
        // bonuses decide no match), the page from the allowed ones.
        DocSet text_matches = MatchingDocs(db_, nullptr, split.without, sets_, budget);
        if (request.limit > 0) {
          ranking.time_limit_seconds = budget.SecondsLeft();
          out.page = RankWithBoundedBonuses(db_, matched, split, ranking).page;
          budget.Check();
        }
        return text_matches;
      }
    }
    if (unfiltered && !IsBlank(request.query)) {
      // The page needs a pass that sees every candidate (ExactPage), and a
      // phrase must be checked against positions in every candidate
      // anyway: one pass notes the matches while the page is found, each
      // work once when collapsing (Xapian's match spy sees the editions
      // its collapse drops).
      MatchPass pass;
      pass.query = matched;
      pass.order = RankOrderOf(request.sort);
      pass.collapse_works = request.collapse_works;
      pass.first = request.offset;
      pass.count = request.limit;
      pass.time_limit_seconds = budget.SecondsLeft();
      PassResult result = RunMatchPass(db_, twin_(), pass, sets_.all, sets_.last_docid);
      budget.Check();
      out.page = std::move(result.page);
      return std::move(result.matches);
    }
    DocSet text_matches =
        MatchingDocs(db_, NeedsMatcher(matched) ? twin_() : nullptr, matched, sets_, budget);
    if (request.limit > 0) {
      // The filters as one set the matcher walks; the page from a match
      // that sees every candidate (ExactPage: Xapian's pruned one is not
      // the best page for our queries).
      Xapian::Query query = matched;
      if (allowed) {
        auto* source = new DocSetPostingSource(allowed);
        query = Filtered(matched, Xapian::Query(source->release()));
      }
      Xapian::Enquire enquire = RankingEnquire(db_, query, request.sort);
      if (request.collapse_works) CollapseWorks(enquire);
      enquire.set_time_limit(budget.SecondsLeft());
      // Without a query every weight is nought: nothing is pruned, and
      // Xapian's page is exact.
      out.page = IsBlank(request.query) ? RankedOf(enquire.get_mset(request.offset, request.limit))
                                        : ExactPage(enquire, db_, request.offset, request.limit);
      budget.Check();
    }
    return text_matches;
  }

  // The request's page of `matches` in `date_order`; collapsing works, the
  // first edition of each in that order stands for it, as Xapian's
  // collapse keeps the first in its.
  std::vector<RankedDocument> DateOrderPage(const std::vector<Xapian::docid>& date_order,
                                            const DocSet& matches, const SearchRequest& request) {
    std::vector<RankedDocument> page;
    std::vector<bool> work_seen;
    Xapian::doccount skipped = 0;
    for (Xapian::docid id : date_order) {
      if (page.size() >= request.limit) break;
      if (!matches.Contains(id)) continue;
      if (request.collapse_works && id < sets_.work_of.size() && sets_.work_of[id] != 0) {
        const std::uint32_t work = sets_.work_of[id];
        if (work >= work_seen.size()) work_seen.resize(work + 1, false);
        if (work_seen[work]) continue;
        work_seen[work] = true;
      }
      if (skipped++ < request.offset) continue;
      page.push_back({db_.get_document(id), 0});
    }
    return page;
  }

  // Disjunctive facets: a facet with a selection is counted with every
  // filter but its own, so its other values show what choosing them gives.
  FacetCounts Counts(Facet facet, const SearchRequest& request, const DocSet& text_matches,
                     const DocSet& matches, const std::map<Facet, DocSet>& filters) const {
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
    for (const auto& [value, docs] : ValueSetsOf(sets_, facet).by_value) {
      const auto count = static_cast<Xapian::doccount>(counted->CountIntersection(docs));
      if (count > 0) totals.emplace(value, count);
    }
    FacetCounts counts = SortedCounts(facet, std::move(totals), Selected(request, facet));
    if (facet == Facet::kYear) {
      counts.missing = static_cast<Xapian::doccount>(counted->CountIntersection(UndatedSet(sets_)));
    }
    return counts;
  }

  const Xapian::Database& db_;
  const RevisionSets& sets_;
  TwinSource twin_;
};

}  // namespace

std::unique_ptr<FacetCounter> NewBitmapFacetCounter(const Xapian::Database& db,
                                                    const RevisionSets& sets, TwinSource twin) {
  return std::make_unique<BitmapFacetCounter>(db, sets, std::move(twin));
}

}  // namespace archivist
