// SPDX-License-Identifier: GPL-2.0-or-later
// Issue 18, part 1: a paragraph printed verbatim on many pages of one
// folder is the site's furniture, which no tag marks: the Debian New
// Maintainers' Guide prints its "rewrite of this tutorial" notice atop 8 of
// its 9 chapters. Real pages of ../shared/corpus-real, indexed by the real
// program and browsed through the real engine; the pages are read where
// they are (skipped when the corpus is absent).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
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

const std::filesystem::path kGuide =
    std::filesystem::path(ARCHIVIST_CORPUS_REAL_DIR) / "html/debian-maint-guide/en";

constexpr const char* kNotice = "The rewrite of this tutorial document";

class TemplateFurnitureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kGuide / "first.en.html")) {
      GTEST_SKIP() << "no real corpus at " << kGuide;
    }
    extract::InitExtractors();
    options_.db_path = (db_.path() / "index").string();
    options_.roots = {archive_.path()};
  }

  void Copy(const std::string& name) {
    std::filesystem::copy_file(kGuide / name, archive_.path() / "guide" / name);
  }

  IndexSummary Index() {
    IndexSummary summary = RunIndex(options_);
    EXPECT_FALSE(summary.error) << summary.error->message;
    return summary;
  }

  // Each page's browse hit, by file name.
  std::map<std::string, SearchHit> Hits(std::size_t limit = 50) {
    auto searcher = Searcher::Open(options_.db_path);
    EXPECT_TRUE(searcher.ok()) << searcher.error().message;
    if (!searcher.ok()) return {};
    SearchRequest browse;
    browse.with_facets = false;
    browse.limit = limit;
    Result<SearchPage> page = searcher.value()->Search(browse);
    EXPECT_TRUE(page.ok()) << page.error().message;
    std::map<std::string, SearchHit> hits;
    for (const SearchHit& hit : page.value().hits) {
      hits[std::filesystem::path(hit.record.path).filename().string()] = hit;
    }
    return hits;
  }

  // Each page's browse snippet, by file name.
  std::map<std::string, std::string> Snippets() {
    std::map<std::string, std::string> snippets;
    for (const auto& [name, hit] : Hits()) snippets[name] = hit.snippet;
    return snippets;
  }

  TempDir archive_;
  TempDir db_;
  IndexOptions options_;
};

// The chapters holding the notice (not index.en.html, which has its own).
const char* const kChapters[] = {"start.en.html",   "first.en.html",  "modify.en.html",
                                 "dreq.en.html",    "dother.en.html", "build.en.html",
                                 "checkit.en.html", "update.en.html"};

TEST_F(TemplateFurnitureTest, ANoticeOnEveryChapterIsLeftOutOfTheirSnippets) {
  std::filesystem::create_directories(archive_.path() / "guide");
  for (const char* name : kChapters) Copy(name);
  // Every chapter is analysed once in the run and again (on the reading
  // threads) once the run's pages count the notice as furniture.
  EXPECT_EQ(Index().analysed_again, std::size(kChapters));
  const auto snippets = Snippets();
  ASSERT_EQ(snippets.size(), std::size(kChapters));
  for (const auto& [name, snippet] : snippets) {
    EXPECT_EQ(snippet.find(kNotice), std::string::npos) << name << ": " << snippet;
  }
  EXPECT_EQ(snippets.at("first.en.html").rfind("Chapter 2. First steps Let", 0), 0u)
      << snippets.at("first.en.html");
  // Nothing changed: no page is judged anew.
  EXPECT_EQ(Index().analysed_again, 0u);
}

