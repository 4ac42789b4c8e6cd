// SPDX-License-Identifier: GPL-2.0-or-later
// Issue 18, part 3: a year in a title is strong evidence of the document's
// date ("Annual Report 2013"), unless it names a target, a period or a
// subject.
#include "indexer/enrich/title_dates.h"

#include <string>

#include <gtest/gtest.h>

namespace archivist::enrich {
namespace {

struct TitleCase {
  const char* name;
  const char* title;
  int year;  // 0 when the title gives none
};

void PrintTo(const TitleCase& title_case, std::ostream* os) { *os << title_case.name; }

class TitleDateTest : public ::testing::TestWithParam<TitleCase> {};

// The year the tests take for "now": a year after it is a target.
constexpr int kNow = 2026;

TEST_P(TitleDateTest, Reads) { EXPECT_EQ(TitleDate(GetParam().title, kNow).year, GetParam().year); }

INSTANTIATE_TEST_SUITE_P(
    Editions, TitleDateTest,
    ::testing::Values(
        TitleCase{"AnnualReportAtTheEnd", "Annual Report 2013", 2013},
        TitleCase{"ReportNamedAfterItsYear", "Trafficking in Persons Report 2019", 2019},
        TitleCase{"YearFirstAfterAnArticle", "The 2019 Trafficking in Persons Report", 2019},
        TitleCase{"YearEndsAPart", "Jaarverslag 2013: samen sterker", 2013},
        TitleCase{"FrenchWithAccents", "Rapport d'activité 2015 – Bruxelles", 2015},
        TitleCase{"ActOfItsYear", "Modern Slavery Act 2015", 2015},
        TitleCase{"YearInBrackets", "Human Rights Watch World Report (2014)", 2014}));

INSTANTIATE_TEST_SUITE_P(
    NotTheDocumentsYear, TitleDateTest,
    ::testing::Values(
        TitleCase{"Vision", "Vision 2020 report", 0},
        TitleCase{"AgendaInThePart", "Agenda for Sustainable Development Report 2015", 0},
        TitleCase{"ByAYear", "Report on ending child labour by 2016", 0},
        TitleCase{"FrenchTarget", "Rapport : éliminer le travail forcé d'ici 2020", 0},
        TitleCase{"DutchBound", "Verslag van de commissie tot 2014", 0},
        TitleCase{"GermanBound", "Bericht über Kinderarbeit bis 2015", 0},
        TitleCase{"Since", "Report on trafficking since 1990", 0},
        TitleCase{"AYearToCome", "Annual Report 2031", 0},
        TitleCase{"Period", "Annual Report 2012-2013", 0},
        TitleCase{"ShortPeriod", "Annual Report 2012/13", 0},
        TitleCase{"TwoYears", "Report 2012 and outlook 2014", 0},
        TitleCase{"Identifier", "Directive 2011/36/EU on preventing trafficking", 0},
        TitleCase{"SubjectMidTitle", "Report on the 1994 genocide in Rwanda", 0},
        TitleCase{"NoDocumentWord", "Srebrenica 1995", 0}, TitleCase{"NoYear", "Annual Report", 0},
        TitleCase{"NotAYear", "Report 1325 on women, peace and security", 0}));

}  // namespace
}  // namespace archivist::enrich
