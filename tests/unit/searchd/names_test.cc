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

}  // namespace
}  // namespace archivist::searchd
