// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/text_blocks.h"

#include <algorithm>
#include <functional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <zlib.h>

#include "core/text_sections.h"
#include "core/varint.h"

namespace archivist {
namespace {

// A block as the writer packed it before restarts (issue 19, first round):
// one zlib stream.
std::string PackedTheOldWay(const std::string& block) {
  uLongf size = compressBound(static_cast<uLong>(block.size()));
  std::string packed(size, '\0');
  EXPECT_EQ(compress2(reinterpret_cast<Bytef*>(packed.data()), &size,
                      reinterpret_cast<const Bytef*>(block.data()),
                      static_cast<uLong>(block.size()), Z_DEFAULT_COMPRESSION),
            Z_OK);
  packed.resize(size);
  return packed;
}

// A block as the writer packed it with restarts before zstd (issue 19,
// sessions 21-31): raw deflate at zlib's level 3, a full flush at each
// restart, under the same header as now but its own first byte.
std::string PackedWithDeflateParts(std::string_view block,
                                   const std::vector<std::size_t>& restarts) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 3, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string header(1, '\x01');
  AppendVarint(header, static_cast<std::uint32_t>(block.size()));
  AppendVarint(header, static_cast<std::uint32_t>(restarts.size()));
  std::string data(deflateBound(&z, static_cast<uLong>(block.size())) + 8 * restarts.size(), '\0');
  std::size_t plain_from = 0;
  std::size_t packed_from = 0;
  for (std::size_t k = 0; k <= restarts.size(); ++k) {
    const bool last = k == restarts.size();
    const std::size_t plain_to = last ? block.size() : restarts[k];
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(block.data() + plain_from));
    z.avail_in = static_cast<uInt>(plain_to - plain_from);
    z.next_out = reinterpret_cast<Bytef*>(data.data() + packed_from);
    z.avail_out = static_cast<uInt>(data.size() - packed_from);
    EXPECT_EQ(deflate(&z, last ? Z_FINISH : Z_FULL_FLUSH), last ? Z_STREAM_END : Z_OK);
    EXPECT_GT(z.avail_out, 0u) << "room to spare: the flush is complete";
    const std::size_t used = data.size() - z.avail_out;
    if (!last) {
      AppendVarint(header, static_cast<std::uint32_t>(plain_to - plain_from));
      AppendVarint(header, static_cast<std::uint32_t>(used - packed_from));
    }
    plain_from = plain_to;
    packed_from = used;
  }
  deflateEnd(&z);
  data.resize(packed_from);
  return header + data;
}

// The ways of packing a block with restarts that must read: the writer's
// and the one before it.
using Packer = std::function<std::string(std::string_view, const std::vector<std::size_t>&)>;
const std::vector<std::pair<std::string, Packer>>& PackersWithRestarts() {
  static const std::vector<std::pair<std::string, Packer>> packers = {
      {"zstd parts",
       [](std::string_view block, const std::vector<std::size_t>& restarts) {
         return PackTextBlock(block, restarts);
       }},
      {"deflate parts", PackedWithDeflateParts},
  };
  return packers;
}

// Words of several scripts, lines and page breaks, a full block of them.
std::string RandomBlock(std::mt19937& random, std::size_t size = kTextBlockBytes) {
  static const std::vector<std::string> kWords = {"the",
                                                  "annual",
                                                  "report",
                                                  "committee",
                                                  "caf\xc3\xa9",
                                                  "\xd0\xb1\xd0\xb5\xd0\xb7",
                                                  "\xe8\xbd\xaf\xe4\xbb\xb6\xe5\x8c\x85",
                                                  "1997",
                                                  "-",
                                                  "\n",
                                                  "\f",
                                                  std::string("x\0y", 3)};
  std::string block;
  while (block.size() < size) {
    block += kWords[random() % kWords.size()];
    block += random() % 7 ? " " : "\n";
  }
  block.resize(size);  // may cut a character: blocks are cut anywhere
  return block;
}

// Restarts as the writer picks them, from sections about every 2 KiB and
// at a few short pages.
std::vector<std::size_t> RestartsOf(const std::string& block, std::mt19937& random) {
  std::vector<TextSection> sections = {{0, 0, 0}};
  for (std::size_t at = 0; at < block.size();) {
    at += random() % 2 ? 2048 + random() % 300 : 200 + random() % 900;
    sections.push_back({static_cast<std::uint32_t>(at), 0, 0});
  }
  return BlockRestarts(sections, 0, block.size());
}

