// SPDX-License-Identifier: GPL-2.0-or-later
// How far a string can be copied between JSON's quotes as it is: what the
// record reader (compact_record.h) and searchd's JSON writer check of every
// string, byte by byte before. A page of hits is mostly such strings (its
// snippets, titles and paths, and each edition's id, language and title,
// issue 15), so the check reads eight bytes at a time.
#pragma once

#include <cstdint>
#include <cstring>

namespace archivist {

// The number of bytes from `p` (up to `end`) that are ASCII and need no
// escape in JSON: no control character, no '"', no '\\'. Stops exactly at
// the first byte that is none of these (a multi-byte UTF-8 sequence, an
// escape to write or read, the closing quote). Pure; thread-safe.
inline std::size_t PlainJsonRun(const unsigned char* p, const unsigned char* end) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  // Bit Twiddling Hacks: a byte below n (n <= 128), a zero byte.
  const auto has_below = [](std::uint64_t x, std::uint64_t n) {
    return (x - kOnes * n) & ~x & kHighs;
  };
  const auto has_zero = [](std::uint64_t x) { return (x - kOnes) & ~x & kHighs; };
  const unsigned char* const start = p;
  while (end - p >= 8) {
    std::uint64_t word;
    std::memcpy(&word, p, sizeof word);
    if ((word & kHighs) | has_below(word, 0x20) | has_zero(word ^ (kOnes * '"')) |
        has_zero(word ^ (kOnes * '\\'))) {
      break;
    }
    p += 8;
  }
  while (p != end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\') ++p;
  return static_cast<std::size_t>(p - start);
}

}  // namespace archivist
