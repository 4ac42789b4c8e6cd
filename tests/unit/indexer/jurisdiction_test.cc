// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/jurisdiction.h"

#include <string>

#include <gtest/gtest.h>

#include "core/text.h"

namespace archivist::enrich {
namespace {

std::string Detect(const std::string& title, const std::string& text, const std::string& language,
                   const std::string& type = "other") {
  const std::string folded = FoldWord(text);
  return DetectJurisdiction({title, folded, language, type});
}

// Issue 18: statutes rarely name their own country; their legal form,
// citations and issuing bodies do.
TEST(DetectJurisdictionTest, DutchRegulationByItsCitationsAndBodies) {
  EXPECT_EQ(Detect("Besluit van 1 mei 2003 tot wijziging van het Organisatiebesluit",
                   "Op de voordracht van Onze Minister van Justitie; Gelet op artikel 2 van de "
                   "wet (Stb. 1988, 665); Hebben goedgevonden en verstaan:",
                   "nl"),
            "NL");
  // An instruction of the public prosecution, without any article.
  EXPECT_EQ(Detect("Aanwijzing mensenhandel",
                   "Deze aanwijzing beschrijft hoe het Openbaar Ministerie samenwerkt; in overleg "
                   "met de officier van justitie wordt vervolgd.",
                   "nl"),
            "NL");
}

TEST(DetectJurisdictionTest, BrazilianChapterByItsCitationStyle) {
  EXPECT_EQ(Detect("Capítulo II",
                   "Art. 15. A criança e o adolescente têm direito à liberdade.\n"
                   "Art. 16. O direito à liberdade compreende os seguintes aspectos.\n"
                   "Parágrafo único. Cabe ao Conselho Tutelar zelar por isso.",
                   "pt"),
            "BR");
}

TEST(DetectJurisdictionTest, NotLegislationHasNone) {
  // A web page citing a gazette is not a law.
  EXPECT_EQ(Detect("Our news", "The regulation was published in the Staatscourant (Stcrt.) and "
                               "Onze Minister spoke.", "en", "web_page"),
            "");
}

TEST(DetectJurisdictionTest, WeakOrSplitEvidenceGivesNone) {
  // A legal form without any sign of whose.
  EXPECT_EQ(Detect("Wet op de jeugdzorg", "Artikel 1\nArtikel 2\nDe jeugdzorg.", "nl"), "");
  // As much Belgian as Dutch evidence.
  EXPECT_EQ(Detect("Wet", "Belgisch Staatsblad; Stb. 1990; Staatscourant", "nl", "legislation"),
            "");
}

TEST(DetectJurisdictionTest, PhrasesOfAnotherLanguageDoNotCount) {
  // "Congresso Nacional" is Brazilian only in a Portuguese text.
  EXPECT_EQ(Detect("Lei", "Congresso Nacional; parágrafo único", "pt", "legislation"), "BR");
  EXPECT_EQ(Detect("Act", "Congresso Nacional; parágrafo único", "en", "legislation"), "");
}

}  // namespace
}  // namespace archivist::enrich