TEST(TextBlocksTest, ABlockComesBackAsItWasAndProseTakesLessRoom) {
  std::string prose;
  while (prose.size() + 60 < kTextBlockBytes) {
    prose += "The committee met on Tuesday to review the annual report.\f";
  }
  prose += std::string("caf\xc3\xa9 \0 end", 11);  // any byte, a NUL too
  ASSERT_LE(prose.size(), kTextBlockBytes);
  const std::string packed = PackTextBlock(prose);
  EXPECT_LT(packed.size(), prose.size() / 3);
  EXPECT_EQ(UnpackTextBlock(packed), prose);
  EXPECT_EQ(UnpackTextBlock(PackTextBlock("")), "");
  const std::string restarting = PackTextBlock(prose, {1024, 4096, 4097, 9000});
  EXPECT_LT(restarting.size(), prose.size() / 3);
  EXPECT_EQ(UnpackTextBlock(restarting), prose);
}

TEST(TextBlocksTest, ADamagedBlockIsRefusedNotGuessed) {
  const std::string packed = PackTextBlock("some text that compresses, some text that compresses");
  EXPECT_FALSE(UnpackTextBlock(packed.substr(0, packed.size() / 2)).has_value());
  EXPECT_FALSE(UnpackTextBlock("plain text, never packed").has_value());
  // Larger than a block once unpacked: not one of ours.
  EXPECT_FALSE(UnpackTextBlock(PackTextBlock(std::string(kTextBlockBytes + 1, 'a'))).has_value());
  EXPECT_FALSE(UnpackTextBlock(PackedTheOldWay(std::string(kTextBlockBytes + 1, 'a'))).has_value());
}

// An index written before restarts holds its blocks as zlib streams: they
// read as before, whole and in parts.
TEST(TextBlocksTest, ABlockPackedBeforeRestartsStillReads) {
  std::mt19937 random(19);
  for (const std::size_t size : {kTextBlockBytes, std::size_t{5000}, std::size_t{0}}) {
    const std::string block = RandomBlock(random, size);
    const std::string packed = PackedTheOldWay(block);
    EXPECT_EQ(UnpackTextBlock(packed), block) << size;
    TextBlockInflater inflater(packed);
    for (std::size_t from = 0; from < size; from += 997) {
      EXPECT_EQ(inflater.Range(from, from + 1500), block.substr(from, 1500)) << from;
    }
    EXPECT_EQ(inflater.Range(0, kTextBlockBytes), block) << "again from the start";
    EXPECT_FALSE(inflater.damaged());
  }
  const std::string whole = PackedTheOldWay(RandomBlock(random));
  TextBlockInflater truncated(whole.substr(0, whole.size() / 2));
  EXPECT_EQ(truncated.Range(0, kTextBlockBytes), "");
  EXPECT_TRUE(truncated.damaged());
}

// Issue 19: whatever part is asked, in whatever order, it is the block's.
TEST(TextBlocksTest, EveryRangeIsTheBlocksOwn) {
  std::mt19937 random(7);
  for (int round = 0; round < 8; ++round) {
    const auto& [packing, pack] = PackersWithRestarts()[round % 2];
    SCOPED_TRACE(packing);
    const std::string block = RandomBlock(random, round >= 6 ? 9000 : kTextBlockBytes);
    const std::vector<std::size_t> restarts = RestartsOf(block, random);
    ASSERT_GE(restarts.size(), 3u);
    const std::string packed = pack(block, restarts);
    ASSERT_EQ(UnpackTextBlock(packed), block);
    // Forward a byte at a time, as a snippet's words are read on.
    TextBlockInflater forward(packed);
    for (std::size_t from = 0; from < block.size(); ++from) {
      ASSERT_EQ(forward.Range(from, from + 1 + from % 40), block.substr(from, 1 + from % 40))
          << from;
    }
    // Backward, each part asked before what the last one inflated.
    TextBlockInflater backward(packed);
    for (std::size_t to = block.size(); to > 0; to -= std::min(to, 1 + to % 53)) {
      const std::size_t from = to > 300 ? to - 300 : 0;
      ASSERT_EQ(backward.Range(from, to), block.substr(from, to - from)) << from;
    }
    // Anywhere, across restarts and past the end.
    TextBlockInflater anywhere(packed);
    for (int k = 0; k < 3000; ++k) {
      const std::size_t from = random() % (block.size() + 10);
      const std::size_t to = from + random() % 5000;
      const std::string expected = from < block.size() ? block.substr(from, to - from) : "";
      ASSERT_EQ(anywhere.Range(from, to), expected) << from << " " << to;
      ASSERT_EQ(TextBlockInflater(packed).Range(from, to), expected) << from << " " << to;
    }
    EXPECT_FALSE(anywhere.damaged());
  }
}

