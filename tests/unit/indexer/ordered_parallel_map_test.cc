// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/ordered_parallel_map.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace archivist {
namespace {

TEST(OrderedParallelMapTest, ResultsComeBackInIndexOrder) {
  // Later indexes finish first: the consumer must still see 0, 1, 2, ...
  OrderedParallelMap<int> map(50, 4, 8, [](std::size_t i) {
    std::this_thread::sleep_for(std::chrono::microseconds((50 - i) * 20));
    return static_cast<int>(i * i);
  });
  for (int i = 0; i < 50; ++i) EXPECT_EQ(map.Next(), i * i);
}

TEST(OrderedParallelMapTest, NeverComputesMoreThanTheWindowAhead) {
  std::atomic<std::size_t> started{0};
  OrderedParallelMap<std::size_t> map(100, 4, 3, [&](std::size_t i) {
    started.fetch_add(1);
    return i;
  });
  for (std::size_t consumed = 0; consumed < 100; ++consumed) {
    EXPECT_EQ(map.Next(), consumed);
    // After consuming k results, at most k + window tasks can have started.
    EXPECT_LE(started.load(), consumed + 1 + 3);
  }
}

TEST(OrderedParallelMapTest, StopsComputingAheadOnceTheWaitingResultsWeighTooMuch) {
  // Each result weighs 4; at most 10 may wait. The window (100) is no bound.
  std::atomic<std::size_t> started{0};
  OrderedParallelMap<std::size_t> map(
      60, 2, 100,
      [&](std::size_t i) {
        started.fetch_add(1);
        return i;
      },
      [](const std::size_t&) { return std::size_t{4}; }, 10);
  for (std::size_t consumed = 0; consumed < 60; ++consumed) {
    EXPECT_EQ(map.Next(), consumed);
    // Waiting results start no new item past 10 (three of weight 4), and
    // each of the two threads may have started one before that was known.
    EXPECT_LE(started.load(), consumed + 1 + 3 + 2);
  }
}

TEST(OrderedParallelMapTest, AResultHeavierThanTheBoundStillComes) {
  OrderedParallelMap<std::size_t> map(
      20, 2, 8, [](std::size_t i) { return i; },
      [](const std::size_t&) { return std::size_t{1000}; }, 10);
  for (std::size_t i = 0; i < 20; ++i) EXPECT_EQ(map.Next(), i);
}

// Issue 19: two long documents side by side in crawl order (the bench
// corpus's R reference manuals) were analysed at once on the two threads,
// each taking many times its text for a while. Weighed once its weight is
// known, the second waits until the first is done and taken.
TEST(OrderedParallelMapTest, AWeighedItemWaitsUntilItFitsBesideTheItemsBeingComputed) {
  constexpr std::size_t kFirstHeavy = 3;
  constexpr std::size_t kSecondHeavy = 4;
  std::mutex mutex;
  std::condition_variable asked;
  bool second_asked = false;
  std::atomic<bool> first_done{false};
  std::atomic<bool> second_admitted_after_first{false};
  std::atomic<bool> second_admitted{false};
  OrderedParallelMap<std::size_t> map(
      20, 2, 100,
      [&](std::size_t i, Admission& admission) {
        const bool heavy = i == kFirstHeavy || i == kSecondHeavy;
        if (i == kSecondHeavy) {
          {
            std::lock_guard lock(mutex);
            second_asked = true;
          }
          asked.notify_all();
        }
        admission.Weigh(heavy ? 6 : 1);  // 6 + 6 > 10: not both at once
        if (i == kSecondHeavy) {
          second_admitted_after_first = first_done.load();
          {
            std::lock_guard lock(mutex);
            second_admitted = true;
          }
          asked.notify_all();
        }
        if (i == kFirstHeavy) {
          // The first heavy item is still being computed once the second
          // has asked to be admitted, and gives it time to be: admitted
          // beside it, the second is computed while this one still is.
          // (Correctly held back, it is not admitted whatever the time.)
          std::unique_lock lock(mutex);
          asked.wait_for(lock, std::chrono::seconds(1), [&] { return second_asked; });
          asked.wait_for(lock, std::chrono::milliseconds(20), [&] { return second_admitted.load(); });
          first_done = true;
        }
        return i;
      },
      nullptr, 10);
  for (std::size_t i = 0; i < 20; ++i) EXPECT_EQ(map.Next(), i);
  EXPECT_TRUE(second_admitted.load());
  EXPECT_TRUE(second_admitted_after_first.load());
}

TEST(OrderedParallelMapTest, AWeighedItemHeavierThanTheBoundStillComes) {
  OrderedParallelMap<std::size_t> map(
      20, 2, 8,
      [](std::size_t i, Admission& admission) {
        admission.Weigh(1000);
        return i;
      },
      nullptr, 10);
  for (std::size_t i = 0; i < 20; ++i) EXPECT_EQ(map.Next(), i);
}

TEST(OrderedParallelMapTest, StopsCleanlyWhenAbandonedEarly) {
  std::atomic<std::size_t> started{0};
  {
    OrderedParallelMap<std::size_t> map(1000, 2, 4, [&](std::size_t i) {
      started.fetch_add(1);
      return i;
    });
    EXPECT_EQ(map.Next(), 0u);
  }  // destroyed with most work not done: must join, not hang
  EXPECT_LT(started.load(), 1000u);
}

}  // namespace
}  // namespace archivist
