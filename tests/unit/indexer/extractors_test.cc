// SPDX-License-Identifier: GPL-2.0-or-later
#include <gtest/gtest.h>

#include "indexer/extract/charset.h"
#include "indexer/extract/extractor.h"
#include "indexer/extract/poppler_messages.h"
#include "indexer/extract/text_cleanup.h"
#include "tests/support/temp_dir.h"

namespace archivist::extract {
namespace {

using archivist::testing::TempDir;

class ExtractorsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { InitExtractors(); }
  TempDir dir_;
};

TEST_F(ExtractorsTest, HtmlKeepsTheArticleAndDropsTheSiteTemplate) {
  const auto file = dir_.Write("post.html", R"(<!DOCTYPE html>
<html lang="fr-BE"><head><meta charset="utf-8"><title>Coupe du Monde : Kaká</title>
<meta name="description" content="Une campagne.">
<meta name="keywords" content="Brésil, tourisme"><meta property="article:tag" content="football">
<meta property="article:published_time" content="2014-03-04T10:00:00Z">
<style>body { color: red }</style><script>var tracking = "secretword";</script></head>
<body><header><nav>Accueil · Actualités</nav></header>
<main><article><h1>Kaká et Juninho</h1><p>Les joueurs<br>brésiliens</p><p>s’unissent</p></article></main>
<footer><p>Copyright footerword</p></footer></body></html>)");
  Result<ExtractedDoc> doc = ExtractFile(file);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  const ExtractedDoc& d = doc.value();
  EXPECT_EQ(d.format, "html");
  EXPECT_EQ(d.title, "Coupe du Monde : Kaká");
  EXPECT_EQ(d.language, "fr-BE");
  EXPECT_EQ(d.date, "2014-03-04");
  EXPECT_EQ(d.description, "Une campagne.");
  EXPECT_EQ(d.keywords, "Brésil, tourisme, football");
  ASSERT_EQ(d.pages.size(), 1u);
  const std::string& text = d.pages[0];
  EXPECT_NE(text.find("Kaká et Juninho"), std::string::npos);
  EXPECT_NE(text.find("joueurs\nbrésiliens"), std::string::npos) << "a <br> breaks words";
  for (const char* dropped : {"secretword", "footerword", "Accueil", "color: red"}) {
    EXPECT_EQ(text.find(dropped), std::string::npos) << dropped;
  }
}

// The page's own address, for the country of a government's site
// (enrich/site_country.h): declared, else where most of its links go.
TEST_F(ExtractorsTest, HtmlSiteIsItsOwnAddressElseWhereItsLinksGo) {
  const auto declared = dir_.Write("declared.html", R"(<html><head>
<link rel="canonical" href="https://Www.Example.GOV:443/page"></head>
<body><p><a href="http://elsewhere.org/">a</a></p></body></html>)");
  Result<ExtractedDoc> doc = ExtractFile(declared);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc.value().site, "www.example.gov");

  std::string menu;
  for (int i = 0; i < 12; ++i) menu += "<li><a href=\"http://www.acf.hhs.gov/p" + std::to_string(i) + "\">p</a></li>";
  const auto linked = dir_.Write(
      "linked.html", "<html><body><ul>" + menu +
                         "</ul><p>Text <a href=\"https://twitter.com/x\">t</a> "
                         "<a href=\"/relative\">r</a></p></body></html>");
  doc = ExtractFile(linked);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc.value().site, "www.acf.hhs.gov");

  // A few links, or links spread over many sites, name no site.
  const auto few = dir_.Write("few.html",
                              R"(<html><body><p><a href="http://www.fbi.gov/">FBI</a></p></body></html>)");
  doc = ExtractFile(few);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc.value().site, "");
}

TEST_F(ExtractorsTest, HtmlHonoursItsDeclaredCharset) {
  const auto file = dir_.Write(
      "latin1.html",
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
      "<title>S\xE9"
      "curit\xE9</title></head><body><p>\xE0 l'\xE9"
      "cole</p></body></html>");
  Result<ExtractedDoc> doc = ExtractFile(file);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc.value().title, "Sécurité");
  EXPECT_NE(doc.value().pages[0].find("à l'école"), std::string::npos);
}

