// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/text_blocks.h"

#include <algorithm>
#include <new>
#include <string>
#include <utility>

#include <zlib.h>
#include <zstd.h>

#include "core/varint.h"

namespace archivist {
namespace {

// A block with restarts starts with one of these bytes, then varints: the
// block's size, the number of restarts after the first, and for each the
// plain and the compressed bytes since the previous one; then the parts'
// compressed data. A zlib stream (a block packed before restarts) never
// starts with either: the low four bits of its first byte are 8, deflate.
constexpr char kDeflatePartsMark = '\x01';
constexpr char kZstdPartsMark = '\x02';

// zlib's window for raw deflate data, without zlib's header and checksum
// (which would tie every part to the block's start).
constexpr int kRawWindowBits = -15;
constexpr int kZlibWindowBits = 15;

// zstd's level for stored text: its default. On text from the bench
// corpus in parts of about 2.3 KiB it packs to 0.472 of the text (zlib's
// level 3, before: 0.461) 2.4 times as fast; level 5 would match zlib's
// size at 1.5 times the time. Any level reads back the same.
constexpr int kStoredTextLevel = 3;

// Each zstd frame carries a checksum of its text (4 bytes, checked as it
// is decoded): Xapian keeps no checksum of its tables' blocks, and a
// damaged part whose bytes still decode would otherwise hand a snippet
// other text without a word; with it, the read fails and searchd reports
// the index damaged. Frames written without one read as before.
constexpr int kStoredTextChecksum = 1;

// zstd's contexts, one per thread and direction, kept: making one
// allocates zstd's tables (for packing, more than a 16 KiB block costs to
// compress; issue 19 saw the same with zlib's), and a thread that only
// reads (searchd's) or only packs makes only the one it uses. A one-shot
// call starts a fresh frame with the context's parameters, so a block's
// bytes do not depend on what the thread packed or read before.
struct PackingContext {
  PackingContext() : context(ZSTD_createCCtx()) {
    if (context == nullptr ||
        ZSTD_isError(ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, kStoredTextLevel)) ||
        ZSTD_isError(ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, kStoredTextChecksum))) {
      ZSTD_freeCCtx(context);  // takes a null pointer
      throw std::bad_alloc();
    }
  }
  ~PackingContext() { ZSTD_freeCCtx(context); }
  PackingContext(const PackingContext&) = delete;
  PackingContext& operator=(const PackingContext&) = delete;

  ZSTD_CCtx* const context;
};

struct ReadingContext {
  ReadingContext() : context(ZSTD_createDCtx()) {
    if (context == nullptr) throw std::bad_alloc();
  }
  ~ReadingContext() { ZSTD_freeDCtx(context); }
  ReadingContext(const ReadingContext&) = delete;
  ReadingContext& operator=(const ReadingContext&) = delete;

  ZSTD_DCtx* const context;
};

}  // namespace

std::string PackTextBlock(std::string_view block, const std::vector<std::size_t>& restarts) {
  thread_local PackingContext packing;
  ZSTD_CCtx* const context = packing.context;
  std::string header(1, kZstdPartsMark);
  AppendVarint(header, static_cast<std::uint32_t>(block.size()));
  AppendVarint(header, static_cast<std::uint32_t>(restarts.size()));
  std::string data;
  std::size_t plain_from = 0;
  for (std::size_t k = 0; k <= restarts.size(); ++k) {
    const std::size_t plain_to = k < restarts.size() ? restarts[k] : block.size();
    const std::size_t used = data.size();
    data.resize(used + ZSTD_compressBound(plain_to - plain_from));
    const std::size_t packed = ZSTD_compress2(context, data.data() + used, data.size() - used,
                                              block.data() + plain_from, plain_to - plain_from);
    // With room for the bound, only a failed allocation fails.
    if (ZSTD_isError(packed)) throw std::bad_alloc();
    data.resize(used + packed);
    if (k < restarts.size()) {
      AppendVarint(header, static_cast<std::uint32_t>(plain_to - plain_from));
      AppendVarint(header, static_cast<std::uint32_t>(packed));
    }
    plain_from = plain_to;
  }
  return header + data;
}

