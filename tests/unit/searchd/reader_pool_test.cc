// SPDX-License-Identifier: GPL-2.0-or-later
// searchd's worker threads borrow readers of the index from one pool: a
// lone client is answered by one warm reader whichever thread takes its
// request, and readers of replaced files do not hold them open.
#include "searchd/reader_pool.h"

#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <xapian.h>

#include "core/schema.h"
#include "engine/search_cache.h"
#include "tests/support/open_files.h"
#include "tests/support/temp_dir.h"

namespace archivist::searchd {
namespace {

namespace fs = std::filesystem;
using archivist::testing::DeletedFilesHeldOpen;
using archivist::testing::TempDir;

// A real index the searcher accepts (its schema version set), one document.
void MakeIndex(const std::string& path) {
  Xapian::WritableDatabase writer(path, Xapian::DB_CREATE);
  writer.set_metadata(std::string(schema::kVersionKey), std::to_string(schema::kVersion));
  Xapian::Document doc;
  doc.add_boolean_term(std::string(schema::kLanguagePrefix) + "en");
  writer.add_document(doc);
  writer.commit();
}

class ReaderPoolTest : public ::testing::Test {
 protected:
  void SetUp() override { MakeIndex(path_.string()); }

  // The Searcher a lease from another thread gets, the lease given back.
  Searcher* SearcherBorrowedOnAnotherThread() {
    Searcher* searcher = nullptr;
    std::thread([&] {
      ReaderPool::Lease lease = pool_.Borrow();
      Result<Searcher*> got = lease.Get();
      if (got.ok()) searcher = got.value();
    }).join();
    return searcher;
  }

  TempDir dir_;
  const fs::path path_ = dir_.path() / "index";
  ReaderPool pool_{path_.string(), std::make_shared<SearchCache>(0)};
};

TEST_F(ReaderPoolTest, RequestsOneAfterAnotherShareOneReaderWhateverTheirThread) {
  Searcher* first = SearcherBorrowedOnAnotherThread();
  ASSERT_NE(first, nullptr);
  for (int request = 0; request < 8; ++request) {
    EXPECT_EQ(SearcherBorrowedOnAnotherThread(), first) << "request " << request;
  }
  EXPECT_EQ(pool_.Made(), 1u);
}

TEST_F(ReaderPoolTest, AReaderIsMadeOnlyWhenEveryReaderIsLent) {
  ReaderPool::Lease a = pool_.Borrow();
  ReaderPool::Lease b = pool_.Borrow();
  ASSERT_TRUE(a.Get().ok());
  ASSERT_TRUE(b.Get().ok());
  Searcher* const searcher_a = a.Get().value();
  Searcher* const searcher_b = b.Get().value();
  EXPECT_NE(searcher_a, searcher_b) << "two requests at once cannot share a Xapian reader";
  EXPECT_EQ(pool_.Made(), 2u);
  {
    ReaderPool::Lease given_back_last = std::move(b);
  }
  // The reader given back last is lent first (it has read the most lately).
  ReaderPool::Lease c = pool_.Borrow();
  ASSERT_TRUE(c.Get().ok());
  EXPECT_EQ(c.Get().value(), searcher_b);
  EXPECT_EQ(pool_.Made(), 2u);
}

TEST_F(ReaderPoolTest, IdleReadersOfReplacedFilesAreClosedAtTheNextBorrowing) {
  {
    ReaderPool::Lease a = pool_.Borrow();
    ReaderPool::Lease b = pool_.Borrow();
    ASSERT_TRUE(a.Get().ok());
    ASSERT_TRUE(b.Get().ok());
  }
  // Replaced by a copy of the same revision: Xapian would not reopen it.
  const fs::path old = dir_.path() / "index.old";
  fs::rename(path_, old);
  fs::copy(old, path_, fs::copy_options::recursive);
  fs::remove_all(old);
  ASSERT_GT(DeletedFilesHeldOpen(old), 0) << "the test must start with the old files held";

  ReaderPool::Lease lease = pool_.Borrow();
  ASSERT_TRUE(lease.Get().ok());
  EXPECT_EQ(DeletedFilesHeldOpen(old), 0) << "an idle reader still holds the replaced files";
}

TEST_F(ReaderPoolTest, AReaderWhoseOpenFailedIsTriedAgainOnceTheIndexExists) {
  fs::remove_all(path_);
  {
    ReaderPool::Lease lease = pool_.Borrow();
    EXPECT_FALSE(lease.Get().ok());
  }
  MakeIndex(path_.string());
  ReaderPool::Lease lease = pool_.Borrow();
  EXPECT_TRUE(lease.Get().ok());
}

}  // namespace
}  // namespace archivist::searchd