// Found by fuzz_html (tests/data/fuzz/html-prose-not-utf8.html): a page
// that declares UTF-8 and breaks it ("&\x80\x9d", runs of 0xFF) gave valid
// text but a prose (the text its language is read from) that was not UTF-8.
TEST_F(ExtractorsTest, HtmlBreakingItsDeclaredUtf8GivesUtf8InEveryField) {
  Result<ExtractedDoc> doc =
      ExtractFile(std::filesystem::path(ARCHIVIST_TEST_DATA_DIR) / "fuzz/html-prose-not-utf8.html");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  const ExtractedDoc& d = doc.value();
  for (const auto& [name, field] :
       {std::pair{"title", &d.title}, {"heading", &d.heading}, {"prose", &d.prose},
        {"frame", &d.frame}, {"author", &d.author}, {"description", &d.description},
        {"keywords", &d.keywords}, {"site", &d.site}}) {
    EXPECT_TRUE(IsValidUtf8(*field)) << name;
  }
  ASSERT_TRUE(d.subject.has_value() ? IsValidUtf8(*d.subject) : true) << "subject";
  for (const std::string& page : d.pages) EXPECT_TRUE(IsValidUtf8(page)) << "a page";
  EXPECT_NE(d.pages.at(0).find("encrypted tunnels"), std::string::npos);
}

TEST_F(ExtractorsTest, WellFormedUtf8ReplacesOnlyTheBrokenBytes) {
  EXPECT_EQ(WellFormedUtf8("caf\xC3\xA9 \xE2\x80\x9C"), "caf\xC3\xA9 \xE2\x80\x9C");
  EXPECT_EQ(WellFormedUtf8("a&\x80\x9d"
                           "b"),
            "a&\xEF\xBF\xBD\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(WellFormedUtf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong "/"
  EXPECT_EQ(WellFormedUtf8("\xED\xA0\x80"),
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a lone surrogate
  EXPECT_EQ(WellFormedUtf8("end \xE2\x80"), "end \xEF\xBF\xBD\xEF\xBF\xBD");  // cut off
}

// Issue 17: a <meta> date was cut at ten bytes, splitting a character of
// "2014年5月3日", which then came back as U+FFFD; it keeps its digits.
TEST_F(ExtractorsTest, HtmlMetaDateInCjkFormKeepsItsYear) {
  Result<ExtractedDoc> doc = ExtractFile(
      dir_.Write("report.html",
                 "<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>年次報告書</title>"
                 "<meta name=\"date\" content=\"2014年5月3日\"></head>"
                 "<body><p>児童の人身取引に関する年次報告書。</p></body></html>"));
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc.value().date, "2014");
  Result<ExtractedDoc> timed = ExtractFile(dir_.Write(
      "timed.html",
      "<html><head><meta property=\"article:published_time\" content=\"2014-05-03T10:00:00Z\">"
      "</head><body><p>Text.</p></body></html>"));
  ASSERT_TRUE(timed.ok()) << timed.error().message;
  EXPECT_EQ(timed.value().date, "2014-05-03");
}

TEST_F(ExtractorsTest, HtmlWithoutADeclaredCharsetIsSniffed) {
  // Windows-1252 curly quotes, euro sign and accents, and no charset anywhere:
  // libxml2 alone would read this as Latin-1 and keep C1 control codes.
  const auto file =
      dir_.Write("old.html",
                 "<html><head><title>Le \x93projet\x94</title></head><body><p>co\xFBt 50 \x80, "
                 "d\xE9j\xE0 fini, \xE9t\xE9 pr\xE9vu</p></body></html>");
  Result<ExtractedDoc> doc = ExtractFile(file);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc.value().title, "Le “projet”");
  EXPECT_NE(doc.value().pages[0].find("coût 50 €, déjà fini"), std::string::npos)
      << doc.value().pages[0];
}

