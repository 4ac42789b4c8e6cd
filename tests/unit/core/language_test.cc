// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/language.h"

#include <string>

#include <gtest/gtest.h>

namespace archivist {
namespace {

struct LanguageCase {
  const char* name;
  const char* text;
  const char* language;
};

void PrintTo(const LanguageCase& language_case, std::ostream* os) { *os << language_case.name; }

class DetectLanguageTest : public ::testing::TestWithParam<LanguageCase> {};

TEST_P(DetectLanguageTest, Detects) {
  EXPECT_EQ(DetectLanguage(GetParam().text).language, GetParam().language);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DetectLanguageTest,
    ::testing::Values(
        LanguageCase{"English",
                     "The report describes how children are trafficked across borders and what "
                     "governments have done to protect the victims and prosecute the offenders.",
                     "en"},
        LanguageCase{"French",
                     "Le rapport décrit comment les enfants sont victimes de la traite à travers "
                     "les frontières et ce que les gouvernements ont fait pour les protéger.",
                     "fr"},
        LanguageCase{"Dutch",
                     "Het rapport beschrijft hoe kinderen over de grenzen worden verhandeld en "
                     "wat de regeringen hebben gedaan om de slachtoffers te beschermen.",
                     "nl"},
        LanguageCase{"Portuguese",
                     "O relatório descreve como as crianças são traficadas através das "
                     "fronteiras e o que os governos fizeram para proteger as vítimas.",
                     "pt"},
        LanguageCase{"Spanish",
                     "El informe describe cómo los niños son objeto de trata a través de las "
                     "fronteras y lo que han hecho los gobiernos para proteger a las víctimas.",
                     "es"},
        LanguageCase{"German",
                     "Der Bericht beschreibt, wie Kinder über Grenzen hinweg gehandelt werden "
                     "und was die Regierungen getan haben, um die Opfer zu schützen.",
                     "de"},
        LanguageCase{"TooShortIsUnd", "Annual report", "und"},
        LanguageCase{"EmptyIsUnd", "", "und"},
        LanguageCase{"NumbersAreUnd", "2014 2015 2016 12.5 % 17 3 1 000 000 42 7 9 11 13", "und"}),
    [](const ::testing::TestParamInfo<LanguageCase>& param) { return param.param.name; });

TEST(DetectLanguageTest, InvalidUtf8TailIsIgnored) {
  std::string text =
      "Le rapport décrit comment les enfants sont victimes de la traite à travers les "
      "frontières et ce que les gouvernements ont fait pour les protéger.";
  text += "\xff\xfe garbage";
  EXPECT_EQ(DetectLanguage(text).language, "fr");
}

TEST(DetectLanguageTest, LongTextIsSampledNotMisread) {
  std::string text;
  for (int i = 0; i < 2000; ++i) {
    text += "Het rapport beschrijft hoe kinderen over de grenzen worden verhandeld. ";
  }
  EXPECT_EQ(DetectLanguage(text).language, "nl");
}

}  // namespace
}  // namespace archivist
