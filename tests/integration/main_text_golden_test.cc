// SPDX-License-Identifier: GPL-2.0-or-later
// Issue 18, part 1: for real web pages of ../shared/corpus-real, the first
// 200 characters of the extracted text and the snippet of a browse (no
// query) start where a reader would say the article starts, not with the
// site's menus. The pages are read where they are (their licences are not
// all ours to copy); skipped when the corpus is absent.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/search.h"
#include "indexer/extract/extractor.h"
#include "indexer/indexer.h"
#include "tests/support/temp_dir.h"

namespace archivist {
namespace {

using archivist::testing::TempDir;

const std::filesystem::path kCorpusDir = ARCHIVIST_CORPUS_REAL_DIR;

struct GoldenPage {
  std::string path;   // relative to corpus-real
  std::string start;  // how the article starts, white space collapsed
};

void PrintTo(const GoldenPage& page, std::ostream* os) { *os << page.path; }

const std::vector<GoldenPage>& GoldenPages() {
  static const std::vector<GoldenPage> kPages = {
      // Before: "Download the ebook Terug Het Debian Beheerders Handboek Volgende A.2. Ubuntu"
      {"html/debian-handbook/nl-NL/sect.ubuntu.html",
       "A.2. Ubuntu Ubuntu made quite a splash when it came on the free software scene"},
      // Before: "Chapter 2. First steps Chapter 2. First steps Table of Contents …"
      {"html/debian-maint-guide/en/first.en.html",
       "Chapter 2. First steps The rewrite of this tutorial document"},
      {"html/debian-faq/pt/kernel.pt.html",
       "Capítulo 10. Debian e o kernel. 10.1. Posso instalar e compilar um kernel"},
      // Before: "Skip to content. | Skip to navigation Sections Contact …"
      {"html/web-human-trafficking/www.fbi.gov_about-us_investigate_civilrights_human_trafficking.html",
       "Human Trafficking It’s sad but true: here in this country, people are being bought"},
      // Before: "Stay Connected with State.gov Office to Monitor …": a sidebar's
      // heading above a row of icon links (the demo's first hit for
      // "trafficking").
      {"html/web-human-trafficking/www.state.gov_j_tip.html",
       "Office to Monitor and Combat Trafficking in Persons The Department of State’s Office to "
       "Monitor and Combat Trafficking in Persons"},
      {"html/web-offtopic-guncontrol/"
       "dailysignal.com_2015_01_31_gun-owners-reacted-lawmakers-gun-control....html",
       "How Gun Owners Reacted to a Lawmaker’s Gun Control Pitch"},
  };
  return kPages;
}

std::string Collapsed(const std::string& text) {
  std::string out;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

// The snippet is HTML-escaped; the pages above need only these.
std::string Unescaped(std::string text) {
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"&#39;", "'"},
                                 {"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}}) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
      text.replace(at, from.size(), to);
      at += to.size();
    }
  }
  return text;
}

class MainTextGoldenTest : public ::testing::TestWithParam<GoldenPage> {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kCorpusDir / GetParam().path)) {
      GTEST_SKIP() << "no real corpus at " << kCorpusDir;
    }
    extract::InitExtractors();
  }
};

TEST_P(MainTextGoldenTest, TheTextStartsWithTheArticle) {
  Result<extract::ExtractedDoc> doc = extract::ExtractFile(kCorpusDir / GetParam().path);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  const std::string first = Collapsed(doc.value().pages.at(0)).substr(0, 200);
  EXPECT_EQ(first.find(GetParam().start), first.find_first_not_of(' ')) << first;
}

TEST_P(MainTextGoldenTest, ABrowseSnippetStartsWithTheArticle) {
  // The page alone in an archive of its own, indexed by the real program
  // and browsed with no query through the real engine.
  TempDir archive;
  TempDir db;
  const std::filesystem::path source = kCorpusDir / GetParam().path;
  std::filesystem::copy_file(source, archive.path() / source.filename());
  IndexOptions options;
  options.db_path = (db.path() / "index").string();
  options.roots = {archive.path()};
  ASSERT_EQ(RunIndex(options).indexed, 1u);
  auto searcher = Searcher::Open(options.db_path);
  ASSERT_TRUE(searcher.ok()) << searcher.error().message;
  SearchRequest browse;
  browse.with_facets = false;
  Result<SearchPage> page = searcher.value()->Search(browse);
  ASSERT_TRUE(page.ok()) << page.error().message;
  ASSERT_EQ(page.value().hits.size(), 1u);
  const std::string snippet = Collapsed(Unescaped(page.value().hits[0].snippet));
  EXPECT_EQ(snippet.rfind(GetParam().start.substr(0, std::min<std::size_t>(60, GetParam().start.size())), 0),
            0u)
      << snippet;
}

