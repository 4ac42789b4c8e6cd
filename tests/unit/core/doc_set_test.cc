// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/doc_set.h"

#include <gtest/gtest.h>

#include "core/search_cache.h"
#include "core/search.h"

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

TEST(DocSetTest, IdsBeyondTheLastAreIgnoredAndSmallerSetsCombine) {
  DocSet small = Of(10, {3, 11 * 64});  // the second id is out of range
  EXPECT_EQ(small.Count(), 1u);
  DocSet big = Of(1000, {3, 999});
  EXPECT_EQ(big.CountIntersection(small), 1u);
  big &= small;
  EXPECT_EQ(big.Count(), 1u);
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

  EXPECT_EQ(cache.FindAnswer(second, "a"), nullptr);  // a commit empties the cache
  cache.StoreAnswer(first, "a", page(9));              // a slower reader's old answer...
  EXPECT_EQ(cache.FindAnswer(first, "a"), nullptr);    // ...is not kept
  cache.StoreAnswer(second, "a", page(4));
  EXPECT_EQ(cache.FindAnswer(second, "a")->total, 4u);
  EXPECT_EQ(cache.FindAnswer(IndexState{"rebuilt", 1}, "a"), nullptr);  // another index
}

}  // namespace
}  // namespace archivist
