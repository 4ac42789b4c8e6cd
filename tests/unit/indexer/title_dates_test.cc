// SPDX-License-Identifier: GPL-2.0-or-later
// Issue 18, part 3: a year in a title is strong evidence of the document's
// date ("Annual Report 2013"), unless it names a target, a period or a
// subject.
#include "indexer/enrich/title_dates.h"

#include <ostream>
#include <string>

#include <gtest/gtest.h>

namespace archivist::enrich {
namespace {

struct TitleCase {
  const char* name;
  const char* title;
  int year;  // 0 when the title gives none
};

void PrintTo(const TitleCase& title_case, std::ostream* os) { *os << title_case.title; }

// A title that dates its document, and one that names a year that is not
// the document's (or none).
constexpr TitleCase Dated(const char* name, const char* title, int year) {
  return {name, title, year};
}
constexpr TitleCase Undated(const char* name, const char* title) { return {name, title, 0}; }

// The year the tests take for "now": a year after it is a target.
constexpr int kNow = 2026;

constexpr TitleCase kEditions[] = {
    Dated("AnnualReportAtTheEnd", "Annual Report 2013", 2013),
    Dated("ReportNamedAfterItsYear", "Trafficking in Persons Report 2019", 2019),
    Dated("YearFirstAfterAnArticle", "The 2019 Trafficking in Persons Report", 2019),
    Dated("YearEndsAPart", "Jaarverslag 2013: samen sterker", 2013),
    Dated("FrenchWithAccents", "Rapport d'activité 2015 – Bruxelles", 2015),
    Dated("ActOfItsYear", "Modern Slavery Act 2015", 2015),
    Dated("YearInBrackets", "Human Rights Watch World Report (2014)", 2014),
};

constexpr TitleCase kNotTheDocumentsYear[] = {
    Undated("Vision", "Vision 2020 report"),
    Undated("AgendaInThePart", "Agenda for Sustainable Development Report 2015"),
    Undated("ByAYear", "Report on ending child labour by 2016"),
    Undated("FrenchTarget", "Rapport : éliminer le travail forcé d'ici 2020"),
    Undated("DutchBound", "Verslag van de commissie tot 2014"),
    Undated("GermanBound", "Bericht über Kinderarbeit bis 2015"),
    Undated("Since", "Report on trafficking since 1990"),
    Undated("AYearToCome", "Annual Report 2031"),
    Undated("Period", "Annual Report 2012-2013"),
    Undated("ShortPeriod", "Annual Report 2012/13"),
    Undated("TwoYears", "Report 2012 and outlook 2014"),
    Undated("Identifier", "Directive 2011/36/EU on preventing trafficking"),
    Undated("SubjectMidTitle", "Report on the 1994 genocide in Rwanda"),
    Undated("NoDocumentWord", "Srebrenica 1995"),
    Undated("NoYear", "Annual Report"),
    Undated("NotAYear", "Report 1325 on women, peace and security"),
};

class TitleDateTest : public ::testing::TestWithParam<TitleCase> {};

TEST_P(TitleDateTest, Reads) { EXPECT_EQ(TitleDate(GetParam().title, kNow).year, GetParam().year); }

std::string CaseName(const ::testing::TestParamInfo<TitleCase>& param) { return param.param.name; }

INSTANTIATE_TEST_SUITE_P(Editions, TitleDateTest, ::testing::ValuesIn(kEditions), CaseName);
INSTANTIATE_TEST_SUITE_P(NotTheDocumentsYear, TitleDateTest,
                         ::testing::ValuesIn(kNotTheDocumentsYear), CaseName);

}  // namespace
}  // namespace archivist::enrich
