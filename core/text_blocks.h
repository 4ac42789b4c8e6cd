// SPDX-License-Identifier: GPL-2.0-or-later
// How a block of stored text (core/text_sections.h kTextBlockBytes) is kept
// in its value slot: compressed a block at a time, so a snippet still reads
// only the blocks around its window. Text is most of what an index would
// otherwise hold beside the terms (the bench corpus: 66 MiB of a 212 MiB
// index), and prose compresses to about a third.
//
// Inside a block the compression restarts (nothing after a restart refers
// to what came before) at the text sections starting in it, and the
// block's header lists where, in plain and in compressed bytes: a snippet
// reading one section decompresses from that section's start rather than
// from the block's (which was a third of a short search's extra hits).
//
// Blocks are written as zstd, each part between restarts a frame of its
// own with a checksum of its text (since session 37: a damaged part is
// refused, not read as other text): zstd decodes text about 2.7 times as
// fast as zlib inflates it and packs it about 2.4 times as fast, for 2 %
// more bytes (issue 19, docs/benchmarks/issue-19-search.md). Blocks
// written before still read: raw deflate parts after zlib full flushes,
// with the same header, and before restarts one zlib stream without a
// header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text_sections.h"

namespace archivist {

// Compression restarts no closer than this many bytes after the previous
// restart: each costs the matches it cuts off (on prose, about a fifth more
// compressed bytes at one every 2 KiB than at none). Sections are shorter
// (kTextSectionBytes): a restart comes at every fourth or so, as often as
// it came at every section of 2 KiB, and a read inflates about a kilobyte
// before the section it starts at, which costs less than splitting words.
inline constexpr std::size_t kTextRestartBytes = 2048;

// `block` (at most kTextBlockBytes) compressed, restarting at each of
// `restarts`: byte offsets into the block, increasing, each inside it
// (not 0, which is always a restart).
std::string PackTextBlock(std::string_view block, const std::vector<std::size_t>& restarts = {});

// Where the writer restarts the block that starts at byte `block_begin` of
// the text and holds `block_size` bytes: at the starts of the `sections`
// inside it, each at least kTextRestartBytes past the previous restart.
// Offsets into the block, as PackTextBlock takes them.
std::vector<std::size_t> BlockRestarts(const std::vector<TextSection>& sections,
                                       std::size_t block_begin, std::size_t block_size);

// The block `packed` holds (packed in any of the formats); nullopt when it is not
// a packed block of at most kTextBlockBytes (a damaged value).
std::optional<std::string> UnpackTextBlock(std::string_view packed);

// Decompresses parts of one packed block, from the last restart at or
// before the part asked, going on from where it stopped while the parts
// asked go forward: reading a section decompresses that section's part and
// no more (a deflate part only up to the bytes asked). Not thread-safe.
class TextBlockInflater {
 public:
  // `packed` as PackTextBlock made it, now or in an earlier format.
  explicit TextBlockInflater(std::string packed);
  ~TextBlockInflater();
  TextBlockInflater(const TextBlockInflater&) = delete;
  TextBlockInflater& operator=(const TextBlockInflater&) = delete;

  // Bytes [from, to) of the block, clamped to it; "" once the block shows
  // itself damaged (a restart table that does not add up, a compressed
  // part that does not inflate to the bytes its table says). Valid until
  // the next call.
  std::string_view Range(std::size_t from, std::size_t to);

  bool damaged() const { return damaged_; }

 private:
  enum class Packing {
    kZlibStream,    // before restarts: one zlib stream, no header
    kDeflateParts,  // raw deflate, a zlib full flush at each restart
    kZstdParts,     // a zstd frame between restarts
  };
  struct Restart {
    std::uint32_t plain = 0;   // offset into the block
    std::uint32_t packed = 0;  // offset into the compressed bytes
  };
  struct Stream;

  bool ReadHeader();
  // Where part `part` (the one after restart `part`) ends: in the block,
  // and in the compressed bytes.
  std::size_t PlainEndOf(std::size_t part) const;
  std::size_t PackedEndOf(std::size_t part) const;
  void StartAt(std::size_t restart);
  // out_ holds at least `bytes` (or the block's end).
  void InflateTo(std::size_t bytes);
  void DecompressPartsTo(std::size_t bytes);  // the same, for kZstdParts
  void FinishPart();                          // past the flush that ends the current deflate part

  std::string packed_;
  std::string_view data_;          // the compressed bytes, after any header
  Packing packing_ = Packing::kZlibStream;
  std::vector<Restart> restarts_;  // the first at {0, 0}
  std::size_t size_ = 0;           // the block's bytes (an upper bound, before restarts)
  std::unique_ptr<Stream> stream_;
  // The restart whose part the deflate stream is in; for zstd, the part
  // to decompress next (out_ ends where it starts).
  std::size_t part_ = 0;
  std::size_t base_ = 0;  // the block offset out_ starts at
  std::string out_;
  bool started_ = false;
  bool ended_ = false;  // out_ reaches the block's end
  bool damaged_ = false;
};

}  // namespace archivist
