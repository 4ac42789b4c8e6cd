// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/freed_memory.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <vector>

namespace archivist {
namespace {

constexpr std::size_t kMiB = 1u << 20;

// A process as the trimmer sees it: resident memory, part of it freed
// pieces that a trim gives back.
struct SimulatedProcess {
  std::size_t in_use = 100 * kMiB;
  std::size_t freed_resident = 0;
  int trims = 0;

  FreedMemoryTrimmer::Memory Memory() {
    return {[this] { return in_use + freed_resident; },
            [this] {
              ++trims;
              freed_resident = 0;
            }};
  }
  // Allocates `bytes` and frees them again: the pages stay resident.
  void Churn(std::size_t bytes) { freed_resident += bytes; }
};

TEST(FreedMemoryTest, TrimsOnlyAfterResidentMemoryGrew) {
  SimulatedProcess process;
  FreedMemoryTrimmer trimmer(32 * kMiB, process.Memory());
  process.Churn(8 * kMiB);
  EXPECT_FALSE(trimmer.TrimIfGrown());
  process.Churn(40 * kMiB);
  EXPECT_TRUE(trimmer.TrimIfGrown());
  EXPECT_EQ(process.trims, 1);
  EXPECT_EQ(process.freed_resident, 0u);
}

// glibc still counts trimmed pieces as free (mallinfo2's fordblks), so a
// rule on that count, once a long document had left 32 MiB of pieces,
// trimmed after every later file; resident memory falls with the trim.
TEST(FreedMemoryTest, DoesNotTrimAgainUntilResidentMemoryGrowsAgain) {
  SimulatedProcess process;
  FreedMemoryTrimmer trimmer(32 * kMiB, process.Memory());
  process.Churn(200 * kMiB);
  ASSERT_TRUE(trimmer.TrimIfGrown());
  for (int file = 0; file < 10; ++file) {
    process.Churn(1 * kMiB);  // small files: a little each
    EXPECT_FALSE(trimmer.TrimIfGrown());
  }
  EXPECT_EQ(process.trims, 1);
  process.Churn(30 * kMiB);
  EXPECT_TRUE(trimmer.TrimIfGrown());  // 40 MiB since the last trim, all told
  EXPECT_EQ(process.trims, 2);
}

// Memory given back by other means (a block glibc mapped on its own) moves
// the baseline down, so growth is measured from where the process is.
TEST(FreedMemoryTest, MeasuresGrowthFromTheLowestResidentMemorySeen) {
  SimulatedProcess process;
  FreedMemoryTrimmer trimmer(32 * kMiB, process.Memory());
  process.in_use = 20 * kMiB;
  EXPECT_FALSE(trimmer.TrimIfGrown());
  process.Churn(40 * kMiB);  // 60 MiB resident: less than where it started
  EXPECT_TRUE(trimmer.TrimIfGrown());
}

TEST(FreedMemoryTest, TrimsEveryTimeWhereResidentMemoryCannotBeRead) {
  SimulatedProcess process;
  FreedMemoryTrimmer trimmer(32 * kMiB, {[] { return std::size_t{0}; }, [&] { ++process.trims; }});
  EXPECT_TRUE(trimmer.TrimIfGrown());
  EXPECT_TRUE(trimmer.TrimIfGrown());
  EXPECT_EQ(process.trims, 2);
}

// The process's own memory: pieces freed between blocks that stay
// allocated (so the heap cannot shrink from its top) are given back.
// AddressSanitizer's allocator, not glibc's, serves the sanitized build:
// what it frees waits in its quarantine, and malloc_trim has nothing to
// give back.
#if defined(__SANITIZE_ADDRESS__)
#define ARCHIVIST_GLIBC_ALLOCATOR 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARCHIVIST_GLIBC_ALLOCATOR 0
#endif
#endif
#ifndef ARCHIVIST_GLIBC_ALLOCATOR
#define ARCHIVIST_GLIBC_ALLOCATOR 1
#endif

TEST(FreedMemoryTest, GivesThisProcessesFreedPagesBack) {
  if (!ARCHIVIST_GLIBC_ALLOCATOR) GTEST_SKIP() << "AddressSanitizer's allocator keeps what is freed";
  FreedMemoryTrimmer trimmer(16 * kMiB);
  constexpr std::size_t kPiece = 96 * 1024;  // below glibc's mmap threshold
  // Every other piece is kept, so that the 48 MiB freed are holes between
  // held memory, not the heap's top (which free() gives back by itself).
  // Small pins between the pieces would not do: they are carved from free
  // chunks other tests of this binary left, wherever those are.
  std::vector<std::unique_ptr<char[]>> pieces;
  for (std::size_t held = 0; held < 96 * kMiB; held += kPiece) {
    pieces.emplace_back(new char[kPiece]);
    std::memset(pieces.back().get(), 1, kPiece);  // resident, not just reserved
  }
  for (std::size_t k = 0; k < pieces.size(); k += 2) pieces[k].reset();
  const std::size_t before = ResidentBytes();
  ASSERT_GT(before, 0u);
  EXPECT_TRUE(trimmer.TrimIfGrown());
  EXPECT_LT(ResidentBytes() + 24 * kMiB, before);
}

}  // namespace
}  // namespace archivist
