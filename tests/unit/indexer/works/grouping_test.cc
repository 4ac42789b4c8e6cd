// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/works/grouping.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace archivist::works {
namespace {

using Groups = std::vector<std::vector<std::string>>;

// The links found, and the pairs that are editions: `are_editions` holds
// for the pairs in `pairs` only.
struct Evidence {
  std::set<std::pair<std::string, std::string>> pairs;
  std::vector<EditionLink> links;

  void Link(const std::string& a, const std::string& b, double strength = 1) {
    pairs.insert(std::minmax(a, b));
    links.push_back({a, b, strength});
  }
  void Clique(const std::vector<std::string>& members) {
    for (std::size_t i = 0; i < members.size(); ++i) {
      for (std::size_t j = i + 1; j < members.size(); ++j) Link(members[i], members[j]);
    }
  }
  Groups Group(const std::vector<std::string>& documents) const {
    return GroupEditions(documents, links, [this](const std::string& a, const std::string& b) {
      return pairs.count(std::minmax(a, b)) > 0;
    });
  }
};

TEST(WorkGroupingTest, OneLinkDoesNotBridgeTwoWorks) {
  Evidence e;
  e.Clique({"a1", "a2", "a3"});
  e.Clique({"b1", "b2", "b3"});
  e.Link("a3", "b1", 5);  // the strongest: a template's page taken for a version
  EXPECT_EQ(e.Group({"a1", "a2", "a3", "b1", "b2", "b3"}),
            (Groups{{"a1", "a2", "a3"}, {"b1", "b2", "b3"}}));
}

TEST(WorkGroupingTest, MembersLinkedToHalfTheGroupJoinIt) {
  Evidence e;
  e.Clique({"en", "fr", "de"});
  e.Link("nl", "en");
  e.Link("nl", "fr");  // two of three: most of the pairs across
  e.Link("es", "de");  // one of four, once nl has joined: not enough
  EXPECT_EQ(e.Group({"de", "en", "es", "fr", "nl"}),
            (Groups{{"de", "en", "fr", "nl"}, {"es"}}));
}

TEST(WorkGroupingTest, AChainOfPairsIsOneWorkWhenNothingContradictsIt) {
  // Two documents linked, then a third linked to one of them: half of the
  // pairs across, enough (a translation compared with only one edition).
  Evidence e;
  e.Link("en", "fr");
  e.Link("fr", "pt");
  EXPECT_EQ(e.Group({"en", "fr", "pt", "zz"}), (Groups{{"en", "fr", "pt"}, {"zz"}}));
}

TEST(WorkGroupingTest, AJoinRefusedFirstIsTriedAgainOnceAGroupHasGrown) {
  Evidence e;
  e.Link("c", "d", 9);
  e.Link("c", "e", 8);
  e.Link("a", "c", 7);  // {a} and {c, d, e}: one pair of three, refused
  e.Link("a", "b", 6);
  // Editions that were never each other's candidates: asked when judging
  // {a, b} and {c, d, e} again, three pairs of six.
  e.pairs.insert({"b", "d"});
  e.pairs.insert({"b", "e"});
  EXPECT_EQ(e.Group({"a", "b", "c", "d", "e"}), (Groups{{"a", "b", "c", "d", "e"}}));
}

}  // namespace
}  // namespace archivist::works
