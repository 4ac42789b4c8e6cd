// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/instruments.h"

#include <gtest/gtest.h>

namespace archivist::enrich {
namespace {

// Issue 18: a copy of the Universal Declaration that states no date is
// still the declaration of 1948, as a reader knows it in any language.
TEST(InstrumentDateTest, ACopyOfAnInstrumentIsOfItsAdoption) {
  EXPECT_EQ(InstrumentDate("Universal Declaration of Human Rights", "", "en").date, "1948-12-10");
  EXPECT_EQ(InstrumentDate("Déclaration universelle des droits de l’homme", "", "fr").year, 1948);
  EXPECT_EQ(InstrumentDate("UNIVERSELE VERKLARING VAN DE RECHTEN VAN DE MENS", "", "nl").year,
            1948);
  EXPECT_EQ(InstrumentDate("Die Allgemeine Erklärung der Menschenrechte", "", "de").year, 1948);
  EXPECT_EQ(InstrumentDate("Convention on the Rights of the Child", "", "en").date, "1989-11-20");
}

// A web page's <title> is an abbreviation; its heading names the
// declaration and the language the copy is in.
TEST(InstrumentDateTest, AHeadingNamingTheCopysLanguage) {
  EXPECT_EQ(InstrumentDate("UDHR - Croatian", "Universal Declaration of Human Rights - Croatian",
                           "hr")
                .year,
            1948);
  EXPECT_EQ(InstrumentDate("", "Universal Declaration of Human Rights - Hungarian", "hu").year,
            1948);
  // The label must be the copy's own language: an English page about the
  // Croatian translation is not the declaration.
  EXPECT_EQ(InstrumentDate("", "Universal Declaration of Human Rights - Croatian", "en").year, 0);
}

// The UN's translations of the Declaration head it in their own
// languages and scripts (the headings of corpus-real's copies).
TEST(InstrumentDateTest, TheDeclarationInTheLanguagesOfItsTranslations) {
  struct Heading {
    const char* text;
    const char* language;
  };
  const Heading headings[] = {
      {"VŠEOBECNÁ DEKLARACE LIDSKÝCH PRÁV", "cs"},
      {"DECLARAȚIA UNIVERSALĂ A DREPTURILOR OMULUI", "ro"},
      {"İnsan hakları evrensel beyannamesi", "tr"},
      {"ЗАГАЛЬНА ДЕКЛАРАЦІЯ ПРАВ ЛЮДИНІ", "uk"},
      {"मानव अधिकारों की सार्वभौम घोषणा", "hi"},
      {"ปฏิญญาสากลว่าด้วยสิทธิมนุษยชน", "th"},
      {"اعلامیه جهانی حقوق بشر", "fa"},
      {"הכרזה לכל באי עולם בדבר זכויות האדם", "he"},
      {"ÌKÉDE KÁRÍAYÉ FÚN È̩TÓ̩ O̩MO̩NÌYÀN", "yo"},
      // Set letter by letter, as a heading is spaced out for display.
      {"세 계 인 권 선 언", "ko"},
      {"세계인권선언", "ko"},
  };
  for (const Heading& heading : headings) {
    EXPECT_EQ(InstrumentDate(heading.text, "", heading.language).year, 1948)
        << heading.language << ": " << heading.text;
  }
  // Letters spaced out that spell something else are not it.
  EXPECT_EQ(InstrumentDate("세 계 인 권", "", "ko").year, 0);
}

// A title that says more is another work about the instrument.
TEST(InstrumentDateTest, AWorkAboutAnInstrumentIsNotIt) {
  EXPECT_EQ(InstrumentDate("The Universal Declaration of Human Rights at 60", "", "en").year, 0);
  EXPECT_EQ(InstrumentDate("Universal Declaration of Human Rights: a commentary", "", "en").year,
            0);
  EXPECT_EQ(InstrumentDate("Implementing the Convention on the Rights of the Child", "", "en").year,
            0);
  EXPECT_EQ(InstrumentDate("Human rights", "Rights of the child", "en").year, 0);
  EXPECT_EQ(InstrumentDate("", "", "en").year, 0);
}

}  // namespace
}  // namespace archivist::enrich
