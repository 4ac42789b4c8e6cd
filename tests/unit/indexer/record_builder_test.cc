// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/record_builder.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "indexer/extract/charset.h"
#include "indexer/extract/extractor.h"

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

// Issue 18: a government's page is its country's ("here in this country"),
// after the countries its text names, and a sidecar's countries stand.
TEST(BuildRecordTest, AGovernmentSiteAddsItsCountryAfterTheText) {
  extract::ExtractedDoc doc = Doc("html", "It is sad but true: here in this country, people are "
                                          "bought and sold. Report a tip to the field office.");
  doc.site = "www.fbi.gov";
  EXPECT_EQ(BuildRecord(FileAt("web/a.html"), doc, {}, "h").countries,
            std::vector<std::string>{"US"});
  doc.site = "www.theguardian.com";
  EXPECT_TRUE(BuildRecord(FileAt("web/a.html"), doc, {}, "h").countries.empty());

  doc = Doc("html", kFrenchPostAboutBrazil);
  doc.site = "www.interieur.gouv.fr";
  EXPECT_EQ(BuildRecord(FileAt("web/b.html"), doc, {}, "h").countries,
            (std::vector<std::string>{"BR", "FR"}));
  Sidecar curated;
  curated.countries = std::vector<std::string>{"pt"};
  EXPECT_EQ(BuildRecord(FileAt("web/b.html"), doc, curated, "h").countries,
            std::vector<std::string>{"PT"});
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

// Issue 17: the title is chosen from the first page's opening, which was
// cut at 4,096 bytes whatever character straddled them. A text whose first
// paragraph is a line, a table and a line of Japanese running past the cut
// had that cut line in its title: invalid UTF-8, which the record's JSON
// writer refuses. The opening now ends before the straddling character.
TEST(BuildRecordTest, ATitleFromTheOpeningNeverEndsInHalfACharacter) {
  const std::string opening_line = "Annual report on the trafficking of children in Japan";
  std::string page = opening_line + "\n";
  while (page.size() < 4000) page += "| 東京都 | 2014 | 12 |\n";
  // The Japanese line starts where the cut at byte 4,096 falls one byte
  // into one of its three-byte characters.
  while ((4096 - page.size()) % 3 != 1) page += ' ';
  for (int i = 0; i < 40; ++i) page += "児童";
  page += "\n";
  const DocumentRecord r = BuildRecord(FileAt("reports/japan.txt"), Doc("text", page), {}, "h");
  EXPECT_TRUE(extract::IsValidUtf8(r.title)) << r.title;
  EXPECT_EQ(r.title.rfind(opening_line, 0), 0u) << r.title;
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

// Issue 18, part 3: the year a report's title gives is its date, before the
// day its file was saved; a title's year later than that is a target.
TEST(BuildRecordTest, TheTitlesYearComesBeforeTheFilesMetadata) {
  extract::ExtractedDoc doc = Doc("pdf", "The year in review. Our shelters took in 212 children.");
  doc.title = "Annual Report 2013";
  doc.date = "2014-03-02";
  const DocumentRecord r = BuildRecord(FileAt("reports/ar.pdf"), doc, {}, "h");
  EXPECT_EQ(r.year, 2013);
  EXPECT_EQ(r.date, "2013");
  EXPECT_EQ(r.date_source, "title");

  doc.title = "Strategy Report 2020";
  doc.date = "2010-05-01";
  const DocumentRecord target = BuildRecord(FileAt("reports/st.pdf"), doc, {}, "h");
  EXPECT_EQ(target.year, 2010);
  EXPECT_EQ(target.date_source, "file");

  // The same year with a day: the metadata's date is the more precise.
  doc.title = "Annual Report 2014";
  doc.date = "2014-03-02";
  const DocumentRecord same = BuildRecord(FileAt("reports/ar.pdf"), doc, {}, "h");
  EXPECT_EQ(same.date, "2014-03-02");
  EXPECT_EQ(same.date_source, "file");

  // A sidecar's date stands; a title made from the file name is not the
  // title's evidence but the file name's.
  Sidecar curated;
  curated.year = 2012;
  EXPECT_EQ(BuildRecord(FileAt("reports/ar.pdf"), doc, curated, "h").year, 2012);
  const DocumentRecord named = BuildRecord(FileAt("reports/annual_report_2011.csv"),
                                           Doc("csv", "country,tier\nBelgium,1\n"), {}, "h");
  EXPECT_EQ(named.date_source, "filename");
}

// Issue 18, part 3: a Markdown front matter writes its date in words
// ("date: July 3, 2016", as Pandoc manuscripts do): that is the file's date,
// not the first year of its text ("launched ... in 2000").
TEST(BuildRecordTest, AMetadataDateInWordsIsTheFilesDate) {
  extract::ExtractedDoc doc =
      Doc("markdown",
          "Since the United States launched its campaign in 2000, criticism has "
          "abounded. This article presents the results of a survey.");
  doc.title = "From the Trenches";
  doc.date = "July 3, 2016";
  const DocumentRecord r = BuildRecord(FileAt("research/manuscript.md"), doc, {}, "h");
  EXPECT_EQ(r.date, "2016-07-03");
  EXPECT_EQ(r.date_source, "file");
  doc.date = "le 4 mars 2014";
  EXPECT_EQ(BuildRecord(FileAt("research/manuscript.md"), doc, {}, "h").date, "2014-03-04");
  // Words that are no date leave the metadata out.
  doc.date = "forthcoming";
  EXPECT_NE(BuildRecord(FileAt("research/manuscript.md"), doc, {}, "h").date_source, "file");
}

// Issue 18, part 7: a server's error page saved under an article's address
// is about no country, though its address and menus name one.
TEST(BuildRecordTest, AnErrorPageIsAboutNoCountry) {
  extract::ExtractedDoc doc =
      Doc("html",
          "USA\nAll USA DC Decoder\nUSA Update\nThe page you requested could not be found. "
          "The United States section lists our latest stories from the United States.\n");
  doc.site = "www.state.gov";
  const FileLocation file = FileAt("web/www.example.com_USA_DC-Decoder_2015_bills.html");
  EXPECT_EQ(BuildRecord(file, doc, {}, "h").countries, std::vector<std::string>{"US"});
  doc.title = "Not Found - Example.com";
  EXPECT_TRUE(BuildRecord(file, doc, {}, "h").countries.empty());
  doc.title = "Example.com";
  doc.heading = "Page not found";
  EXPECT_TRUE(BuildRecord(file, doc, {}, "h").countries.empty());
}

// Issue 18, part 7: a topic page's countries are those of what it says
// itself, not those of the stories it lists; one that says nothing itself
// is about what its title says.
TEST(BuildRecordTest, APageOfTeasersIsAboutItsOwnText) {
  extract::ExtractedDoc doc =
      Doc("html",
          "Human trafficking\n\nOur reporting on forced labour around the world.\n\n"
          "Texas ranch raid frees migrant workers\nPolice in Texas found twelve workers.\n\n"
          "Florida task force reports record arrests in the United States\n\n"
          "US report ranks countries\nThe United States ranked 180 countries.\n");
  doc.title = "Human trafficking - latest news";
  EXPECT_EQ(BuildRecord(FileAt("web/topic.html"), doc, {}, "h").countries,
            std::vector<std::string>{"US"});
  doc.subject = "Human trafficking\n\nOur reporting on forced labour around the world.\n";
  EXPECT_TRUE(BuildRecord(FileAt("web/topic.html"), doc, {}, "h").countries.empty());
  doc.subject = "";
  EXPECT_TRUE(BuildRecord(FileAt("web/topic.html"), doc, {}, "h").countries.empty());
  doc.title = "Human trafficking in Brazil - latest news";
  EXPECT_EQ(BuildRecord(FileAt("web/topic.html"), doc, {}, "h").countries,
            std::vector<std::string>{"BR"});
}

// Issue 18, part 2: a page of a translated site is labelled by its prose.
// Paragraphs of a Dutch handbook page: translated ones and untranslated ones.
constexpr const char* kDutchParagraph =
    "Ubuntu heeft een groot publiek bereikt in het gewone volk. Miljoenen gebruikers waren onder "
    "de indruk van het gemak van de installatie en het werk dat erin was gestoken om de desktop "
    "eenvoudiger te maken.\n\n";
constexpr const char* kEnglishParagraph =
    "Ubuntu made quite a splash when it came on the free software scene, and for good reason: the "
    "company that created this distribution started by hiring thirty-odd Debian developers and "
    "publicly stated its objective of a new release twice a year.\n\n";

extract::ExtractedDoc WebPage(const std::string& prose, const std::string& frame) {
  extract::ExtractedDoc doc = Doc("html", prose);
  doc.prose = prose;
  doc.frame = frame;
  return doc;
}

TEST(BuildRecordTest, APagePartlyTranslatedIsLabelledByItsTranslation) {
  // A third of the paragraphs in Dutch, the menus in Dutch: a page of the
  // Dutch edition, translated in part.
  const std::string prose = std::string(kEnglishParagraph) + kDutchParagraph + kEnglishParagraph;
  const DocumentRecord partly =
      BuildRecord(FileAt("book/ubuntu.html"), WebPage(prose, "Terug\nHet Debian Beheerders "
                                                             "Handboek\nVolgende\nTerug\nVolgende"
                                                             "\nHet Debian Beheerders Handboek"),
                  {}, "h");
  EXPECT_EQ(partly.language, "nl");
  // The same page with English menus is English, as its prose is.
  const DocumentRecord english = BuildRecord(
      FileAt("book/ubuntu.html"),
      WebPage(prose, "Previous\nThe Debian Administrator's Handbook\nNext\nPrevious\nNext"), {}, "h");
  EXPECT_EQ(english.language, "en");
}

TEST(BuildRecordTest, AnUntranslatedBodyUnderATranslatedIntroductionIsInItsProse) {
  // Declared Dutch, one Dutch paragraph before many English ones.
  std::string prose = kDutchParagraph;
  for (int i = 0; i < 6; ++i) prose += kEnglishReportPages[i % 4] + std::string("\n\n");
  extract::ExtractedDoc doc = WebPage(prose, "");
  doc.language = "nl-NL";
  const DocumentRecord r = BuildRecord(FileAt("book/conclusion.html"), doc, {}, "h");
  EXPECT_EQ(r.language, "en");
  EXPECT_EQ(r.language_source, "detected");
}

TEST(BuildRecordTest, CodeDoesNotDecideTheLanguage) {
  // A French page quoting long English command output: the extractor's
  // prose is the French, the text holds both.
  std::string output;
  for (int i = 0; i < 20; ++i) {
    output += "Description: the package manager downloads and installs the packages you ask for\n";
  }
  extract::ExtractedDoc doc = Doc("html", std::string(kFrenchPostAboutBrazil) + "\n" + output);
  doc.prose = kFrenchPostAboutBrazil;
  EXPECT_EQ(BuildRecord(FileAt("doc/apt.html"), doc, {}, "h").language, "fr");
}

// A real page of corpus-real, extracted and enriched as the indexer does.
DocumentRecord RealWebPage(const std::string& relative) {
  const std::filesystem::path file =
      std::filesystem::path(ARCHIVIST_CORPUS_REAL_DIR) / "html" / relative;
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  EXPECT_FALSE(bytes.str().empty()) << file;
  const Result<extract::ExtractedDoc> doc = extract::NewHtmlExtractor()->Extract(file, bytes.str());
  EXPECT_TRUE(doc.ok());
  if (!doc.ok()) return {};
  return BuildRecord(FileAt(relative), doc.value(), {}, "h");
}

// The section of `r`'s text holding `words`, as "language" (or "none").
std::string SectionLanguageOf(const DocumentRecord& r, const std::string& text,
                              const std::string& words) {
  const std::size_t at = text.find(words);
  if (at == std::string::npos) return "missing";
  for (const TextLanguageSection& section : r.section_languages) {
    if (at >= section.start && at < section.end) return section.language;
  }
  return "none";
}

std::string RealWebPageText(const std::string& relative) {
  const std::filesystem::path file =
      std::filesystem::path(ARCHIVIST_CORPUS_REAL_DIR) / "html" / relative;
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const Result<extract::ExtractedDoc> doc = extract::NewHtmlExtractor()->Extract(file, bytes.str());
  return doc.ok() ? doc.value().pages.front() : std::string();
}

// Issue 18, part 2: a page of the Dutch Debian handbook left partly
// untranslated (its Dutch paragraphs alternate with English ones) is Dutch
// by its prose's majority, and its English stretches are named as such.
TEST(BuildRecordTest, APartlyUntranslatedPageNamesItsSections) {
  const std::string page = "debian-handbook/nl-NL/sect.why-debian.html";
  const DocumentRecord r = RealWebPage(page);
  const std::string text = RealWebPageText(page);
  EXPECT_EQ(r.language, "nl");
  ASSERT_FALSE(r.section_languages.empty());
  EXPECT_EQ(SectionLanguageOf(r, text, "Eenmaal de Linux familie is geselecteerd"), "nl");
  EXPECT_EQ(SectionLanguageOf(r, text, "Sustainability is, thus, essential"), "en");
  EXPECT_EQ(SectionLanguageOf(r, text, "Een gemeenschaps-distributie volgt geen ander schema"),
            "nl");
  EXPECT_EQ(SectionLanguageOf(r, text, "Falcot Corp is not big enough"), "en");
  for (const TextLanguageSection& section : r.section_languages) {
    EXPECT_GE(section.end - section.start, kMinSectionBytesForLanguage);
    EXPECT_LE(section.end, text.size());
  }
}

// The same handbook's chapter whose body was never translated: English by
// its prose, with its Dutch introduction named.
TEST(BuildRecordTest, AnUntranslatedChapterNamesItsTranslatedIntroduction) {
  const std::string page = "debian-handbook/nl-NL/network-services.html";
  const DocumentRecord r = RealWebPage(page);
  const std::string text = RealWebPageText(page);
  EXPECT_EQ(r.language, "en");
  EXPECT_EQ(SectionLanguageOf(r, text, "Netwerk services zijn de programma's"), "nl");
  EXPECT_EQ(SectionLanguageOf(r, text, "with the postmap command"), "en");
}

// Pages in one language, English or Dutch, name no sections.
TEST(BuildRecordTest, APageInOneLanguageNamesNoSections) {
  EXPECT_TRUE(RealWebPage("debian-handbook/nl-NL/sect.apt-file.html").section_languages.empty());
  EXPECT_TRUE(
      RealWebPage("debian-handbook/nl-NL/sect.how-to-migrate.html").section_languages.empty());
  EXPECT_TRUE(RealWebPage("web-human-trafficking/www.polarisproject.org_human-trafficking_"
                          "overview.html")
                  .section_languages.empty());
}

// Issue 18, part 6: the title and where it came from.
TEST(BuildRecordTest, TitleFromTheBestEvidenceWithItsSource) {
  extract::ExtractedDoc leftover = Doc("pdf", "Cover\n");
  leftover.title = "Microsoft Word - 01 - Outside Cover.docx";
  leftover.heading = "Trafficking in Persons Report 2014";
  const DocumentRecord r = BuildRecord(FileAt("r/tip.pdf"), leftover, {}, "h");
  EXPECT_EQ(r.title, "Trafficking in Persons Report 2014");
  EXPECT_EQ(r.title_source, "heading");

  extract::ExtractedDoc table = Doc("csv", "countryname,tier\nArmenia,1\n");
  const DocumentRecord csv = BuildRecord(FileAt("data/scorecard_tiers_2015.csv"), table, {}, "h");
  EXPECT_EQ(csv.title, "Scorecard tiers 2015");
  EXPECT_EQ(csv.title_source, "filename");

  Sidecar curated;
  curated.title = "Curated";
  EXPECT_EQ(BuildRecord(FileAt("r/tip.pdf"), leftover, curated, "h").title_source, "sidecar");
}

// Issue 17: an HTML <title> or a PDF's Info title is as unbounded as a
// sidecar's; every source is held to one limit.
TEST(BuildRecordTest, EveryTitleIsHeldToOneLimit) {
  extract::ExtractedDoc doc = Doc("html", "body");
  for (int i = 0; i < 400; ++i) doc.title += "word ";
  const DocumentRecord r = BuildRecord(FileAt("a.html"), doc, {}, "h");
  EXPECT_LE(r.title.size(), kMaxTitleBytes);
  EXPECT_EQ(r.title.substr(r.title.size() - 3), "…");
}

}  // namespace
}  // namespace archivist::enrich
