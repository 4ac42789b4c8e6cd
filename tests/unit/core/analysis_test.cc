// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/analysis.h"

#include <gtest/gtest.h>

namespace archivist {
namespace {

TEST(StemmerForTest, StemsEachLanguageAndNothingElse) {
  EXPECT_EQ(StemmerFor("en")("grooming"), "groom");
  EXPECT_EQ(StemmerFor("fr")("enfants"), "enfant");
  EXPECT_EQ(StemmerFor("nl")("kinderen"), "kinder");
  EXPECT_EQ(StemmerFor("pt")("crianças"), "crianc");
  EXPECT_EQ(StemmerFor("es")("niños"), "niñ");
  EXPECT_EQ(StemmerFor("und")("grooming"), "grooming");
}

TEST(StopperForTest, EachLanguageHasItsOwnList) {
  ASSERT_NE(StopperFor("fr"), nullptr);
  EXPECT_TRUE((*StopperFor("fr"))("des"));
  EXPECT_FALSE((*StopperFor("fr"))("traite"));
  EXPECT_TRUE((*StopperFor("en"))("the"));
  EXPECT_FALSE((*StopperFor("en"))("des"));
  EXPECT_TRUE((*StopperFor("nl"))("het"));
  EXPECT_TRUE((*StopperFor("pt"))("nao"));  // folded, as FoldWord leaves "não"
  EXPECT_TRUE((*StopperFor("es"))("los"));
  EXPECT_TRUE((*StopperFor("de"))("fur"));
}

TEST(StopperForTest, WordsThatCarryMeaningAreNotStopped) {
  EXPECT_FALSE((*StopperFor("en"))("us"));
  EXPECT_FALSE((*StopperFor("en"))("it"));
}

TEST(StopperForTest, NoListForUnknownLanguages) {
  EXPECT_EQ(StopperFor("und"), nullptr);
  EXPECT_EQ(StopperFor("el"), nullptr);
}

}  // namespace
}  // namespace archivist