TEST_F(TemplateFurnitureTest, DeletingAndAddingPagesKeepsItRight) {
  std::filesystem::create_directories(archive_.path() / "guide");
  Copy("first.en.html");
  Copy("modify.en.html");
  Index();
  // Two pages of two: a paragraph two pages share is not yet the folder's.
  EXPECT_EQ(Snippets().at("first.en.html").rfind("Chapter 2. First steps The rewrite", 0), 0u)
      << Snippets().at("first.en.html");

  // A third page printing it: the two unchanged pages lose it too.
  Copy("dreq.en.html");
  Index();
  for (const auto& [name, snippet] : Snippets()) {
    EXPECT_EQ(snippet.find(kNotice), std::string::npos) << name << ": " << snippet;
  }

  // Back to two: the notice is the pages' text again.
  std::filesystem::remove(archive_.path() / "guide" / "dreq.en.html");
  Index();
  EXPECT_EQ(Snippets().at("first.en.html").rfind("Chapter 2. First steps The rewrite", 0), 0u)
      << Snippets().at("first.en.html");
}

// Writes `bytes` to `path` under the archive, making its folders.
void Write(const std::filesystem::path& path, const std::string& bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string Read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// One real page saved three times in its folder (index.html, index.htm and
// a print copy, their bytes differing only in a comment) prints every
// block of its text on every page of the folder. Those blocks are not
// furniture: the copies keep the whole text the page has alone.
class CopiesOfOnePageTest : public TemplateFurnitureTest,
                            public ::testing::WithParamInterface<const char*> {};

TEST_P(CopiesOfOnePageTest, KeepTheirText) {
  const std::filesystem::path page = std::filesystem::path(ARCHIVIST_CORPUS_REAL_DIR) / GetParam();
  if (!std::filesystem::exists(page)) GTEST_SKIP() << "no " << page;
  const std::string bytes = Read(page);
  // Bytes of its own, so that the copies below are new documents, not
  // this one moved.
  Write(archive_.path() / "alone" / "index.html", bytes + "\n<!-- alone -->\n");
  Index();
  const std::map<std::string, std::string> alone = Snippets();
  ASSERT_EQ(alone.size(), 1u);
  const std::string snippet = alone.begin()->second;
  ASSERT_GE(snippet.size(), 40u) << snippet;

  std::filesystem::remove_all(archive_.path() / "alone");
  Write(archive_.path() / "site" / "index.html", bytes);
  Write(archive_.path() / "site" / "index.htm", bytes + "\n<!-- saved again -->\n");
  Write(archive_.path() / "site" / "print.html", bytes + "\n<!-- print copy -->\n");
  Index();
  const std::map<std::string, std::string> copies = Snippets();
  ASSERT_EQ(copies.size(), 3u);
  for (const auto& [name, copy] : copies) EXPECT_EQ(copy, snippet) << name;
}

// A manual's contents page (its paragraphs all repeated, so that without
// the guard it kept a heading and its copyright lines) and a chapter.
INSTANTIATE_TEST_SUITE_P(RealPages, CopiesOfOnePageTest,
                         ::testing::Values("html/debian-maint-guide/en/index.en.html",
                                           "html/debian-maint-guide/en/first.en.html"));

// A page of a gardening society's site (an article, and the footer every
// page of the site prints), its elements on lines of their own as most
// sites write them, or all on one line as generated sites do
// (`line_break` ""): the footer names a country three times and a year,
// which a page alone would be given.
std::string GardenPage(const std::string& article, const std::string& line_break = "\n") {
  const std::string& n = line_break;
  return "<html>" + n + "<head><title>Garden notes</title></head>" + n + "<body>" + n +
         "<h1>Garden notes</h1>" + n + "<p>" + article + "</p>" + n + "<div class=\"box\">" + n +
         "<p>The Society of Gardeners was founded in Bergen, Norway, in 1987. Its members meet "
         "across Norway every month; write to the Society's office in Norway.</p>" +
         n + "</div>" + n + "</body>" + n + "</html>" + n;
}

const char* const kArticles[] = {
    "Tomatoes want a warm and sheltered bed, deep watering twice a week rather than a little "
    "every day, and a stake before the first truss sets. Pinch out the side shoots as they "
    "appear and feed them with a seaweed tea once the flowers open.",
    "Compost heaps work best when green and brown material are layered in roughly equal "
    "parts: grass clippings and kitchen peelings, then straw, cardboard and dry leaves. Turn "
    "the heap every few weeks so that air reaches its middle and it does not turn sour.",
    "Roses are pruned in late winter, just as their buds begin to swell: cut out dead and "
    "crossing stems first, then shorten the rest to an outward facing bud so that the bush "
    "stays open in the middle and the air moves freely through it.",
    "Slugs hide by day under boards, pots and stones and come out on damp evenings. A walk "
    "round the beds with a torch after rain removes more of them than any pellets, and a "
    "pond nearby brings the frogs and beetles that eat them.",
};

// The footer every page of a folder prints is furniture: it gives none of
// them its country or its year. One page alone has no furniture, and the
// same footer gives it both: the footer is what decides.
TEST_F(TemplateFurnitureTest, AFooterOnEveryPageGivesNoneItsCountryOrYear) {
  Write(archive_.path() / "alone" / "page.html",
        GardenPage("Leeks are sown in trays in early spring and planted out in June, each one "
                   "dropped into a deep hole made with a dibber and watered in, not filled."));
  Index();
  const std::map<std::string, SearchHit> alone = Hits();
  ASSERT_EQ(alone.size(), 1u);
  const DocumentRecord& lone = alone.begin()->second.record;
  EXPECT_NE(std::find(lone.countries.begin(), lone.countries.end(), "NO"), lone.countries.end());
  EXPECT_EQ(lone.date.substr(0, 4), "1987") << lone.date_source;

  std::filesystem::remove_all(archive_.path() / "alone");
  for (std::size_t i = 0; i < std::size(kArticles); ++i) {
    Write(archive_.path() / "site" / ("page" + std::to_string(i) + ".html"),
          GardenPage(kArticles[i]));
  }
  Index();
  const std::map<std::string, SearchHit> pages = Hits();
  ASSERT_EQ(pages.size(), std::size(kArticles));
  for (const auto& [name, hit] : pages) {
    EXPECT_EQ(std::find(hit.record.countries.begin(), hit.record.countries.end(), "NO"),
              hit.record.countries.end())
        << name;
    EXPECT_EQ(hit.record.date, "") << name << " " << hit.record.date_source;
    EXPECT_EQ(hit.snippet.find("Society of Gardeners"), std::string::npos) << name << ": " << hit.snippet;
  }
}

// The same site written with no line breaks between its tags: each block
// is still a paragraph of its own, so the footer is still one block the
// pages share. (Its pages were one paragraph each, the footer in it, and
// kept it.)
TEST_F(TemplateFurnitureTest, AFooterOnEveryOneLinePageIsFurnitureToo) {
  for (std::size_t i = 0; i < std::size(kArticles); ++i) {
    Write(archive_.path() / "site" / ("page" + std::to_string(i) + ".html"),
          GardenPage(kArticles[i], ""));
  }
  Index();
  const std::map<std::string, SearchHit> pages = Hits();
  ASSERT_EQ(pages.size(), std::size(kArticles));
  for (const auto& [name, hit] : pages) {
    EXPECT_EQ(hit.snippet.find("Society of Gardeners"), std::string::npos)
        << name << ": " << hit.snippet;
    EXPECT_EQ(std::find(hit.record.countries.begin(), hit.record.countries.end(), "NO"),
              hit.record.countries.end())
        << name;
    EXPECT_EQ(hit.record.date, "") << name << " " << hit.record.date_source;
  }
}

// A site whose pages hold more blocks than the end of a run judges at
// once (PagesToAnalyseAgain reads them in batches of 4,096): the footer
// became furniture only after the first pages were written, which are
// analysed again, and every page, on either side of a batch's end, loses
// it and keeps its own words.
TEST_F(TemplateFurnitureTest, ASiteOfMoreBlocksThanOneBatchLosesItsFooterEverywhere) {
  constexpr std::size_t kPages = 150;
  constexpr std::size_t kParagraphsPerPage = 30;  // 4,500 blocks of the pages' own
  // Paragraphs told apart by words, not numbers (a number may read as a year).
  const auto name_of = [](std::size_t n) {
    std::string name = "lot";
    for (int letter = 0; letter < 3; ++letter, n /= 26) name += static_cast<char>('a' + n % 26);
    return name;
  };
  for (std::size_t i = 0; i < kPages; ++i) {
    std::string article = kArticles[i % std::size(kArticles)];
    for (std::size_t k = 0; k < kParagraphsPerPage; ++k) {
      article += "</p>\n<p>This bed was sown with seed " + name_of(i * kParagraphsPerPage + k) +
                 " and thinned after the second leaves.";
    }
    Write(archive_.path() / "site" / ("page" + std::to_string(i) + ".html"), GardenPage(article));
  }
  Index();
  const std::map<std::string, SearchHit> pages = Hits(kPages + 10);
  ASSERT_EQ(pages.size(), kPages);
  for (const auto& [name, hit] : pages) {
    EXPECT_EQ(std::find(hit.record.countries.begin(), hit.record.countries.end(), "NO"),
              hit.record.countries.end())
        << name;
    EXPECT_EQ(hit.record.date, "") << name << " " << hit.record.date_source;
  }
  // The pages' own words stay findable, the footer's are gone.
  auto searcher = Searcher::Open(options_.db_path);
  ASSERT_TRUE(searcher.ok()) << searcher.error().message;
  SearchRequest own;
  own.query = "\"seed " + name_of(kPages * kParagraphsPerPage - 1) + "\"";
  Result<SearchPage> found = searcher.value()->Search(own);
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_EQ(found.value().total, 1u);
  SearchRequest footer;
  footer.query = "bergen";
  found = searcher.value()->Search(footer);
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_EQ(found.value().total, 0u);
}

// A page moved into the folder of a site whose every page prints its
// footer is one of that site's pages now: its footer is furniture there. It
// kept the folder it was first analysed in, alone, and with it the
// footer's country and year.
TEST_F(TemplateFurnitureTest, APageMovedIntoASitesFolderLosesTheSitesFooter) {
  for (std::size_t i = 0; i < std::size(kArticles); ++i) {
    Write(archive_.path() / "site" / ("page" + std::to_string(i) + ".html"),
          GardenPage(kArticles[i]));
  }
  const std::string leeks = GardenPage(
      "Leeks are sown in trays in early spring and planted out in June, each one "
      "dropped into a deep hole made with a dibber and watered in, not filled.");
  Write(archive_.path() / "inbox" / "leeks.html", leeks);
  Index();
  const DocumentRecord alone = Hits().at("leeks.html").record;
  ASSERT_NE(std::find(alone.countries.begin(), alone.countries.end(), "NO"), alone.countries.end());
  ASSERT_EQ(alone.date.substr(0, 4), "1987");

  std::filesystem::rename(archive_.path() / "inbox" / "leeks.html",
                          archive_.path() / "site" / "leeks.html");
  Index();
  const std::map<std::string, SearchHit> pages = Hits();
  ASSERT_EQ(pages.size(), std::size(kArticles) + 1);
  const SearchHit& moved = pages.at("leeks.html");
  EXPECT_EQ(moved.record.path, "site/leeks.html");
  EXPECT_EQ(std::find(moved.record.countries.begin(), moved.record.countries.end(), "NO"),
            moved.record.countries.end());
  EXPECT_EQ(moved.record.date, "") << moved.record.date_source;

  // And moved out again, alone in a folder of its own: the footer is its
  // text once more.
  std::filesystem::create_directories(archive_.path() / "elsewhere");
  std::filesystem::rename(archive_.path() / "site" / "leeks.html",
                          archive_.path() / "elsewhere" / "leeks.html");
  Index();
  const DocumentRecord back = Hits().at("leeks.html").record;
  EXPECT_NE(std::find(back.countries.begin(), back.countries.end(), "NO"), back.countries.end());
  EXPECT_EQ(back.date.substr(0, 4), "1987") << back.date_source;
}

}  // namespace
}  // namespace archivist
