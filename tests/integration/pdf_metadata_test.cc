// SPDX-License-Identifier: GPL-2.0-or-later
// Issue 3: what a PDF says of itself (Info dictionary, XMP) is searchable:
// its author (also as author:name), description and keywords, none of which
// appear in its pages. Fixture: tests/data/pdf/metadata.pdf, made by
// make-metadata-pdf.py beside it.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "engine/search.h"
#include "indexer/indexer.h"
#include "tests/support/temp_dir.h"

namespace archivist {
namespace {

using archivist::testing::TempDir;

class PdfMetadataSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::copy_file(std::filesystem::path(ARCHIVIST_TEST_DATA_DIR) / "pdf/metadata.pdf",
                               archive_.path() / "metadata.pdf");
    IndexOptions options;
    options.db_path = db_path();
    options.roots = {archive_.path()};
    const IndexSummary summary = RunIndex(options);
    ASSERT_EQ(summary.indexed, 1u);
  }

  std::string db_path() const { return (db_.path() / "index").string(); }

  // The pages the one hit reports, or {-1} when the query finds nothing.
  std::vector<int> Search(const std::string& query) {
    auto searcher = Searcher::Open(db_path());
    EXPECT_TRUE(searcher.ok()) << searcher.error().message;
    if (!searcher.ok()) return {-1};
    SearchRequest request;
    request.query = query;
    request.with_facets = false;
    Result<SearchPage> page = searcher.value()->Search(request);
    EXPECT_TRUE(page.ok()) << page.error().message;
    if (!page.ok() || page.value().hits.empty()) return {-1};
    return page.value().hits.front().matching_pages;
  }

  TempDir archive_;
  TempDir db_;
};

TEST_F(PdfMetadataSearchTest, AuthorDescriptionAndKeywordsFindTheDocument) {
  // From XMP: dc:creator, dc:description, dc:subject.
  EXPECT_NE(Search("janssens"), std::vector<int>{-1});
  EXPECT_NE(Search("Lefèvre"), std::vector<int>{-1});
  EXPECT_NE(Search("lefevre"), std::vector<int>{-1}) << "accents fold as in the text";
  EXPECT_NE(Search("safeguarding"), std::vector<int>{-1});
  EXPECT_NE(Search("sextortion"), std::vector<int>{-1});
  // The words of the pages still report their page; metadata matches none.
  EXPECT_EQ(Search("certificates"), std::vector<int>{2});
  EXPECT_EQ(Search("sextortion"), std::vector<int>{});
}

TEST_F(PdfMetadataSearchTest, AuthorIsAFieldOfItsOwn) {
  EXPECT_NE(Search("author:janssens"), std::vector<int>{-1});
  EXPECT_NE(Search("author:\"Pieter Janssens\""), std::vector<int>{-1});
  // "volunteers" is in the text and the description, not the author.
  EXPECT_NE(Search("volunteers"), std::vector<int>{-1});
  EXPECT_EQ(Search("author:volunteers"), std::vector<int>{-1});
}

}  // namespace
}  // namespace archivist
