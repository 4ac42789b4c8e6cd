// SPDX-License-Identifier: GPL-2.0-or-later
// How linked documents become works (issue 15). Joining every linked pair
// transitively lets one wrong link bridge two works: a page of a template
// taken for a version of another page brings its whole group of
// translations into the other's. Here two groups join only when at least
// half of the pairs across them are editions of each other, so a work is
// what its members mostly agree on, and a lone bridge is not enough.
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

// Whether two documents are editions of each other; asked for the pairs
// across two groups about to join (the caller remembers its verdicts).
using AreEditions = std::function<bool(const std::string& a, const std::string& b)>;

// The groups of `documents` (each listed once; every link's ends among
// them): each link, those whose ends share the most linked documents
// first and then the strongest, joins its two ends' groups when
// `are_editions` holds for at least half of the pairs across them (of
// groups larger than kMaxJudgedMembers members, their first
// kMaxJudgedMembers are judged, which bounds a join's cost), and links are
// tried again until none joins more. Each group sorted, groups sorted by
// their first member; a document without links is a group of one.
// Deterministic: the same input gives the same groups.
std::vector<std::vector<std::string>> GroupEditions(const std::vector<std::string>& documents,
                                                    std::vector<EditionLink> links,
                                                    const AreEditions& are_editions);

inline constexpr std::size_t kMaxJudgedMembers = 48;

}  // namespace archivist::works
