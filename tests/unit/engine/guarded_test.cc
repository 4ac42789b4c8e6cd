// SPDX-License-Identifier: GPL-2.0-or-later
// engine/guarded.h: a read that meets DatabaseModifiedError (a writer has
// reused the blocks of the revision it reads) is repeated at the latest
// commit, and its answer is that commit's. The error is Xapian's own, made
// by a real writer: a reader left at the first commit of 1,000 documents
// while the writer rewrites all of them twice (with fewer than about 500
// documents of 500 bytes, Xapian 1.4.22 reused no block this reader reads).
#include <string>

#include <gtest/gtest.h>
#include <xapian.h>

#include "engine/guarded.h"
#include "tests/support/temp_dir.h"

namespace archivist {
namespace {

constexpr int kDocuments = 1000;

// Every document of the database, its data `fill` repeated.
void Rewrite(Xapian::WritableDatabase& writer, char fill) {
  for (Xapian::docid id = 1; id <= kDocuments; ++id) {
    Xapian::Document document;
    document.set_data(std::string(500, fill));
    document.add_term("note");
    document.add_term("n" + std::to_string(id) + fill);
    writer.replace_document(id, document);
  }
  writer.commit();
}

// How many documents holding "note" have data starting with `fill`.
Xapian::doccount Holding(const Xapian::Database& db, char fill) {
  Xapian::doccount count = 0;
  for (auto posting = db.postlist_begin("note"); posting != db.postlist_end("note"); ++posting) {
    if (db.get_document(*posting).get_data().front() == fill) ++count;
  }
  return count;
}

class GuardedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    writer_ = Xapian::WritableDatabase(dir_.path().string(), Xapian::DB_CREATE);
    Rewrite(writer_, 'a');
  }

  testing::TempDir dir_;
  Xapian::WritableDatabase writer_;
};

TEST_F(GuardedTest, AReadWhoseRevisionWasDiscardedIsRepeatedAtTheLatestCommit) {
  Xapian::Database reader(dir_.path().string());
  Xapian::Database witness(dir_.path().string());
  Rewrite(writer_, 'b');
  Rewrite(writer_, 'c');
  // The condition the retry is for: at the first commit, reading the
  // documents now fails.
  EXPECT_THROW(Holding(witness, 'a'), Xapian::DatabaseModifiedError);

  int attempts = 0;
  Result<Xapian::doccount> latest = Guarded<Xapian::doccount>(
      reader, [] { return false; },  // stay at the revision read, as a search may
      [&] {
        ++attempts;
        return Holding(reader, 'c');
      });
  ASSERT_TRUE(latest.ok()) << latest.error().message;
  EXPECT_EQ(latest.value(), static_cast<Xapian::doccount>(kDocuments)) << "the latest commit's documents";
  EXPECT_EQ(attempts, 2) << "the first read met the discarded revision, the second the latest";
}

// An error that outlasts every attempt ends as kUnavailable, not a throw.
TEST_F(GuardedTest, ARevisionThatKeepsBeingDiscardedEndsAsUnavailable) {
  Xapian::Database reader(dir_.path().string());
  int attempts = 0;
  Result<int> answer = GuardedAtLatest<int>(reader, [&]() -> int {
    ++attempts;
    throw Xapian::DatabaseModifiedError("discarded again");
  });
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(attempts, kMaxAttempts);
}

}  // namespace
}  // namespace archivist
