// SPDX-License-Identifier: GPL-2.0-or-later
// A web page's sections in languages of their own (issue 18): a page
// partly left untranslated names its sections, a short quotation or a
// page in one language names none.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/language.h"
#include "tests/support/bilingual_pages.h"

namespace archivist {
namespace {

using test::kEnglishPage;
using test::kFrenchPage;

TEST(DetectSectionLanguagesTest, HeadingsGoWithTheParagraphsUnderThem) {
  const std::string english = "1. Trafficking\n" + kEnglishPage + "\n" + kEnglishPage + "\n";
  const std::string french = "2. La traite\n" + kFrenchPage + "\n" + kFrenchPage;
  const std::string text = english + french;
  const std::vector<TextLanguageSection> sections = DetectSectionLanguages(text, "en");
  ASSERT_EQ(sections.size(), 2u);
  EXPECT_EQ(sections[0].language, "en");
  EXPECT_EQ(sections[0].start, 0u);
  EXPECT_EQ(sections[1].language, "fr");
  // The French heading begins the French section, which runs to the end.
  EXPECT_EQ(sections[1].start, english.size());
  EXPECT_EQ(sections[1].end, text.size());
  EXPECT_LE(sections[0].end, sections[1].start);
}

TEST(DetectSectionLanguagesTest, AlternatingBlocksAreEachTheirOwn) {
  const std::string text =
      kEnglishPage + "\n" + kFrenchPage + "\n" + kEnglishPage + "\n" + kFrenchPage;
  const std::vector<TextLanguageSection> sections = DetectSectionLanguages(text, "en");
  ASSERT_EQ(sections.size(), 4u);
  EXPECT_EQ(sections[0].language, "en");
  EXPECT_EQ(sections[1].language, "fr");
  EXPECT_EQ(sections[2].language, "en");
  EXPECT_EQ(sections[3].language, "fr");
}

TEST(DetectSectionLanguagesTest, APageInOneLanguageNamesNone) {
  const std::string text = "Introduction\n" + kEnglishPage + "\n" + kEnglishPage;
  EXPECT_TRUE(DetectSectionLanguages(text, "en").empty());
}

TEST(DetectSectionLanguagesTest, AShortPassageSaysNothing) {
  // One French paragraph of some 150 bytes between English ones: too little
  // to be a section; the English around it holds it.
  const std::string quotation =
      "« Les enfants victimes de la traite doivent être protégés et non poursuivis », a rappelé "
      "la ministre.";
  const std::string text = kEnglishPage + "\n" + quotation + "\n" + kEnglishPage;
  EXPECT_TRUE(DetectSectionLanguages(text, "en").empty());
}

TEST(DetectSectionLanguagesTest, CodeAndHeadingsOutsideTheProseDecideNothing) {
  // An English line that is not prose (command output in a French page)
  // makes no section when the prose is given.
  const std::string text = kFrenchPage + "\n" + kEnglishPage + "\n" + kFrenchPage;
  const std::string prose = kFrenchPage + "\n\n" + kFrenchPage;
  EXPECT_FALSE(DetectSectionLanguages(text, "fr").empty());
  EXPECT_TRUE(DetectSectionLanguages(text, "fr", prose).empty());
}

}  // namespace
}  // namespace archivist
