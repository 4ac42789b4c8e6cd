// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/extract/titles.h"

#include <string>

#include <gtest/gtest.h>

namespace archivist::extract {
namespace {

TEST(IsPlaceholderTitleTest, TemplateLeftoversSayNothing) {
  EXPECT_TRUE(IsPlaceholderTitle("IV"));
  EXPECT_TRUE(IsPlaceholderTitle("1."));
  EXPECT_TRUE(IsPlaceholderTitle(" COVER PAGE "));
  EXPECT_TRUE(IsPlaceholderTitle("Untitled"));
  EXPECT_TRUE(IsPlaceholderTitle("Slide 1"));
}

TEST(IsPlaceholderTitleTest, RealTitlesStand) {
  EXPECT_FALSE(IsPlaceholderTitle("Trafficking in Persons Report"));
  EXPECT_FALSE(IsPlaceholderTitle("Cover page design guidelines"));
  EXPECT_FALSE(IsPlaceholderTitle("Loi sur la sécurité"));
  EXPECT_FALSE(IsPlaceholderTitle("Ωμέγα"));  // letters of any script count
}

TEST(TitleFromOpeningTest, FirstLineJoinedWithTheLineItRunsInto) {
  EXPECT_EQ(TitleFromOpening("\n\nAfrica Region, Benin, International Military Education\n"
                             "and Training (IMET), FY 01\n\nIV. COUNTRY TRAINING ACTIVITIES"),
            "Africa Region, Benin, International Military Education and Training (IMET), FY 01");
}

TEST(TitleFromOpeningTest, AClosedLineStandsAlone) {
  EXPECT_EQ(TitleFromOpening("Annual report 2014.\nThe year in review"), "Annual report 2014.");
  EXPECT_EQ(TitleFromOpening("Heading\n\nBody text"), "Heading");
  EXPECT_EQ(TitleFromOpening("  \n \n"), "");
}

TEST(TitleFromOpeningTest, CutAfterAWholeWord) {
  const std::string line(150, 'a');
  EXPECT_EQ(TitleFromOpening("short words " + line + " tail", 20), "short words");
}

}  // namespace
}  // namespace archivist::extract
