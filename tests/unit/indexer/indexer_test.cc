// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/indexer.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <utime.h>

#include "core/search.h"
#include "tests/support/temp_dir.h"

namespace archivist {
namespace {

using archivist::testing::TempDir;

class IndexerTest : public ::testing::Test {
 protected:
  IndexSummary Run() {
    IndexOptions options;
    options.db_path = (db_.path() / "index").string();
    options.roots = {archive_.path()};
    return RunIndex(options);
  }

  Xapian::doccount Hits(const std::string& query) {
    auto searcher = Searcher::Open((db_.path() / "index").string());
    EXPECT_TRUE(searcher.ok());
    SearchRequest request;
    request.query = query;
    auto page = searcher.value()->Search(request);
    EXPECT_TRUE(page.ok());
    return page.value().total;
  }

  // Moves a file's modification time, as an edit a second later would.
  static void Touch(const std::filesystem::path& file, time_t when) {
    const utimbuf times{when, when};
    ASSERT_EQ(utime(file.c_str(), &times), 0);
  }

  TempDir archive_;
  TempDir db_;
};

TEST_F(IndexerTest, EveryFileEndsWithOneOutcome) {
  archive_.Write("a.html", "<html><body><p>alpha grooming</p></body></html>");
  archive_.Write("b.txt", "beta text");
  archive_.Write("c.pdf", "not a pdf");
  archive_.Write("d.tsv", "x\ty");
  const IndexSummary s = Run();
  EXPECT_EQ(s.indexed, 2u);
  EXPECT_EQ(s.failed, 1u);
  EXPECT_EQ(s.skipped, 1u);
  EXPECT_EQ(s.documents, 2u);
  ASSERT_EQ(s.problems.size(), 2u);
  EXPECT_EQ(Hits("grooming"), 1u);
}

TEST_F(IndexerTest, UnchangedFilesAreNotReindexedAndChangedOnesAre) {
  const auto a = archive_.Write("a.txt", "first version alpha");
  archive_.Write("b.txt", "bravo");
  EXPECT_EQ(Run().indexed, 2u);
  IndexSummary again = Run();
  EXPECT_EQ(again.indexed, 0u);
  EXPECT_EQ(again.unchanged, 2u);

  archive_.Write("a.txt", "second version omega");
  Touch(a, 2000000000);
  again = Run();
  EXPECT_EQ(again.indexed, 1u);
  EXPECT_EQ(again.unchanged, 1u);
  EXPECT_EQ(Hits("alpha"), 0u);
  EXPECT_EQ(Hits("omega"), 1u);
}

TEST_F(IndexerTest, EditingASidecarReindexesItsFile) {
  const auto file = archive_.Write("a.txt", "text");
  const auto sidecar = archive_.Write("a.txt.meta.json", R"({"title":"Old title"})");
  Run();
  archive_.Write("a.txt.meta.json", R"({"title":"Curated heading"})");
  Touch(sidecar, 2000000000);
  EXPECT_EQ(Run().indexed, 1u);
  EXPECT_EQ(Hits("title:heading"), 1u);
}

TEST_F(IndexerTest, DeletedFilesLeaveTheIndex) {
  const auto a = archive_.Write("a.txt", "alpha");
  archive_.Write("b.txt", "bravo");
  Run();
  std::filesystem::remove(a);
  const IndexSummary s = Run();
  EXPECT_EQ(s.removed, 1u);
  EXPECT_EQ(s.documents, 1u);
  EXPECT_EQ(Hits("alpha"), 0u);
}

TEST_F(IndexerTest, AMissingRootRemovesNothing) {
  archive_.Write("sub/a.txt", "alpha");
  IndexOptions options;
  options.db_path = (db_.path() / "index").string();
  options.roots = {archive_.path() / "sub"};
  EXPECT_EQ(RunIndex(options).documents, 1u);
  // The root disappears (an unmounted disk): its documents must stay.
  std::filesystem::rename(archive_.path() / "sub", archive_.path() / "elsewhere");
  const IndexSummary s = RunIndex(options);
  EXPECT_EQ(s.removed, 0u);
  EXPECT_EQ(s.documents, 1u);
  EXPECT_EQ(s.root_errors.size(), 1u);
}

}  // namespace
}  // namespace archivist
