// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/text_blocks.h"

#include <gtest/gtest.h>

#include <string>

#include "core/text_sections.h"

namespace archivist {
namespace {

TEST(TextBlocksTest, ABlockComesBackAsItWasAndProseTakesLessRoom) {
  std::string prose;
  while (prose.size() + 60 < kTextBlockBytes) {
    prose += "The committee met on Tuesday to review the annual report.\f";
  }
  prose += std::string("caf\xc3\xa9 \0 end", 11);  // any byte, a NUL too
  ASSERT_LE(prose.size(), kTextBlockBytes);
  const std::string packed = PackTextBlock(prose);
  EXPECT_LT(packed.size(), prose.size() / 3);
  EXPECT_EQ(UnpackTextBlock(packed), prose);
  EXPECT_EQ(UnpackTextBlock(PackTextBlock("")), "");
}

TEST(TextBlocksTest, ADamagedBlockIsRefusedNotGuessed) {
  const std::string packed = PackTextBlock("some text that compresses, some text that compresses");
  EXPECT_FALSE(UnpackTextBlock(packed.substr(0, packed.size() / 2)).has_value());
  EXPECT_FALSE(UnpackTextBlock("plain text, never packed").has_value());
  // Larger than a block once unpacked: not one of ours.
  EXPECT_FALSE(UnpackTextBlock(PackTextBlock(std::string(kTextBlockBytes + 1, 'a'))).has_value());
}

// Issue 19: a snippet inflates only the start of a block it needs.
TEST(TextBlocksTest, APrefixIsTheBlocksStartAndAShortBlockComesWhole) {
  std::string prose;
  for (int i = 0; prose.size() + 40 < kTextBlockBytes; ++i) {
    prose += "Line " + std::to_string(i) + " of the annual report.\n";
  }
  const std::string packed = PackTextBlock(prose);
  for (std::size_t bytes : {std::size_t{0}, std::size_t{1}, std::size_t{100}, std::size_t{5000},
                            prose.size() - 1}) {
    EXPECT_EQ(UnpackTextBlockPrefix(packed, bytes), prose.substr(0, bytes)) << bytes;
  }
  EXPECT_EQ(UnpackTextBlockPrefix(packed, prose.size()), prose);
  EXPECT_EQ(UnpackTextBlockPrefix(packed, prose.size() + 1), prose) << "the whole, shorter block";
  EXPECT_EQ(UnpackTextBlockPrefix(packed, kTextBlockBytes), prose);
  EXPECT_EQ(UnpackTextBlockPrefix(PackTextBlock("short"), 100), "short");
  EXPECT_FALSE(UnpackTextBlockPrefix("plain text, never packed", 10).has_value());
  EXPECT_FALSE(UnpackTextBlockPrefix(packed.substr(0, packed.size() / 2), prose.size() - 1))
      << "the prefix asked reaches past what is there";
}

}  // namespace
}  // namespace archivist
