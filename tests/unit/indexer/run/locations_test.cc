// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/run/locations.h"

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/temp_dir.h"

namespace archivist::run {
namespace {

using archivist::testing::TempDir;

FileLocation At(const std::string& path) { return {"/archive", path, 10, 1000, 0}; }

// A document of content `id` found at `paths`, its text `chars` long.
writer::PreparedDocument DocumentAt(const std::string& id, const std::vector<std::string>& paths) {
  DocumentRecord record;
  record.id = id;
  record.title = "Note";
  record.language = "en";
  record.type = "report";
  record.chars = 9;
  std::vector<FileLocation> locations;
  for (const std::string& path : paths) locations.push_back(At(path));
  SetLocations(record, locations);
  return writer::PrepareDocument(record, {"some text"});
}

class LocationBookTest : public ::testing::Test {
 protected:
  // A book over what the index holds now, counting the changes it writes.
  std::unique_ptr<LocationBook> Book() {
    snapshot_ = ReadSnapshot(*writer_);
    return std::make_unique<LocationBook>(snapshot_, *writer_, [this](std::size_t text_bytes) {
      ++writes_;
      text_bytes_ += text_bytes;
    });
  }

  TempDir dir_;
  std::unique_ptr<writer::IndexWriter> writer_ =
      writer::IndexWriter::Open((dir_.path() / "index").string());
  IndexSnapshot snapshot_;
  int writes_ = 0;
  std::size_t text_bytes_ = 0;
};

constexpr char kReport[] = "aaaaaaaa00000001";
constexpr char kMemo[] = "bbbbbbbb00000002";

TEST_F(LocationBookTest, ARunSeesItsOwnChangesBeforeAnyCommit) {
  auto book = Book();
  EXPECT_FALSE(book->FindByPath("/archive/a.txt"));
  book->Put(DocumentAt(kReport, {"a.txt"}));
  EXPECT_EQ(writes_, 1);
  EXPECT_EQ(text_bytes_, 9u);
  ASSERT_TRUE(book->FindByPath("/archive/a.txt"));
  const std::optional<DocumentRecord> report = book->FindById(kReport);
  ASSERT_TRUE(report);
  book->Join(*report, At("copy.txt"));  // a duplicate joins the document
  const std::optional<DocumentRecord> joined = book->FindByPath("/archive/copy.txt");
  ASSERT_TRUE(joined);
  EXPECT_EQ(joined->id, kReport);
  EXPECT_EQ(Locations(*joined).size(), 2u);
  EXPECT_EQ(writes_, 2);
}

TEST_F(LocationBookTest, ADocumentLeftWithoutLocationsLeavesTheIndex) {
  auto book = Book();
  book->Put(DocumentAt(kReport, {"a.txt", "b.txt"}));
  book->DropLocation(*book->FindById(kReport), "/archive/a.txt");
  EXPECT_FALSE(book->FindByPath("/archive/a.txt"));
  ASSERT_TRUE(book->FindByPath("/archive/b.txt"));
  book->DropLocation(*book->FindById(kReport), "/archive/b.txt");
  EXPECT_FALSE(book->FindById(kReport));
  EXPECT_EQ(writer_->DocumentCount(), 0u);
}

TEST_F(LocationBookTest, TheSweepRemovesWhatAWalkedRootNoLongerHolds) {
  Book()->Put(DocumentAt(kReport, {"report.txt", "copy.txt"}));
  Book()->Put(DocumentAt(kMemo, {"memo.txt"}));
  writer_->Commit();
  auto book = Book();
  snapshot_.files.at("/archive/copy.txt").seen = true;  // report.txt and memo.txt are gone
  EXPECT_EQ(book->Sweep({}), 0u);  // the root was not walked to the end: nothing goes
  EXPECT_EQ(writer_->DocumentCount(), 2u);
  EXPECT_EQ(book->Sweep({"/archive"}), 1u);
  EXPECT_FALSE(book->FindById(kMemo));
  const std::optional<DocumentRecord> report = book->FindById(kReport);
  ASSERT_TRUE(report);
  EXPECT_EQ(Locations(*report), std::vector<FileLocation>{At("copy.txt")});
}

}  // namespace
}  // namespace archivist::run
