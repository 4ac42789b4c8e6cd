// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/crawl/crawler.h"

#include <gtest/gtest.h>

#include "tests/support/temp_dir.h"

namespace archivist::crawl {
namespace {

std::vector<std::string> Paths(const CrawlResult& result) {
  std::vector<std::string> paths;
  for (const FoundFile& f : result.files) paths.push_back(f.relative_path);
  return paths;
}

TEST(CrawlerTest, SkipsHiddenSidecarsAndIgnoredFiles) {
  archivist::testing::TempDir dir;
  dir.Write("b/report.pdf", "x");
  dir.Write("b/report.pdf.meta.json", "{}");
  dir.Write("a.html", "x");
  dir.Write(".git/config", "x");
  dir.Write(".hidden.txt", "x");
  dir.Write("README.md", "x");
  dir.Write("notes/MANIFEST.tsv", "x");
  dir.Write(".archivistignore", "# about the archive\nREADME.md\n*/MANIFEST.tsv\n");
  const CrawlResult result = Crawl({dir.path()});
  EXPECT_EQ(Paths(result), (std::vector<std::string>{"a.html", "b/report.pdf"}));
  ASSERT_EQ(result.complete_roots.size(), 1u);
  EXPECT_TRUE(result.problems.empty());
  EXPECT_GT(result.files[1].sidecar_mtime, 0);
  EXPECT_EQ(result.files[0].sidecar_mtime, 0);
  EXPECT_EQ(result.files[0].size, 1u);
}

TEST(CrawlerTest, FolderManifestIsNotIndexedButCountsAsCuration) {
  archivist::testing::TempDir dir;
  dir.Write("laws/a.md", "x");
  dir.Write("b.md", "x");
  dir.Write("laws/_folder.meta.json", R"({"countries":["NL"]})");
  const CrawlResult result = Crawl({dir.path()});
  EXPECT_EQ(Paths(result), (std::vector<std::string>{"b.md", "laws/a.md"}));
  EXPECT_EQ(result.files[0].sidecar_mtime, 0);
  EXPECT_GT(result.files[1].sidecar_mtime, 0);  // edits to it re-index the file
}

TEST(CrawlerTest, MissingRootIsAProblemNotACompleteRoot) {
  archivist::testing::TempDir dir;
  const CrawlResult result = Crawl({dir.path() / "absent"});
  EXPECT_TRUE(result.files.empty());
  EXPECT_TRUE(result.complete_roots.empty());
  EXPECT_EQ(result.problems.size(), 1u);
}

}  // namespace
}  // namespace archivist::crawl
