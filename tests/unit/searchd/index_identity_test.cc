// SPDX-License-Identifier: GPL-2.0-or-later
// The identity of the index's files is looked at in full only when its
// folder may have changed, and every change of a table's inode is seen.
#include <filesystem>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>

#include <gtest/gtest.h>
#include <xapian.h>

#include "searchd/index_files.h"
#include "tests/support/temp_dir.h"

namespace archivist::searchd {
namespace {

namespace fs = std::filesystem;
using archivist::testing::TempDir;

void MakeIndex(const fs::path& path) {
  Xapian::WritableDatabase writer(path.string(), Xapian::DB_CREATE);
  writer.add_document(Xapian::Document());
  writer.commit();
}

// Sets the folder's modification time `seconds_ago` in the past, as if it
// had not changed since.
void ChangedSecondsAgo(const fs::path& folder, int seconds_ago) {
  timespec now{};
  ASSERT_EQ(::clock_gettime(CLOCK_REALTIME, &now), 0);
  const timespec times[2] = {now, {now.tv_sec - seconds_ago, now.tv_nsec}};
  ASSERT_EQ(::utimensat(AT_FDCWD, folder.c_str(), times, 0), 0);
}

// A table given another inode the way a restore by `mv` does: the folder's
// time moves with it.
void ReplaceTableByRename(const fs::path& folder, const std::string& table) {
  fs::copy_file(folder / table, folder / (table + ".new"));
  fs::rename(folder / (table + ".new"), folder / table);
}

class IndexIdentityTest : public ::testing::Test {
 protected:
  void SetUp() override { MakeIndex(index_); }
  TempDir dir_;
  const fs::path index_ = dir_.path() / "index";
};

TEST_F(IndexIdentityTest, AFolderUnchangedForAWhileIsNotListedAgain) {
  ChangedSecondsAgo(index_, 10);
  IndexIdentity identity(index_.string());
  const std::string first = identity.Current();
  EXPECT_EQ(first, ObserveIndexFiles(index_.string()).identity);
  EXPECT_FALSE(first.empty());
  EXPECT_EQ(identity.Current(), first);
  EXPECT_EQ(identity.Current(), first);
  EXPECT_EQ(identity.FullLooks(), 1u);
}

TEST_F(IndexIdentityTest, ATableRenamedIntoPlaceIsSeenAtOnce) {
  ChangedSecondsAgo(index_, 10);
  IndexIdentity identity(index_.string());
  const std::string before = identity.Current();
  ReplaceTableByRename(index_, "postlist.glass");
  const std::string after = identity.Current();
  EXPECT_NE(after, before);
  EXPECT_EQ(after, ObserveIndexFiles(index_.string()).identity);
}

TEST_F(IndexIdentityTest, AFolderChangedJustBeforeALookIsListedEveryTime) {
  // Just made: a change in the same clock tick would not move its time.
  IndexIdentity identity(index_.string());
  const std::string before = identity.Current();
  identity.Current();
  EXPECT_EQ(identity.FullLooks(), 2u);
  // Even with the time put back exactly as the look saw it.
  struct stat st {};
  ASSERT_EQ(::stat(index_.c_str(), &st), 0);
  ReplaceTableByRename(index_, "postlist.glass");
  const timespec times[2] = {st.st_atim, st.st_mtim};
  ASSERT_EQ(::utimensat(AT_FDCWD, index_.c_str(), times, 0), 0);
  EXPECT_NE(identity.Current(), before);
}

TEST_F(IndexIdentityTest, AnotherFolderPutInPlaceIsSeenWhateverItsTime) {
  ChangedSecondsAgo(index_, 10);
  IndexIdentity identity(index_.string());
  const std::string before = identity.Current();
  struct stat st {};
  ASSERT_EQ(::stat(index_.c_str(), &st), 0);
  const fs::path copy = dir_.path() / "copy";
  fs::copy(index_, copy, fs::copy_options::recursive);
  fs::rename(index_, dir_.path() / "old");
  fs::rename(copy, index_);
  // The same modification time as the folder it replaced: only the inode differs.
  const timespec times[2] = {st.st_atim, st.st_mtim};
  ASSERT_EQ(::utimensat(AT_FDCWD, index_.c_str(), times, 0), 0);
  const std::string after = identity.Current();
  EXPECT_NE(after, before);
  EXPECT_EQ(after, ObserveIndexFiles(index_.string()).identity);
}

TEST_F(IndexIdentityTest, AnIndexNotThereHasNoIdentity) {
  IndexIdentity identity((dir_.path() / "absent").string());
  EXPECT_EQ(identity.Current(), "");
}

}  // namespace
}  // namespace archivist::searchd
