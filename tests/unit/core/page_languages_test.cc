// SPDX-License-Identifier: GPL-2.0-or-later
// A long document whose pages are in different languages: each page is
// detected in its own language (tests/unit/engine/page_languages_test.cc
// stems and matches each page in it).
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/language.h"
#include "tests/support/bilingual_pages.h"

namespace archivist {
namespace {

using test::kEnglishPage;
using test::kFrenchPage;

TEST(DetectPageLanguagesTest, NamesEachPageWhenThePagesDiffer) {
  const std::vector<std::string> pages = {kEnglishPage, kEnglishPage, kFrenchPage, kEnglishPage};
  EXPECT_EQ(DetectPageLanguages(pages, "en"), (std::vector<std::string>{"en", "en", "fr", "en"}));
}

TEST(DetectPageLanguagesTest, EmptyWhenEveryPageIsInTheDocumentsLanguage) {
  const std::vector<std::string> pages(5, kEnglishPage);
  EXPECT_TRUE(DetectPageLanguages(pages, "en").empty());
}

TEST(DetectPageLanguagesTest, EmptyForShortDocuments) {
  const std::vector<std::string> pages = {kEnglishPage, kFrenchPage, kEnglishPage};
  ASSERT_LT(pages.size(), kMinPagesForPageLanguages);
  EXPECT_TRUE(DetectPageLanguages(pages, "en").empty());
}

TEST(DetectPageLanguagesTest, AShortPageKeepsTheLanguageBeforeIt) {
  const std::vector<std::string> pages = {kFrenchPage, "Annexe 2 — Tableau 4", kFrenchPage,
                                          kEnglishPage};
  EXPECT_EQ(DetectPageLanguages(pages, "en"), (std::vector<std::string>{"fr", "fr", "fr", "en"}));
}

TEST(DetectPageLanguagesTest, OnlyStemmedLanguagesSwitchAPage) {
  // Galician, which CLD2 tells from Spanish by a few words, has no stemmer
  // here: a page read as Galician stays in the language before it.
  const std::string galician =
      "O informe describe como os nenos son vítimas de explotación e como os gobernos traballan "
      "para protexer as vítimas, perseguir os autores e previr novos casos. Recolle as leis "
      "aprobadas durante o ano, o número de investigacións e condenas, os centros abertos para "
      "as vítimas e a formación dada á policía, aos xuíces e aos inspectores de traballo.";
  ASSERT_EQ(DetectLanguage(galician).language, "gl");
  const std::vector<std::string> pages = {kEnglishPage, galician, kEnglishPage, kEnglishPage};
  EXPECT_TRUE(DetectPageLanguages(pages, "en").empty());
}

}  // namespace
}  // namespace archivist