std::vector<std::size_t> BlockRestarts(const std::vector<TextSection>& sections,
                                       std::size_t block_begin, std::size_t block_size) {
  std::vector<std::size_t> restarts;
  std::size_t last = 0;
  for (const TextSection& section : sections) {
    if (section.offset <= block_begin) continue;
    const std::size_t at = section.offset - block_begin;
    if (at >= block_size) break;
    if (at - last < kTextRestartBytes) continue;
    restarts.push_back(at);
    last = at;
  }
  return restarts;
}

std::optional<std::string> UnpackTextBlock(std::string_view packed) {
  TextBlockInflater inflater{std::string(packed)};
  std::string block(inflater.Range(0, kTextBlockBytes));
  if (inflater.damaged()) return std::nullopt;
  return block;
}

struct TextBlockInflater::Stream {
  z_stream z{};
};

TextBlockInflater::TextBlockInflater(std::string packed)
    : packed_(std::move(packed)), stream_(std::make_unique<Stream>()) {
  damaged_ = !ReadHeader();
}

TextBlockInflater::~TextBlockInflater() {
  if (started_) inflateEnd(&stream_->z);
}

bool TextBlockInflater::ReadHeader() {
  std::string_view in = packed_;
  restarts_.push_back({});
  if (in.empty() || (in.front() != kDeflatePartsMark && in.front() != kZstdPartsMark)) {
    // Before restarts: one zlib stream, its size known only once inflated
    // (a byte past the largest block: see Range).
    data_ = in;
    size_ = kTextBlockBytes + 1;
    return true;
  }
  packing_ = in.front() == kZstdPartsMark ? Packing::kZstdParts : Packing::kDeflateParts;
  in.remove_prefix(1);
  std::uint32_t size = 0;
  std::uint32_t count = 0;
  if (!ReadVarint(in, size) || size > kTextBlockBytes) return false;
  if (!ReadVarint(in, count) || count > in.size()) return false;
  size_ = size;
  Restart at;
  for (std::uint32_t k = 0; k < count; ++k) {
    std::uint32_t plain = 0;
    std::uint32_t packed = 0;
    if (!ReadVarint(in, plain) || !ReadVarint(in, packed)) return false;
    // Each part holds a byte at least, and compresses to a byte at least;
    // the table must stay inside the block and its data.
    if (plain == 0 || packed == 0 || plain >= size_ - at.plain ||
        std::uint64_t{at.packed} + packed >= packed_.size()) {
      return false;
    }
    at.plain += plain;
    at.packed += packed;
    restarts_.push_back(at);
  }
  data_ = in;
  return at.packed < data_.size();
}

std::size_t TextBlockInflater::PlainEndOf(std::size_t part) const {
  return part + 1 == restarts_.size() ? size_ : restarts_[part + 1].plain;
}

std::size_t TextBlockInflater::PackedEndOf(std::size_t part) const {
  return part + 1 == restarts_.size() ? data_.size() : restarts_[part + 1].packed;
}

void TextBlockInflater::StartAt(std::size_t restart) {
  z_stream& z = stream_->z;
  if (packing_ == Packing::kZstdParts) {
    started_ = true;  // a zstd part needs no stream of its own
  } else if (!started_) {
    const bool raw = packing_ == Packing::kDeflateParts;
    if (inflateInit2(&z, raw ? kRawWindowBits : kZlibWindowBits) != Z_OK) {
      throw std::bad_alloc();
    }
    started_ = true;
  } else if (inflateReset(&z) != Z_OK) {
    damaged_ = true;
    return;
  }
  part_ = restart;
  base_ = restarts_[restart].plain;
  out_.clear();
  ended_ = false;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data_.data() + restarts_[restart].packed));
}

std::string_view TextBlockInflater::Range(std::size_t from, std::size_t to) {
  // A whole block from before restarts is asked with a byte to spare, so
  // that zlib reaches its stream's end (and checks its checksum) or shows
  // the block too long.
  const bool restartable = packing_ != Packing::kZlibStream;
  to = restartable || to < kTextBlockBytes ? std::min(to, size_) : size_;
  if (damaged_ || from >= to) return {};
  // The last restart at or before `from`.
  const auto after =
      std::upper_bound(restarts_.begin(), restarts_.end(), from,
                       [](std::size_t at, const Restart& restart) { return at < restart.plain; });
  const std::size_t restart = static_cast<std::size_t>(after - restarts_.begin()) - 1;
  // Going on costs less than starting again unless the part asked starts
  // before what the stream holds or past a restart beyond it.
  if (!started_ || from < base_ || restarts_[restart].plain > base_ + out_.size()) {
    StartAt(restart);
  }
  InflateTo(to - base_);
  if (damaged_ || from - base_ >= out_.size()) return {};
  return std::string_view(out_).substr(from - base_,
                                       std::min(to - base_, out_.size()) - (from - base_));
}

