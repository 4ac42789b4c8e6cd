// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/text_sections.h"

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "core/varint.h"

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

// A layout read in place gives the sections a whole unpacking gives, and
// finds the section of a position or a byte as a search over them would.
TEST(TextSectionsTest, ATableReadInPlaceFindsTheSectionsOfPositionsAndBytes) {
  const TextLayout layout = {
      {{0, 7, 0}, {2050, 400, 0}, {3000, 580, 1}, {3001, 580, 2}, {900000, 150000, 3}}, 901234};
  const std::optional<TextSectionTable> table = TextSectionTable::Read(PackTextLayout(layout));
  ASSERT_TRUE(table.has_value());
  ASSERT_EQ(table->size(), layout.sections.size());
  EXPECT_EQ(table->text_size(), 901234u);
  for (std::size_t i = 0; i < layout.sections.size(); ++i) {
    EXPECT_EQ((*table)[i], layout.sections[i]) << i;
  }
  EXPECT_EQ(table->SectionOf(3), table->size());  // before the first: the title's
  EXPECT_EQ(table->SectionOf(7), 0u);
  EXPECT_EQ(table->SectionOf(579), 1u);
  EXPECT_EQ(table->SectionOf(580), 3u);  // the last of those starting there
  EXPECT_EQ(table->SectionOf(4000000), 4u);
  EXPECT_EQ(table->SectionAtByte(0), 0u);
  EXPECT_EQ(table->SectionAtByte(2999), 1u);
  EXPECT_EQ(table->SectionAtByte(3000), 2u);
  EXPECT_EQ(table->SectionAtByte(901000), 4u);
}

// Indexes written before the fixed-width table hold varints of deltas:
// they still read, whole or in place.
TEST(TextSectionsTest, ALayoutOfAnEarlierWriterStillReads) {
  std::string packed;
  AppendVarint(packed, 6000);  // the text's size
  AppendVarint(packed, 3);     // sections
  for (const auto& [offset_delta, position_delta, new_page] :
       std::vector<std::tuple<std::uint32_t, std::uint32_t, bool>>{
           {0, 1, false}, {2048, 300, false}, {10, 2, true}}) {
    AppendVarint(packed, offset_delta);
    AppendVarint(packed, (position_delta << 1) | (new_page ? 1 : 0));
  }
  const TextLayout layout = {{{0, 1, 0}, {2048, 301, 0}, {2058, 303, 1}}, 6000};
  EXPECT_EQ(UnpackTextLayout(packed), layout);
  const std::optional<TextSectionTable> table = TextSectionTable::Read(packed);
  ASSERT_TRUE(table.has_value());
  ASSERT_EQ(table->size(), 3u);
  EXPECT_EQ((*table)[2], layout.sections[2]);
  EXPECT_EQ(table->SectionOf(302), 1u);
  EXPECT_FALSE(TextSectionTable::Read(packed.substr(0, packed.size() - 1)).has_value());
  EXPECT_FALSE(TextSectionTable::Read("").has_value());
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
