// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/spill.h"

#include <memory>
#include <string>

#include <gtest/gtest.h>

namespace archivist::searchd {
namespace {

constexpr std::size_t kMiB = 1 << 20;

TEST(SpillRoomTest, TakesUpToItsCapAndRemembersThePeak) {
  SpillRoom room(10);
  EXPECT_TRUE(room.Take(6));
  EXPECT_FALSE(room.Take(5));
  EXPECT_TRUE(room.Take(4));
  EXPECT_EQ(room.Used(), 10u);
  room.Give(6);
  EXPECT_EQ(room.Used(), 4u);
  EXPECT_EQ(room.Peak(), 10u);
  EXPECT_FALSE(room.Take(std::size_t(-1)));  // no overflow past the cap
}

TEST(SpillRoomTest, ZeroMeansNoCap) {
  SpillRoom room(0);
  EXPECT_TRUE(room.Take(std::size_t{1} << 40));
}

// Only what goes to the temporary file is counted, and it is given back
// when the spill goes.
TEST(SpillTest, CountsItsFileInTheSharedRoom) {
  auto room = std::make_shared<SpillRoom>(3 * kMiB);
  const std::string block(kMiB / 2, 'x');
  {
    Spill spill(256 * kMiB, room);
    EXPECT_EQ(spill.Append(block.data(), block.size()), Spill::Kept::kAll);
    EXPECT_EQ(spill.Append(block.data(), block.size()), Spill::Kept::kAll);
    EXPECT_EQ(room->Used(), 0u);  // the first MiB is memory
    EXPECT_EQ(spill.Append(block.data(), block.size()), Spill::Kept::kAll);
    EXPECT_EQ(room->Used(), block.size());
    Spill other(256 * kMiB, room);
    EXPECT_EQ(other.Append(block.data(), block.size()), Spill::Kept::kAll);
    EXPECT_EQ(other.Append(block.data(), block.size()), Spill::Kept::kAll);
    for (int i = 0; i < 5; ++i) {
      EXPECT_EQ(spill.Append(block.data(), block.size()), Spill::Kept::kAll) << i;
    }
    EXPECT_EQ(room->Used(), 3 * kMiB);
    EXPECT_EQ(spill.Append(block.data(), block.size()), Spill::Kept::kOverDiskCap);
    EXPECT_EQ(other.Append(block.data(), block.size()), Spill::Kept::kOverDiskCap);
    EXPECT_EQ(spill.Unsent(), 4 * kMiB);  // nothing of a refused block is kept
  }
  EXPECT_EQ(room->Used(), 0u);
}

TEST(SpillTest, ItsOwnCapComesFirst) {
  auto room = std::make_shared<SpillRoom>(0);
  Spill spill(kMiB, room);
  const std::string block(kMiB / 2 + 1, 'x');
  EXPECT_EQ(spill.Append(block.data(), block.size()), Spill::Kept::kAll);
  EXPECT_EQ(spill.Append(block.data(), block.size()), Spill::Kept::kOverAnswerCap);
}

}  // namespace
}  // namespace archivist::searchd
