// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/text_blocks.h"

#include <zlib.h>

#include <new>
#include <string>

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

std::optional<std::string> UnpackTextBlockPrefix(std::string_view packed, std::size_t bytes) {
  if (bytes >= kTextBlockBytes) return UnpackTextBlock(packed);
  std::string prefix(bytes, '\0');
  z_stream stream{};
  if (inflateInit(&stream) != Z_OK) throw std::bad_alloc();
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  stream.avail_in = static_cast<uInt>(packed.size());
  stream.next_out = reinterpret_cast<Bytef*>(prefix.data());
  stream.avail_out = static_cast<uInt>(prefix.size());
  // zlib: Z_SYNC_FLUSH stops with Z_OK once the output is full, and says
  // Z_STREAM_END when the block ends first (then its checksum was checked).
  const int status = bytes == 0 ? Z_OK : inflate(&stream, Z_SYNC_FLUSH);
  const std::size_t produced = bytes - stream.avail_out;
  inflateEnd(&stream);
  if (status == Z_STREAM_END) {
    prefix.resize(produced);
    return prefix;
  }
  if (status == Z_OK && produced == bytes) return prefix;
  return std::nullopt;
}

}  // namespace archivist