void TextBlockInflater::InflateTo(std::size_t bytes) {
  if (packing_ == Packing::kZstdParts) {
    DecompressPartsTo(bytes);
    return;
  }
  z_stream& z = stream_->z;
  while (out_.size() < bytes && !ended_ && !damaged_) {
    const bool last = part_ + 1 == restarts_.size();
    const std::size_t part_end = PlainEndOf(part_) - base_;
    const std::size_t packed_end = PackedEndOf(part_);
    const std::size_t want = std::min(bytes, part_end);
    const std::size_t had = out_.size();
    out_.resize(want);
    z.next_out = reinterpret_cast<Bytef*>(out_.data() + had);
    z.avail_out = static_cast<uInt>(want - had);
    z.avail_in =
        static_cast<uInt>(data_.data() + packed_end - reinterpret_cast<const char*>(z.next_in));
    // zlib: Z_SYNC_FLUSH stops once the output is full or the input used
    // up, and says Z_STREAM_END when the data's last block ends.
    const int status = inflate(&z, Z_SYNC_FLUSH);
    out_.resize(want - z.avail_out);
    if (status == Z_STREAM_END) {
      // Only the last part ends the data, and at the size the header gave.
      damaged_ = !last || (packing_ == Packing::kDeflateParts && out_.size() != part_end) ||
                 out_.size() > kTextBlockBytes;
      ended_ = true;
    } else if ((status != Z_OK && status != Z_BUF_ERROR) || z.avail_out > 0 ||
               out_.size() > kTextBlockBytes) {
      damaged_ = true;  // the part's compressed bytes ran out before its plain ones
    } else if (out_.size() == part_end) {
      FinishPart();
    }
  }
  if (damaged_) out_.clear();
}

void TextBlockInflater::DecompressPartsTo(std::size_t bytes) {
  thread_local ReadingContext reading;
  ZSTD_DCtx* const context = reading.context;
  while (out_.size() < bytes && !ended_ && !damaged_) {
    const bool last = part_ + 1 == restarts_.size();
    const std::size_t plain = PlainEndOf(part_) - restarts_[part_].plain;
    const std::size_t packed_from = restarts_[part_].packed;
    const std::size_t packed_to = PackedEndOf(part_);
    const std::size_t had = out_.size();
    out_.resize(had + plain);
    // zstd refuses a frame larger than the room given, so a damaged part
    // never writes past its own bytes; one smaller shows in the count.
    const std::size_t made = ZSTD_decompressDCtx(
        context, out_.data() + had, plain, data_.data() + packed_from, packed_to - packed_from);
    damaged_ = ZSTD_isError(made) || made != plain;
    ended_ = last;
    ++part_;
  }
  if (damaged_) out_.clear();
}

void TextBlockInflater::FinishPart() {
  // What is left of the part is the flush that ends it (or the last
  // block's end): it must inflate to nothing, use up the part exactly and
  // leave the stream at a block's start on a byte's start, where the
  // next part's restart says a new inflate may begin.
  z_stream& z = stream_->z;
  const bool last = part_ + 1 == restarts_.size();
  const std::size_t packed_end = PackedEndOf(part_);
  unsigned char spare = 0;
  z.next_out = &spare;
  z.avail_out = 1;
  z.avail_in =
      static_cast<uInt>(data_.data() + packed_end - reinterpret_cast<const char*>(z.next_in));
  const int status = inflate(&z, Z_SYNC_FLUSH);
  const bool clean = z.avail_out == 1 && z.avail_in == 0;
  if (last) {
    damaged_ = !clean || status != Z_STREAM_END;
    ended_ = true;
  } else {
    // zlib: data_type's low six bits are the bits inflate holds of the
    // bytes it read, 64 says it is in the data's last block. A part that
    // ends where a new inflate may start holds none, and is not the last.
    const bool at_boundary = (z.data_type & (63 | 64)) == 0;
    damaged_ = !clean || !at_boundary || (status != Z_OK && status != Z_BUF_ERROR);
    ++part_;
  }
}

}  // namespace archivist
