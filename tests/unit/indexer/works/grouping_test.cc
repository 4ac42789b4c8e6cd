// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/works/grouping.h"

#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace archivist::works {
namespace {

using Groups = std::vector<std::vector<std::string>>;

// The links found, the pairs that are editions and those compared and
// found not to be; the other pairs were never compared.
struct Evidence {
  std::set<std::pair<std::string, std::string>> editions;
  std::set<std::pair<std::string, std::string>> not_editions;
  std::vector<EditionLink> links;

  void Link(const std::string& a, const std::string& b, double strength = 1) {
    editions.insert(std::minmax(a, b));
    links.push_back({a, b, strength});
  }
  void Clique(const std::vector<std::string>& members) {
    for (std::size_t i = 0; i < members.size(); ++i) {
      for (std::size_t j = i + 1; j < members.size(); ++j) Link(members[i], members[j]);
    }
  }
  // Compared, and found no editions, with every one of `others`.
  void Unlike(const std::string& a, const std::vector<std::string>& others) {
    for (const std::string& b : others) not_editions.insert(std::minmax(a, b));
  }
  Groups Group(const std::vector<std::string>& documents) const {
    return GroupEditions(documents, links, [this](const std::string& a, const std::string& b) {
      if (editions.count(std::minmax(a, b))) return PairVerdict::kEditions;
      if (not_editions.count(std::minmax(a, b))) return PairVerdict::kNotEditions;
      return PairVerdict::kNotCompared;
    });
  }
};

TEST(WorkGroupingTest, OneLinkDoesNotBridgeTwoWorks) {
  Evidence e;
  e.Clique({"a1", "a2", "a3"});
  e.Clique({"b1", "b2", "b3"});
  e.Link("a3", "b1", 5);  // the strongest: a template's page taken for a version
  for (const std::string a : {"a1", "a2", "a3"}) e.Unlike(a, {"b1", "b2", "b3"});
  EXPECT_EQ(e.Group({"a1", "a2", "a3", "b1", "b2", "b3"}),
            (Groups{{"a1", "a2", "a3"}, {"b1", "b2", "b3"}}));
}

TEST(WorkGroupingTest, MembersLinkedToHalfTheComparedPairsJoin) {
  Evidence e;
  e.Clique({"en", "fr", "de"});
  e.Link("nl", "en");
  e.Link("nl", "fr");
  e.Unlike("nl", {"de"});  // two of three: most of the pairs across
  e.Link("es", "pt", 3);   // each the other's best: paired first
  e.Link("es", "de");
  e.Unlike("es", {"en", "fr", "nl"});
  e.Unlike("pt", {"en", "fr", "nl", "de"});  // one of eight: not enough
  EXPECT_EQ(e.Group({"de", "en", "es", "fr", "nl", "pt"}),
            (Groups{{"de", "en", "fr", "nl"}, {"es", "pt"}}));
}

TEST(WorkGroupingTest, ALoneEditionJoinsByOneLinkButBridgesNothing) {
  // Linked to one edition of each of two works, compared with the others
  // and found unlike them: it joins one work, and the two stay apart.
  Evidence e;
  e.Clique({"a1", "a2", "a3"});
  e.Clique({"b1", "b2", "b3"});
  for (const std::string a : {"a1", "a2", "a3"}) e.Unlike(a, {"b1", "b2", "b3"});
  e.Link("x", "a1", 2);
  e.Link("x", "b1", 1);
  e.Unlike("x", {"a2", "a3", "b2", "b3"});
  EXPECT_EQ(e.Group({"a1", "a2", "a3", "b1", "b2", "b3", "x"}),
            (Groups{{"a1", "a2", "a3", "x"}, {"b1", "b2", "b3"}}));
}

TEST(WorkGroupingTest, PairsNeverComparedSayNothing) {
  // A translation compared with one edition only (it shares rare features
  // with that one alone) joins the work all the same.
  Evidence e;
  e.Clique({"en", "fr", "de", "nl"});
  e.Link("pt", "fr");
  EXPECT_EQ(e.Group({"de", "en", "fr", "nl", "pt", "zz"}),
            (Groups{{"de", "en", "fr", "nl", "pt"}, {"zz"}}));
}

TEST(WorkGroupingTest, AJoinRefusedFirstIsTriedAgainOnceAGroupHasGrown) {
  Evidence e;
  e.Link("c", "d", 9);
  e.Link("c", "e", 8);
  e.Link("f", "g", 7);
  e.Link("a", "f", 6);
  e.Link("a", "c", 5);
  e.editions.insert({"a", "d"});
  e.Unlike("a", {"e"});
  e.Unlike("f", {"c", "d", "e"});  // {a, f, g} and {c, d, e}: two compared pairs of six, refused
  e.Link("a", "b", 4);
  // Editions that were never each other's candidates' links: counted when
  // {a, b, f, g} and {c, d, e} are judged again, five compared pairs of nine.
  for (const std::string x : {"c", "d", "e"}) e.editions.insert({"b", x});
  EXPECT_EQ(e.Group({"a", "b", "c", "d", "e", "f", "g"}),
            (Groups{{"a", "b", "c", "d", "e", "f", "g"}}));
}

}  // namespace
}  // namespace archivist::works