TEST_F(ExtractorsTest, XmlTakesTitleAndLanguageAndNeverExpandsExternalEntities) {
  const auto file = dir_.Write("statute.xml", R"(<?xml version="1.0"?>
<!DOCTYPE Bill [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Bill xml:lang="en"><Identification><LongTitle>An Act to amend the Criminal Code (trafficking in persons)</LongTitle></Identification>
<Body><Text>trafficking in persons &secret; offence</Text></Body></Bill>)");
  Result<ExtractedDoc> doc = ExtractFile(file);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc.value().format, "xml");
  EXPECT_EQ(doc.value().title, "An Act to amend the Criminal Code (trafficking in persons)");
  EXPECT_EQ(doc.value().language, "en");
  EXPECT_NE(doc.value().pages[0].find("offence"), std::string::npos);
  EXPECT_EQ(doc.value().pages[0].find("root:"), std::string::npos);
}

TEST_F(ExtractorsTest, MarkdownTitleFromFrontMatterOrFirstHeading) {
  Result<ExtractedDoc> with_front = ExtractFile(
      dir_.Write("a.md", "---\ntitle: \"Aanwijzing\"\ndate: 2013-01-01\n---\n# Other\ntext\n"));
  ASSERT_TRUE(with_front.ok());
  EXPECT_EQ(with_front.value().title, "Aanwijzing");
  EXPECT_EQ(with_front.value().date, "2013-01-01");
  Result<ExtractedDoc> with_heading = ExtractFile(
      dir_.Write("b.md", "<meta charset='utf-8' />\n\n##Aanwijzing mensenhandel\n\ntekst\n"));
  ASSERT_TRUE(with_heading.ok());
  EXPECT_EQ(with_heading.value().title, "");  // no metadata: the heading is evidence
  EXPECT_EQ(with_heading.value().heading, "Aanwijzing mensenhandel");
  // A heading's Markdown escapes are not part of it (br-eca README.md).
  Result<ExtractedDoc> escaped =
      ExtractFile(dir_.Write("e.md", "## LEI 8.069/1990 \\(LEI ORDINÁRIA\\)\n\ntexto\n"));
  ASSERT_TRUE(escaped.ok());
  EXPECT_EQ(escaped.value().heading, "LEI 8.069/1990 (LEI ORDINÁRIA)");
}

// fuzz_text: a front matter date was cut at ten bytes, splitting the 月 of
// "2014年5月3日" so that the record's JSON writer threw on its invalid UTF-8.
TEST_F(ExtractorsTest, AFrontMatterDateInCjkFormKeepsItsYearAndValidText) {
  for (const char* name : {"c.md", "c.txt"}) {
    Result<ExtractedDoc> doc =
        ExtractFile(dir_.Write(name, "---\ntitle: 報告\ndate: 2014年5月3日\n---\n本文\n"));
    ASSERT_TRUE(doc.ok()) << name;
    EXPECT_EQ(doc.value().date, "2014") << name;
  }
  Result<ExtractedDoc> timed =
      ExtractFile(dir_.Write("d.md", "---\ndate: 2014-05-03T10:00:00Z\n---\ntext\n"));
  ASSERT_TRUE(timed.ok());
  EXPECT_EQ(timed.value().date, "2014-05-03");
  // A date in words is kept whole, for the record builder to read.
  Result<ExtractedDoc> worded = ExtractFile(
      dir_.Write("e.md", "---\ntitle: \"From the Trenches\"\ndate: July 3, 2016\n---\ntext\n"));
  ASSERT_TRUE(worded.ok());
  EXPECT_EQ(worded.value().date, "July 3, 2016");
}

// Issue 17: a CMakeLists.txt opening with a bare "#" line failed with
// "substr __pos 18446744073709551615": a line of nothing but '#' was read as
// a heading whose words start past its end. It is a rule, not a heading.
TEST_F(ExtractorsTest, ALineOfOnlyHashesIsNoHeading) {
  Result<ExtractedDoc> cmake = ExtractFile(dir_.Write(
      "CMakeLists.txt", "#\n####\n# Build the thing\ncmake_minimum_required(VERSION 3.10)\n"));
  ASSERT_TRUE(cmake.ok()) << cmake.error().message;
  EXPECT_EQ(cmake.value().heading, "Build the thing");
  Result<ExtractedDoc> only_rules = ExtractFile(dir_.Write("rules.txt", "##\nproject(x)\n"));
  ASSERT_TRUE(only_rules.ok()) << only_rules.error().message;
  EXPECT_EQ(only_rules.value().heading, "");
}

