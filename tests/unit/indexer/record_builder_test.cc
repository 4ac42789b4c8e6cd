// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/record_builder.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace archivist::enrich {
namespace {

FileLocation FileAt(const std::string& relative) {
  FileLocation file;
  file.root = "/archive";
  file.path = relative;
  return file;
}

extract::ExtractedDoc Doc(const std::string& format, const std::string& text) {
  extract::ExtractedDoc doc;
  doc.format = format;
  doc.pages = {text};
  return doc;
}

constexpr const char* kFrenchPostAboutBrazil =
    "Paris, le 4 mars 2014. Communiqué de presse. Au Brésil, l'exploitation sexuelle des enfants "
    "reste un fléau pendant la Coupe du monde. Le gouvernement brésilien a lancé une campagne ; "
    "les ONG dénoncent l'exploitation sexuelle dans les villes hôtes et demandent au Brésil "
    "d'agir contre l'exploitation sexuelle des mineurs.";

// Issue 4: with no sidecar and no declared language, every field is detected.
TEST(BuildRecordTest, DetectsEveryFieldOfAFrenchPostAboutBrazil) {
  const DocumentRecord r =
      BuildRecord(FileAt("posts/bresil.html"), Doc("html", kFrenchPostAboutBrazil), {}, "h");
  EXPECT_EQ(r.language, "fr");
  EXPECT_EQ(r.language_source, "detected");
  EXPECT_EQ(r.countries, std::vector<std::string>{"BR"});
  EXPECT_EQ(r.date, "2014-03-04");
  EXPECT_EQ(r.year, 2014);
  EXPECT_EQ(r.date_source, "text");
  EXPECT_EQ(r.type, "press_release");
  ASSERT_FALSE(r.topics.empty());
  EXPECT_EQ(r.topics.front(), "sexual-exploitation-of-children");
}

TEST(BuildRecordTest, TemplateLanguageGivesWayToTheText) {
  extract::ExtractedDoc doc = Doc("html", kFrenchPostAboutBrazil);
  doc.language = "en";  // the site template's <html lang="en">
  std::string long_text;
  for (int i = 0; i < 3; ++i) long_text += kFrenchPostAboutBrazil;
  doc.pages = {long_text};
  const DocumentRecord r = BuildRecord(FileAt("posts/bresil.html"), doc, {}, "h");
  EXPECT_EQ(r.language, "fr");
  EXPECT_EQ(r.language_source, "detected");
}

// Four pages of an English report; distinct, as real pages are (CLD2 skips
// text it has just seen).
const std::vector<std::string> kEnglishReportPages = {
    "This report describes how children are exploited by traffickers across borders, and what "
    "governments have done to protect the victims and to prosecute the offenders. It draws on "
    "interviews with social workers, prosecutors and survivors in five provinces.",
    "During the year the ministry opened four new shelters for survivors, trained two hundred "
    "police officers and labour inspectors, and published guidance for hotel staff. A hotline "
    "now answers calls in four languages at any hour of the day or night.",
    "Prosecutions rose in the capital while convictions fell in the northern provinces, where "
    "courts lack interpreters and witnesses are often afraid to testify against recruiters. "
    "Judges told us that most cases end before trial because victims are sent home.",
    "We recommend that parliament adopt the draft law on online grooming, fund victim support "
    "services in every region and share data on cases with neighbouring countries. Progress "
    "on these steps will be reviewed in next year's edition of this report."};

// A long PDF with a French page: that page gets its own language, unless an
// archivist has set the document's language.
TEST(BuildRecordTest, PagesInAnotherLanguageAreNamedUnlessCurated) {
  extract::ExtractedDoc doc;
  doc.format = "pdf";
  doc.pages = {kEnglishReportPages[0], kEnglishReportPages[1], kFrenchPostAboutBrazil,
               kEnglishReportPages[2], kEnglishReportPages[3]};
  const DocumentRecord detected = BuildRecord(FileAt("reports/annual.pdf"), doc, {}, "h");
  EXPECT_EQ(detected.language, "en");
  EXPECT_EQ(detected.page_languages, (std::vector<std::string>{"en", "en", "fr", "en", "en"}));

  Sidecar curated;
  curated.language = "en";
  const DocumentRecord set = BuildRecord(FileAt("reports/annual.pdf"), doc, curated, "h");
  EXPECT_TRUE(set.page_languages.empty());
}

TEST(BuildRecordTest, YearFromTheFileNameNeverFromMtime) {
  FileLocation file = FileAt("speeches/BEL_70_2015.txt");
  file.mtime = 1700000000;  // 2023: must not become the year
  const DocumentRecord r = BuildRecord(
      file, Doc("text", "We gather again in this Hall. My delegation is glad."), {}, "h");
  EXPECT_EQ(r.year, 2015);
  EXPECT_EQ(r.date_source, "filename");
  EXPECT_EQ(r.countries, std::vector<std::string>{"BE"});
  const DocumentRecord undated =
      BuildRecord(FileAt("notes/a.txt"), Doc("text", "No date."), {}, "h");
  EXPECT_EQ(undated.year, 0);
  EXPECT_EQ(undated.date_source, "");
}

}  // namespace
}  // namespace archivist::enrich
