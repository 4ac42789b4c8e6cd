// SPDX-License-Identifier: GPL-2.0-or-later
// Unsigned integers as LEB128 varints (seven bits a byte, low bits first),
// the small numbers of packed values (core/text_sections.h layouts,
// core/text_blocks.h restart tables) taking a byte or two each.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace archivist {

inline void AppendVarint(std::string& out, std::uint32_t n) {
  while (n >= 0x80) {
    out += static_cast<char>((n & 0x7f) | 0x80);
    n >>= 7;
  }
  out += static_cast<char>(n);
}

// Reads one varint from the front of `in`, consuming it; false when `in`
// ends inside one or it runs past 32 bits' worth of bytes.
inline bool ReadVarint(std::string_view& in, std::uint32_t& n) {
  n = 0;
  for (int shift = 0; shift < 35 && !in.empty(); shift += 7) {
    const auto byte = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    n |= static_cast<std::uint32_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return false;
}

}  // namespace archivist
