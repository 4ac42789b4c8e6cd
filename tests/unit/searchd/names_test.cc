// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/names.h"

#include <gtest/gtest.h>

namespace archivist::searchd {
namespace {

// Issue 14: the language facet showed the raw code "und".
TEST(NamesTest, UndeterminedLanguageIsNamedInTheInterfaceLanguage) {
  EXPECT_EQ(LanguageName("und", "en"), "Unknown language");
  EXPECT_EQ(LanguageName("und", "fr"), "Langue inconnue");
  EXPECT_EQ(LanguageName("und", "nl"), "Onbekende taal");
  EXPECT_EQ(LanguageName("und", "de"), "Unknown language");
}

TEST(NamesTest, LanguagesAndCountriesComeFromCldr) {
  EXPECT_EQ(LanguageName("nl", "fr"), "néerlandais");
  EXPECT_EQ(LanguageName("fr", "nl"), "Frans");
  EXPECT_EQ(CountryName("BR", "fr"), "Brésil");
  EXPECT_EQ(CountryName("BE", "nl"), "België");
  EXPECT_EQ(LanguageName("", "en"), "");
}

TEST(NamesTest, TypesAreNamedInEnglishFrenchAndDutch) {
  EXPECT_EQ(TypeName("press_release", "nl"), "Persbericht");
  EXPECT_EQ(TypeName("some_new_type", "fr"), "Some new type");
}

// Issue 19: an answer asks its names of one NamesIn, which asks ICU once
// per name; the names are those of the functions, each code kept apart
// (a country code and a language code can be spelt alike: "BE", "be").
TEST(NamesTest, NamesOfOneAnswerAreThoseOfTheFunctions) {
  NamesIn names("fr");
  EXPECT_EQ(names.ui_language(), "fr");
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(names.Country("BR"), CountryName("BR", "fr"));
    EXPECT_EQ(names.Country("BE"), "Belgique");
    EXPECT_EQ(names.Language("be"), LanguageName("be", "fr"));
    EXPECT_EQ(names.Language("und"), "Langue inconnue");
    EXPECT_EQ(names.Language("nl"), "néerlandais");
    EXPECT_EQ(names.Type("press_release"), "Communiqué de presse");
    EXPECT_EQ(names.Type("some_new_type"), "Some new type");
  }
}

// Issue 15: country and language names are kept for later answers, by UI
// language: a name kept for one answer in French is never another's in
// Dutch, and past the UI languages the process keeps, each answer still
// gets its own language's names.
TEST(NamesTest, NamesKeptForLaterAnswersStayInTheirUiLanguage) {
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(NamesIn("fr").Language("de"), "allemand");
    EXPECT_EQ(NamesIn("nl").Language("de"), "Duits");
    EXPECT_EQ(NamesIn("en").Language("de"), "German");
    EXPECT_EQ(NamesIn("fr").Country("DE"), "Allemagne");
    EXPECT_EQ(NamesIn("nl").Country("DE"), "Duitsland");
  }
  // More UI languages than the process keeps names for.
  for (const char* ui : {"es", "it", "pt", "pl", "tr", "ru", "ja", "zh", "ko", "ar", "el", "fa"}) {
    for (int round = 0; round < 2; ++round) {
      NamesIn names(ui);
      EXPECT_EQ(names.Language("de"), LanguageName("de", ui)) << ui;
      EXPECT_EQ(names.Country("DE"), CountryName("DE", ui)) << ui;
    }
  }
  EXPECT_EQ(NamesIn("fr").Language("de"), "allemand");
}

}  // namespace
}  // namespace archivist::searchd