// Issue 17: libxml2 stops an HTML page at 256 levels of nesting (its
// defence against deep trees) and, with recovery on, hands back what it had:
// a page nested 100,000 deep kept 255 characters and said nothing. What it
// keeps is still indexed, now with a note saying the page was cut.
TEST_F(ExtractorsTest, HtmlCutAtTheNestingLimitSaysSo) {
  std::string deep = "<html><body><p>Opening words.</p>";
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  deep += "buried";
  for (int i = 0; i < 100000; ++i) deep += "</div>";
  deep += "<p>Closing words.</p></body></html>";
  Result<ExtractedDoc> cut = ExtractFile(dir_.Write("deep.html", deep));
  ASSERT_TRUE(cut.ok()) << cut.error().message;
  EXPECT_NE(cut.value().pages.at(0).find("Opening words."), std::string::npos);
  EXPECT_EQ(cut.value().note,
            "HTML nested deeper than 256 elements: the text from there on is not indexed");
  // An ordinary page has no note.
  Result<ExtractedDoc> flat =
      ExtractFile(dir_.Write("flat.html", "<html><body><div><p>Words.</p></div></body></html>"));
  ASSERT_TRUE(flat.ok());
  EXPECT_EQ(flat.value().note, "");
}

TEST_F(ExtractorsTest, PdfLayoutTextIsNormalisedAndHyphenationJoined) {
  EXPECT_EQ(CleanLayoutText("the e\xEF\xAC\x80"
                            "ect of traf-\nficking on chil-\n  dren\n"),
            "the effect of trafficking\non children\n");
  EXPECT_EQ(CleanLayoutText("Jean-\nPaul and 1990-\n1995"), "Jean-\nPaul and 1990-\n1995")
      << "only a lower-case letter on both sides is a hyphenated word";
  EXPECT_EQ(CleanLayoutText("soft\xC2\xADhyphen\fnext"), "softhyphen\nnext");
}

TEST_F(ExtractorsTest, NonUtf8TextIsReadAsWindows1252) {
  Result<ExtractedDoc> doc = ExtractFile(dir_.Write("old.txt", "Caf\xE9 \x93quoted\x94\n"));
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc.value().pages[0], "Café “quoted”\n");
  EXPECT_TRUE(IsValidUtf8(doc.value().pages[0]));
}

TEST_F(ExtractorsTest, PdfTextComesPerPage) {
  // A real US State Department report from the sample archive.
  const std::filesystem::path pdf = std::filesystem::path(ARCHIVIST_CORPUS_DIR) /
                                    "public/pdf/us-state-fmt-reports/fmtrpt_2000_2001_3164.pdf";
  Result<ExtractedDoc> doc = ExtractFile(pdf);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc.value().format, "pdf");
  EXPECT_EQ(doc.value().pages.size(), 32u);  // pdfinfo: Pages: 32
  // Words pdftotext finds on a page are on that page, and not on the others.
  EXPECT_NE(doc.value().pages[1].find("Botswana"), std::string::npos);
  EXPECT_NE(doc.value().pages[31].find("Tonga"), std::string::npos);
  EXPECT_EQ(doc.value().pages[0].find("Tonga"), std::string::npos);
}

