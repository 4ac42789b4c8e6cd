// SPDX-License-Identifier: GPL-2.0-or-later
// The facet sets of each commit are built in the background, before any
// search asks for them: after searchd starts, and after the indexer commits.
#include "searchd/sets_warmer.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <xapian.h>

#include "core/schema.h"
#include "engine/search.h"
#include "engine/search_cache.h"
#include "searchd/index_files.h"
#include "tests/support/temp_dir.h"

namespace archivist::searchd {
namespace {

using archivist::testing::TempDir;

// A real database the searcher opens: the schema version and a document
// with a filter term.
void AddDocument(Xapian::WritableDatabase& db, const std::string& language) {
  Xapian::Document doc;
  doc.add_boolean_term(std::string(schema::kLanguagePrefix) + language);
  db.add_document(doc);
  db.commit();
}

// A new index at `path` the searcher accepts (its schema version set),
// holding one document.
Xapian::WritableDatabase NewIndex(const std::string& path) {
  Xapian::WritableDatabase writer(path, Xapian::DB_CREATE);
  writer.set_metadata(std::string(schema::kVersionKey), std::to_string(schema::kVersion));
  AddDocument(writer, "en");
  return writer;
}

IndexState StateOf(const std::string& path) {
  Xapian::Database db(path);
  return {db.get_uuid(), db.get_revision()};
}

// Whether the cache holds `state`'s sets within `limit`, looking every few
// milliseconds: the warmer looks at the files every kPollInterval.
bool SetsBuiltWithin(SearchCache& cache, const IndexState& state, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (cache.HasSets(state)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return cache.HasSets(state);
}

TEST(SetsWarmerTest, BuildsTheSetsOfTheIndexAtStartAndAfterEachCommit) {
  TempDir dir;
  const std::string path = (dir.path() / "index").string();
  Xapian::WritableDatabase writer = NewIndex(path);
  auto cache = std::make_shared<SearchCache>(0);
  const IndexState first = StateOf(path);
  ASSERT_FALSE(cache->HasSets(first));

  SetsWarmer warmer(path, cache);
  EXPECT_TRUE(SetsBuiltWithin(*cache, first, std::chrono::seconds(30)));

  AddDocument(writer, "fr");
  const IndexState second = StateOf(path);
  ASSERT_NE(second, first);
  EXPECT_TRUE(SetsBuiltWithin(*cache, second, std::chrono::seconds(30)));
}

// searchd waits for the first build before it takes connections, so the
// first search after a start finds the sets built.
TEST(SetsWarmerTest, TheFirstLookEndsWithTheSetsBuilt) {
  TempDir dir;
  const std::string path = (dir.path() / "index").string();
  Xapian::WritableDatabase writer = NewIndex(path);
  auto cache = std::make_shared<SearchCache>(0);
  SetsWarmer warmer(path, cache);
  ASSERT_TRUE(warmer.WaitForFirstLook(std::chrono::seconds(30)));
  EXPECT_TRUE(cache->HasSets(StateOf(path)));
}

// searchd's own first search runs once, on the warmer's thread, after the
// first build and before the first look ends: searchd takes connections
// after it, and later commits do not repeat it.
TEST(SetsWarmerTest, ItsFirstLookEndsAfterTheFirstBuildsFollowUpRanOnce) {
  TempDir dir;
  const std::string path = (dir.path() / "index").string();
  Xapian::WritableDatabase writer = NewIndex(path);
  auto cache = std::make_shared<SearchCache>(0);
  const IndexState first = StateOf(path);
  std::atomic<int> runs{0};
  std::atomic<bool> sets_built_before{false};
  SetsWarmer warmer(path, cache, [&] {
    sets_built_before = cache->HasSets(first);
    ++runs;
  });
  ASSERT_TRUE(warmer.WaitForFirstLook(std::chrono::seconds(30)));
  EXPECT_EQ(runs, 1);
  EXPECT_TRUE(sets_built_before);

  AddDocument(writer, "fr");
  EXPECT_TRUE(SetsBuiltWithin(*cache, StateOf(path), std::chrono::seconds(30)));
  EXPECT_EQ(runs, 1) << "a commit's build is not followed by another";
}

// Without an index there is nothing to build, and nothing to wait for: a
// searchd started before its index takes connections at once.
TEST(SetsWarmerTest, TheFirstLookEndsWithoutAnIndex) {
  TempDir dir;
  auto cache = std::make_shared<SearchCache>(0);
  SetsWarmer warmer((dir.path() / "index").string(), cache);
  EXPECT_TRUE(warmer.WaitForFirstLook(std::chrono::seconds(30)));
}

// searchd may start before the index exists: the warmer waits for it.
TEST(SetsWarmerTest, WaitsForAnIndexThatDoesNotExistYet) {
  TempDir dir;
  const std::string path = (dir.path() / "index").string();
  auto cache = std::make_shared<SearchCache>(0);
  SetsWarmer warmer(path, cache);
  std::this_thread::sleep_for(2 * SetsWarmer::kPollInterval);
  Xapian::WritableDatabase writer = NewIndex(path);
  EXPECT_TRUE(SetsBuiltWithin(*cache, StateOf(path), std::chrono::seconds(30)));
}

// searchd started before its index exists makes its own first search when
// the index appears, once: the first search of users does not pay for what
// a process builds on first use either.
TEST(SetsWarmerTest, AnIndexThatAppearsLaterGetsTheFollowUpOnce) {
  TempDir dir;
  const std::string path = (dir.path() / "index").string();
  auto cache = std::make_shared<SearchCache>(0);
  std::atomic<int> runs{0};
  SetsWarmer warmer(path, cache, [&] { ++runs; });
  ASSERT_TRUE(warmer.WaitForFirstLook(std::chrono::seconds(30)));
  EXPECT_EQ(runs, 0) << "no index, no build, nothing to follow";

  Xapian::WritableDatabase writer = NewIndex(path);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (runs == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(runs, 1);

  AddDocument(writer, "fr");
  EXPECT_TRUE(SetsBuiltWithin(*cache, StateOf(path), std::chrono::seconds(30)));
  EXPECT_EQ(runs, 1) << "a later commit's build is not followed by another";
}

// How many documents a reader sharing `cache` sees at the revision it reads.
Xapian::doccount DocumentsSeen(Searcher& reader) {
  SearchRequest browse;  // no query: every document
  browse.limit = 0;
  browse.with_snippets = false;
  Result<SearchPage> page = reader.Search(browse);
  EXPECT_TRUE(page.ok()) << page.error().message;
  return page.ok() ? page.value().total : 0;
}

// Issue 19: while the warmer runs, searches stay at the revision whose sets
// it built and move to a commit once it has built that one's (the first
// search after a commit neither builds nor waits for sets); once it has
// stopped, searches read the latest commit again.
TEST(SetsWarmerTest, SearchesFollowTheRevisionsItBuilt) {
  TempDir dir;
  const std::string path = (dir.path() / "index").string();
  Xapian::WritableDatabase writer = NewIndex(path);
  // Readers stay behind only within an allowance for stale answers.
  auto cache = std::make_shared<SearchCache>(0, std::chrono::seconds(2));
  Result<std::unique_ptr<Searcher>> reader = Searcher::Open(path, cache);
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  {
    SetsWarmer warmer(path, cache);
    ASSERT_TRUE(warmer.WaitForFirstLook(std::chrono::seconds(30)));
    const IndexState first = StateOf(path);
    EXPECT_FALSE(cache->ShouldReopen(first)) << "a reader at the revision built stays";
    EXPECT_EQ(DocumentsSeen(*reader.value()), 1u);
    const std::size_t builds = cache->sets_builds();

    AddDocument(writer, "fr");
    const IndexState second = StateOf(path);
    EXPECT_TRUE(SetsBuiltWithin(*cache, second, std::chrono::seconds(30)));
    EXPECT_TRUE(cache->ShouldReopen(first)) << "a newer revision's sets are built";
    EXPECT_EQ(DocumentsSeen(*reader.value()), 2u);
    EXPECT_EQ(cache->sets_builds(), builds + 1) << "built by the warmer only";
  }
  AddDocument(writer, "nl");
  EXPECT_TRUE(cache->ShouldReopen(StateOf(path)));
  EXPECT_EQ(DocumentsSeen(*reader.value()), 3u) << "without the warmer, the latest commit";
}

// Issue 19: the warmer looks with two stat() calls rather than listing the
// folder; what it looks at must still change with every commit, and only
// then.
TEST(SetsWarmerTest, TheCommitStampChangesWithEachCommitOnly) {
  TempDir dir;
  const std::string path = (dir.path() / "index").string();
  EXPECT_EQ(IndexCommitStamp(path), "") << "no index yet";
  Xapian::WritableDatabase writer(path, Xapian::DB_CREATE);
  AddDocument(writer, "en");
  const std::string first = IndexCommitStamp(path);
  EXPECT_NE(first, "");
  EXPECT_EQ(IndexCommitStamp(path), first) << "nothing written";
  for (const char* language : {"fr", "nl"}) {
    const std::string before = IndexCommitStamp(path);
    AddDocument(writer, language);
    EXPECT_NE(IndexCommitStamp(path), before) << "after the commit adding " << language;
  }
}

}  // namespace
}  // namespace archivist::searchd
