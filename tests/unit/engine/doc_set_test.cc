// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/doc_set.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <latch>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/schema.h"
#include "engine/search.h"
#include "engine/search_cache.h"
#include "tests/support/temp_dir.h"

namespace archivist {
namespace {

DocSet Of(Xapian::docid last, std::initializer_list<Xapian::docid> ids) {
  DocSet set(last);
  for (Xapian::docid id : ids) set.Insert(id);
  return set;
}

TEST(DocSetTest, CountsAndCombinesAcrossWordBoundaries) {
  const DocSet a = Of(200, {1, 63, 64, 65, 128, 200});
  const DocSet b = Of(200, {2, 64, 128, 199});
  EXPECT_EQ(a.Count(), 6u);
  EXPECT_EQ(a.CountIntersection(b), 2u);
  DocSet both = a;
  both &= b;
  EXPECT_EQ(both.Count(), 2u);
  DocSet either = a;
  either |= b;
  EXPECT_EQ(either.Count(), 8u);
  DocSet only_a = a;
  only_a -= b;
  EXPECT_EQ(only_a.Count(), 4u);
}

TEST(DocSetTest, NthSmallestCountsMembersNotIds) {
  const std::vector<Xapian::docid> ids = {1, 63, 64, 65, 128, 190, 200};
  const DocSet set = Of(200, {1, 63, 64, 65, 128, 190, 200});
  for (std::size_t n = 0; n < ids.size(); ++n) EXPECT_EQ(set.NthSmallest(n), ids[n]) << n;
  EXPECT_EQ(set.NthSmallest(ids.size()), 0u);
  EXPECT_EQ(DocSet(100).NthSmallest(0), 0u);
}

TEST(DocSetTest, IdsBeyondTheLastAreIgnoredAndSmallerSetsCombine) {
  DocSet small = Of(10, {3, 11 * 64});  // the second id is out of range
  EXPECT_EQ(small.Count(), 1u);
  DocSet big = Of(1000, {3, 999});
  EXPECT_EQ(big.CountIntersection(small), 1u);
  big &= small;
  EXPECT_EQ(big.Count(), 1u);
}

// An index whose documents hold `dates` in the date slots (an empty string:
// no date), in document id order.
std::string IndexWithDates(const testing::TempDir& dir, const std::vector<std::string>& dates) {
  const std::string path = (dir.path() / "db").string();
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
  for (const std::string& date : dates) {
    Xapian::Document doc;
    doc.add_boolean_term(schema::LanguageTerm("en"));
    if (!date.empty()) doc.add_value(schema::kSlotDate, date);
    doc.add_value(schema::kSlotDateOldestFirst, date.empty() ? "~" : date);
    db.add_document(doc);
  }
  db.commit();
  return path;
}

// The order the browse pages must follow, computed the plain way: string
// order of the values, equal values by ascending id.
std::vector<Xapian::docid> ReferenceOrder(std::vector<std::string> values, bool descending) {
  std::vector<std::pair<std::string, Xapian::docid>> keyed;
  for (std::size_t i = 0; i < values.size(); ++i) {
    keyed.emplace_back(values[i], static_cast<Xapian::docid>(i + 1));
  }
  std::stable_sort(keyed.begin(), keyed.end(), [descending](const auto& a, const auto& b) {
    return descending ? a.first > b.first : a.first < b.first;
  });
  std::vector<Xapian::docid> order;
  for (const auto& [value, id] : keyed) order.push_back(id);
  return order;
}

TEST(RevisionSetsTest, DateOrdersFollowStringOrderWithTiesByIdForShortAndLongValues) {
  // Short values are compared as packed numbers, which must not confuse a
  // value with its zero-padded extension; a value past eight bytes makes
  // the slot fall back to comparing strings.
  const std::vector<std::vector<std::string>> cases = {
      {"20140530", "2014", "", "20140530", std::string("2014\0", 5), "19991231", "", "2014"},
      {"20140530", "201405301200", "", "2014", "20140530", "201405301159", "~"},
  };
  for (const std::vector<std::string>& dates : cases) {
    testing::TempDir dir;
    const Xapian::Database db(IndexWithDates(dir, dates));
    const auto sets = RevisionSets::Build(db);
    std::vector<std::string> oldest_keys;
    for (const std::string& date : dates) oldest_keys.push_back(date.empty() ? "~" : date);
    EXPECT_EQ(sets->newest_first, ReferenceOrder(dates, /*descending=*/true));
    EXPECT_EQ(sets->oldest_first, ReferenceOrder(oldest_keys, /*descending=*/false));
  }
}

TEST(SearchCacheTest, ThreadsAskingTogetherShareOneBuildOfTheSets) {
  testing::TempDir dir;
  const std::string path = IndexWithDates(dir, std::vector<std::string>(20000, "20140530"));
  SearchCache cache(0);
  constexpr int kThreads = 8;
  std::vector<std::shared_ptr<const RevisionSets>> got(kThreads);
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const Xapian::Database db(path);  // one per thread, as in searchd
      const IndexState state{db.get_uuid(), db.get_revision()};
      start.arrive_and_wait();
      got[t] = cache.Sets(db, state);
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) {
    ASSERT_NE(got[t], nullptr);
    EXPECT_EQ(got[t], got[0]) << "thread " << t << " built sets of its own";
  }
  EXPECT_EQ(got[0]->all.Count(), 20000u);
}

TEST(SearchCacheTest, ARequestAskedWhileItIsComputedIsComputedOnce) {
  SearchCache cache(8);
  const IndexState state{"uuid", 7};
  std::promise<void> started;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::shared_ptr<const SearchPage> first;
  std::thread computing([&] {
    first = cache.FindOrCompute(state, "q", [&] {
      started.set_value();
      released.wait();  // held until the others have asked
      auto page = std::make_shared<SearchPage>();
      page->total = 42;
      return std::shared_ptr<const SearchPage>(page);
    }).page;
  });
  started.get_future().wait();
  std::atomic<int> computed_again{0};
  std::vector<std::shared_ptr<const SearchPage>> got(7);
  std::vector<std::thread> askers;
  for (std::size_t t = 0; t < got.size(); ++t) {
    askers.emplace_back([&, t] {
      got[t] = cache.FindOrCompute(state, "q", [&] {
        ++computed_again;
        return std::make_shared<const SearchPage>();
      }).page;
    });
  }
  release.set_value();
  computing.join();
  for (std::thread& asker : askers) asker.join();
  EXPECT_EQ(computed_again, 0);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->total, 42u);
  for (const auto& page : got) EXPECT_EQ(page, first);
}

