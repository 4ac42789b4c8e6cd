// SPDX-License-Identifier: GPL-2.0-or-later
// Opening an index a killed run left half created (issue 17's external
// kill test found it: a run killed while Xapian created a shard left that
// shard's empty tables without their version file, and every later run
// failed with "Failed to open glass revision file for reading").
#include <filesystem>
#include <fstream>
#include <memory>

#include <gtest/gtest.h>
#include <xapian.h>

#include "indexer/writer/index_writer.h"
#include "tests/support/temp_dir.h"

namespace archivist::writer {
namespace {

using archivist::testing::TempDir;

// What Xapian leaves in `folder` when killed creating a database there:
// its lock, its version file still under its temporary name, two empty
// tables, and no iamglass (the order strace shows for Xapian 1.4).
void LeaveUnfinishedCreation(const std::filesystem::path& folder) {
  std::filesystem::create_directories(folder);
  for (const char* name : {"flintlock", "v.tmp", "termlist.glass", "postlist.glass"}) {
    std::ofstream(folder / name).flush();
  }
}

TEST(IndexWriterOpenTest, AShardKilledWhileBeingCreatedIsCreatedAgain) {
  TempDir dir;
  const std::filesystem::path index = dir.path() / "index";
  // The first shard was made; the run died making the second, before the
  // stub that lists them.
  std::filesystem::create_directories(index);
  { Xapian::WritableDatabase first((index / "shard-0").string(), Xapian::DB_CREATE); }
  LeaveUnfinishedCreation(index / "shard-1");

  std::unique_ptr<IndexWriter> writer = IndexWriter::Open(index.string(), 2);
  ASSERT_NE(writer, nullptr);
  writer.reset();
  EXPECT_TRUE(std::filesystem::exists(index / "shard-1" / "iamglass"));
  EXPECT_EQ(Xapian::Database(index.string()).get_doccount(), 0U);
}

TEST(IndexWriterOpenTest, ASingleDatabaseKilledWhileBeingCreatedIsCreatedAgain) {
  TempDir dir;
  const std::filesystem::path index = dir.path() / "index";
  LeaveUnfinishedCreation(index);

  std::unique_ptr<IndexWriter> writer = IndexWriter::Open(index.string(), 1);
  ASSERT_NE(writer, nullptr);
  writer.reset();
  EXPECT_EQ(Xapian::Database(index.string()).get_doccount(), 0U);
}

// Tables that hold something are not an unfinished creation: they are
// left for a person, and the open fails saying so.
TEST(IndexWriterOpenTest, TablesWithDataButNoVersionFileAreLeftAlone) {
  TempDir dir;
  const std::filesystem::path index = dir.path() / "index";
  LeaveUnfinishedCreation(index);
  std::ofstream(index / "postlist.glass") << "blocks of a database that lost its version file";

  EXPECT_ANY_THROW(IndexWriter::Open(index.string(), 1));
  EXPECT_GT(std::filesystem::file_size(index / "postlist.glass"), 0U);
}

}  // namespace
}  // namespace archivist::writer
