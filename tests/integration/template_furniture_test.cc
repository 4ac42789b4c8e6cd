// SPDX-License-Identifier: GPL-2.0-or-later
// Issue 18, part 1: a paragraph printed verbatim on many pages of one
// folder is the site's furniture, which no tag marks: the Debian New
// Maintainers' Guide prints its "rewrite of this tutorial" notice atop 8 of
// its 9 chapters. Real pages of ../shared/corpus-real, indexed by the real
// program and browsed through the real engine; the pages are read where
// they are (skipped when the corpus is absent).
#include <filesystem>
#include <map>
#include <string>

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

  void Index() { ASSERT_FALSE(RunIndex(options_).error); }

  // Each page's browse snippet, by file name.
  std::map<std::string, std::string> Snippets() {
    auto searcher = Searcher::Open(options_.db_path);
    EXPECT_TRUE(searcher.ok()) << searcher.error().message;
    if (!searcher.ok()) return {};
    SearchRequest browse;
    browse.with_facets = false;
    browse.limit = 50;
    Result<SearchPage> page = searcher.value()->Search(browse);
    EXPECT_TRUE(page.ok()) << page.error().message;
    std::map<std::string, std::string> snippets;
    for (const SearchHit& hit : page.value().hits) {
      snippets[std::filesystem::path(hit.record.path).filename().string()] = hit.snippet;
    }
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
  Index();
  const auto snippets = Snippets();
  ASSERT_EQ(snippets.size(), std::size(kChapters));
  for (const auto& [name, snippet] : snippets) {
    EXPECT_EQ(snippet.find(kNotice), std::string::npos) << name << ": " << snippet;
  }
  EXPECT_EQ(snippets.at("first.en.html").rfind("Chapter 2. First steps Let", 0), 0u)
      << snippets.at("first.en.html");
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

}  // namespace
}  // namespace archivist
