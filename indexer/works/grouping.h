// SPDX-License-Identifier: GPL-2.0-or-later
// How linked documents become works (issue 15). Joining every linked pair
// transitively lets one wrong link bridge two works: a page of a template
// taken for a version of another page brings its whole group of
// translations into the other's. Here two groups join only when at least
// half of the pairs across them that were compared are editions of each
// other, so a work is what its members mostly agree on, and a lone bridge
// is not enough.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace archivist::works {

// Two documents found to be editions of each other, and how strongly
// (similarity.h Strength).
struct EditionLink {
  std::string a;
  std::string b;
  double strength = 0;
};

// What was found of two documents: editions of each other, not editions,
// or nothing, never having been compared (neither was the other's
// candidate: they share no rare feature, which is no evidence either way).
enum class PairVerdict { kEditions, kNotEditions, kNotCompared };

// The verdict on a pair across two groups about to join.
using JudgePair = std::function<PairVerdict(const std::string& a, const std::string& b)>;

// The groups of `documents` (each listed once; every link's ends among
// them): each link, those whose ends share the most linked documents
// first and then the strongest, joins its two ends' groups when one is a
// lone document or at least half of the pairs across them that were
// compared are editions (`judge`;
// of groups larger than kMaxJudgedMembers members, their first
// kMaxJudgedMembers are asked, which bounds a join's cost), and links are
// tried again until none joins more. Each group sorted, groups sorted by
// their first member; a document without links is a group of one.
// Deterministic: the same input gives the same groups.
std::vector<std::vector<std::string>> GroupEditions(const std::vector<std::string>& documents,
                                                    std::vector<EditionLink> links,
                                                    const JudgePair& judge);

inline constexpr std::size_t kMaxJudgedMembers = 48;

}  // namespace archivist::works