TEST(SearchCacheTest, KeepsTheMostRecentAnswersOfTheNewestRevisionOnly) {
  SearchCache cache(2);
  const IndexState first{"uuid", 1};
  const IndexState second{"uuid", 2};
  auto page = [](Xapian::doccount total) {
    auto p = std::make_shared<SearchPage>();
    p->total = total;
    return std::shared_ptr<const SearchPage>(p);
  };
  cache.StoreAnswer(first, "a", page(1));
  cache.StoreAnswer(first, "b", page(2));
  ASSERT_NE(cache.FindAnswer(first, "a"), nullptr);  // "a" is now the most recent
  cache.StoreAnswer(first, "c", page(3));            // evicts "b"
  EXPECT_EQ(cache.FindAnswer(first, "b"), nullptr);
  EXPECT_EQ(cache.FindAnswer(first, "a")->total, 1u);

  EXPECT_EQ(cache.FindAnswer(second, "a"), nullptr);  // not an answer at the new commit
  cache.StoreAnswer(first, "a", page(9));              // a slower reader's old answer...
  EXPECT_EQ(cache.FindAnswer(first, "a"), nullptr);    // ...is not kept
  cache.StoreAnswer(second, "a", page(4));
  EXPECT_EQ(cache.FindAnswer(second, "a")->total, 4u);
  EXPECT_EQ(cache.FindAnswer(IndexState{"rebuilt", 1}, "a"), nullptr);  // another index
}

std::shared_ptr<const SearchPage> PageOf(Xapian::doccount total) {
  auto page = std::make_shared<SearchPage>();
  page->total = total;
  return page;
}

// A cache holding the answer to "q" (total 1) computed at revision 1, and a
// computation that counts its calls and answers with total 2.
struct CacheAcrossACommit {
  explicit CacheAcrossACommit(std::chrono::milliseconds allowance) : cache(8, allowance) {
    cache.StoreAnswer(first, "q", PageOf(1));
  }
  SearchCache cache;
  const IndexState first{"uuid", 1};
  const IndexState second{"uuid", 2};
  int computed = 0;
  const SearchCache::ComputeAnswer compute = [this] {
    ++computed;
    return PageOf(2);
  };

  // Whether `answer` is (not) stale with `total`, after `computations` calls of `compute`.
  ::testing::AssertionResult Gave(const SearchCache::Answer& answer, bool stale,
                                  Xapian::doccount total, int computations) const {
    if (answer.stale == stale && answer.page->total == total && computed == computations) {
      return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure()
           << "stale " << answer.stale << ", total " << answer.page->total << ", computed "
           << computed << "; wanted " << stale << ", " << total << ", " << computations;
  }
};

TEST(SearchCacheTest, AnEarlierCommitsAnswerIsServedWithinTheAllowanceUntilRecomputed) {
  CacheAcrossACommit t(std::chrono::hours(1));
  EXPECT_TRUE(t.Gave(t.cache.FindOrCompute(t.second, "q", t.compute), /*stale=*/true, 1, 0));
  // Whoever refreshes it refuses the stale answer and stores a fresh one...
  EXPECT_TRUE(t.Gave(t.cache.FindOrCompute(t.second, "q", t.compute, /*accept_stale=*/false),
                     /*stale=*/false, 2, 1));
  // ...which everyone gets from then on.
  EXPECT_TRUE(t.Gave(t.cache.FindOrCompute(t.second, "q", t.compute), /*stale=*/false, 2, 1));

  // Answers of another index (a rebuilt one) are never served.
  EXPECT_TRUE(t.Gave(t.cache.FindOrCompute(IndexState{"rebuilt", 3}, "q", t.compute),
                     /*stale=*/false, 2, 2));
}

TEST(SearchCacheTest, AnEarlierCommitsAnswerIsRecomputedOnceTheAllowanceHasPassed) {
  const auto allowance = std::chrono::milliseconds(20);
  CacheAcrossACommit t(allowance);
  t.cache.StoreAnswer(t.first, "r", PageOf(1));
  EXPECT_TRUE(t.cache.FindOrCompute(t.second, "q", t.compute).stale);  // second seen from here on
  // The allowance runs from when the newer commit was first seen.
  std::this_thread::sleep_for(allowance + std::chrono::milliseconds(10));
  EXPECT_TRUE(t.Gave(t.cache.FindOrCompute(t.second, "r", t.compute), /*stale=*/false, 2, 1));
}

TEST(SearchCacheTest, WithoutAnAllowanceAnEarlierCommitsAnswerIsNeverServed) {
  CacheAcrossACommit t(std::chrono::milliseconds(0));
  EXPECT_TRUE(t.Gave(t.cache.FindOrCompute(t.second, "q", t.compute), /*stale=*/false, 2, 1));
}

}  // namespace
}  // namespace archivist
