// SPDX-License-Identifier: GPL-2.0-or-later
// Facets counted by Xapian's ValueCountMatchSpy (engine/facet_counter.h).
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/schema.h"
#include "engine/facet_counter.h"
#include "engine/facet_filters.h"
#include "engine/hits.h"
#include "engine/time_budget.h"
#include "engine/works.h"

namespace archivist {
namespace {

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
  // `seen`: how many documents the spies saw (the pass's exact total).
  FacetCounts Counts(const std::vector<std::string>& selected, Xapian::doccount seen) const {
    std::map<std::string, Xapian::doccount> totals;
    Xapian::doccount counted = 0;
    for (const auto& spy : spies_) {
      for (auto it = spy->values_begin(); it != spy->values_end(); ++it) {
        totals[*it] += it.get_termfreq();
        counted += it.get_termfreq();
      }
    }
    FacetCounts counts = SortedCounts(facet_, std::move(totals), selected);
    // A spy skips empty values: the year's one slot is empty for exactly
    // the documents without a year.
    if (facet_ == Facet::kYear && seen >= counted) counts.missing = seen - counted;
    return counts;
  }

 private:
  Facet facet_;
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies_;
};

class SpyFacetCounter : public FacetCounter {
 public:
  explicit SpyFacetCounter(const Xapian::Database& db) : db_(db) {}

  CountedMatches Match(const Xapian::Query& matched, const SearchRequest& request) override {
    // Exact counts need the matcher to see every match (Enquire::add_matchspy).
    const Xapian::doccount check_at_least = db_.get_doccount();
    Xapian::Enquire enquire =
        RankingEnquire(db_, Filtered(matched, CombinedFilter(request, std::nullopt)), request.sort);
    // Facets without a selection are counted in the pass that finds the page.
    std::map<Facet, std::unique_ptr<FacetSpies>> spies;
    if (request.with_facets) {
      for (Facet facet : kAllFacets) {
        if (!HasSelection(request, facet)) {
          spies.emplace(facet, std::make_unique<FacetSpies>(db_, enquire, facet));
        }
      }
    }
    // Collapsed, Xapian's totals are estimates: this pass counts every
    // document and, with a spy on the work slot, every work; the page is
    // asked of a collapsing pass of its own.
    std::optional<Xapian::ValueCountMatchSpy> work_spy;
    if (request.collapse_works) {
      work_spy.emplace(schema::kSlotWork);
      enquire.add_matchspy(&*work_spy);
    }
    const TimeBudget budget(request.time_budget);
    enquire.set_time_limit(budget.SecondsLeft());
    const Xapian::MSet mset =
        request.collapse_works ? enquire.get_mset(0, 0, check_at_least)
                               : enquire.get_mset(request.offset, request.limit, check_at_least);
    budget.Check();
    CountedMatches out;
    out.total_documents = mset.get_matches_estimated();  // exact: checkatleast covers the database
    out.total = out.total_documents;
    if (work_spy) {
      out.total = CountWorks(*work_spy, out.total_documents);
      out.page = CollapsedPage(matched, request, budget);
    } else {
      out.page = RankedOf(mset);
    }
    if (!request.with_facets) return out;
    for (Facet facet : kAllFacets) {
      const auto it = spies.find(facet);
      out.facets.push_back(it != spies.end()
                               ? it->second->Counts({}, out.total_documents)
                               : CountWithoutOwnFilter(matched, request, facet, budget));
    }
    return out;
  }

 private:
  // A facet with a selection, counted in a pass of its own with every
  // filter but its own.
  FacetCounts CountWithoutOwnFilter(const Xapian::Query& matched, const SearchRequest& request,
                                    Facet facet, const TimeBudget& budget) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(Filtered(matched, CombinedFilter(request, facet)));
    enquire.set_time_limit(budget.SecondsLeft());
    FacetSpies spies(db_, enquire, facet);
    const Xapian::MSet mset = enquire.get_mset(0, 0, db_.get_doccount());
    budget.Check();
    return spies.Counts(Selected(request, facet), mset.get_matches_estimated());
  }

  // The request's page with each work once.
  std::vector<RankedDocument> CollapsedPage(const Xapian::Query& matched,
                                            const SearchRequest& request,
                                            const TimeBudget& budget) {
    if (request.limit == 0) return {};
    Xapian::Enquire enquire = RankingEnquire(
        db_, Filtered(matched, CombinedFilter(request, std::nullopt)), request.sort);
    CollapseWorks(enquire);
    enquire.set_time_limit(budget.SecondsLeft());
    std::vector<RankedDocument> page = ExactPage(enquire, db_, request.offset, request.limit);
    budget.Check();
    return page;
  }

  const Xapian::Database& db_;
};

}  // namespace

std::unique_ptr<FacetCounter> NewSpyFacetCounter(const Xapian::Database& db) {
  return std::make_unique<SpyFacetCounter>(db);
}

}  // namespace archivist
