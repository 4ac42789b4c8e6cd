// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/extract/titles.h"

#include <string>

#include <gtest/gtest.h>

namespace archivist::extract {
namespace {

TEST(IsPlaceholderTitleTest, TemplateLeftoversSayNothing) {
  EXPECT_TRUE(IsPlaceholderTitle("IV"));
  EXPECT_TRUE(IsPlaceholderTitle("1."));
  EXPECT_TRUE(IsPlaceholderTitle(" COVER PAGE "));
  EXPECT_TRUE(IsPlaceholderTitle("Untitled"));
  EXPECT_TRUE(IsPlaceholderTitle("Slide 1"));
}

TEST(IsPlaceholderTitleTest, RealTitlesStand) {
  EXPECT_FALSE(IsPlaceholderTitle("Trafficking in Persons Report"));
  EXPECT_FALSE(IsPlaceholderTitle("Cover page design guidelines"));
  EXPECT_FALSE(IsPlaceholderTitle("Loi sur la sécurité"));
  EXPECT_FALSE(IsPlaceholderTitle("Ωμέγα"));  // letters of any script count
}

TEST(TitleFromOpeningTest, FirstLineJoinedWithTheLineItRunsInto) {
  EXPECT_EQ(TitleFromOpening("\n\nAfrica Region, Benin, International Military Education\n"
                             "and Training (IMET), FY 01\n\nIV. COUNTRY TRAINING ACTIVITIES"),
            "Africa Region, Benin, International Military Education and Training (IMET), FY 01");
}

TEST(TitleFromOpeningTest, AClosedLineStandsAlone) {
  EXPECT_EQ(TitleFromOpening("Annual report 2014.\nThe year in review"), "Annual report 2014.");
  EXPECT_EQ(TitleFromOpening("Heading\n\nBody text"), "Heading");
  EXPECT_EQ(TitleFromOpening("  \n \n"), "");
}

TEST(TitleFromOpeningTest, CutAfterAWholeWord) {
  const std::string line(150, 'a');
  EXPECT_EQ(TitleFromOpening("short words " + line + " tail", 20), "short words");
}


// Issue 18, part 6: a title a person would give.
TEST(IsLeftoverTitleTest, ProducersLeftoversAreNoTitles) {
  EXPECT_TRUE(IsLeftoverTitle("Microsoft Word - 01 - Outside Cover.docx"));
  EXPECT_TRUE(IsLeftoverTitle("Created with PDFsharp"));
  EXPECT_TRUE(IsLeftoverTitle("Metodologia_Liane GP.pmd"));
  EXPECT_TRUE(IsLeftoverTitle("C:\\Datatech\\Samples\\Scanned Document.tiff"));
  EXPECT_TRUE(IsLeftoverTitle("figure3_1_trafficking_patterns"));
  EXPECT_TRUE(IsLeftoverTitle("host.example.com_x__orderpost=64006A"));
  EXPECT_FALSE(IsLeftoverTitle("LaTeX2e-Kurzbeschreibung"));
  EXPECT_FALSE(IsLeftoverTitle("Voorwoord"));
  EXPECT_FALSE(IsLeftoverTitle("Rédaction avec LaTeX"));
}

TEST(ReadableFileNameTest, AsAPersonWritesIt) {
  EXPECT_EQ(ReadableFileName("data/tip_tiers_country_year_1999-2015.csv"),
            "Tip tiers country year 1999-2015");
  EXPECT_EQ(ReadableFileName("figure3_1_trafficking_patterns.pdf"), "Figure 3.1 trafficking patterns");
  EXPECT_EQ(ReadableFileName("fmtrpt_2000_2001_3164.pdf"), "Fmtrpt 2000 2001 3164");
  EXPECT_EQ(ReadableFileName("latex-via-exemplos.pdf"), "Latex via exemplos");
  EXPECT_EQ(ReadableFileName("Lei de Informática.pdf"), "Lei de Informática");
}

TEST(FirstSentenceTest, ASpeechIsDescribedByItsFirstSentenceNotItsFirstWords) {
  // Hard-wrapped speeches open with "I" or "At the" on a line of their own.
  EXPECT_EQ(FirstSentence("At the\noutset, I congratulate Mr. Lykketoft on his election. We "
                          "meet at a time of crisis."),
            "At the outset, I congratulate Mr. Lykketoft on his election.");
  const std::string cut = FirstSentence(
      "It gives me great pleasure, on behalf of the Islamic Republic of Afghanistan, to express "
      "my sincere congratulations on the well-deserved election of the President of the "
      "General Assembly at its seventieth session.",
      100);
  EXPECT_LE(cut.size(), 100u + std::string("…").size());
  EXPECT_EQ(cut.substr(cut.size() - 3), "…");
  EXPECT_EQ(cut.find(" of the…"), std::string::npos) << cut;  // never ends on "of the"
  EXPECT_EQ(cut.find(" to…"), std::string::npos) << cut;
}

TEST(ChooseTitleTest, MetadataUnlessALeftoverThenTheHeading) {
  EXPECT_EQ(ChooseTitle({"Trafficking in Persons Report", "Introduction", "", "a.pdf"}).title,
            "Trafficking in Persons Report");
  const ChosenTitle heading =
      ChooseTitle({"Microsoft Word - 01 - Outside Cover.docx", "Annual Report 2014", "", "a.pdf"});
  EXPECT_EQ(heading.title, "Annual Report 2014");
  EXPECT_EQ(heading.source, kTitleFromHeading);
}

TEST(ChooseTitleTest, ADatasetIsNamedByItsFileNotItsHeaderRow) {
  const ChosenTitle title = ChooseTitle(
      {"", "", "countryname,iso,year,ccode,tier\nArmenia,ARM,2001,371,1\n", "map_tiers.csv", true});
  EXPECT_EQ(title.title, "Map tiers");
  EXPECT_EQ(title.source, kTitleFromFileName);
}

TEST(ChooseTitleTest, AChartsLabelsAreNoTitle) {
  const ChosenTitle title =
      ChooseTitle({"", "", "Full criminalization\n\nPartial criminalization\n\n2001\n\n2014\n",
                   "figure1_1_crim_map.pdf"});
  EXPECT_EQ(title.title, "Figure 1.1 crim map");
}

TEST(ChooseTitleTest, ATitleLineAndADivisionsName) {
  const std::string law =
      "Título II\n\nDos Direitos Fundamentais\n\nArt. 7º A criança e o adolescente têm direito a "
      "proteção à vida e à saúde, mediante a efetivação de políticas sociais públicas.\n";
  const ChosenTitle title = ChooseTitle({"", "", law, "titulo-ii.md"});
  EXPECT_EQ(title.title, "Título II — Dos Direitos Fundamentais");
  EXPECT_EQ(title.source, kTitleFromOpening);
  const ChosenTitle speech = ChooseTitle(
      {"", "",
       "I\nbring you, Sir, and the Assembly warm fraternal greetings from the Commonwealth of "
       "The Bahamas. We meet at a time of great change for the world.\n",
       "BHS_70_2015.txt"});
  EXPECT_EQ(speech.title,
            "I bring you, Sir, and the Assembly warm fraternal greetings from the Commonwealth of "
            "The Bahamas.");
  EXPECT_EQ(speech.source, kTitleFromFirstSentence);
}

}  // namespace
}  // namespace archivist::extract
