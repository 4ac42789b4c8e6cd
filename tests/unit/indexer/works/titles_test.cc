// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/works/titles.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace archivist::works {
namespace {

using Words = std::vector<std::string>;

TEST(WorkTitlesTest, TitleWordsAreFoldedWithoutStopWords) {
  EXPECT_EQ(TitleWords("The Future of this Book", "en"), (Words{"future", "book"}));
  EXPECT_EQ(TitleWords("Sécurité de l'enfant: la sécurité", "fr"), (Words{"securite", "enfant"}));
  EXPECT_EQ(TitleWords("COMMIT PREPARED", "und"), (Words{"commit", "prepared"}));
  EXPECT_TRUE(TitleWords("", "en").empty());
}

TEST(WorkTitlesTest, TitleNumbersAreDottedOrVersioned) {
  EXPECT_EQ(TitleNumbers("Git v2.30.1 Release Notes"), (Words{"2.30.1"}));
  EXPECT_EQ(TitleNumbers("Tallyman 2.31 Release Notes"), (Words{"2.31"}));
  EXPECT_EQ(TitleNumbers("52.3. Case study, release v2"), (Words{"52.3", "2"}));
  EXPECT_TRUE(TitleNumbers("Annual report 2013, Article 34").empty()) << "plain numbers";
  EXPECT_TRUE(TitleNumbers("Form ISO9001.2 and c25").empty()) << "an identifier's digits";
}

TEST(WorkTitlesTest, TitlesDifferWhenEachNamesSomethingTheOtherDoesNot) {
  EXPECT_TRUE(TitlesDiffer({"commit", "prepared"}, {"rollback", "prepared"}));
  EXPECT_TRUE(TitlesDiffer({"structure", "book"}, {"future", "book"}));
  EXPECT_FALSE(TitlesDiffer({"annual", "report"}, {"annual", "report", "corrected"}));
  EXPECT_FALSE(TitlesDiffer({"annual", "report"}, {"annual", "report"}));
  EXPECT_FALSE(TitlesDiffer({}, {"annual", "report"})) << "no declared title says nothing";
}

TEST(WorkTitlesTest, TitleNumbersDifferOnlyWhenBothCarrySome) {
  EXPECT_TRUE(TitleNumbersDiffer({"2.30"}, {"2.31"}));
  EXPECT_TRUE(TitleNumbersDiffer({"2.30"}, {"2.30.1"}));
  EXPECT_FALSE(TitleNumbersDiffer({"2.30", "1.2"}, {"1.2", "2.30"}));
  EXPECT_FALSE(TitleNumbersDiffer({}, {"2.31"}));
}

}  // namespace
}  // namespace archivist::works
