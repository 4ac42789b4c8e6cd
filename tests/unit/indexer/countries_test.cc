// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/countries.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace archivist::enrich {
namespace {

using Codes = std::vector<std::string>;

struct CountryCase {
  const char* name;
  const char* title;
  const char* text;
  Codes countries;
};

void PrintTo(const CountryCase& country_case, std::ostream* os) { *os << country_case.name; }

class CountryDetectTest : public ::testing::TestWithParam<CountryCase> {};

TEST_P(CountryDetectTest, Detects) {
  const CountryGazetteer& gazetteer = DefaultCountryGazetteer();
  EXPECT_EQ(gazetteer.Detect({GetParam().title, GetParam().text, "", ""}), GetParam().countries);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CountryDetectTest,
    ::testing::Values(
        CountryCase{"FrenchTextAboutBrazil",
                    "",
                    "Au Brésil, la traite des enfants reste un fléau. Le gouvernement brésilien "
                    "a adopté une loi ; les ONG brésiliennes la jugent insuffisante.",
                    {"BR"}},
        CountryCase{"AccentsFolded", "", "Le Bresil et le Brésil.", {"BR"}},
        CountryCase{"DutchDemonym", "", "De Braziliaanse regering en Brazilië.", {"BR"}},
        CountryCase{"BrazilNutIsNotBrazil", "", "A Brazil nut cake and Brazil nuts.", {}},
        CountryCase{"NigerIsNotNigeria",
                    "",
                    "Niger borders Nigeria. Nigeria is larger; Niger is drier. Niger.",
                    {"NE", "NG"}},
        CountryCase{"NigerianIsNigeria", "", "Nigerian officials met in Nigeria.", {"NG"}},
        CountryCase{
            "GuineaBissauIsNotGuinea", "", "Guinea-Bissau and Guinea-Bissau again.", {"GW"}},
        CountryCase{"EquatorialGuinea", "", "Equatorial Guinea, Equatorial Guinea.", {"GQ"}},
        CountryCase{"PapuaNewGuinea", "", "Papua New Guinea. Papua New Guinea.", {"PG"}},
        CountryCase{"GuineaAlone", "", "Guinea held elections; Guinea voted.", {"GN"}},
        CountryCase{"GeorgiaTheCountry", "", "Georgia and Tbilisi: Georgia.", {"GE"}},
        CountryCase{
            "GeorgiaTheState", "", "Georgia, Ohio and Texas passed laws. Georgia again.", {"US"}},
        CountryCase{"JordanTheCountry", "", "Refugees in Jordan. Jordan hosts them.", {"JO"}},
        CountryCase{"JordanThePerson", "", "Michael Jordan scored. Michael Jordan won.", {}},
        CountryCase{"ChadTheCountry", "", "The Republic of Chad. Chad is in Africa.", {"TD"}},
        CountryCase{"ChadThePerson", "", "Chad Smith said so. Chad Smith again.", {}},
        CountryCase{"TurkeyTheBird", "", "We ate turkey. Roast turkey.", {}},
        CountryCase{"TurkeyTheCountry", "", "Turkey hosts refugees. Turkey.", {"TR"}},
        CountryCase{"CongoDemocratic",
                    "",
                    "The Democratic Republic of the Congo. In Congo, the DRC army.",
                    {"CD"}},
        CountryCase{"CongoBrazzaville", "", "Congo-Brazzaville. Congo held a vote.", {"CG"}},
        CountryCase{"LanguageNameAloneIsNotTheCountry",
                    "",
                    "Ce manuel en français. Version française, texte français.",
                    {}},
        CountryCase{"LanguageNameAddsToANamedCountry",
                    "",
                    "La France et le gouvernement français, l'État français.",
                    {"FR"}},
        CountryCase{"SurnameIsNotTheCountry",
                    "",
                    "Thanks to Steve Greenland. Steve Greenland wrote it.",
                    {}},
        CountryCase{"PlaceThenItsCountryIsNotASurname",
                    "",
                    "Fighting in Helmand, Afghanistan. Kandahar, Afghanistan, and Kunduz, "
                    "Afghanistan.",
                    {"AF"}},
        CountryCase{"CountryAfterATitlesBarIsNotASurname",
                    "Human Trafficking | Florida Department of Children",
                    "Report abuse to the hotline.",
                    {"US"}},
        CountryCase{"AmmanJordanIsTheCountry",
                    "",
                    "Refugees in Amman, Jordan. More refugees in Irbid, Jordan.",
                    {"JO"}},
        CountryCase{"RegionalNewspaperIsNotItsCountry",
                    "",
                    "Ouest-France and Ouest-France again, says Ouest-France.",
                    {}},
        CountryCase{"NewspapersAreNotTheirCountry",
                    "",
                    "Too busy to read the Washington Post or the New York Times? The Washington "
                    "Post and the New York Times, USA Today and the Irish Times, summed up by "
                    "Agence France-Presse and Deutsche Welle.",
                    {}},
        CountryCase{"AStateIsStillAState",
                    "",
                    "Gun owners in Washington and New York. Washington and New York passed laws.",
                    {"US"}},
        CountryCase{"ADatelineIsWhereTheStoryWasFiled",
                    "",
                    "SINGAPORE (Reuters) - Shipping ministers met on Tuesday.\n"
                    "GUATEMALA CITY, 3 March (AFP) - The talks went on. Photo: "
                    "Reuters/Washington.",
                    {}},
        CountryCase{"ACapitalisedHeadingIsNoDateline",
                    "",
                    "BRAZIL\nBrazil is a source country (see annex).",
                    {"BR"}},
        CountryCase{"UsCodeCaseSensitive", "", "Tell us. The US and the USA.", {"US"}},
        CountryCase{"TitleWeighsMore",
                    "Trafficking in Thailand",
                    "Cambodia was mentioned. Cambodia again.",
                    {"TH", "KH"}},
        CountryCase{
            "PassingMentionDropped", "", "Canada, Canada, Canada and Canada. Once Peru.", {"CA"}}),
    [](const ::testing::TestParamInfo<CountryCase>& param) { return param.param.name; });

TEST(CountryGazetteerTest, KeepsAtMostAHandful) {
  std::string text;
  for (const char* name :
       {"France", "Spain", "Italy", "Germany", "Poland", "Austria", "Norway", "Sweden"}) {
    for (int i = 0; i < 4; ++i) text += std::string(name) + ". ";
  }
  EXPECT_EQ(DefaultCountryGazetteer().Detect({"", text, "", ""}).size(), kMaxDocumentCountries);
}

TEST(CountryGazetteerTest, OneLanguagesNameIsNotReadInAnother) {
  const std::string dutch = "Indien de minister besluit. Indien nodig. Indien mogelijk.";
  EXPECT_EQ(DefaultCountryGazetteer().Detect({"", dutch, "nl", ""}), Codes{});
  EXPECT_EQ(DefaultCountryGazetteer().Detect({"", "Indien. Indien. Indien.", "de", ""}),
            Codes{"IN"});
}

// Issue 18: countries a document is about, not countries it mentions.
std::string Filler(int words) {
  std::string text;
  for (int i = 0; i < words; ++i) text += i % 12 == 11 ? "packages. " : "install the ";
  return text;
}

TEST(CountryGazetteerTest, APassingMentionIsNotASubject) {
  // A manual that names the United States once, or three times in ten
  // thousand words, is about no country.
  const std::string manual = "How to build a package. " + Filler(3000) +
                             "The mirror is in the United States. " + Filler(3000);
  EXPECT_EQ(DefaultCountryGazetteer().Detect({"Maintainer guide", manual, "en", ""}), Codes{});
  std::string sparse = Filler(5000);
  for (int i = 0; i < 3; ++i) sparse += "Our translators in Russia. " + Filler(1000);
  EXPECT_EQ(DefaultCountryGazetteer().Detect({"A short introduction", sparse, "en", ""}),
            Codes{});
  // The same mentions in the title make it the subject.
  EXPECT_EQ(DefaultCountryGazetteer().Detect({"Packaging in Russia", sparse, "en", ""}),
            Codes{"RU"});
  // Named in the opening and densely enough, it is the subject.
  std::string report = "Brazil: children at risk. " + Filler(400);
  for (int i = 0; i < 3; ++i) report += "In Brazil the courts act. " + Filler(300);
  EXPECT_EQ(DefaultCountryGazetteer().Detect({"Annual report", report, "en", ""}), Codes{"BR"});
}

TEST(CountryGazetteerTest, AListOfCountriesIsAboutNone) {
  std::string table = "country,tier\n";
  for (const char* name : {"France", "Spain", "Italy", "Germany", "Poland", "Austria", "Norway",
                           "Sweden", "Chile", "Peru", "Kenya", "Nepal"}) {
    for (int i = 0; i < 3; ++i) table += std::string(name) + ",1\n";
  }
  EXPECT_EQ(DefaultCountryGazetteer().Detect({"tiers", table, "en", "tiers.csv"}), Codes{});
  // Except for the country its title or file name names.
  EXPECT_EQ(DefaultCountryGazetteer().Detect({"Kenya in the tiers", table, "en", "tiers.csv"}),
            Codes{"KE"});
}

// Issue 18: a report on training in fifty African countries whose title
// (its PDF's) is its first entry, "Angola", is not about Angola.
TEST(CountryGazetteerTest, AListsTitleMustBeBorneOutByItsText) {
  std::string survey;
  for (const char* name : {"Gambia", "Guinea", "Mauritius", "Nigeria", "Uganda", "Zambia",
                           "Tanzania", "Mozambique", "Senegal", "Cameroon", "Ghana"}) {
    for (int i = 0; i < 8; ++i) survey += std::string(name) + " received training. ";
  }
  survey += "Angola received none. ";
  EXPECT_EQ(DefaultCountryGazetteer().Detect({"Angola", survey, "en", ""}), Codes{});
  // A list's title country that its text names among the leading ones stays.
  for (int i = 0; i < 6; ++i) survey += "Angola received training. ";
  EXPECT_EQ(DefaultCountryGazetteer().Detect({"Angola", survey, "en", ""}), Codes{"AO"});
}

std::string TestText(const std::string& name) {
  std::ifstream in(std::string(ARCHIVIST_TEST_DATA_DIR) + "/countries/" + name);
  std::ostringstream text;
  text << in.rdbuf();
  EXPECT_FALSE(text.str().empty()) << name;
  return text.str();
}

// Issue 18, part 7: a column header printed on each of twelve pages names
// the United States once, as a reader sees it, not twelve times.
TEST(CountryGazetteerTest, ALineRepeatedOnEveryPageCountsOnce) {
  const std::string tables = TestText("training-tables.txt");
  EXPECT_EQ(DefaultCountryGazetteer().Detect(
                {"Foreign military training, South Asia", tables, "en", "training-tables.txt"}),
            Codes{"AF"});
}

// Issue 18, part 7: a regional report in sections headed by its countries'
// names is about none of them, though its title is its first heading.
TEST(CountryGazetteerTest, AListInCountrySectionsIsAboutNoneOfThem) {
  const std::string sections = TestText("training-by-country.txt");
  EXPECT_EQ(
      DefaultCountryGazetteer().Detect({"Albania", sections, "en", "training-by-country.txt"}),
      Codes{});
  EXPECT_EQ(DefaultCountryGazetteer().Detect(
                {"Volume I Section IV-III - Europe", sections, "en", "training-by-country.txt"}),
            Codes{});
}

// Issue 18, part 7: a report whose tables are headed by one line per
// country, the same line but for the country ("Europe Region, Albania,
// International Military Education and Training, FY 03"), is in sections
// by country: about none of them, though its title is the first heading.
TEST(CountryGazetteerTest, AHeadingLinePrintedForEachCountryIsASection) {
  std::string report;
  for (const char* country : {"Albania", "Armenia", "Austria", "Azerbaijan", "Belgium",
                              "Bosnia and Herzegovina", "Bulgaria", "Croatia", "Czech Republic",
                              "Estonia", "Georgia", "Greece"}) {
    report += std::string("Europe Region, ") + country +
              ", International Military Education and Training (IMET), FY 03\n"
              "Course Title Location Qty Total Cost\n";
    for (int row = 0; row < 4; ++row) {
      report += "INTERNATIONAL OFFICER SCHOOL Fort Leavenworth 1 $12,000\n";
    }
    report += std::string("Total for ") + country + "\n";
  }
  const char* title = "Europe Region, Albania, International Military Education and Training";
  EXPECT_EQ(DefaultCountryGazetteer().Detect({title, report, "en", "report.pdf"}), Codes{});
  // The same rows under a prose heading each: each country named once more
  // in running text is no section heading, and the title's country stays.
  std::string prose;
  for (const char* country : {"Albania", "Armenia", "Austria", "Azerbaijan", "Belgium",
                              "Bosnia and Herzegovina", "Bulgaria", "Croatia", "Czech Republic",
                              "Estonia", "Georgia", "Greece"}) {
    prose += std::string("Officers from ") + country + " trained at Fort Leavenworth and " +
             country + " sent cadets.\n";
  }
  for (int i = 0; i < 6; ++i) prose += "Albania received training.\n";
  EXPECT_EQ(DefaultCountryGazetteer().Detect({title, prose, "en", "report.pdf"}), Codes{"AL"});
}

TEST(CountryGazetteerTest, UpperCaseAlpha3InFileName) {
  EXPECT_EQ(DefaultCountryGazetteer().Detect({"", "Aid from US.", "en", "summary_ARG.html"}),
            Codes{"AR"});
  EXPECT_EQ(DefaultCountryGazetteer().Detect({"", "", "en", "BEL_70_2015.txt"}), Codes{"BE"});
  EXPECT_EQ(DefaultCountryGazetteer().Detect({"", "", "en", "can-do_and_per.pdf"}), Codes{});
  EXPECT_EQ(DefaultCountryGazetteer().Detect({"", "", "en", "README.md"}), Codes{});
}

}  // namespace
}  // namespace archivist::enrich
