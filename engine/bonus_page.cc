// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/bonus_page.h"

#include <algorithm>
#include <functional>
#include <memory>
#include <utility>

#include "engine/facet_filters.h"
#include "engine/hits.h"

namespace archivist {
namespace {

// Every match the matcher sees, with its weight.
class WeightCollector : public Xapian::MatchSpy {
 public:
  explicit WeightCollector(Xapian::docid last_docid) : matches_(last_docid) {}
  void operator()(const Xapian::Document& doc, double weight) override {
    const Xapian::docid id = doc.get_docid();
    matches_.Insert(id);
    weighed_.emplace_back(id, weight);
  }
  DocSet& matches() { return matches_; }
  const std::vector<std::pair<Xapian::docid, double>>& weighed() const { return weighed_; }

 private:
  DocSet matches_;
  std::vector<std::pair<Xapian::docid, double>> weighed_;
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
                                 const BonusSplit& split, Xapian::docid last_docid, Xapian::doccount first,
                                 Xapian::doccount count, double time_limit_seconds) {
  // Pass 1: every match weighed without the bonuses. The bonuses add
  // weight and no match, so these are the query's matches.
  WeightCollector weights(last_docid);
  {
    Xapian::Enquire enquire(db);
    enquire.set_query(split.without);
    if (time_limit_seconds > 0) enquire.set_time_limit(time_limit_seconds);
    enquire.add_matchspy(&weights);
    enquire.get_mset(0, 0, db.get_doccount());
  }
  BonusPage out;
  if (count == 0) {
    out.matches = std::move(weights.matches());
    return out;
  }
  const std::vector<std::pair<Xapian::docid, double>>& eligible = weights.weighed();

  // The page's lowest weight is at least the (first+count)-th highest
  // weight without bonuses (a bonus never lowers a weight); a document
  // whose weight without bonuses, plus every bonus at its maximum, stays
  // below that cannot reach the page. The rest are the candidates.
  const std::size_t wanted = std::size_t{first} + count;
  auto candidates = std::make_shared<DocSet>(last_docid);
  if (eligible.size() <= wanted) {
    for (const auto& [id, weight] : eligible) candidates->Insert(id);
  } else {
    std::vector<double> sorted;
    sorted.reserve(eligible.size());
    for (const auto& weighed : eligible) sorted.push_back(weighed.second);
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(wanted - 1),
                     sorted.end(), std::greater<>());
    const double lowest_on_page = sorted[wanted - 1];
    double bonus = 0;
    for (const Xapian::Query& part : split.bonuses) bonus += MaxWeightOf(db, part);
    const double floor = lowest_on_page * (1 - kRelativeSlack) - bonus * (1 + kRelativeSlack) -
                         kRelativeSlack;
    for (const auto& [id, weight] : eligible) {
      if (weight >= floor) candidates->Insert(id);
    }
  }
  out.matches = std::move(weights.matches());

  // Pass 2: the whole query over the candidates alone, positions and all.
  auto* source = new DocSetPostingSource(std::move(candidates));
  Xapian::Enquire enquire(db);
  enquire.set_query(Filtered(query, Xapian::Query(source->release())));
  if (time_limit_seconds > 0) enquire.set_time_limit(time_limit_seconds);
  out.page = ExactPage(enquire, db, first, count);
  return out;
}

}  // namespace archivist