// tests/data/pdf/metadata.pdf (made by make-metadata-pdf.py beside it): Info
// holds a title and a creation date, XMP a competing title and date and all
// the rest.
TEST_F(ExtractorsTest, PdfInfoComesFirstAndXmpFillsWhatItLacks) {
  Result<ExtractedDoc> doc =
      ExtractFile(std::filesystem::path(ARCHIVIST_TEST_DATA_DIR) / "pdf/metadata.pdf");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  const ExtractedDoc& d = doc.value();
  EXPECT_EQ(d.title, "Helpline Annual Review");  // Info's, not XMP's dc:title
  EXPECT_EQ(d.date, "2019-03-12");               // Info's, not XMP's CreateDate
  EXPECT_EQ(d.author, "Anaïs Lefèvre, Pieter Janssens");
  EXPECT_EQ(d.description, "Figures on safeguarding calls answered by volunteers");
  EXPECT_EQ(d.keywords, "grooming, sextortion");
  EXPECT_EQ(d.modified, "2019-04-02");  // XMP's, in attribute form
  ASSERT_EQ(d.pages.size(), 2u);
  EXPECT_NE(d.pages[1].find("certificates"), std::string::npos);
}

// tests/data/pdf/japanese.pdf (made by make-japanese-pdf.py beside it):
// Japanese text in a CID-keyed Adobe-Japan1 font, which Poppler reads only
// with poppler-data's CMaps (tools/install-deps installs them).
TEST_F(ExtractorsTest, PdfInACjkFontGivesItsText) {
  Result<ExtractedDoc> doc =
      ExtractFile(std::filesystem::path(ARCHIVIST_TEST_DATA_DIR) / "pdf/japanese.pdf");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  const ExtractedDoc& d = doc.value();
  ASSERT_EQ(d.pages.size(), 1u);
  EXPECT_NE(d.pages[0].find("日本語の文書です。"), std::string::npos) << d.pages[0];
  EXPECT_NE(d.pages[0].find("人身取引"), std::string::npos) << d.pages[0];
  EXPECT_FALSE(d.no_text_layer);
  EXPECT_EQ(d.note, "");
}

// On a machine without poppler-data (here: Poppler pointed at an empty
// folder) the same file loses its text, and the note says why.
TEST_F(ExtractorsTest, PdfWhoseCjkCmapsAreMissingGetsANote) {
  const std::filesystem::path empty = dir_.path() / "no-poppler-data";
  std::filesystem::create_directory(empty);
  ASSERT_TRUE(SetPopplerDataDir(empty.string()));
  Result<ExtractedDoc> doc =
      ExtractFile(std::filesystem::path(ARCHIVIST_TEST_DATA_DIR) / "pdf/japanese.pdf");
  ASSERT_TRUE(SetPopplerDataDir(""));
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  const ExtractedDoc& d = doc.value();
  ASSERT_EQ(d.pages.size(), 1u);
  EXPECT_EQ(d.pages[0].find("日本語"), std::string::npos) << d.pages[0];
  EXPECT_EQ(d.note,
            "Japanese text may be missing: Poppler lacks the CMaps for Adobe-Japan1 fonts "
            "(install poppler-data)");
  // Restored: the next file reads as before, with no note left over.
  Result<ExtractedDoc> again =
      ExtractFile(std::filesystem::path(ARCHIVIST_TEST_DATA_DIR) / "pdf/japanese.pdf");
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_NE(again.value().pages[0].find("日本語"), std::string::npos);
  EXPECT_EQ(again.value().note, "");
}

// The seam itself: what Poppler's callback hears during one capture, and
// only then, becomes that capture's note; other messages do not.
TEST_F(ExtractorsTest, PopplerMessagesAboutMissingCmapsNameTheScript) {
  OnPopplerMessage("error: Missing language pack for 'Adobe-Japan1' mapping");  // no capture
  {
    const PopplerMessageCapture capture;
    OnPopplerMessage("error (843): No font in show");
    EXPECT_EQ(capture.Note(), "");
    OnPopplerMessage("error: Missing language pack for 'Adobe-GB1' mapping");
    OnPopplerMessage("error: Unknown CMap 'KSC-EUC-H' for character collection 'Adobe-Korea1'");
    OnPopplerMessage("error: Couldn't find 'UniGB-UCS2-H' CMap file for 'Adobe-GB1' collection");
    EXPECT_EQ(capture.Note(),
              "Simplified Chinese, Korean text may be missing: Poppler lacks the CMaps for "
              "Adobe-GB1, Adobe-Korea1 fonts (install poppler-data)");
  }
  const PopplerMessageCapture later;
  EXPECT_EQ(later.Note(), "");
}

