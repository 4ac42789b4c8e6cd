// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/crawl/crawler.h"

#include <gtest/gtest.h>
#include <utime.h>

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

// The crawl looks sidecars and manifests up in the listings it walked rather
// than stat-ing each candidate path: the latest of them must still win,
// whichever folder it is in and in whatever order the listing gives them.
TEST(CrawlerTest, SidecarTimeIsTheLatestOfTheFileSidecarAndEveryManifestAbove) {
  archivist::testing::TempDir dir;
  const auto at = [&](const std::string& relative, time_t when) {
    const auto path = dir.Write(relative, relative.ends_with(".json") ? "{}" : "x");
    const utimbuf times{when, when};
    ASSERT_EQ(utime(path.c_str(), &times), 0);
  };
  at("_folder.meta.json", 1000);
  at("a/_folder.meta.json", 3000);
  at("a/b/_folder.meta.json", 2000);
  at("a/b/deep.txt", 10);
  at("a/b/curated.txt", 10);
  at("a/b/curated.txt.meta.json", 5000);
  at("a/b/c/deeper.txt", 10);
  at("top.txt", 10);
  const CrawlResult result = Crawl({dir.path()});
  ASSERT_EQ(Paths(result), (std::vector<std::string>{"a/b/c/deeper.txt", "a/b/curated.txt",
                                                     "a/b/deep.txt", "top.txt"}));
  EXPECT_EQ(result.files[0].sidecar_mtime, 3000);  // a/_folder.meta.json, two folders up
  EXPECT_EQ(result.files[1].sidecar_mtime, 5000);  // its own sidecar
  EXPECT_EQ(result.files[2].sidecar_mtime, 3000);
  EXPECT_EQ(result.files[3].sidecar_mtime, 1000);  // the root's manifest only
  EXPECT_EQ(result.files[3].mtime, 10);
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
