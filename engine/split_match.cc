// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/split_match.h"

#include <algorithm>
#include <exception>
#include <future>
#include <string>
#include <unordered_set>
#include <utility>

#include "engine/facet_filters.h"
#include "engine/works.h"

namespace archivist {
namespace {

struct Ranked {
  RankedDocument ranked;
  Xapian::docid id = 0;
  std::string sort_value;  // the order's slot, when it has one
  std::string work;        // collapsing works: its work, "" for none
};

struct HalfResult {
  std::vector<Ranked> ranked;
  DocSet matches;
};

// The documents of `allowed` (every one when null) with ids in [from, to].
std::shared_ptr<const DocSet> Within(const DocSet* allowed, Xapian::docid from, Xapian::docid to,
                                     Xapian::docid last_docid) {
  auto within = std::make_shared<DocSet>(last_docid);
  for (Xapian::docid id = from; id <= to; ++id) {
    if (!allowed || allowed->Contains(id)) within->Insert(id);
  }
  return within;
}

// The matcher over the documents of `within` (every one when null): every
// match noted, and ranked documents first..first+count.
HalfResult Match(const Xapian::Database& db, const MatchPass& pass,
                 std::shared_ptr<const DocSet> within, Xapian::docid last_docid,
                 Xapian::doccount first, Xapian::doccount count) {
  Xapian::Query query = pass.query;
  if (within) {
    auto* source = new DocSetPostingSource(std::move(within));
    query = Filtered(query, Xapian::Query(source->release()));
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  if (!pass.weighted) enquire.set_weighting_scheme(Xapian::BoolWeight());
  if (pass.time_limit_seconds > 0) enquire.set_time_limit(pass.time_limit_seconds);
  pass.order.ApplyTo(enquire);
  if (pass.collapse_works) CollapseWorks(enquire);
  HalfResult half{{}, DocSet(last_docid)};
  DocIdCollector collector(&half.matches);
  enquire.add_matchspy(&collector);
  // A match spy sees every match only when the matcher must count them all.
  const Xapian::MSet mset = enquire.get_mset(first, count, db.get_doccount());
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Ranked ranked{{it.get_document(), it.get_weight()}, *it, {}, {}};
    if (pass.order.slot) ranked.sort_value = ranked.ranked.document.get_value(*pass.order.slot);
    if (pass.collapse_works) ranked.work = it.get_collapse_key();
    half.ranked.push_back(std::move(ranked));
  }
  return half;
}

// Xapian's order of ranked documents: the slot's value first when sorting
// by value, then weight (highest first), then document id (lowest first).
bool RanksBefore(const Ranked& a, const Ranked& b, const RankOrder& order) {
  if (order.slot && a.sort_value != b.sort_value) {
    return order.reverse ? a.sort_value > b.sort_value : a.sort_value < b.sort_value;
  }
  if (a.ranked.weight != b.ranked.weight) return a.ranked.weight > b.ranked.weight;
  return a.id < b.id;
}

}  // namespace

void RankOrder::ApplyTo(Xapian::Enquire& enquire) const {
  if (slot) enquire.set_sort_by_value_then_relevance(*slot, reverse);
}

PassResult RunMatchPass(const Xapian::Database& db, const Xapian::Database* twin,
                        const MatchPass& pass, const DocSet& documents, Xapian::docid last_docid) {
  PassResult result;
  // The halves hold as many candidates each: an index that has seen many
  // deletions has long runs of unused ids, and the allowed documents of a
  // filter may cluster anywhere.
  const DocSet& candidates = pass.allowed ? *pass.allowed : documents;
  const std::size_t candidate_count = candidates.Count();
  const Xapian::docid middle =
      candidate_count < 2 ? 0 : candidates.NthSmallest((candidate_count - 1) / 2);
  if (!twin || middle == 0) {
    HalfResult all = Match(db, pass, pass.allowed, last_docid, pass.first, pass.count);
    for (Ranked& ranked : all.ranked) result.page.push_back(std::move(ranked.ranked));
    result.matches = std::move(all.matches);
    return result;
  }
  // Each half ranks its own best first+count; the page is among them.
  const Xapian::doccount wanted = pass.first + pass.count;
  // Xapian's objects count their references without atomics, so the other
  // thread gets a query of its own, not a copy sharing this one's parts.
  MatchPass upper_pass = pass;
  upper_pass.query = Xapian::Query::unserialise(pass.query.serialise());
  auto upper_future = std::async(std::launch::async, [&] {
    return Match(*twin, upper_pass,
                 Within(upper_pass.allowed.get(), middle + 1, last_docid, last_docid), last_docid,
                 0, wanted);
  });
  HalfResult lower;
  try {
    lower =
        Match(db, pass, Within(pass.allowed.get(), 1, middle, last_docid), last_docid, 0, wanted);
  } catch (...) {
    upper_future.wait();  // it reads `pass`: let it finish before unwinding
    throw;
  }
  HalfResult upper = upper_future.get();

  std::vector<Ranked> ranked = std::move(lower.ranked);
  std::move(upper.ranked.begin(), upper.ranked.end(), std::back_inserter(ranked));
  std::sort(ranked.begin(), ranked.end(),
            [&](const Ranked& a, const Ranked& b) { return RanksBefore(a, b, pass.order); });
  // Collapsing, each half kept its works' best editions: a work in both
  // halves is shown by the better of its two.
  if (pass.collapse_works) {
    std::unordered_set<std::string> works;
    std::erase_if(ranked,
                  [&](const Ranked& r) { return !r.work.empty() && !works.insert(r.work).second; });
  }
  for (std::size_t i = pass.first; i < ranked.size() && i < wanted; ++i) {
    result.page.push_back(std::move(ranked[i].ranked));
  }
  result.matches = std::move(lower.matches);
  result.matches |= upper.matches;
  return result;
}

}  // namespace archivist
