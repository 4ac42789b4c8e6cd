// SPDX-License-Identifier: GPL-2.0-or-later
// Issue 18, part 1: a web page's text is its article, not the site around
// it; code and headings stay in the text but do not decide the language.
#include <string>

#include <gtest/gtest.h>

#include "indexer/extract/charset.h"
#include "indexer/extract/extractor.h"
#include "tests/support/temp_dir.h"

namespace archivist::extract {
namespace {

using archivist::testing::TempDir;

class MainTextTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { InitExtractors(); }

  ExtractedDoc Html(const std::string& body) {
    Result<ExtractedDoc> doc = ExtractFile(dir_.Write(
        "page.html", "<!DOCTYPE html><html><head><title>T</title></head><body>" + body +
                         "</body></html>"));
    EXPECT_TRUE(doc.ok()) << doc.error().message;
    return doc.ok() ? doc.value() : ExtractedDoc{};
  }

  static bool Has(const std::string& text, const std::string& what) {
    return text.find(what) != std::string::npos;
  }

  TempDir dir_;
};

constexpr const char* kArticle =
    "<p>The ministry opened four shelters for survivors of trafficking this year and trained "
    "two hundred labour inspectors, who now visit farms and factories without notice.</p>";

TEST_F(MainTextTest, LandmarksOfTheSiteAreLeftOut) {
  const ExtractedDoc doc = Html(
      R"(<div role="navigation">Menuword</div><div role="banner">Bannerword</div>
<div role="search">Searchword</div><div role="complementary">Sideword</div>)" +
      std::string(kArticle) + R"(<div role="contentinfo">Footerword</div>)");
  const std::string& text = doc.pages.at(0);
  EXPECT_TRUE(Has(text, "four shelters")) << text;
  for (const char* word : {"Menuword", "Bannerword", "Searchword", "Sideword", "Footerword"}) {
    EXPECT_FALSE(Has(text, word)) << word << " in " << text;
  }
  // What was left out is the frame the site's language is read from.
  EXPECT_TRUE(Has(doc.frame, "Menuword")) << doc.frame;
}

TEST_F(MainTextTest, AnArticlesOwnHeaderStaysThePagesGoes) {
  const ExtractedDoc doc = Html(
      "<header>Sitename Home About</header><article><header><h1>Shelters open</h1>"
      "<p>By a reporter</p></header>" +
      std::string(kArticle) + "<footer>Filed under labour</footer></article><footer>Legal</footer>");
  const std::string& text = doc.pages.at(0);
  EXPECT_TRUE(Has(text, "Shelters open")) << text;
  EXPECT_TRUE(Has(text, "By a reporter")) << text;
  EXPECT_TRUE(Has(text, "Filed under labour")) << text;
  EXPECT_FALSE(Has(text, "Sitename")) << text;
  EXPECT_FALSE(Has(text, "Legal")) << text;
  EXPECT_EQ(doc.heading, "Shelters open");
}

TEST_F(MainTextTest, MenusByNameLinkListsAndCookieNoticesAreLeftOut) {
  const ExtractedDoc doc = Html(
      R"(<div id="banner"><a href="/get">Download the ebook</a></div>
<ul class="docnav top"><li><a href="p.html">Previous</a></li><li>Handbook</li><li><a href="n.html">Next</a></li></ul>
<div class="breadcrumbs">Home / Reports</div>
<p class="hiddenStructure"><a href="#content">Skip to content</a></p>
<ul><li><a href="/a">A</a></li><li><a href="/b">B</a></li><li><a href="/c">C</a></li></ul>
<div class="notice">This site uses cookies. <button>Accept</button> OK</div>)" +
      std::string(kArticle));
  const std::string& text = doc.pages.at(0);
  EXPECT_TRUE(Has(text, "four shelters")) << text;
  for (const char* furniture : {"Download the ebook", "Previous", "Handbook", "Home / Reports",
                                "Skip to content", "cookies"}) {
    EXPECT_FALSE(Has(text, furniture)) << furniture << " in " << text;
  }
  // The text starts with the article: what a browse snippet shows.
  EXPECT_EQ(text.find_first_not_of(" \n\t"), text.find("The ministry"));
}

