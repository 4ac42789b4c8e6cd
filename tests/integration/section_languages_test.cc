// SPDX-License-Identifier: GPL-2.0-or-later
// Issue 18, part 2: a web page's stretches in another language are stemmed
// in that language, and so are its words where a snippet or the document
// view marks them. A real page of ../shared/corpus-real (the Dutch Debian
// handbook's "why Debian", partly left in English), indexed by the real
// program and searched through the real engine (skipped when the corpus is
// absent).
#include <algorithm>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "engine/search.h"
#include "indexer/extract/extractor.h"
#include "indexer/indexer.h"
#include "tests/support/temp_dir.h"

namespace archivist {
namespace {

using archivist::testing::TempDir;

const std::filesystem::path kPage = std::filesystem::path(ARCHIVIST_CORPUS_REAL_DIR) /
                                    "html/debian-handbook/nl-NL/sect.why-debian.html";

// "essentially" and the page's English "essential" share an English stem
// and no Dutch one: only the English section's own stemmer joins them.
constexpr const char* kQuery = "essentially";
constexpr const char* kMarked = "<mark>essential</mark>";

class SectionLanguagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kPage)) GTEST_SKIP() << "no real corpus at " << kPage;
    extract::InitExtractors();
    std::filesystem::create_directories(archive_.path() / "handbook");
    std::filesystem::copy_file(kPage, archive_.path() / "handbook" / kPage.filename());
    IndexOptions options;
    options.db_path = (db_.path() / "index").string();
    options.roots = {archive_.path()};
    ASSERT_FALSE(RunIndex(options).error);
    auto searcher = Searcher::Open(options.db_path);
    ASSERT_TRUE(searcher.ok()) << searcher.error().message;
    searcher_ = std::move(searcher.value());
  }

  TempDir archive_;
  TempDir db_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(SectionLanguagesTest, AnEnglishSectionOfADutchPageIsMarkedAsEnglish) {
  SearchRequest request;
  request.query = kQuery;
  request.with_facets = false;
  Result<SearchPage> page = searcher_->Search(request);
  ASSERT_TRUE(page.ok()) << page.error().message;
  ASSERT_EQ(page.value().hits.size(), 1u);
  const SearchHit& hit = page.value().hits.front();
  ASSERT_EQ(hit.record.language, "nl");
  ASSERT_TRUE(std::any_of(hit.record.section_languages.begin(), hit.record.section_languages.end(),
                          [](const TextLanguageSection& s) { return s.language == "en"; }));
  EXPECT_NE(hit.snippet.find(kMarked), std::string::npos) << hit.snippet;

  // The document view marks the same word.
  Result<StoredDocument> document = searcher_->Document(hit.record.id, kQuery);
  ASSERT_TRUE(document.ok()) << document.error().message;
  const std::vector<std::string>& words = document.value().matched_words;
  EXPECT_NE(std::find(words.begin(), words.end(), "essential"), words.end());
  // And says its one page holds a match (the web UI's "does not appear"
  // notice comes from an empty list).
  EXPECT_EQ(document.value().matching_pages, std::vector<int>{1});
}

}  // namespace
}  // namespace archivist
