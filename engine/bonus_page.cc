// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/bonus_page.h"

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "engine/facet_filters.h"
#include "engine/hits.h"
#include "engine/works.h"

namespace archivist {
namespace {

// Every match the matcher sees, with its weight and, ranking by a value
// slot, its value there.
struct Weighed {
  Xapian::docid id;
  double weight;
  std::string sort_value;
};
class WeightCollector : public Xapian::MatchSpy {
 public:
  WeightCollector(Xapian::docid last_docid, std::optional<Xapian::valueno> slot)
      : matches_(last_docid), slot_(slot) {}
  void operator()(const Xapian::Document& doc, double weight) override {
    const Xapian::docid id = doc.get_docid();
    matches_.Insert(id);
    weighed_.push_back({id, weight, slot_ ? doc.get_value(*slot_) : std::string()});
  }
  DocSet& matches() { return matches_; }
  std::vector<Weighed>& weighed() { return weighed_; }

 private:
  DocSet matches_;
  std::optional<Xapian::valueno> slot_;
  std::vector<Weighed> weighed_;
};

// The most weight `bonus` can add to a document: Xapian's bound for it
// alone, which is the bound of the same part inside the whole query (a
// term's weight depends on the term and the document, not on the rest of
// the query).
double MaxWeightOf(const Xapian::Database& db, const Xapian::Query& bonus) {
  Xapian::Enquire enquire(db);
  enquire.set_query(bonus);
  return enquire.get_mset(0, 0).get_max_possible();
}

// The weights of two passes over different query trees may differ in
// their last bits (sums in another order): the bounds are widened by far
// more than that.
constexpr double kRelativeSlack = 1e-9;

// Of `matches`, each document of no work, and of each work the edition
// that ranks first without the bonuses: by its value in `order`'s slot, or
// by weight. What a collapsed page's bounds are drawn from.
std::vector<Weighed> BestOfEachWork(const std::vector<Weighed>& matches,
                                    const std::vector<std::uint32_t>& work_of,
                                    const RankOrder& order) {
  std::vector<Weighed> best;
  best.reserve(matches.size());
  std::unordered_map<std::uint32_t, std::size_t> best_of_work;  // work -> index in `best`
  const auto better = [&](const Weighed& a, const Weighed& b) {
    if (!order.slot) return a.weight > b.weight;
    return order.reverse ? a.sort_value > b.sort_value : a.sort_value < b.sort_value;
  };
  for (const Weighed& match : matches) {
    const std::uint32_t work = match.id < work_of.size() ? work_of[match.id] : 0;
    if (work == 0) {
      best.push_back(match);
      continue;
    }
    const auto [it, first] = best_of_work.emplace(work, best.size());
    if (first) {
      best.push_back(match);
    } else if (better(match, best[it->second])) {
      best[it->second] = match;
    }
  }
  return best;
}

}  // namespace

BonusSplit SplitPositionalBonuses(const Xapian::Query& query,
                                  const std::function<bool(const Xapian::Query&)>& positional) {
  if (query.get_type() != Xapian::Query::OP_AND_MAYBE) return {query, {}};
  BonusSplit split = SplitPositionalBonuses(query.get_subquery(0), positional);
  std::vector<Xapian::Query> kept = {split.without};
  for (std::size_t i = 1; i < query.get_num_subqueries(); ++i) {
    const Xapian::Query part = query.get_subquery(i);
    if (positional(part)) {
      split.bonuses.push_back(part);
    } else {
      kept.push_back(part);
    }
  }
  split.without = kept.size() == 1
                      ? kept.front()
                      : Xapian::Query(Xapian::Query::OP_AND_MAYBE, kept.begin(), kept.end());
  return split;
}

BonusPage RankWithBoundedBonuses(const Xapian::Database& db, const Xapian::Query& query,
                                 const BonusSplit& split, const BonusRanking& ranking) {
  // Pass 1: every match weighed without the bonuses. The bonuses add
  // weight and no match, so these are the query's matches.
  WeightCollector weights(ranking.last_docid, ranking.order.slot);
  {
    Xapian::Query without = split.without;
    if (ranking.allowed) {
      auto* source = new DocSetPostingSource(ranking.allowed);
      without = Filtered(without, Xapian::Query(source->release()));
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(without);
    if (ranking.time_limit_seconds > 0) enquire.set_time_limit(ranking.time_limit_seconds);
    enquire.add_matchspy(&weights);
    enquire.get_mset(0, 0, db.get_doccount());
  }
  BonusPage out;
  if (ranking.count == 0) {
    out.matches = std::move(weights.matches());
    return out;
  }
  std::vector<Weighed>& eligible = weights.weighed();
  const std::size_t wanted = std::size_t{ranking.first} + ranking.count;
  // The matches the page's bounds are drawn from: each work once when
  // collapsing, since the page's lowest is its wanted-th work's.
  std::vector<Weighed> best_of_works;
  if (ranking.work_of) best_of_works = BestOfEachWork(eligible, *ranking.work_of, ranking.order);
  std::vector<Weighed>& deciders = ranking.work_of ? best_of_works : eligible;
  auto candidates = std::make_shared<DocSet>(ranking.last_docid);
  if (deciders.size() <= wanted) {
    for (const Weighed& match : eligible) candidates->Insert(match.id);
  } else if (ranking.order.slot) {
    // Ranked by a value first: a bonus only reorders documents of equal
    // value, so no bound is needed. The documents whose value comes no
    // later than the wanted-th document's (or work's) can reach the page;
    // one of a later value has at least `wanted` documents (works) before
    // it whatever its weight, and is no work's first edition otherwise.
    const bool reverse = ranking.order.reverse;
    const auto before = [reverse](const Weighed& a, const Weighed& b) {
      return reverse ? a.sort_value > b.sort_value : a.sort_value < b.sort_value;
    };
    std::nth_element(deciders.begin(), deciders.begin() + static_cast<std::ptrdiff_t>(wanted - 1),
                     deciders.end(), before);
    const Weighed last_wanted = deciders[wanted - 1];
    for (const Weighed& match : eligible) {
      if (!before(last_wanted, match)) candidates->Insert(match.id);
    }
  } else {
    // The page's lowest weight is at least the wanted-th highest weight
    // without bonuses (a bonus never lowers a weight; collapsing, the
    // wanted-th highest of the works' best ones); a document whose weight
    // without bonuses, plus every bonus at its maximum, stays below that
    // cannot reach the page. The rest are the candidates.
    std::vector<double> sorted;
    sorted.reserve(deciders.size());
    for (const Weighed& match : deciders) sorted.push_back(match.weight);
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(wanted - 1),
                     sorted.end(), std::greater<>());
    const double lowest_on_page = sorted[wanted - 1];
    double bonus = 0;
    for (const Xapian::Query& part : split.bonuses) bonus += MaxWeightOf(db, part);
    const double floor =
        lowest_on_page * (1 - kRelativeSlack) - bonus * (1 + kRelativeSlack) - kRelativeSlack;
    for (const Weighed& match : eligible) {
      if (match.weight >= floor) candidates->Insert(match.id);
    }
  }
  out.ranked_with_bonuses = static_cast<Xapian::doccount>(candidates->Count());
  out.matches = std::move(weights.matches());

  // Pass 2: the whole query over the candidates alone, positions and all.
  auto* source = new DocSetPostingSource(std::move(candidates));
  Xapian::Enquire enquire(db);
  enquire.set_query(Filtered(query, Xapian::Query(source->release())));
  if (ranking.time_limit_seconds > 0) enquire.set_time_limit(ranking.time_limit_seconds);
  ranking.order.ApplyTo(enquire);
  // Each work's best candidate is its best edition: a work that can reach
  // the page has its best edition among the candidates.
  if (ranking.work_of) CollapseWorks(enquire);
  out.page = ExactPage(enquire, db, ranking.first, ranking.count);
  return out;
}

}  // namespace archivist
