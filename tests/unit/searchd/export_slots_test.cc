// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/export_slots.h"

#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace archivist::searchd {
namespace {

TEST(ExportSlotsTest, GivesAtMostItsCapAndCountsTheRefusals) {
  ExportSlots slots(2);
  ExportSlots::Slot a = slots.TryTake();
  ExportSlots::Slot b = slots.TryTake();
  ASSERT_TRUE(a);
  ASSERT_TRUE(b);
  EXPECT_FALSE(slots.TryTake());
  EXPECT_FALSE(slots.TryTake());
  EXPECT_EQ(slots.Building(), 2u);
  EXPECT_EQ(slots.Refused(), 2u);
  a.reset();  // an export done: its place is free again
  EXPECT_EQ(slots.Building(), 1u);
  EXPECT_TRUE(slots.TryTake());
}

// The export's state holds the slot; a copy of it does not take a place.
TEST(ExportSlotsTest, APlaceIsGivenBackWhenItsLastHolderGoes) {
  ExportSlots slots(1);
  ExportSlots::Slot slot = slots.TryTake();
  ExportSlots::Slot copy = slot;
  slot.reset();
  EXPECT_EQ(slots.Building(), 1u);
  copy.reset();
  EXPECT_EQ(slots.Building(), 0u);
}

TEST(ExportSlotsTest, ASlotMayOutliveItsSlots) {
  ExportSlots::Slot slot;
  {
    ExportSlots slots(1);
    slot = slots.TryTake();
  }
  slot.reset();  // gives back to counts the slot kept alive
}

TEST(ExportSlotsTest, ZeroMeansNoCap) {
  ExportSlots slots(0);
  std::vector<ExportSlots::Slot> held;
  for (int i = 0; i < 100; ++i) held.push_back(slots.TryTake());
  for (const auto& slot : held) EXPECT_TRUE(slot);
  EXPECT_EQ(slots.Building(), 100u);
  EXPECT_EQ(slots.Refused(), 0u);
}

// Workers take places at once: never more than the cap between them.
TEST(ExportSlotsTest, ThreadsTakingAtOnceNeverPassTheCap) {
  ExportSlots slots(3);
  std::vector<std::thread> threads;
  std::vector<int> taken(8, 0);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 1000; ++i) {
        ExportSlots::Slot slot = slots.TryTake();
        if (!slot) continue;
        ++taken[t];
        EXPECT_LE(slots.Building(), 3u);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(slots.Building(), 0u);
  int total = 0;
  for (int n : taken) total += n;
  EXPECT_EQ(static_cast<std::uint64_t>(total) + slots.Refused(), 8000u);
}

}  // namespace
}  // namespace archivist::searchd
