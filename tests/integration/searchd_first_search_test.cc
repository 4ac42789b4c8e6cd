// SPDX-License-Identifier: GPL-2.0-or-later
// searchd's own first search (searchd/own_first_search.h), on an index of
// real posts: it searches for a word many of them hold, draws the hits'
// snippets and writes the answer, and keeps nothing of it in the answer
// cache, where it would stand for a user's search.
#include "searchd/own_first_search.h"

#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <httplib.h>
#include <xapian.h>

#include "engine/search.h"
#include "engine/search_cache.h"
#include "indexer/extract/extractor.h"
#include "indexer/indexer.h"
#include "searchd/reader_pool.h"
#include "searchd/routes_handlers.h"
#include "tests/support/temp_dir.h"

namespace archivist {
namespace {

namespace fs = std::filesystem;
using searchd::ReaderPool;

class OwnFirstSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    extract::InitExtractors();
    fs::copy(ARCHIVIST_SOURCE_DIR "/corpus/ecpat-belgium", dir_.path() / "archive",
             fs::copy_options::recursive);
    IndexOptions options;
    options.db_path = index_;
    options.roots = {dir_.path() / "archive"};
    ASSERT_EQ(RunIndex(options).failed, 0u);
  }

  archivist::testing::TempDir dir_;
  const std::string index_ = (dir_.path() / "index").string();
};

TEST_F(OwnFirstSearchTest, SearchesForAFrequentWordAndKeepsNoAnswer) {
  auto cache = std::make_shared<SearchCache>(16);
  ReaderPool readers(index_, cache);
  const std::optional<searchd::OwnSearch> done = searchd::AnswerOwnFirstSearch(readers);
  ASSERT_TRUE(done.has_value());
  EXPECT_FALSE(done->word.empty());
  EXPECT_GT(done->hits, 0u);
  EXPECT_GT(done->bytes, 0u);

  // The request /api/search?q=WORD would make, and the cache's key for it.
  httplib::Request request;
  request.params.emplace("q", done->word);
  Result<searchd::SearchInput> input = searchd::ParseSearchInput(request);
  ASSERT_TRUE(input.ok());
  const Xapian::Database db(index_);
  const IndexState state{db.get_uuid(), db.get_revision()};
  EXPECT_EQ(cache->FindAnswer(state, AnswerKey(input.value().request)), nullptr);
  // A user's search of it is kept: the key looked for is the right one.
  ReaderPool::Lease reader = readers.Borrow();
  ASSERT_TRUE(reader.Get().ok());
  ASSERT_TRUE(reader.Get().value()->Search(input.value().request).ok());
  EXPECT_NE(cache->FindAnswer(state, AnswerKey(input.value().request)), nullptr);
}

TEST_F(OwnFirstSearchTest, WithoutAnIndexThereIsNothingToSearch) {
  ReaderPool readers((dir_.path() / "no-index").string(), std::make_shared<SearchCache>(16));
  EXPECT_FALSE(searchd::AnswerOwnFirstSearch(readers).has_value());
}

}  // namespace
}  // namespace archivist
