// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/topics.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace archivist::enrich {
namespace {

using Slugs = std::vector<std::string>;

struct TopicCase {
  const char* name;
  const char* title;
  std::string text;
  Slugs topics;
};

void PrintTo(const TopicCase& topic_case, std::ostream* os) { *os << topic_case.name; }

class TopicDetectTest : public ::testing::TestWithParam<TopicCase> {};

TEST_P(TopicDetectTest, Detects) {
  EXPECT_EQ(DefaultTopicTaxonomy().Detect(GetParam().title, GetParam().text), GetParam().topics);
}

std::string Filler(int words) {
  std::string text;
  for (int i = 0; i < words; ++i) text += "word ";
  return text;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, TopicDetectTest,
    ::testing::Values(
        TopicCase{"EnglishTrafficking",
                  "",
                  "Human trafficking is a crime. Victims were trafficked; traffickers prosecuted.",
                  {"trafficking-in-persons"}},
        TopicCase{"FrenchExploitation",
                  "",
                  "L'exploitation sexuelle des enfants. L’exploitation sexuelle en ligne. "
                  "Prostitution des enfants.",
                  {"sexual-exploitation-of-children"}},
        TopicCase{"DutchTrafficking",
                  "",
                  "Mensenhandel. Mensenhandel en mensenhandel.",
                  {"trafficking-in-persons"}},
        TopicCase{"PortugueseAccentsFolded",
                  "",
                  "Exploração sexual, exploração sexual, "
                  "exploracao sexual de crianças.",
                  {"sexual-exploitation-of-children"}},
        TopicCase{"TitleCountsTriple", "Child sex tourism", "Travel.", {"child-sex-tourism"}},
        TopicCase{"OnePassingMentionIsNoTopic", "", "A survey was cited.", {}},
        TopicCase{"SparseInALongTextIsNoTopic",
                  "",
                  "survey " + Filler(2000) + " survey " + Filler(2000) + " survey",
                  {}}),
    [](const ::testing::TestParamInfo<TopicCase>& param) { return std::string(param.param.name); });

TEST(TopicTaxonomyTest, MostMentionedFirstAndAtMostAHandful) {
  const std::string text =
      "Trafficking trafficking trafficking trafficking. Grooming grooming grooming. "
      "Refugees refugees refugees. Campaign campaigns campaign. Survey survey survey. "
      "Slavery slavery slavery.";
  const Slugs topics = DefaultTopicTaxonomy().Detect("", text);
  ASSERT_EQ(topics.size(), kMaxDocumentTopics);
  EXPECT_EQ(topics.front(), "trafficking-in-persons");
}

}  // namespace
}  // namespace archivist::enrich
