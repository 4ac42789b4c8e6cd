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

}  // namespace
}  // namespace archivist::searchd
