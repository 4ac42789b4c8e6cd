// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/run/change_detection.h"

#include <string>

#include <gtest/gtest.h>

#include "indexer/enrich/record_builder.h"
#include "tests/support/temp_dir.h"

namespace archivist::run {
namespace {

using archivist::testing::TempDir;

class ChangeDetectionTest : public ::testing::Test {
 protected:
  // A file on disk, and a snapshot in which the index lists it, with the
  // same stamps, in document "d1".
  void SetUp() override {
    file_.root = archive_.path().string();
    file_.relative_path = "report.txt";
    file_.absolute = archive_.Write("report.txt", "the report").string();
    file_.size = 10;
    file_.mtime = 1000;
    snapshot_.files[file_.absolute] =
        KnownFile{"d1", {file_.root, file_.relative_path, 10, 1000, 0}};
    snapshot_.ids.insert("d1");
  }

  bool Seen() const { return snapshot_.files.at(file_.absolute).seen; }

  TempDir archive_;
  crawl::FoundFile file_;
  IndexSnapshot snapshot_;
};

TEST_F(ChangeDetectionTest, TheSameStampsAreUnchangedByAStatAlone) {
  EXPECT_TRUE(UnchangedByStat(snapshot_, file_));
  EXPECT_TRUE(Seen());
}

TEST_F(ChangeDetectionTest, AnyOtherStampNeedsTheSecondLook) {
  crawl::FoundFile resized = file_;
  resized.size += 1;
  EXPECT_FALSE(UnchangedByStat(snapshot_, resized));
  crawl::FoundFile touched = file_;
  touched.mtime += 1;
  EXPECT_FALSE(UnchangedByStat(snapshot_, touched));
  crawl::FoundFile curated = file_;
  curated.sidecar_mtime = 5;
  EXPECT_FALSE(UnchangedByStat(snapshot_, curated));
  EXPECT_TRUE(Seen());  // seen all the same: it is still there
}

TEST_F(ChangeDetectionTest, AnOlderAnalysisOrASecondOwnerNeedsTheSecondLook) {
  snapshot_.reanalyse = true;
  EXPECT_FALSE(UnchangedByStat(snapshot_, file_));
  snapshot_.reanalyse = false;
  snapshot_.other_owners[file_.absolute] = {"d2"};
  EXPECT_FALSE(UnchangedByStat(snapshot_, file_));
}

TEST_F(ChangeDetectionTest, AFileTheIndexDoesNotListIsNew) {
  crawl::FoundFile other = file_;
  other.relative_path = "new.txt";
  other.absolute = archive_.Write("new.txt", "new").string();
  EXPECT_FALSE(UnchangedByStat(snapshot_, other));
}

TEST_F(ChangeDetectionTest, NewContentNeedsAnalysis) {
  const ContentCheck check = CheckContent(snapshot_, file_);
  ASSERT_FALSE(check.read_error);
  EXPECT_EQ(check.hash, enrich::ContentHash("the report"));
  EXPECT_EQ(check.id, enrich::DocumentIdFor(check.hash));
  EXPECT_TRUE(check.needs_analysis);
}

TEST_F(ChangeDetectionTest, KnownContentIsNotAnalysedAgain) {
  // A touched file, or a copy of content the index holds: only its
  // locations change.
  snapshot_.ids.insert(enrich::DocumentIdFor(enrich::ContentHash("the report")));
  EXPECT_FALSE(CheckContent(snapshot_, file_).needs_analysis);
  // ... unless its sidecar changed, or the analysis did.
  crawl::FoundFile curated = file_;
  curated.sidecar_mtime = 5;
  EXPECT_TRUE(CheckContent(snapshot_, curated).needs_analysis);
  snapshot_.reanalyse = true;
  EXPECT_TRUE(CheckContent(snapshot_, file_).needs_analysis);
}

TEST_F(ChangeDetectionTest, AnUnreadableFileHasNoHash) {
  crawl::FoundFile gone = file_;
  gone.absolute = (archive_.path() / "gone.txt").string();
  const ContentCheck check = CheckContent(snapshot_, gone);
  ASSERT_TRUE(check.read_error);
  EXPECT_TRUE(check.hash.empty());
}

}  // namespace
}  // namespace archivist::run
