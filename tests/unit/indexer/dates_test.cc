// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/dates.h"

#include <string>

#include <gtest/gtest.h>

namespace archivist::enrich {
namespace {

struct DateCase {
  const char* name;
  const char* text;
  const char* date;  // "" when none
};

void PrintTo(const DateCase& date_case, std::ostream* os) { *os << date_case.name; }

class DateFromTextTest : public ::testing::TestWithParam<DateCase> {};

TEST_P(DateFromTextTest, Finds) { EXPECT_EQ(DateFromText(GetParam().text).date, GetParam().date); }

INSTANTIATE_TEST_SUITE_P(
    Cases, DateFromTextTest,
    ::testing::Values(
        DateCase{"EnglishDayMonthYear", "Published 30 May 2014 in Geneva", "2014-05-30"},
        DateCase{"EnglishOrdinal", "Issued on the 6th May 2015.", "2015-05-06"},
        DateCase{"EnglishMonthDayYear", "Washington, May 30, 2014 -- The", "2014-05-30"},
        DateCase{"French", "Paris, le 4 mars 2013", "2013-03-04"},
        DateCase{"FrenchPremier", "le 1er août 2012, la loi", "2012-08-01"},
        DateCase{"Dutch", "Den Haag, 30 mei 2014", "2014-05-30"},
        DateCase{"Portuguese", "Brasília, 13 de julho de 1990", "1990-07-13"},
        DateCase{"PortugueseAccent", "em 4 de março de 2009", "2009-03-04"},
        DateCase{"Spanish", "Madrid, 12 de diciembre de 2011", "2011-12-12"},
        DateCase{"German", "Berlin, den 1. März 2016", "2016-03-01"},
        DateCase{"Iso", "Date: 2012-06-29", "2012-06-29"},
        DateCase{"MonthYear", "Annual report, June 2010", "2010-06"},
        DateCase{"FiscalYear", "Foreign Military Training in Fiscal Year 2003", "2003"},
        DateCase{"FiscalYearAbbreviated", "Budget FY 2007 request", "2007"},
        DateCase{"FiscalYearTwoDigits", "Africa Region, Angola, FY 03", "2003"},
        DateCase{"DayMonthWithoutYearIsNothing", "Réunion du 4 mars à Paris", ""},
        DateCase{"EarliestWins", "Signed 2 June 2001. Amended 5 May 2009.", "2001-06-02"},
        DateCase{"ImplausibleYearIgnored", "Article 12 May 3456 of", ""},
        DateCase{"NoDate", "A text with no date at all", ""}),
    [](const ::testing::TestParamInfo<DateCase>& param) { return param.param.name; });

struct LocalisedDateCase {
  const char* name;
  const char* language;
  const char* text;
  const char* date;  // "" when none
};

void PrintTo(const LocalisedDateCase& date_case, std::ostream* os) { *os << date_case.name; }

class DateInLanguageTest : public ::testing::TestWithParam<LocalisedDateCase> {};

TEST_P(DateInLanguageTest, Finds) {
  EXPECT_EQ(DateFromText(GetParam().text, GetParam().language).date, GetParam().date);
}

// Month names beyond the six analysed languages come from ICU for the
// document's own language; each case is a dateline from a real declaration.
INSTANTIATE_TEST_SUITE_P(
    Cases, DateInLanguageTest,
    ::testing::Values(
        LocalisedDateCase{"Italian", "it", "Il 10 dicembre 1948, l'Assemblea Generale",
                          "1948-12-10"},
        LocalisedDateCase{"CatalanWithDe", "ca", "resolució 217 A (III), de 10 de desembre de 1948",
                          "1948-12-10"},
        LocalisedDateCase{"CroatianGenitive", "hr", "Opća skupština 10. prosinca 1948. godine",
                          "1948-12-10"},
        LocalisedDateCase{"PolishGenitive", "pl", "w dniu 10 grudnia 1948 r.", "1948-12-10"},
        LocalisedDateCase{"HungarianYearFirst", "hu", "1948. december 10-én fogadta el",
                          "1948-12-10"},
        LocalisedDateCase{"GreekGenitive", "el", "στις 10 Δεκεμβρίου 1948", "1948-12-10"},
        LocalisedDateCase{"ArabicMonthYear", "ar", "المؤرخ في 10 كانون الأول / ديسمبر 1948",
                          "1948-12"},
        LocalisedDateCase{"Chinese", "zh", "联合国大会于1948年12月10日通过", "1948-12-10"},
        LocalisedDateCase{"Korean", "ko", "1948년 12월 10일 국제연합 총회", "1948-12-10"},
        // Polish "listopad" is November, Croatian "listopad" is October: a
        // language's names are used only for that language.
        LocalisedDateCase{"SameWordOtherMonthPolish", "pl", "15 listopada 2001", "2001-11-15"},
        LocalisedDateCase{"SameWordOtherMonthCroatian", "hr", "15. listopada 2001.", "2001-10-15"},
        LocalisedDateCase{"OtherLanguagesMonthsUnused", "en", "15 listopada 2001", ""},
        LocalisedDateCase{"GermanNumeric", "de", "Resolution 217 A (III) vom 10.12.1948",
                          "1948-12-10"},
        LocalisedDateCase{"JapaneseNumericYearFirst", "ja", "（1948.12.10 第３回国連総会採択）",
                          "1948-12-10"},
        LocalisedDateCase{"EnglishSlashesMonthFirst", "en", "Washington 6/30/2014", "2014-06-30"},
        LocalisedDateCase{"FrenchSlashesDayFirst", "fr", "Paris, le 30/06/2014", "2014-06-30"},
        LocalisedDateCase{"NotADateMonth13", "fr", "code 13.13.2014", ""},
        LocalisedDateCase{"VersionNumberNotADate", "en", "version 1.2.3.2014", ""},
        LocalisedDateCase{"UnknownLanguage", "und", "Geneva, 30 May 2014", "2014-05-30"}),
    [](const ::testing::TestParamInfo<LocalisedDateCase>& param) { return param.param.name; });

TEST(FindTextDatesTest, LatestYearNamedIsTheLatestStandaloneYear) {
  EXPECT_EQ(FindTextDates("Tier placement 2000 2001 2002 ... 2015 Tier 1 Tier 2").latest_year,
            2015);
  // Parts of longer numbers, and years still to come, are not years named.
  EXPECT_EQ(FindTextDates("Call +1 202 647 2000 or see 1999 and 2.100 people").latest_year, 1999);
  EXPECT_EQ(FindTextDates("The 2090 agenda").latest_year, 0);
  EXPECT_EQ(FindTextDates("No years at all").latest_year, 0);
}

TEST(FindTextDatesTest, DatelineAndCoverAreTold) {
  const TextDates dateline = FindTextDates("Geneva, 30 May 2014. The committee met.");
  EXPECT_TRUE(dateline.full_in_dateline);
  const TextDates citation =
      FindTextDates(std::string(800, ' ') + "The Charter was signed on 26 June 1945.");
  EXPECT_EQ(citation.full.year, 1945);
  EXPECT_FALSE(citation.full_in_dateline);
  const TextDates cover = FindTextDates("Training in Fiscal Years 2000 and 2001");
  EXPECT_EQ(cover.fiscal.year, 2000);
  EXPECT_TRUE(cover.fiscal_on_cover);
}

// Issue 18: a rights line, a printing note or a web address names years
// that are not the document's.
TEST(FindTextDatesTest, PageFurnitureNamesNoYear) {
  EXPECT_EQ(FindTextDates("UDHR - Hungarian. \u00a9 1996 \u2013 2009 The Office of the High "
                          "Commissioner for Human Rights").latest_year,
            0);
  EXPECT_EQ(FindTextDates("Copyright 2012 Example Ltd. All rights reserved.").latest_year, 0);
  EXPECT_EQ(FindTextDates("Imprimé en Belgique, 2010").latest_year, 0);
  EXPECT_EQ(FindTextDates("See http://www.example.org/archive/2009/05/page.html").latest_year, 0);
  EXPECT_EQ(FindTextDates("see www.example.org/2009/ for more").latest_year, 0);
  // A list's "(c)" is not a copyright sign; the year after it stands.
  EXPECT_EQ(FindTextDates("(a) one; (c) in 2011 the law").latest_year, 2011);
  EXPECT_EQ(FindTextDates("(c) 2011 Example").latest_year, 0);
}

// Issue 18: a sentence saying when the document itself was made, in the
// document's language, is its date; one telling of another text is not.
TEST(FindTextDatesTest, StatementOfMaking) {
  EXPECT_EQ(FindTextDates("Universal Declaration of Human Rights\nAdopted and proclaimed by "
                          "General Assembly resolution 217 A (III) of 10 December 1948\nPreamble")
                .statement.date,
            "1948-12-10");
  EXPECT_EQ(FindTextDates("Adoptada y proclamada por la Asamblea General en su resolución 217 A "
                          "(III), de 10 de diciembre de 1948")
                .statement.date,
            "1948-12-10");
  EXPECT_EQ(FindTextDates("Den 10. december 1948 vedtog og offentliggjorde FNs tredie "
                          "generalforsamling Verdenserklæringen",
                          "da")
                .statement.date,
            "1948-12-10");
  EXPECT_EQ(FindTextDates("Cette brochure a été publiée en 2015 par l'association.").statement.year,
            2015);
  EXPECT_EQ(FindTextDates("Vastgesteld op 1 mei 2003. De minister").statement.date, "2003-05-01");
  // Citations of other texts and of other events.
  EXPECT_EQ(FindTextDates("This enactment implements the agreements between Canada and Jordan "
                          "signed at Amman on June 28, 2009.")
                .statement.year,
            0);
  EXPECT_EQ(FindTextDates("Since becoming a Member on 20 September 1960, my country has made the "
                          "values its own.")
                .statement.year,
            0);
  EXPECT_EQ(FindTextDates("We adopted the 2030 Agenda for Sustainable Development.").statement.year,
            0);
}

TEST(FindTextDatesTest, ACoverOfSeveralFiscalYearsIsTheFirst) {
  const TextDates cover =
      FindTextDates("Africa Region, Benin, IMET, FY 01\nAngola, Africa Center, FY 00\nTotals");
  EXPECT_TRUE(cover.fiscal_on_cover);
  EXPECT_EQ(cover.fiscal.year, 2000);
}

TEST(DateFromFileNameTest, FirstYearInName) {
  EXPECT_EQ(DateFromFileName("fmtrpt_2003_2004_34329.pdf").year, 2003);
  EXPECT_EQ(DateFromFileName("AFG_70_2015.txt").year, 2015);
  EXPECT_EQ(DateFromFileName("report-1998.pdf").date, "1998");
}

TEST(DateFromFolderNamesTest, NearestFolderWithAYear) {
  EXPECT_EQ(DateFromFolderNames("br-eca-lei-8069-1990/titulo-i.md").year, 1990);
  EXPECT_EQ(DateFromFolderNames("archive/2014/reports-2009/summary.pdf").year, 2009);
  EXPECT_EQ(DateFromFolderNames("archive/2014/reports/summary.pdf").year, 2014);
  // The file's own name is not a folder.
  EXPECT_EQ(DateFromFolderNames("report-1998.pdf").year, 0);
  EXPECT_EQ(DateFromFolderNames("nl-legislation/BWBR0033564.md").year, 0);
}

TEST(DateFromFileNameTest, NumbersThatAreNotYears) {
  EXPECT_EQ(DateFromFileName("fmtrpt_34329.pdf").year, 0);
  EXPECT_EQ(DateFromFileName("BWBR0033564.md").year, 0);
  EXPECT_EQ(DateFromFileName("scan-12345.pdf").year, 0);
}

}  // namespace
}  // namespace archivist::enrich
