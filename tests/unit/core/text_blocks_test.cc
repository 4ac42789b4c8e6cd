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

// Issue 19: a snippet inflates a block only as far as it reads, going on
// from where it stopped.
TEST(TextBlocksTest, ABlockInflatesAPartAtATime) {
  std::string prose;
  for (int i = 0; prose.size() + 40 < kTextBlockBytes; ++i) {
    prose += "Line " + std::to_string(i) + " of the annual report.\n";
  }
  const std::string packed = PackTextBlock(prose);
  TextBlockInflater inflater(packed);
  EXPECT_EQ(inflater.Prefix(0), "");
  for (std::size_t bytes :
       {std::size_t{1}, std::size_t{100}, std::size_t{50}, std::size_t{5000}, prose.size() - 1}) {
    const std::string& prefix = inflater.Prefix(bytes);
    ASSERT_GE(prefix.size(), bytes);
    EXPECT_EQ(prefix, prose.substr(0, prefix.size())) << bytes;
  }
  EXPECT_EQ(inflater.Prefix(kTextBlockBytes), prose) << "the whole, shorter block";
  EXPECT_EQ(TextBlockInflater(packed).Prefix(kTextBlockBytes), prose) << "at once";
  EXPECT_EQ(TextBlockInflater(PackTextBlock("short")).Prefix(100), "short");
}

TEST(TextBlocksTest, ADamagedBlockInflatesToNothing) {
  std::string prose;
  for (int i = 0; prose.size() + 40 < kTextBlockBytes; ++i) prose += std::to_string(i * 7919) + " ";
  const std::string packed = PackTextBlock(prose);
  TextBlockInflater truncated(packed.substr(0, packed.size() / 2));
  EXPECT_EQ(truncated.Prefix(prose.size()), "") << "the prefix asked reaches past what is there";
  EXPECT_EQ(TextBlockInflater("plain text, never packed").Prefix(10), "");
  EXPECT_EQ(TextBlockInflater(PackTextBlock(std::string(kTextBlockBytes + 1, 'a')))
                .Prefix(kTextBlockBytes),
            "")
      << "larger than a block once inflated";
}

}  // namespace
}  // namespace archivist
