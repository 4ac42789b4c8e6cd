// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/text_blocks.h"

#include <zlib.h>

#include <new>

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

}  // namespace archivist