TEST_F(MainTextTest, AShortParagraphAboutCookiesIsNotACookieNotice) {
  // A notice asks for consent ("Accept", "OK"); a paragraph that only
  // names cookies is the page's own text.
  const ExtractedDoc doc = Html(
      "<p>Grandmother's cookie recipe: butter, sugar and two eggs.</p>" + std::string(kArticle) +
      "<div>We use cookies. <button>OK</button></div>");
  const std::string& text = doc.pages.at(0);
  EXPECT_TRUE(Has(text, "Grandmother's cookie recipe")) << text;
  EXPECT_FALSE(Has(text, "We use cookies")) << text;
}

TEST_F(MainTextTest, NamesThatOnlyLookLikeFurnitureStay) {
  // Bootstrap's "hidden-xs" hides on small screens only; "shared-post" is
  // an article shared by its author, not a row of sharing buttons.
  const ExtractedDoc doc = Html("<div class='hidden-xs shared-post'>" + std::string(kArticle) +
                                "</div><div class='visually-hidden'>Screenreaderword</div>");
  EXPECT_TRUE(Has(doc.pages.at(0), "four shelters")) << doc.pages.at(0);
  EXPECT_FALSE(Has(doc.pages.at(0), "Screenreaderword")) << doc.pages.at(0);
}

TEST_F(MainTextTest, ALinkInASentenceStays) {
  const ExtractedDoc doc = Html(
      "<p>Read the <a href='/r'>annual report on trafficking in persons</a> before the hearing "
      "of the committee on labour and social affairs next week.</p>");
  EXPECT_TRUE(Has(doc.pages.at(0), "annual report on trafficking")) << doc.pages.at(0);
}

TEST_F(MainTextTest, AHeadingOverARowOfIconLinksIsLeftOut) {
  // A sidebar's "follow us": a heading, then links that are only icons.
  // The icons are what a reader sees of the links, so the block is links.
  const ExtractedDoc doc = Html(
      "<div id='sidebar'><div id='stay'><h3>Stay Connected with Sitename</h3><p>"
      "<a href='https://blog.example'><img src='b.png' alt='Blog'></a>"
      "<a href='https://video.example'><img src='t.png' alt='Video channel'></a>"
      "<a href='https://photos.example'><img src='f.png' alt='Photos'></a>"
      "<a href='/rss'><img src='r.png' alt='RSS'></a>"
      "<a href='/subscribe'><img src='s.png' title='Subscribe'></a>"
      "<a href='/contact'><img src='c.png'></a></p></div></div>"
      "<h2>Shelters</h2>" + std::string(kArticle));
  const std::string& text = doc.pages.at(0);
  EXPECT_TRUE(Has(text, "four shelters")) << text;
  EXPECT_FALSE(Has(text, "Stay Connected")) << text;
  EXPECT_EQ(text.rfind("Shelters", 0), 0u) << text;
}

TEST_F(MainTextTest, APagersLinksAreLeftOut) {
  const ExtractedDoc doc = Html(std::string(kArticle) +
                                "<div>1 | <a href='?p=2'>2</a> | <a href='?p=3'>3</a> | "
                                "<a href='?p=4'>4</a> | <a href='?p=2'>Next</a></div>");
  EXPECT_TRUE(Has(doc.pages.at(0), "four shelters")) << doc.pages.at(0);
  EXPECT_FALSE(Has(doc.pages.at(0), "Next")) << doc.pages.at(0);
}

TEST_F(MainTextTest, ABylineAndThePagesHeadWithTheirLinksStay) {
  // A byline's date is text of its own; links under the page's h1 are
  // part of its head.
  const ExtractedDoc doc = Html(
      "<div><h1>Shelters open</h1><h2>Resources for inspectors</h2><p>Sponsored by "
      "<a href='/a'>Aid</a>, <a href='/b'>Care</a>, <a href='/c'>Law</a></p></div>"
      "<p><a href='/author'>A. Reporter</a> / <a href='/tw'>@reporter</a> / January 31, 2015 "
      "/ <a href='#comments'></a></p>" +
      std::string(kArticle));
  const std::string& text = doc.pages.at(0);
  EXPECT_EQ(text.rfind("Shelters open", 0), 0u) << text;
  EXPECT_TRUE(Has(text, "Sponsored by")) << text;
  EXPECT_TRUE(Has(text, "January 31, 2015")) << text;
}

