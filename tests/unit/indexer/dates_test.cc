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

TEST(DateFromFileNameTest, FirstYearInName) {
  EXPECT_EQ(DateFromFileName("fmtrpt_2003_2004_34329.pdf").year, 2003);
  EXPECT_EQ(DateFromFileName("AFG_70_2015.txt").year, 2015);
  EXPECT_EQ(DateFromFileName("report-1998.pdf").date, "1998");
}

TEST(DateFromFileNameTest, NumbersThatAreNotYears) {
  EXPECT_EQ(DateFromFileName("fmtrpt_34329.pdf").year, 0);
  EXPECT_EQ(DateFromFileName("BWBR0033564.md").year, 0);
  EXPECT_EQ(DateFromFileName("scan-12345.pdf").year, 0);
}

}  // namespace
}  // namespace archivist::enrich