TEST_F(ExtractorsTest, BrokenPdfsFailWithAReason) {
  Result<ExtractedDoc> empty = ExtractFile(dir_.Write("empty.pdf", ""));
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, ErrorCode::kCorrupt);
  Result<ExtractedDoc> random = ExtractFile(dir_.Write("random.pdf", "\x01\x02not a pdf at all"));
  ASSERT_FALSE(random.ok());
  EXPECT_EQ(random.error().code, ErrorCode::kCorrupt);
  Result<ExtractedDoc> truncated =
      ExtractFile(dir_.Write("cut.pdf", "%PDF-1.4\n1 0 obj\n<< /Type"));
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.error().code, ErrorCode::kCorrupt);
}

TEST_F(ExtractorsTest, DocxGivesTextWithoutFieldCodesOrDeletionsAndCoreMetadata) {
  Result<ExtractedDoc> doc =
      ExtractFile(std::filesystem::path(ARCHIVIST_TEST_DATA_DIR) / "office/report.docx");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  const ExtractedDoc& d = doc.value();
  EXPECT_EQ(d.format, "docx");
  EXPECT_EQ(d.title, "La traite des enfants");
  EXPECT_EQ(d.author, "ECPAT Belgique");
  EXPECT_EQ(d.description, "Rapport annuel");
  EXPECT_EQ(d.keywords, "traite, enfants, Brésil");
  EXPECT_EQ(d.language, "fr-BE");
  EXPECT_EQ(d.date, "2014-03-04");
  EXPECT_EQ(d.modified, "2015-06-01");
  ASSERT_EQ(d.pages.size(), 1u);
  EXPECT_NE(d.pages[0].find("Les enfants exploités\tau Brésil\n"), std::string::npos) << d.pages[0];
  EXPECT_EQ(d.pages[0].find("fieldcode"), std::string::npos);
  EXPECT_EQ(d.pages[0].find("supprimé"), std::string::npos);
}

// Issue 18: a DOCX's title is its first paragraph styled as a heading
// (here a style based on "heading 1" whose id Word translated), not the
// cover line above it; an empty heading paragraph is passed over.
TEST_F(ExtractorsTest, DocxHeadingIsTheFirstHeadingStyledParagraph) {
  Result<ExtractedDoc> doc =
      ExtractFile(std::filesystem::path(ARCHIVIST_TEST_DATA_DIR) / "office/styled-heading.docx");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc.value().heading, "La protection des enfants en ligne");
  EXPECT_EQ(doc.value().title, "Microsoft Word - 01 - Outside Cover.docx");
  // A document without styles or headings has none.
  Result<ExtractedDoc> plain =
      ExtractFile(std::filesystem::path(ARCHIVIST_TEST_DATA_DIR) / "office/report.docx");
  ASSERT_TRUE(plain.ok()) << plain.error().message;
  EXPECT_EQ(plain.value().heading, "");
}

TEST_F(ExtractorsTest, OdtGivesTextAndMetadata) {
  Result<ExtractedDoc> doc =
      ExtractFile(std::filesystem::path(ARCHIVIST_TEST_DATA_DIR) / "office/minutes.odt");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  const ExtractedDoc& d = doc.value();
  EXPECT_EQ(d.format, "odt");
  EXPECT_EQ(d.title, "Notulen");
  EXPECT_EQ(d.author, "Secretariaat");
  EXPECT_EQ(d.keywords, "mensenhandel, jeugdzorg");
  EXPECT_EQ(d.language, "nl");
  EXPECT_EQ(d.date, "2013-01-15");
  EXPECT_EQ(d.modified, "2013-02-01");
  ASSERT_EQ(d.pages.size(), 1u);
  EXPECT_NE(d.pages[0].find("Notulen van de vergadering\n"), std::string::npos);
  EXPECT_NE(d.pages[0].find("Mensenhandel en\tjeugdzorg\nbesproken."), std::string::npos)
      << d.pages[0];
}