// The point of restarts: a part after one is read without the bytes
// before it, so a snippet inflates from its section, not from the block's
// start. Damage before the restart shows it: what follows still reads.
// The writer's zstd frames carry a checksum, so damage to a part always
// shows when the part is read; raw deflate parts have none, and damaged
// bytes that still decode would not.
TEST(TextBlocksTest, APartAfterARestartIsReadWithoutWhatComesBefore) {
  std::mt19937 random(3);
  for (int round = 0; round < 20; ++round) {
    const std::string block = RandomBlock(random);
    for (const auto& [packing, pack] : PackersWithRestarts()) {
      const std::string packed = pack(block, {4096, 8192});
      std::string damaged = packed;
      damaged[packed.size() / 10 + random() % 64] ^= 0x55;  // well inside the first part
      TextBlockInflater inflater(damaged);
      EXPECT_EQ(inflater.Range(9000, 9500), block.substr(9000, 500)) << packing;
      EXPECT_EQ(inflater.Range(8192, 8200), block.substr(8192, 8)) << packing;
      if (packing == "zstd parts") {
        EXPECT_FALSE(UnpackTextBlock(damaged).has_value()) << round << ": whole, the damage shows";
      }
    }
  }
}

void ExpectADamagedTableRefused(const std::string& block, const Packer& pack) {
  const std::vector<std::size_t> restarts = {2000, 5000, 9000};
  const std::string packed = pack(block, restarts);
  // The header as the block was written: mark, size, count, then per
  // restart its plain and compressed bytes since the previous one.
  std::string_view in = std::string_view(packed).substr(1);
  std::uint32_t size = 0;
  std::uint32_t count = 0;
  ASSERT_TRUE(ReadVarint(in, size) && ReadVarint(in, count));
  ASSERT_EQ(size, block.size());
  ASSERT_EQ(count, restarts.size());
  std::vector<std::uint32_t> table(2 * count);
  for (std::uint32_t& n : table) ASSERT_TRUE(ReadVarint(in, n));
  const std::string data(in);
  const char mark = packed.front();
  const auto header_and = [mark](std::uint32_t size_is, std::uint32_t count_is,
                                 const std::vector<std::uint32_t>& table_is,
                                 const std::string& data_is) {
    std::string out(1, mark);
    AppendVarint(out, size_is);
    AppendVarint(out, count_is);
    for (const std::uint32_t n : table_is) AppendVarint(out, n);
    return out + data_is;
  };
  ASSERT_EQ(header_and(size, count, table, data), packed) << "the header read as written";

  std::vector<std::string> bad = {
      header_and(size, count + 1, table, data),             // a restart more than listed
      header_and(size, 1000000, table, data),               // far more than the value holds
      header_and(size + 1, count, table, data),             // a byte more than there is
      header_and(size - 1, count, table, data),             // a byte less
      header_and(kTextBlockBytes + 5, count, table, data),  // larger than a block
      header_and(size, count, table, data.substr(0, data.size() - 1)),  // data cut short
      packed.substr(0, 5),                                              // the table cut short
  };
  for (std::size_t k = 0; k < table.size(); ++k) {
    for (const int delta : {-1, +1}) {
      std::vector<std::uint32_t> changed = table;
      changed[k] += delta;
      bad.push_back(header_and(size, count, changed, data));
    }
  }
  std::vector<std::uint32_t> beyond = table;
  beyond[0] = size;  // a restart at the block's end
  bad.push_back(header_and(size, count, beyond, data));
  beyond = table;
  beyond[1] = static_cast<std::uint32_t>(data.size());  // past the data
  bad.push_back(header_and(size, count, beyond, data));
  std::vector<std::uint32_t> zero = table;
  zero[2] = 0;  // two restarts at one place
  bad.push_back(header_and(size, count, zero, data));

  for (std::size_t k = 0; k < bad.size(); ++k) {
    EXPECT_FALSE(UnpackTextBlock(bad[k]).has_value()) << k;
    TextBlockInflater inflater(bad[k]);
    EXPECT_EQ(inflater.Range(0, kTextBlockBytes), "") << k;
    EXPECT_TRUE(inflater.damaged()) << k;
  }
}

