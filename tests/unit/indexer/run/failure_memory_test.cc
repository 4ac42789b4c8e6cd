// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/run/failure_memory.h"

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/temp_dir.h"

namespace archivist::run {
namespace {

using archivist::testing::TempDir;

crawl::FoundFile FileAt(const std::string& root, const std::string& relative) {
  crawl::FoundFile file;
  file.root = root;
  file.relative_path = relative;
  file.absolute = root + "/" + relative;
  file.size = 5;
  file.mtime = 1000;
  return file;
}

writer::FailureRecord FailureOf(const crawl::FoundFile& file, const std::string& reason) {
  return {file.root, file.absolute, file.size, file.mtime, file.sidecar_mtime, reason};
}

TEST(FailureMemoryTest, AFileUnchangedSinceItFailedKeepsItsReasonUntried) {
  const crawl::FoundFile file = FileAt("/archive", "broken.pdf");
  FailureMemory memory({FailureOf(file, "timeout")}, /*retry_failed=*/false);
  const writer::FailureRecord* failure = memory.Found(file);
  ASSERT_NE(failure, nullptr);
  EXPECT_EQ(failure->reason, "timeout");
  EXPECT_EQ(memory.Found(FileAt("/archive", "other.pdf")), nullptr);
}

TEST(FailureMemoryTest, AChangedFileOrARetryIsTriedAgain) {
  const crawl::FoundFile file = FileAt("/archive", "broken.pdf");
  crawl::FoundFile edited = file;
  edited.mtime += 1;
  crawl::FoundFile curated = file;
  curated.sidecar_mtime = 2000;  // a fixed sidecar is worth a retry
  FailureMemory memory({FailureOf(file, "timeout")}, /*retry_failed=*/false);
  EXPECT_EQ(memory.Found(edited), nullptr);
  EXPECT_EQ(memory.Found(curated), nullptr);
  FailureMemory retrying({FailureOf(file, "timeout")}, /*retry_failed=*/true);
  EXPECT_EQ(retrying.Found(file), nullptr);
}

class FailureMemoryIndexTest : public ::testing::Test {
 protected:
  std::vector<std::string> RecordedPaths() {
    std::vector<std::string> paths;
    for (const writer::FailureRecord& f : writer_->AllFailures()) paths.push_back(f.path);
    return paths;
  }

  TempDir dir_;
  std::unique_ptr<writer::IndexWriter> writer_ =
      writer::IndexWriter::Open((dir_.path() / "index").string());
};

TEST_F(FailureMemoryIndexTest, RememberedAndForgottenInTheIndex) {
  const crawl::FoundFile file = FileAt("/archive", "a.pdf");
  FailureMemory first({}, false);
  EXPECT_TRUE(first.Remember(*writer_, file, "encrypted"));
  EXPECT_EQ(RecordedPaths(), std::vector<std::string>{"/archive/a.pdf"});

  FailureMemory second(writer_->AllFailures(), false);
  EXPECT_FALSE(second.Forget(*writer_, "/archive/never-failed.pdf"));
  EXPECT_TRUE(second.Forget(*writer_, "/archive/a.pdf"));
  EXPECT_TRUE(RecordedPaths().empty());
}

TEST_F(FailureMemoryIndexTest, OnlyFailuresOfFilesGoneFromWalkedRootsAreForgotten) {
  const crawl::FoundFile found = FileAt("/archive", "found.pdf");
  const crawl::FoundFile gone = FileAt("/archive", "gone.pdf");
  const crawl::FoundFile unmounted = FileAt("/usb", "elsewhere.pdf");
  for (const auto* file : {&found, &gone, &unmounted}) {
    writer_->PutFailure(FailureOf(*file, "bad"));
  }
  FailureMemory memory(writer_->AllFailures(), false);
  ASSERT_NE(memory.Found(found), nullptr);
  EXPECT_TRUE(memory.ForgetVanished(*writer_, {"/archive"}));  // /usb was not walked
  EXPECT_EQ(RecordedPaths(),
            (std::vector<std::string>{"/archive/found.pdf", "/usb/elsewhere.pdf"}));
}

TEST_F(FailureMemoryIndexTest, NothingVanishedNothingChanges) {
  const crawl::FoundFile found = FileAt("/archive", "found.pdf");
  writer_->PutFailure(FailureOf(found, "bad"));
  FailureMemory memory(writer_->AllFailures(), false);
  ASSERT_NE(memory.Found(found), nullptr);
  EXPECT_FALSE(memory.ForgetVanished(*writer_, {"/archive"}));
}

}  // namespace
}  // namespace archivist::run
