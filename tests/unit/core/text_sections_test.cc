// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/text_sections.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace archivist {
namespace {

TEST(TextSectionsTest, APackedLayoutUnpacksAsItWas) {
  const TextLayout layout = {
      {{0, 7, 0}, {2050, 400, 0}, {3000, 580, 1}, {3001, 581, 2}, {900000, 150000, 3}}, 901234};
  EXPECT_EQ(UnpackTextLayout(PackTextLayout(layout)), layout);
  EXPECT_EQ(UnpackTextLayout(PackTextLayout({})), TextLayout{});
}

TEST(TextSectionsTest, AValueThatIsNoListOfSectionsIsRefused) {
  EXPECT_FALSE(UnpackTextLayout("").has_value());
  std::string packed = PackTextLayout({{{0, 1, 0}, {5000, 900, 0}}, 6000});
  EXPECT_FALSE(UnpackTextLayout(packed.substr(0, packed.size() - 1)).has_value());
  EXPECT_FALSE(UnpackTextLayout(packed + "x").has_value());
}

TEST(TextSectionsTest, LongPagesAreCutJustAfterWhitespace) {
  std::string page;
  while (page.size() < 3 * kTextSectionBytes) page += "word\nanother ";
  const std::vector<std::size_t> cuts = SectionCuts(page);
  ASSERT_EQ(cuts.size(), 2u);
  for (std::size_t cut : cuts) {
    EXPECT_TRUE(page[cut - 1] == ' ' || page[cut - 1] == '\n') << cut;
    EXPECT_NE(page[cut], ' ');
  }
  EXPECT_GE(cuts[0], kTextSectionBytes);
  EXPECT_GE(cuts[1] - cuts[0], kTextSectionBytes);
  // Text without whitespace, and short pages, stay whole.
  EXPECT_TRUE(SectionCuts(std::string(5 * kTextSectionBytes, 'x')).empty());
  EXPECT_TRUE(SectionCuts("a short page").empty());
}

}  // namespace
}  // namespace archivist