TEST_F(MainTextTest, APageThatIsAListOfLinksKeepsThem) {
  const ExtractedDoc doc = Html(
      "<h1>Contents</h1><ul><li><a href='1.html'>Chapter 1. Getting started</a></li>"
      "<li><a href='2.html'>Chapter 2. First steps</a></li></ul>");
  EXPECT_TRUE(Has(doc.pages.at(0), "Chapter 2. First steps")) << doc.pages.at(0);
}

TEST_F(MainTextTest, AWholePageInsideAFormIsKept) {
  // ASP.NET wraps every page in one <form>; a small form is a search box.
  const ExtractedDoc doc = Html("<form action='/s'><input name='q'>Search this site</form>"
                                "<form action='/page'><h1>Shelters</h1>" + std::string(kArticle) +
                                kArticle + kArticle + "</form>");
  EXPECT_TRUE(Has(doc.pages.at(0), "four shelters")) << doc.pages.at(0);
  EXPECT_FALSE(Has(doc.pages.at(0), "Search this site")) << doc.pages.at(0);
}

TEST_F(MainTextTest, CodeAndHeadingsAreTextButNotProse) {
  const ExtractedDoc doc = Html(
      "<h2>Installer le paquet</h2><p>Le gestionnaire de paquets affiche la description du "
      "paquet et ses dépendances avant de l'installer sur le système.</p>"
      "<pre>$ apt-cache show apt\nPackage: apt\nDescription: commandline package manager</pre>");
  EXPECT_TRUE(Has(doc.pages.at(0), "commandline package manager"));
  EXPECT_TRUE(Has(doc.pages.at(0), "Installer le paquet"));
  EXPECT_TRUE(Has(doc.prose, "Le gestionnaire"));
  EXPECT_FALSE(Has(doc.prose, "commandline")) << doc.prose;
  EXPECT_FALSE(Has(doc.prose, "Installer le paquet")) << doc.prose;
}

TEST_F(MainTextTest, Windows1252PunctuationOfALatin1PageIsRead) {
  // An ellipsis typed in Windows-1252 (0x85) on a page labelled ISO-8859-1.
  Result<ExtractedDoc> doc = ExtractFile(dir_.Write(
      "latin.html",
      "<html><head><meta charset=\"iso-8859-1\"><title>News</title></head><body><p>Streets \x85 "
      "and \x93quotes\x94</p></body></html>"));
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_TRUE(Has(doc.value().pages.at(0), "Streets … and “quotes”")) << doc.value().pages.at(0);
  EXPECT_EQ(WithWindows1252Controls("a\xC2\x81z"), "a z");  // undefined in Windows-1252
}

// Issue 18, part 7: lists of teasers for other pages (a headline linking
// away, a line of summary) are not the page's text, though their summaries
// give them too much text of their own for the share of links to tell.
class TeaserPageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { InitExtractors(); }

  static ExtractedDoc Page(const std::string& name) {
    Result<ExtractedDoc> doc =
        ExtractFile(std::string(ARCHIVIST_TEST_DATA_DIR) + "/main-text/" + name);
    EXPECT_TRUE(doc.ok()) << doc.error().message;
    return doc.ok() ? doc.value() : ExtractedDoc{};
  }

  static bool Has(const std::string& text, const std::string& what) {
    return text.find(what) != std::string::npos;
  }
};

TEST_F(TeaserPageTest, RelatedStoriesAreLeftOutOfAnArticle) {
  const ExtractedDoc doc = Page("article-with-related-stories.html");
  const std::string& text = doc.pages.at(0);
  EXPECT_TRUE(Has(text, "four shelters for survivors")) << text;
  EXPECT_TRUE(Has(text, "interpreters in every province")) << text;
  for (const char* teaser : {"Texas ranch raid", "twelve workers held", "California nail salons",
                             "New York hotline"}) {
    EXPECT_FALSE(Has(text, teaser)) << teaser << " in " << text;
  }
  // The article is the text: nothing else to say what the page is about.
  EXPECT_FALSE(doc.subject.has_value()) << *doc.subject;
}

