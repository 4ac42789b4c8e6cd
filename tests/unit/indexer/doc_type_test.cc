// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/doc_type.h"

#include <string>

#include <gtest/gtest.h>

namespace archivist::enrich {
namespace {

struct TypeCase {
  const char* name;
  const char* format;
  const char* title;
  std::string text;
  const char* type;
};

void PrintTo(const TypeCase& type_case, std::ostream* os) { *os << type_case.name; }

class DetectDocumentTypeTest : public ::testing::TestWithParam<TypeCase> {};

TEST_P(DetectDocumentTypeTest, Detects) {
  const TypeCase& c = GetParam();
  EXPECT_EQ(DetectDocumentType({c.format, c.title, c.text, 1}), c.type);
}

std::string Articles(const char* word, int count) {
  std::string text;
  for (int i = 1; i <= count; ++i)
    text += std::string(word) + " " + std::to_string(i) + "\nText.\n";
  return text;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DetectDocumentTypeTest,
    ::testing::Values(
        TypeCase{"CsvIsDataset", "csv", "tiers", "country,year\nBR,2014\n", "dataset"},
        TypeCase{"EnglishPressRelease", "pdf", "", "PRESS RELEASE\nGeneva, 30 May 2014",
                 "press_release"},
        TypeCase{"FrenchPressRelease", "html", "", "Communiqué de presse\nParis", "press_release"},
        TypeCase{"DutchPressRelease", "pdf", "Persbericht", "Den Haag", "press_release"},
        TypeCase{"GermanPressRelease", "pdf", "", "Pressemitteilung vom 1. März", "press_release"},
        TypeCase{"Newsletter", "pdf", "ECPAT Newsletter No. 12", "In this issue", "newsletter"},
        TypeCase{"SpeechSalutation", "text", "", "Mr. President, I congratulate you.", "speech"},
        TypeCase{"SpeechVerbatimRecord", "text", "",
                 "Allow me to begin. My delegation supports it. My delegation thanks you.",
                 "speech"},
        TypeCase{"SpeechToTheGeneralAssembly", "text", "",
                 "I congratulate Mr. Lykketoft on his election. My country has suffered; my "
                 "Government will speak from this rostrum for the poor.",
                 "speech"},
        TypeCase{"ReportNamingOneCountryIsNotSpeech", "pdf", "",
                 "The Government of Albania adopted a plan. My country profile follows.",
                 "report"},
        TypeCase{"QuotedAddressIsNotSpeech", "pdf", "", "He said: allow me to go.", "report"},
        TypeCase{"DutchArticles", "text", "", Articles("Artikel", 9), "legislation"},
        TypeCase{"PortugueseArticles", "text", "", Articles("Art.", 9), "legislation"},
        TypeCase{"FewArticlesAreNotLegislation", "pdf", "", Articles("Article", 3), "report"},
        TypeCase{"EnactingFormula", "xml", "",
                 "Her Majesty, by and with the advice and consent of the Senate and House of "
                 "Commons of Canada, enacts as follows:",
                 "legislation"},
        TypeCase{"FrenchEnactingFormula", "xml", "",
                 "Loi modifiant le Code criminel\nLe Parlement du Canada édicte :\n1 Titre abrégé",
                 "legislation"},
        TypeCase{"DutchRegulationBesluit", "text", "",
                 "De Staatssecretaris van Justitie,\nGelet op artikel 12 van de Wet,\nBesluit:\n"
                 "Artikel 1",
                 "legislation"},
        TypeCase{"PdfDefaultsToReport", "pdf", "", "Findings and methods.", "report"},
        TypeCase{"HtmlDefaultsToWebPage", "html", "", "Welcome to our site.", "web_page"},
        TypeCase{"TextDefaultsToOther", "text", "", "Notes.", "other"}),
    [](const ::testing::TestParamInfo<TypeCase>& param) { return std::string(param.param.name); });

}  // namespace
}  // namespace archivist::enrich
