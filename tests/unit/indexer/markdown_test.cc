// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/extract/markdown.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "indexer/extract/extractor.h"

namespace archivist::extract {
namespace {

TEST(MarkdownTest, LinksKeepTheirWordsAndLoseTheirTargets) {
  const std::string text = MarkdownText(
      "Zie [art. 273f Sr](../../wet/BWBR0001854/README.md) en "
      "![kaart van Europa](kaart.png).\n");
  EXPECT_EQ(text, "Zie art. 273f Sr en kaart van Europa.\n");
}

TEST(MarkdownTest, HeadingsWrittenWithoutASpaceAreHeadings) {
  EXPECT_EQ(MarkdownText("##Aanwijzing mensenhandel\n\n####Samenvatting\nDeze aanwijzing.\n"),
            "Aanwijzing mensenhandel\n\nSamenvatting\n\nDeze aanwijzing.\n");
  // Not inside fenced code, and not a run longer than a heading's.
  EXPECT_EQ(MarkdownText("```\n#include <cmark.h>\n```\n\n#######seven\n"),
            "#include <cmark.h>\n\n#######seven\n");
}

TEST(MarkdownTest, MarkupGoesAndBlocksKeepTheirLines) {
  const std::string text = MarkdownText(
      "---\ntitle: Richtlijn\ndate: 2013-01-01\n---\n"
      "# Richtlijn **mensenhandel**\n\n"
      "Een *korte* alinea\nover twee regels.\n\n"
      "- eerste punt\n- tweede punt\n\n"
      "```\nmake install\n```\n");
  EXPECT_EQ(text,
            "Richtlijn mensenhandel\n\n"
            "Een korte alinea over twee regels.\n\n"
            "eerste punt\ntweede punt\n\n"
            "make install\n");
}

TEST(MarkdownTest, InlineAndBlockHtmlKeepOnlyTheirWords) {
  EXPECT_EQ(MarkdownText("praktijken.<sup>3 Zie ook artikel 7.</sup>De uitbuiter\n"),
            "praktijken. 3 Zie ook artikel 7. De uitbuiter\n");
  EXPECT_EQ(MarkdownText("<table><tr><td>Tabel 1</td><td>Tabel 2</td></tr></table>\n"),
            "Tabel 1 Tabel 2\n");
}

TEST(MarkdownTest, ATextWithoutMarkupIsItsOwnText) {
  EXPECT_EQ(MarkdownText("Plain words, nothing more.\n"), "Plain words, nothing more.\n");
  EXPECT_EQ(MarkdownText(""), "");
  // An unclosed "---" opening is a rule, not front matter.
  EXPECT_EQ(MarkdownText("---\nAfter the rule.\n"), "After the rule.\n");
}

TEST(MarkdownTest, ATableIsItsCellsRowByRow) {
  const std::string text = MarkdownText(
      "| Land | Slachtoffers |\n"
      "|------|-------------:|\n"
      "| Nederland | 1 **321** |\n"
      "| Belgi\u00eb | 144 |\n"
      "\nNa de tabel.\n");
  EXPECT_EQ(text, "Land Slachtoffers\nNederland 1 321\nBelgi\u00eb 144\n\nNa de tabel.\n");
}

TEST(MarkdownTest, StruckWordsAndBareAddressesAreText) {
  EXPECT_EQ(MarkdownText("Read ~~the old~~ the new report at www.example.org today.\n"),
            "Read the old the new report at www.example.org today.\n");
}

TEST(MarkdownTest, TheHeadingIsTheFirstHeadingOrAnOpeningLineInBold) {
  EXPECT_EQ(ReadMarkdown("Intro words.\n\n## Findings\n\n# Later\n").heading, "Findings");
  EXPECT_EQ(ReadMarkdown("Annual report\n=============\n\nText.\n").heading, "Annual report");
  // A "#" in fenced code is code, not a heading.
  EXPECT_EQ(ReadMarkdown("```\n# not a heading\n```\n\n# Real one\n").heading, "Real one");
  // A converted document's title set in bold, after a layout table.
  EXPECT_EQ(ReadMarkdown("| logo | ECA |\n|---|---|\n\n**Special report 05/2021**\n\n"
                         "## Summary\n")
                .heading,
            "Special report 05/2021");
  // A title in bold that links to the text's source, under an office's banner.
  EXPECT_EQ(ReadMarkdown("| **Casa Civil** |\n| :--- |\n\n"
                         "[**LEI N\u00ba 8.069, DE 13 DE JULHO DE 1990.**](http://example.org/l8069)\n")
                .heading,
            "LEI N\u00ba 8.069, DE 13 DE JULHO DE 1990.");
  // Bold words inside a sentence do not make a title.
  EXPECT_EQ(ReadMarkdown("The **new** policy starts today.\n").heading, "");
  EXPECT_EQ(ReadMarkdown("Plain text only.\n").heading, "");
}

// A real file of the sample archive: a Dutch prosecution guideline written as
// Markdown, with relative links and footnotes in <sup> tags.
TEST(MarkdownTest, ARealGuidelineReadsAsItsText) {
  const std::filesystem::path file = std::filesystem::path(ARCHIVIST_CORPUS_DIR) / "public" /
                                     "text" / "nl-legislation" / "BWBR0031497.md";
  std::ifstream in(file, std::ios::binary);
  ASSERT_TRUE(in) << file;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const Result<ExtractedDoc> doc = NewTextExtractor()->Extract(file, bytes.str());
  ASSERT_TRUE(doc.ok());
  ASSERT_EQ(doc.value().pages.size(), 1u);
  const std::string& text = doc.value().pages[0];
  EXPECT_EQ(text.find("<sup>"), std::string::npos);
  EXPECT_EQ(text.find("README.md"), std::string::npos);
  EXPECT_EQ(text.find("]("), std::string::npos);
  EXPECT_NE(text.find("in art. 273f Sr strafbaar"), std::string::npos);
  EXPECT_NE(text.find("De uitbuiter behandelt de ander als zijn bezit."), std::string::npos);
}

}  // namespace
}  // namespace archivist::extract
