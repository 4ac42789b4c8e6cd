// SPDX-License-Identifier: GPL-2.0-or-later
// What the two snippet targets (fuzz_snippet, fuzz_stored_snippet) hold
// every snippet to. Their own definitions, not the extractors': the snippet
// targets link the engine, not extraction.
#pragma once

#include <cstddef>
#include <string_view>

namespace archivist::fuzz {

// RFC 3629, the same definition searchd's JSON writer holds answers to.
inline bool IsUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80   ? 1
                               : lead < 0xC2 ? 0
                               : lead < 0xE0 ? 2
                               : lead < 0xF0 ? 3
                               : lead < 0xF5 ? 4
                                             : 0;
    if (length == 0 || text.size() - i < length) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      unsigned char low = 0x80, high = 0xBF;
      if (k == 1 && lead == 0xE0) low = 0xA0;
      if (k == 1 && lead == 0xED) high = 0x9F;
      if (k == 1 && lead == 0xF0) low = 0x90;
      if (k == 1 && lead == 0xF4) high = 0x8F;
      if (next < low || next > high) return false;
    }
    i += length;
  }
  return true;
}

// No '<' but those of <mark> and </mark>.
inline bool OnlyMarkTags(std::string_view snippet) {
  for (std::size_t at = snippet.find('<'); at != std::string_view::npos;
       at = snippet.find('<', at + 1)) {
    const std::string_view rest = snippet.substr(at);
    if (!rest.starts_with("<mark>") && !rest.starts_with("</mark>")) return false;
  }
  return true;
}

}  // namespace archivist::fuzz
