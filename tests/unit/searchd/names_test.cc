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

// `ui_lang` is any two or three letters: codes ICU has no locale data for
// get correct names (ICU's English ones) but take no place among the kept
// UI languages, so that a few junk values cannot make every later real
// language pay ICU's lookups again on every answer. A kept name is the
// process's own string, the same one for two answers.
TEST(NamesTest, JunkUiLanguagesTakeNoPlaceFromRealOnes) {
  for (const char* junk : {"zz", "qa", "qb", "qc", "qd", "qe", "qf", "qg", "qh", "qi", "qj",
                           "qk", "qaa", "qab", "qac", "qad"}) {
    NamesIn names(junk);
    EXPECT_EQ(names.Country("DE"), CountryName("DE", junk)) << junk;
    EXPECT_NE(&NamesIn(junk).Country("DE"), &names.Country("DE")) << junk << " was kept";
  }
  for (const char* ui : {"de", "sv", "da", "fi", "cs", "hu", "ro", "uk", "he", "hi", "th", "vi"}) {
    NamesIn first(ui);
    NamesIn second(ui);
    EXPECT_EQ(&first.Country("BR"), &second.Country("BR")) << ui << " was not kept";
    EXPECT_EQ(first.Language("pt"), LanguageName("pt", ui)) << ui;
  }
}

}  // namespace
}  // namespace archivist::searchd
