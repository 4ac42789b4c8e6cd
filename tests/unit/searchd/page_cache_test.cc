// SPDX-License-Identifier: GPL-2.0-or-later
// Which tables of an index searchd asks the kernel to read at its start:
// every local one when they fit, the posting lists of every shard first,
// none beyond the budget. Real Xapian databases in a temporary folder.
#include "searchd/page_cache.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <unistd.h>
#include <xapian.h>

#include "tests/support/temp_dir.h"

namespace archivist::searchd {
namespace {

namespace fs = std::filesystem;
using archivist::testing::TempDir;

// A database with a few documents holding words, positions and data, so
// that its posting, position, term list and data tables all exist.
void MakeIndex(const fs::path& path, int documents) {
  Xapian::WritableDatabase writer(path.string(), Xapian::DB_CREATE);
  for (int n = 0; n < documents; ++n) {
    Xapian::Document doc;
    doc.set_data("stored text of document " + std::to_string(n));
    Xapian::TermGenerator terms;
    terms.set_document(doc);
    terms.index_text("annual report on trafficking, page " + std::to_string(n));
    writer.add_document(doc);
  }
  writer.add_spelling("trafficking");
  writer.commit();
}

std::uint64_t SizeOf(const fs::path& file) { return fs::file_size(file); }

TEST(PageCacheTest, EveryTableOfAFolderThatFitsIsAskedForPostingListsFirst) {
  TempDir dir;
  const fs::path index = dir.path() / "index";
  MakeIndex(index, 50);
  const PageCacheAsk asked = AskToReadIntoPageCache(index.string(), UINT64_MAX);
  const std::vector<std::string> expected = {
      (index / "postlist.glass").string(), (index / "docdata.glass").string(),
      (index / "position.glass").string(), (index / "termlist.glass").string(),
      (index / "spelling.glass").string()};
  EXPECT_EQ(asked.files, expected);
  std::uint64_t bytes = 0;
  for (const std::string& file : expected) bytes += SizeOf(file);
  EXPECT_EQ(asked.bytes, bytes);
  EXPECT_EQ(asked.left_bytes, 0u);
}

// A budget that holds the posting lists and not the rest: the tables
// that do not fit are left to the searches that need them.
TEST(PageCacheTest, TablesBeyondTheBudgetAreLeftOut) {
  TempDir dir;
  const fs::path index = dir.path() / "index";
  MakeIndex(index, 50);
  const std::uint64_t postlist = SizeOf(index / "postlist.glass");
  std::uint64_t all = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(index)) {
    if (entry.path().extension() == ".glass") all += entry.file_size();
  }
  const PageCacheAsk asked = AskToReadIntoPageCache(index.string(), postlist);
  EXPECT_EQ(asked.files, std::vector<std::string>{(index / "postlist.glass").string()});
  EXPECT_EQ(asked.bytes, postlist);
  EXPECT_EQ(asked.left_bytes, all - postlist);

  EXPECT_TRUE(AskToReadIntoPageCache(index.string(), 0).files.empty());
}

// A stub file's local shards, relative or absolute, are read table by
// table across shards; its remote shard is its server's to read.
TEST(PageCacheTest, AStubFilesLocalShardsAreAskedForTableByTable) {
  TempDir dir;
  MakeIndex(dir.path() / "shard-a", 20);
  MakeIndex(dir.path() / "shard-b", 20);
  const fs::path stub =
      dir.Write("index.stub", "auto shard-a\nremote :127.0.0.1:1\nglass " +
                                  (dir.path() / "shard-b").string() + "\n\nnot a line of a stub\n");
  const PageCacheAsk asked = AskToReadIntoPageCache(stub.string(), UINT64_MAX);
  ASSERT_GE(asked.files.size(), 4u);
  EXPECT_EQ(asked.files[0], (dir.path() / "shard-a" / "postlist.glass").string());
  EXPECT_EQ(asked.files[1], (dir.path() / "shard-b" / "postlist.glass").string());
  EXPECT_EQ(asked.files[2], (dir.path() / "shard-a" / "docdata.glass").string());
  EXPECT_EQ(asked.files[3], (dir.path() / "shard-b" / "docdata.glass").string());
}

TEST(PageCacheTest, NothingIsAskedWhereThereIsNoIndex) {
  TempDir dir;
  const PageCacheAsk asked = AskToReadIntoPageCache((dir.path() / "missing").string(), UINT64_MAX);
  EXPECT_TRUE(asked.files.empty());
  EXPECT_EQ(asked.bytes, 0u);
}

// Read from /proc/meminfo: more than nothing, less than the machine.
TEST(PageCacheTest, TheBudgetIsHalfOfWhatTheKernelCountsAvailable) {
  const std::uint64_t budget = PageCacheBudget();
  EXPECT_GT(budget, 0u);
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page_size = ::sysconf(_SC_PAGE_SIZE);
  EXPECT_LE(budget, static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page_size) / 2);
}

}  // namespace
}  // namespace archivist::searchd