// Issue 17: DOCX and ODT dates were cut at ten bytes like the front
// matter's, splitting the 月 of "2014年5月3日" (an invalid UTF-8 date that
// the record's JSON writer refuses); they keep their leading digits.
TEST_F(ExtractorsTest, OfficeDatesInCjkFormKeepTheirYearAndValidText) {
  for (const char* name : {"office/cjk-dates.docx", "office/cjk-dates.odt"}) {
    Result<ExtractedDoc> doc = ExtractFile(std::filesystem::path(ARCHIVIST_TEST_DATA_DIR) / name);
    ASSERT_TRUE(doc.ok()) << name << ": " << doc.error().message;
    EXPECT_EQ(doc.value().title, "年次報告書") << name;
    EXPECT_EQ(doc.value().date, "2014") << name;
    EXPECT_EQ(doc.value().modified, "2015") << name;
  }
}

TEST_F(ExtractorsTest, OtherZipsAreUnsupported) {
  Result<ExtractedDoc> zip =
      ExtractFile(std::filesystem::path(ARCHIVIST_TEST_DATA_DIR) / "hostile/nested-10.zip");
  ASSERT_FALSE(zip.ok());
  EXPECT_EQ(zip.error().message, "unsupported type");
  Result<ExtractedDoc> broken = ExtractFile(dir_.Write("cut.docx", "PK\x03\x04 and then nothing"));
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().code, ErrorCode::kCorrupt);
}

// minutes.odt without its content.xml: an ODT by its mimetype, with no text.
TEST_F(ExtractorsTest, AnOdtWithoutItsTextIsDamaged) {
  Result<ExtractedDoc> odt =
      ExtractFile(std::filesystem::path(ARCHIVIST_TEST_DATA_DIR) / "office/no-text.odt");
  ASSERT_FALSE(odt.ok());
  EXPECT_EQ(odt.error().code, ErrorCode::kCorrupt);
  EXPECT_EQ(odt.error().message, "missing zip entry content.xml");
}

// README, TODO, copyright: a name without an extension says nothing, so
// the bytes decide. Text (UTF-8, no NUL, hardly any control character) is
// indexed as text; anything else stays unsupported.
TEST_F(ExtractorsTest, AFileWithoutExtensionIsTextWhenItsBytesAre) {
  Result<ExtractedDoc> readme = ExtractFile(dir_.Write(
      "README", "Archivist\n=========\n\nIndexes document archives. Caf\xc3\xa9 \xe2\x80\x94 na\xc3\xafve.\n"));
  ASSERT_TRUE(readme.ok()) << readme.error().message;
  EXPECT_EQ(readme.value().format, "text");
  EXPECT_NE(readme.value().pages.at(0).find("Indexes document archives."), std::string::npos);

  // An executable, a Latin-1 byte that is no UTF-8, a terminal recording
  // full of escape codes: not text.
  for (const std::string& bytes :
       {std::string("\x7f" "ELF\2\1\1\0\0\0", 10), std::string("caf\xe9 au lait\n"),
        std::string(40, '\x1b') + "[0m"}) {
    Result<ExtractedDoc> other = ExtractFile(dir_.Write("TODO", bytes));
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.error().code, ErrorCode::kUnsupported);
  }
  // A multi-byte character cut by the end of the first 4 KiB is still text.
  std::string long_text(4095, 'a');
  long_text += "\xc3\xa9 and more";
  EXPECT_TRUE(ExtractFile(dir_.Write("NEWS", long_text)).ok());
}

TEST_F(ExtractorsTest, UnknownTypesAreUnsupported) {
  Result<ExtractedDoc> binary = ExtractFile(dir_.Write("blob.bin", std::string("\0\1\2\3", 4)));
  ASSERT_FALSE(binary.ok());
  EXPECT_EQ(binary.error().code, ErrorCode::kUnsupported);
  Result<ExtractedDoc> tsv = ExtractFile(dir_.Write("data.tsv", "a\tb\n"));
  ASSERT_FALSE(tsv.ok());
  EXPECT_EQ(tsv.error().code, ErrorCode::kUnsupported);
}

}  // namespace
}  // namespace archivist::extract
