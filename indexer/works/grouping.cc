// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/works/grouping.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace archivist::works {
namespace {

// Whether at least half of the compared pairs across `x` and `y` are
// editions. A pair never compared counts for neither side: an edition
// whose numbers only some of the others share was compared with those.
bool MostlyEditions(const std::vector<std::string>& x, const std::vector<std::string>& y,
                    const JudgePair& judge) {
  // A lone document joins by any link: an edition whose language's
  // translation kept few of the others' numbers and names (the Turkish
  // sections of a handbook) links to some editions only and fails the
  // thresholds with the rest, and it bridges nothing. What it may bridge
  // is judged once it is in a group.
  if (x.size() == 1 || y.size() == 1) return true;
  const std::size_t nx = std::min(x.size(), kMaxJudgedMembers);
  const std::size_t ny = std::min(y.size(), kMaxJudgedMembers);
  std::size_t editions = 0;
  std::size_t not_editions = 0;
  for (std::size_t i = 0; i < nx; ++i) {
    for (std::size_t j = 0; j < ny; ++j) {
      switch (judge(x[i], y[j])) {
        case PairVerdict::kEditions:
          ++editions;
          break;
        case PairVerdict::kNotEditions:
          ++not_editions;
          break;
        case PairVerdict::kNotCompared:
          break;
      }
    }
  }
  return editions > 0 && editions >= not_editions;
}

}  // namespace

std::vector<std::vector<std::string>> GroupEditions(const std::vector<std::string>& documents,
                                                    std::vector<EditionLink> links,
                                                    const JudgePair& judge) {
  // Each document's group, and each group's members in joining order (the
  // first members of a group, judged when it is large, are its earliest).
  std::unordered_map<std::string, std::size_t> group_of;
  std::vector<std::vector<std::string>> members;
  for (const std::string& id : documents) {
    if (group_of.emplace(id, members.size()).second) members.push_back({id});
  }
  // Links inside a work are tried first: those whose two ends share the
  // most linked documents (a work in five languages gives each of its
  // links three), then the strongest. A bridge shares none, so it comes
  // when the groups it would join have formed, and is judged against them
  // rather than joining two lone documents first.
  std::unordered_map<std::string, std::unordered_set<std::string>> linked;
  for (const EditionLink& link : links) {
    linked[link.a].insert(link.b);
    linked[link.b].insert(link.a);
  }
  std::vector<std::pair<std::size_t, EditionLink>> ordered;
  for (EditionLink& link : links) {
    const auto& x = linked[link.a];
    const auto& y = linked[link.b];
    const auto& smaller = x.size() <= y.size() ? x : y;
    const auto& larger = x.size() <= y.size() ? y : x;
    const std::size_t shared = static_cast<std::size_t>(
        std::count_if(smaller.begin(), smaller.end(),
                      [&](const std::string& id) { return larger.count(id) > 0; }));
    ordered.emplace_back(shared, std::move(link));
  }
  std::sort(ordered.begin(), ordered.end(), [](const auto& x, const auto& y) {
    return std::tie(y.first, y.second.strength, x.second.a, x.second.b) <
           std::tie(x.first, x.second.strength, y.second.a, y.second.b);
  });
  // A link refused now may be accepted once its ends' groups have grown
  // (a third member agreeing with both): tried again until nothing joins.
  for (bool joined = true; joined;) {
    joined = false;
    for (const auto& [shared, link] : ordered) {
      const auto a = group_of.find(link.a);
      const auto b = group_of.find(link.b);
      if (a == group_of.end() || b == group_of.end() || a->second == b->second) continue;
      std::size_t into = a->second;
      std::size_t from = b->second;
      if (!MostlyEditions(members[into], members[from], judge)) continue;
      if (members[into].size() < members[from].size()) std::swap(into, from);
      for (const std::string& id : members[from]) group_of[id] = into;
      members[into].insert(members[into].end(), members[from].begin(), members[from].end());
      members[from].clear();
      joined = true;
    }
  }
  std::vector<std::vector<std::string>> groups;
  for (std::vector<std::string>& group : members) {
    if (group.empty()) continue;
    std::sort(group.begin(), group.end());
    groups.push_back(std::move(group));
  }
  std::sort(groups.begin(), groups.end());
  return groups;
}

}  // namespace archivist::works
