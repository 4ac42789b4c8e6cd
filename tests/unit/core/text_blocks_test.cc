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

}  // namespace
}  // namespace archivist
