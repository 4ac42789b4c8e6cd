// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/text_blocks.h"

#include <new>
#include <string>
#include <utility>

#include <zlib.h>

#include "core/text_sections.h"

namespace archivist {

std::string PackTextBlock(std::string_view block) {
  uLongf size = compressBound(static_cast<uLong>(block.size()));
  std::string packed(size, '\0');
  // zlib: compress2 fails only for want of memory or room, and the room is
  // compressBound's.
  if (compress2(reinterpret_cast<Bytef*>(packed.data()), &size,
                reinterpret_cast<const Bytef*>(block.data()), static_cast<uLong>(block.size()),
                Z_DEFAULT_COMPRESSION) != Z_OK) {
    throw std::bad_alloc();
  }
  packed.resize(size);
  return packed;
}

std::optional<std::string> UnpackTextBlock(std::string_view packed) {
  std::string block(kTextBlockBytes, '\0');
  uLongf size = static_cast<uLongf>(block.size());
  if (uncompress(reinterpret_cast<Bytef*>(block.data()), &size,
                 reinterpret_cast<const Bytef*>(packed.data()),
                 static_cast<uLong>(packed.size())) != Z_OK) {
    return std::nullopt;
  }
  block.resize(size);
  return block;
}

struct TextBlockInflater::Stream {
  z_stream z{};
};

TextBlockInflater::TextBlockInflater(std::string packed)
    : packed_(std::move(packed)), stream_(std::make_unique<Stream>()) {
  if (inflateInit(&stream_->z) != Z_OK) throw std::bad_alloc();
  stream_->z.next_in = reinterpret_cast<Bytef*>(packed_.data());
  stream_->z.avail_in = static_cast<uInt>(packed_.size());
}

TextBlockInflater::~TextBlockInflater() { inflateEnd(&stream_->z); }

const std::string& TextBlockInflater::Prefix(std::size_t bytes) {
  if (ended_ || out_.size() >= bytes) return out_;
  // A whole block is asked with a byte to spare, so that zlib reaches the
  // stream's end (and checks its checksum) or shows the block too long.
  const std::size_t want = bytes >= kTextBlockBytes ? kTextBlockBytes + 1 : bytes;
  const std::size_t had = out_.size();
  out_.resize(want);
  z_stream& z = stream_->z;
  z.next_out = reinterpret_cast<Bytef*>(out_.data() + had);
  z.avail_out = static_cast<uInt>(want - had);
  // zlib: Z_SYNC_FLUSH stops with Z_OK once the output is full, or says
  // Z_STREAM_END when the block ends first.
  const int status = inflate(&z, Z_SYNC_FLUSH);
  out_.resize(want - z.avail_out);
  const bool damaged = (status != Z_OK && status != Z_STREAM_END) ||
                       (status == Z_OK && z.avail_out > 0) || out_.size() > kTextBlockBytes;
  if (damaged) out_.clear();
  ended_ = damaged || status == Z_STREAM_END;
  return out_;
}

}  // namespace archivist
