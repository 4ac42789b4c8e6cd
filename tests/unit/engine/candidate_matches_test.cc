// SPDX-License-Identifier: GPL-2.0-or-later
// The cache of the indexed words matching a search's stems: kept per
// revision of one index, admitted on a key's second asking, bounded in bytes.
#include "engine/candidate_matches.h"

#include <string>

#include <gtest/gtest.h>

namespace archivist {
namespace {

const CandidateMatchCache::Matches kChild = {{"childs", "Zchild"}, {"childhood", "Zchildhood"}};

TEST(CandidateMatchCacheTest, AKeyIsWorthKeepingWhenAskedASecondTime) {
  CandidateMatchCache cache;
  const CandidateMatchCache::Found first = cache.Find("u", 5, "english\nZchild");
  EXPECT_EQ(first.matches, nullptr);
  EXPECT_FALSE(first.asked_before);
  const CandidateMatchCache::Found second = cache.Find("u", 5, "english\nZchild");
  EXPECT_EQ(second.matches, nullptr);
  EXPECT_TRUE(second.asked_before);
  // Another stemmer's key is another key.
  EXPECT_FALSE(cache.Find("u", 5, "french\nZchild").asked_before);

  cache.Keep("u", 5, "english\nZchild", kChild);
  const CandidateMatchCache::Found kept = cache.Find("u", 5, "english\nZchild");
  ASSERT_NE(kept.matches, nullptr);
  ASSERT_EQ(kept.matches->size(), 2u);
  EXPECT_EQ((*kept.matches)[0].word, "childs");
  EXPECT_EQ((*kept.matches)[1].term, "Zchildhood");
}

TEST(CandidateMatchCacheTest, ADeclinedKeyIsNoLongerWorthFindingInFull) {
  CandidateMatchCache cache;
  cache.Find("u", 5, "k");
  cache.Decline("u", 5, "k");
  EXPECT_FALSE(cache.Find("u", 5, "k").asked_before);
  cache.Decline("u", 5, "never asked");
  EXPECT_FALSE(cache.Find("u", 5, "never asked").asked_before);
  // Matches found in full all the same are kept.
  cache.Keep("u", 5, "k", kChild);
  EXPECT_NE(cache.Find("u", 5, "k").matches, nullptr);
}

TEST(CandidateMatchCacheTest, ANewerRevisionOrAnotherIndexStartsAfresh) {
  CandidateMatchCache cache;
  cache.Keep("u", 5, "k", kChild);
  ASSERT_NE(cache.Find("u", 5, "k").matches, nullptr);
  // A commit may add words that match: what revision 5 found is dropped.
  EXPECT_EQ(cache.Find("u", 6, "k").matches, nullptr);
  EXPECT_EQ(cache.Find("u", 5, "k").matches, nullptr) << "a reader behind finds nothing";
  cache.Keep("u", 5, "k", kChild);
  EXPECT_EQ(cache.Find("u", 6, "k").matches, nullptr) << "nor keeps anything";
  cache.Keep("u", 6, "k", kChild);
  EXPECT_NE(cache.Find("u", 6, "k").matches, nullptr);
  // A rebuilt index has another UUID, whatever its revision.
  EXPECT_EQ(cache.Find("v", 1, "k").matches, nullptr);
  EXPECT_FALSE(cache.Find("u", 6, "k").asked_before);
}

TEST(CandidateMatchCacheTest, KeepsWithinItsBytesDroppingTheOldest) {
  CandidateMatchCache cache(/*max_bytes=*/4096);
  for (int k = 0; k < 100; ++k) cache.Keep("u", 1, "key" + std::to_string(k), kChild);
  EXPECT_LT(cache.size(), 100u);
  EXPECT_GT(cache.size(), 3u);
  EXPECT_EQ(cache.Find("u", 1, "key0").matches, nullptr);
  EXPECT_NE(cache.Find("u", 1, "key99").matches, nullptr);
  // What was asked is bounded the same way.
  for (int k = 0; k < 100; ++k) cache.Find("u", 1, "asked" + std::to_string(k));
  EXPECT_FALSE(cache.Find("u", 1, "asked0").asked_before);
  EXPECT_TRUE(cache.Find("u", 1, "asked99").asked_before);
  // The key of a search of a wildcard's thousands of words is neither kept
  // nor remembered.
  const std::string huge(1000, 'w');
  cache.Keep("u", 1, huge, kChild);
  EXPECT_EQ(cache.Find("u", 1, huge).matches, nullptr);
  EXPECT_FALSE(cache.Find("u", 1, huge).asked_before);
}

}  // namespace
}  // namespace archivist