TEST_F(TeaserPageTest, ATopicPageKeepsItsTeasersButIsAboutItsIntroduction) {
  const ExtractedDoc doc = Page("topic-page.html");
  // The list is most of the page: it stays its text, so the page is found
  // by its headlines...
  const std::string& text = doc.pages.at(0);
  EXPECT_TRUE(Has(text, "Texas ranch raid frees migrant workers")) << text;
  EXPECT_TRUE(Has(text, "Our reporting on forced labour")) << text;
  // ...but what it is about is what is left without them.
  ASSERT_TRUE(doc.subject.has_value());
  const std::string& subject = *doc.subject;
  EXPECT_TRUE(Has(subject, "Human trafficking")) << subject;
  EXPECT_TRUE(Has(subject, "Our reporting on forced labour")) << subject;
  EXPECT_FALSE(Has(subject, "Texas")) << subject;
  EXPECT_FALSE(Has(subject, "United States")) << subject;
}

TEST_F(TeaserPageTest, EntriesThatOpenWithALinkButGoOnAreText) {
  const ExtractedDoc doc = Page("glossary.html");
  const std::string& text = doc.pages.at(0);
  EXPECT_TRUE(Has(text, "Debt bondage and its forms is the most common")) << text;
  EXPECT_TRUE(Has(text, "Recruitment fees charged to workers")) << text;
  EXPECT_FALSE(doc.subject.has_value()) << *doc.subject;
}

// Issue 18, part 7: a list of news whose headlines follow their dates is a
// list of teasers, whatever the dates' length or dashes; the page is about
// its own paragraphs, not the country most of its headlines name.
TEST_F(TeaserPageTest, ADatedListOfNewsIsLeftOut) {
  const ExtractedDoc doc = Page("dated-news-list.html");
  const std::string& text = doc.pages.at(0);
  EXPECT_TRUE(Has(text, "exploits women, children and men")) << text;
  EXPECT_TRUE(Has(text, "gathers the figures governments report")) << text;
  for (const char* teaser :
       {"India", "Border guards", "Kolkata", "27 September 2012", "Film captures the reality"}) {
    EXPECT_FALSE(Has(text, teaser)) << teaser << " in " << text;
  }
  EXPECT_FALSE(doc.subject.has_value()) << *doc.subject;
}

// Issue 18, part 7: a page of other pages' stories laid out a card to a box
// (a headline linking away, a date, a paragraph of summary), as news sites'
// keyword pages are: no one list holds the cards, and each summary is
// longer than a list's line, yet the page is about none of their places.
TEST_F(TeaserPageTest, APageOfStoryCardsIsAboutWhatIsLeftWithoutThem) {
  const ExtractedDoc doc = Page("story-cards.html");
  // The cards are all of the page: they stay its text...
  const std::string& text = doc.pages.at(0);
  EXPECT_TRUE(Has(text, "the largest case of forced labour")) << text;
  // The source's line break inside the summary is a space, as a browser shows it.
  EXPECT_TRUE(Has(text, "ranked one hundred and eighty countries")) << text;
  // ...but what the page is about is its heading alone.
  ASSERT_TRUE(doc.subject.has_value()) << text;
  const std::string& subject = *doc.subject;
  EXPECT_TRUE(Has(subject, "Forced labour")) << subject;
  for (const char* story : {"Texas", "United States", "New York", "Florida", "NATION"}) {
    EXPECT_FALSE(Has(subject, story)) << story << " in " << subject;
  }
}

TEST_F(TeaserPageTest, SectionsUnderLinkedHeadingsAreTheArticle) {
  // Three sections, each a heading linking to a programme's page and two
  // paragraphs: the article's own text, not cards.
  const ExtractedDoc doc = Page("sections-with-linked-headings.html");
  const std::string& text = doc.pages.at(0);
  EXPECT_TRUE(Has(text, "Inspections without notice on farms")) << text;
  EXPECT_TRUE(Has(text, "residence permit for the length of the trial")) << text;
  EXPECT_TRUE(Has(text, "which is what the programme was set up to do")) << text;
  EXPECT_FALSE(doc.subject.has_value()) << *doc.subject;
}

}  // namespace
}  // namespace archivist::extract