// A restart table that does not add up is refused, whole or in parts,
// and nothing is read past the value.
TEST(TextBlocksTest, ADamagedRestartTableIsRefused) {
  std::mt19937 random(5);
  const std::string block = RandomBlock(random);
  for (const auto& [packing, pack] : PackersWithRestarts()) {
    SCOPED_TRACE(packing);
    ExpectADamagedTableRefused(block, pack);
  }
}

void ExpectAnyChangedByteSurvived(const std::string& packed, std::mt19937& random) {
  for (std::size_t at = 0; at < packed.size(); ++at) {
    std::string changed = packed;
    changed[at] = static_cast<char>(random());
    const std::optional<std::string> whole = UnpackTextBlock(changed);
    if (whole) {
      EXPECT_LE(whole->size(), kTextBlockBytes);
    }
    TextBlockInflater inflater(changed);
    for (std::size_t from = 0; from < 6500; from += 700) {
      EXPECT_LE(inflater.Range(from, from + 900).size(), 900u);
    }
  }
}

// Any one byte changed, anywhere: no crash, no read past the value, never
// more than a block.
TEST(TextBlocksTest, AnyChangedByteIsSurvived) {
  std::mt19937 random(11);
  const std::string block = RandomBlock(random, 6000);
  for (const auto& [packing, pack] : PackersWithRestarts()) {
    SCOPED_TRACE(packing);
    ExpectAnyChangedByteSurvived(pack(block, {1500, 3000, 4500}), random);
  }
}

TEST(TextBlocksTest, RestartsAreAtSectionsAndKeepTheirDistance) {
  const std::vector<TextSection> sections = {
      {0, 0, 0},     {500, 1, 0},   {2100, 2, 0},  {2600, 3, 1},  {4200, 4, 1},
      {16000, 5, 2}, {16384, 6, 2}, {16390, 7, 2}, {18500, 8, 3}, {40000, 9, 4}};
  EXPECT_EQ(BlockRestarts(sections, 0, kTextBlockBytes),
            (std::vector<std::size_t>{2100, 4200, 16000}));
  EXPECT_EQ(BlockRestarts(sections, kTextBlockBytes, kTextBlockBytes),
            (std::vector<std::size_t>{18500 - kTextBlockBytes}))
      << "not at the block's own start, nor within kTextRestartBytes of it";
  EXPECT_EQ(BlockRestarts(sections, 2 * kTextBlockBytes, 100), std::vector<std::size_t>{});
}

// A thread packs its blocks with one zstd context, kept: a
// block's bytes must not depend on what the thread packed before (the
// index stores them, and two runs must write the same index).
TEST(TextBlocksTest, ABlocksBytesDoNotDependOnTheBlocksPackedBefore) {
  std::mt19937 random(19);
  const std::string block = RandomBlock(random);
  const std::vector<std::size_t> restarts = RestartsOf(block, random);
  std::string alone;
  std::thread([&] { alone = PackTextBlock(block, restarts); }).join();
  for (int k = 0; k < 3; ++k) {
    const std::string other = RandomBlock(random, 5000 + 4000 * static_cast<std::size_t>(k));
    PackTextBlock(other, RestartsOf(other, random));
    EXPECT_EQ(PackTextBlock(block, restarts), alone) << "after " << k + 1 << " other blocks";
  }
  EXPECT_EQ(UnpackTextBlock(alone), block);
}

}  // namespace
}  // namespace archivist