INSTANTIATE_TEST_SUITE_P(CorpusReal, MainTextGoldenTest, ::testing::ValuesIn(GoldenPages()),
                         [](const ::testing::TestParamInfo<GoldenPage>& page_info) {
                           std::string name = std::filesystem::path(page_info.param.path).stem();
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name.substr(0, 40) + "_" + std::to_string(page_info.index);
                         });

// The same page with no white space between its tags, as generated sites
// write every page on one line: the white space between tags outside <pre>
// (where it is the text's own) taken out.
std::string WithoutSpaceBetweenTags(const std::string& html) {
  std::string lower = html;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string out;
  std::size_t at = 0;
  while (at < html.size()) {
    if (lower.compare(at, 4, "<pre") == 0) {
      std::size_t end = lower.find("</pre>", at);
      end = end == std::string::npos ? html.size() : end + 6;
      out.append(html, at, end - at);
      at = end;
      continue;
    }
    if (html[at] == '>') {
      const std::size_t next = html.find_first_not_of(" \t\r\n", at + 1);
      if (next != std::string::npos && next > at + 1 && html[next] == '<') {
        out += '>';
        at = next;
        continue;
      }
    }
    out += html[at++];
  }
  return out;
}

// A text's paragraphs (its runs of lines between blank lines), each with
// its white space taken out: two pages laid out alike give the same list,
// whatever spaces their inline elements had between them.
std::vector<std::string> Paragraphs(const std::string& text) {
  std::vector<std::string> paragraphs;
  std::string current;
  std::size_t at = 0;
  while (at <= text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    std::string line;
    for (std::size_t i = at; i < end; ++i) {
      if (!std::isspace(static_cast<unsigned char>(text[i]))) line += text[i];
    }
    if (line.empty()) {
      if (!current.empty()) paragraphs.push_back(std::move(current));
      current.clear();
    } else {
      current += line;
    }
    at = end + 1;
  }
  if (!current.empty()) paragraphs.push_back(std::move(current));
  return paragraphs;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

class OneLinePageTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kCorpusDir / GetParam())) {
      GTEST_SKIP() << "no real corpus at " << kCorpusDir;
    }
    extract::InitExtractors();
  }
};

// A page's blocks are its paragraphs however its source breaks its lines:
// the page written on one line reads as the page does.
TEST_P(OneLinePageTest, HasThePagesParagraphs) {
  const std::filesystem::path source = kCorpusDir / GetParam();
  const std::string html = ReadFile(source);
  const std::string one_line = WithoutSpaceBetweenTags(html);
  ASSERT_LT(one_line.size(), html.size());  // it had white space between tags
  TempDir dir;
  std::ofstream(dir.path() / source.filename(), std::ios::binary) << one_line;
  Result<extract::ExtractedDoc> original = extract::ExtractFile(source);
  Result<extract::ExtractedDoc> rewritten = extract::ExtractFile(dir.path() / source.filename());
  ASSERT_TRUE(original.ok()) << original.error().message;
  ASSERT_TRUE(rewritten.ok()) << rewritten.error().message;
  const std::vector<std::string> paragraphs = Paragraphs(original.value().pages.at(0));
  EXPECT_GE(paragraphs.size(), 5u);
  EXPECT_EQ(Paragraphs(rewritten.value().pages.at(0)), paragraphs);
  EXPECT_EQ(Paragraphs(rewritten.value().prose), Paragraphs(original.value().prose));
}

// A FAQ, a manual's chapter, a government page and an article with a
// site's menus and a sidebar, each written with its tags on lines of their
// own.
INSTANTIATE_TEST_SUITE_P(CorpusReal, OneLinePageTest,
                         ::testing::Values("html/debian-faq/pt/kernel.pt.html",
                                           "html/debian-maint-guide/en/first.en.html",
                                           "html/web-human-trafficking/www.state.gov_j_tip.html",
                                           "html/web-offtopic-guncontrol/"
                                           "en.wikipedia.org_wiki_Gun_control.html"),
                         [](const ::testing::TestParamInfo<const char*>& page_info) {
                           std::string name = std::filesystem::path(page_info.param).stem();
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name.substr(0, 40);
                         });

}  // namespace
}  // namespace archivist
