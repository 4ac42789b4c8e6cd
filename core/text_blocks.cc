// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/text_blocks.h"

#include <algorithm>
#include <new>
#include <string>
#include <utility>

#include <zlib.h>

#include "core/varint.h"

namespace archivist {
namespace {

// A block with restarts starts with this byte, then varints: the block's
// size, the number of restarts after the first, and for each the plain and
// the compressed bytes since the previous one; then raw deflate data. A
// zlib stream (a block packed before restarts) never starts with it: the
// low four bits of its first byte are 8, deflate.
constexpr char kRestartableMark = '\x01';

// zlib's window for raw deflate data, without zlib's header and checksum
// (which would tie every part to the block's start).
constexpr int kRawWindowBits = -15;
constexpr int kZlibWindowBits = 15;

// zlib's level for stored text: 3 is the last of its fast levels (no lazy
// matching). On corpus-real's text in 16 KiB blocks it packs 7 % larger than
// the default level 6 (0.320 of the text against 0.300) in 56 % of the
// time; packing was 7 % of the indexer's instructions at level 6 (issue 19,
// docs/benchmarks/issue-19-indexing.md). Any level reads back the same.
constexpr int kStoredTextLevel = 3;

// deflate() into `out` from `next_in`, growing `out` as zlib needs, until
// `flush` is done.
void Deflate(z_stream& z, std::string& out, std::size_t& used, int flush) {
  for (;;) {
    if (out.size() - used < 64) out.resize(out.size() * 2 + 64);
    z.next_out = reinterpret_cast<Bytef*>(out.data() + used);
    z.avail_out = static_cast<uInt>(out.size() - used);
    const int status = deflate(&z, flush);
    used = out.size() - z.avail_out;
    if (status == Z_STREAM_END) return;
    // zlib: Z_STREAM_ERROR only for a misused stream, Z_BUF_ERROR when no
    // progress was possible; with room left, a flush is complete.
    if (status != Z_OK && status != Z_BUF_ERROR) throw std::bad_alloc();
    if (flush != Z_FINISH && z.avail_out > 0) return;
  }
}

// One deflate stream per thread, reset for each block: making one
// allocates about 256 KiB of zlib's tables, which for a 16 KiB block cost
// more than compressing it (freeing them made glibc consolidate its heap
// after every block; issue 19). deflateReset gives the stream a fresh
// stream's state, so a block's bytes are the same as from a new one.
class ThreadDeflater {
 public:
  ThreadDeflater() {
    if (deflateInit2(&z_, kStoredTextLevel, Z_DEFLATED, kRawWindowBits, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
      throw std::bad_alloc();
    }
  }
  ~ThreadDeflater() { deflateEnd(&z_); }
  ThreadDeflater(const ThreadDeflater&) = delete;
  ThreadDeflater& operator=(const ThreadDeflater&) = delete;

  // The thread's stream, as a new one.
  z_stream& Fresh() {
    if (deflateReset(&z_) != Z_OK) throw std::bad_alloc();
    return z_;
  }

 private:
  z_stream z_{};
};

}  // namespace

std::string PackTextBlock(std::string_view block, const std::vector<std::size_t>& restarts) {
  thread_local ThreadDeflater deflater;
  z_stream& z = deflater.Fresh();
  std::string data(deflateBound(&z, static_cast<uLong>(block.size())) + 8 * restarts.size(), '\0');
  std::size_t used = 0;
  std::string header(1, kRestartableMark);
  AppendVarint(header, static_cast<std::uint32_t>(block.size()));
  AppendVarint(header, static_cast<std::uint32_t>(restarts.size()));
  std::size_t plain_from = 0;
  std::size_t packed_from = 0;
  // A failure leaves the stream as it is: the next block resets it.
  for (std::size_t k = 0; k <= restarts.size(); ++k) {
    const std::size_t plain_to = k < restarts.size() ? restarts[k] : block.size();
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(block.data() + plain_from));
    z.avail_in = static_cast<uInt>(plain_to - plain_from);
    Deflate(z, data, used, k < restarts.size() ? Z_FULL_FLUSH : Z_FINISH);
    if (k < restarts.size()) {
      AppendVarint(header, static_cast<std::uint32_t>(plain_to - plain_from));
      AppendVarint(header, static_cast<std::uint32_t>(used - packed_from));
    }
    plain_from = plain_to;
    packed_from = used;
  }
  z.next_in = nullptr;  // the block is the caller's: no pointer into it stays
  z.next_out = nullptr;
  data.resize(used);
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
  if (in.empty() || in.front() != kRestartableMark) {
    // Before restarts: one zlib stream, its size known only once inflated
    // (a byte past the largest block: see Range).
    data_ = in;
    size_ = kTextBlockBytes + 1;
    return true;
  }
  restartable_ = true;
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

void TextBlockInflater::StartAt(std::size_t restart) {
  z_stream& z = stream_->z;
  if (!started_) {
    if (inflateInit2(&z, restartable_ ? kRawWindowBits : kZlibWindowBits) != Z_OK) {
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
  to = restartable_ || to < kTextBlockBytes ? std::min(to, size_) : size_;
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
  z_stream& z = stream_->z;
  while (out_.size() < bytes && !ended_ && !damaged_) {
    const bool last = part_ + 1 == restarts_.size();
    const std::size_t part_end = (last ? size_ : restarts_[part_ + 1].plain) - base_;
    const std::size_t packed_end = last ? data_.size() : restarts_[part_ + 1].packed;
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
      damaged_ =
          !last || (restartable_ && out_.size() != part_end) || out_.size() > kTextBlockBytes;
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

void TextBlockInflater::FinishPart() {
  // What is left of the part is the flush that ends it (or the last
  // block's end): it must inflate to nothing, use up the part exactly and
  // leave the stream at a block's start on a byte's start, where the
  // next part's restart says a new inflate may begin.
  z_stream& z = stream_->z;
  const bool last = part_ + 1 == restarts_.size();
  const std::size_t packed_end = last ? data_.size() : restarts_[part_ + 1].packed;
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
