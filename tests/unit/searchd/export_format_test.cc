// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/export_format.h"

#include <gtest/gtest.h>

namespace archivist::searchd {
namespace {

DocumentRecord Record() {
  DocumentRecord r;
  r.id = "0123456789abcdef";
  r.root = "/srv/archive";
  r.path = "posts/a.html";
  r.title = "Plain title";
  r.language = "en";
  r.countries = {"BR", "BE"};
  r.topics = {"child-sex-tourism"};
  r.date = "2014-05-30";
  r.year = 2014;
  r.type = "news_post";
  r.format = "html";
  r.pages = 1;
  r.size = 999;
  r.mtime = 1700000000;
  r.hash = "ab";
  return r;
}

// Issue 14: the link, ISO dates and a byte-order mark, so that a
// spreadsheet opens the file in UTF-8 and a reader can follow each row.
TEST(ExportFormatTest, CsvLineHasEveryFieldButTheRootWithItsLinkAndIsoDates) {
  EXPECT_EQ(CsvLine(Record(), "http://127.0.0.1:8080",
                    {"a <mark>caf\xC3\xA9</mark> &amp; &lt;b&gt; &quot;x&quot;", {2, 5}}),
            "0123456789abcdef,posts/a.html,Plain title,http://127.0.0.1:8080/?doc=0123456789abcdef,"
            "\"a caf\xC3\xA9 & <b> \"\"x\"\"\",2;5,en,BR;BE,child-sex-tourism,2014-05-30,2014,news_post,"
            "html,1,999,2023-11-14T22:13:20Z,ab,,\r\n");
  EXPECT_EQ(CsvHeader(),
            "\xEF\xBB\xBFid,path,title,link,snippet,matching_pages,language,countries,topics,date,"
            "year,type,format,pages,size,modified,hash,work,editions\r\n");
}

TEST(ExportFormatTest, SnippetsBecomePlainText) {
  EXPECT_EQ(SnippetText("<mark>A</mark> &amp;&#39;&lt;script&gt;"), "A &'<script>");
  EXPECT_EQ(SnippetText("&amp;lt;"), "&lt;");
}

TEST(ExportFormatTest, CsvLeavesUnknownYearAndTimeEmpty) {
  DocumentRecord r = Record();
  r.date = "";
  r.year = 0;
  r.mtime = 0;
  EXPECT_NE(CsvLine(r, "").find(",child-sex-tourism,,,news_post,html,1,999,,ab,,\r\n"),
            std::string::npos) << CsvLine(r, "");
}

TEST(ExportFormatTest, CsvQuotesSeparatorsAndQuotes) {
  DocumentRecord r = Record();
  r.title = "Report, \"final\"\nversion";
  const std::string line = CsvLine(r, "");
  EXPECT_NE(line.find(",\"Report, \"\"final\"\"\nversion\","), std::string::npos) << line;
}

TEST(ExportFormatTest, CsvDefusesSpreadsheetFormulas) {
  for (const char* title : {"=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)"}) {
    DocumentRecord r = Record();
    r.title = title;
    const std::string line = CsvLine(r, "");
    EXPECT_EQ(line.find("," + std::string(title)), std::string::npos) << line;
    EXPECT_NE(line.find("'" + std::string(title).substr(0, 1)), std::string::npos) << line;
  }
}

// Issue 14: a JSON Lines row says what the search found in the document,
// as the CSV row does.
TEST(ExportFormatTest, JsonLineCarriesTheLinkSnippetAndMatchingPages) {
  const std::string line = JsonLine(Record(), "http://127.0.0.1:8080",
                                    {"the <mark>grooming</mark> law &amp; its use", {2, 7}});
  const auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["snippet"], "the grooming law & its use");
  EXPECT_EQ(j["matching_pages"], nlohmann::json::array({2, 7}));
  EXPECT_EQ(j["link"], "http://127.0.0.1:8080/?doc=" + Record().id);
  const auto without = nlohmann::json::parse(JsonLine(Record(), ""));
  EXPECT_EQ(without["snippet"], "");
  EXPECT_EQ(without["matching_pages"], nlohmann::json::array());
}

TEST(ExportFormatTest, JsonLineIsOneLineWithoutTheRoot) {
  const std::string line = JsonLine(Record(), "");
  EXPECT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1);
  const auto j = nlohmann::json::parse(line);
  EXPECT_FALSE(j.contains("root"));
  EXPECT_EQ(j["countries"], nlohmann::json::array({"BR", "BE"}));
  EXPECT_EQ(j["mtime"], 1700000000);
}

TEST(ExportFormatTest, EscapesXmlAndDropsForbiddenCharacters) {
  EXPECT_EQ(EscapeXml("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
  EXPECT_EQ(EscapeXml(std::string("bell\x07 and\ttab")), "bell and\ttab");
}

TEST(ExportFormatTest, DatesBecomeRfc3339) {
  EXPECT_EQ(Rfc3339FromDate("2014-05-30", 2014), "2014-05-30T00:00:00Z");
  EXPECT_EQ(Rfc3339FromDate("2013-03", 2013), "2013-03-01T00:00:00Z");
  EXPECT_EQ(Rfc3339FromDate("", 2012), "2012-01-01T00:00:00Z");
  EXPECT_EQ(Rfc3339FromDate("", 0), "");
}

TEST(ExportFormatTest, AtomFeedEscapesTitlesAndSnippets) {
  SearchHit hit;
  hit.record = Record();
  hit.record.title = "<script>alert(1)</script>";
  hit.snippet = "&lt;b&gt; <mark>grooming</mark>";
  const std::string feed = AtomFeed({"Feed & co", "http://h/api/feed?q=a&b=c", "http://h",
                                     "2026-01-01T00:00:00Z"},
                                    {hit});
  EXPECT_EQ(feed.find("<script"), std::string::npos);
  EXPECT_NE(feed.find("<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>"), std::string::npos);
  EXPECT_NE(feed.find("&amp;lt;b&amp;gt; &lt;mark&gt;grooming&lt;/mark&gt;"), std::string::npos);
  EXPECT_NE(feed.find("<id>http://h/api/feed?q=a&amp;b=c</id>"), std::string::npos);
  EXPECT_NE(feed.find("<updated>2014-05-30T00:00:00Z</updated>"), std::string::npos);
}

// Issue 15: a row names its work and the work's other editions, so that an
// export of one row per work (collapse=work) still says what it stands for.
TEST(ExportFormatTest, RowsNameTheWorkAndItsOtherEditions) {
  DocumentRecord r = Record();
  r.work = "0011aabb";
  r.translations = {{"fedcba9876543210", "fr", "Titre"}};
  r.versions = {{"00000000000000ff", "en", "Plain title, again"}};
  const std::string line = CsvLine(r, "");
  EXPECT_NE(line.find(",ab,0011aabb,fedcba9876543210:fr;00000000000000ff:en\r\n"), std::string::npos)
      << line;
  const auto j = nlohmann::json::parse(JsonLine(r, ""));
  EXPECT_EQ(j["work"], "0011aabb");
  ASSERT_EQ(j["editions"].size(), 2u);
  EXPECT_EQ(j["editions"][0]["id"], "fedcba9876543210");
  EXPECT_EQ(j["editions"][0]["language"], "fr");
  EXPECT_EQ(j["editions"][1]["title"], "Plain title, again");
}

}  // namespace
}  // namespace archivist::searchd
