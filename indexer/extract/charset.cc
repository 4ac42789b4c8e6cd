// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/extract/charset.h"

#include <unicode/unistr.h>

namespace archivist::extract {

bool IsValidUtf8(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    int follow = 0;
    char32_t min = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      follow = 1;
      min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      follow = 2;
      min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      follow = 3;
      min = 0x10000;
    } else {
      return false;
    }
    if (i + follow >= bytes.size()) return false;  // sequence cut off by the end
    char32_t cp = c & (0x3F >> follow);
    for (int k = 1; k <= follow; ++k) {
      const auto cc = static_cast<unsigned char>(bytes[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += follow + 1;
  }
  return true;
}

std::string ToUtf8(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (IsValidUtf8(bytes)) return std::string(bytes);
  const icu::UnicodeString decoded(bytes.data(), static_cast<int32_t>(bytes.size()),
                                   "windows-1252");
  std::string out;
  decoded.toUTF8String(out);
  return out;
}

}  // namespace archivist::extract
