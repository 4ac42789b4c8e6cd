// SPDX-License-Identifier: GPL-2.0-or-later
// Issue 18: a page's template block candidates are its paragraphs, named by
// their words whatever the source's line breaks and indentation.
#include "core/template_blocks.h"

#include <string>

#include <gtest/gtest.h>

namespace archivist {
namespace {

constexpr const char* kNotice =
    "The rewrite of this tutorial document with updated contents is available.";

TEST(TemplateBlocksTest, ParagraphsLongEnoughAreBlocksNamedByTheirWords) {
  const std::string text = std::string("Chapter 2\n\n") + kNotice +
                           "\n\nLet's start by creating a package of\nyour own, or adopting one.\n";
  const std::vector<TemplateBlock> blocks = TemplateBlocksOf(text);
  ASSERT_EQ(blocks.size(), 2u);  // "Chapter 2" is too short
  EXPECT_EQ(text.substr(blocks[0].start, blocks[0].end - blocks[0].start),
            std::string(kNotice) + "\n");
  // The same words wrapped and indented otherwise are the same block.
  const std::string rewrapped =
      "The rewrite of this tutorial\n  document with updated   contents is available.";
  ASSERT_EQ(TemplateBlocksOf(rewrapped).size(), 1u);
  EXPECT_EQ(TemplateBlocksOf(rewrapped)[0].key, blocks[0].key);
  EXPECT_NE(blocks[0].key, blocks[1].key);
  EXPECT_EQ(blocks[0].key.size(), 16u);
}

TEST(TemplateBlocksTest, LeavingOutABlockKeepsTheRestAsItWas) {
  const std::string text =
      std::string("Chapter 2\n\n") + kNotice + "\n\nThe chapter's own text, long enough.\n";
  const std::string key = TemplateBlocksOf(text)[0].key;
  EXPECT_EQ(WithoutTemplateBlocks(text, {key}),
            "Chapter 2\n\nThe chapter's own text, long enough.\n");
  EXPECT_EQ(WithoutTemplateBlocks(text, {}), text);
  EXPECT_EQ(WithoutTemplateBlocks(text, {"0000000000000000"}), text);
}

}  // namespace
}  // namespace archivist
