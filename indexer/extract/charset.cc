// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/extract/charset.h"

#include <uchardet/uchardet.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <memory>

namespace archivist::extract {

namespace {

struct Utf8Scan {
  std::size_t valid_multibyte = 0;  // well-formed sequences of 2 to 4 bytes
  std::size_t invalid = 0;          // bytes that start no well-formed sequence
};

// The length of the well-formed UTF-8 sequence at bytes[i] (1 for ASCII),
// 0 when the byte there starts none.
std::size_t WellFormedLength(std::string_view bytes, std::size_t i) {
  const auto c = static_cast<unsigned char>(bytes[i]);
  int follow = 0;
  char32_t min = 0;
  if (c < 0x80) {
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    follow = 1;
    min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    follow = 2;
    min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    follow = 3;
    min = 0x10000;
  }
  bool ok = follow > 0 && i + follow < bytes.size();  // not cut off by the end
  char32_t cp = c & (0x3F >> follow);
  for (int k = 1; ok && k <= follow; ++k) {
    const auto cc = static_cast<unsigned char>(bytes[i + k]);
    ok = (cc & 0xC0) == 0x80;
    cp = (cp << 6) | (cc & 0x3F);
  }
  ok = ok && cp >= min && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
  return ok ? static_cast<std::size_t>(follow) + 1 : 0;
}

Utf8Scan ScanUtf8(std::string_view bytes, bool stop_at_first_invalid) {
  Utf8Scan scan;
  std::size_t i = 0;
  while (i < bytes.size()) {
    const std::size_t length = WellFormedLength(bytes, i);
    if (length == 0) {
      ++scan.invalid;
      if (stop_at_first_invalid) return scan;
      ++i;
      continue;
    }
    if (length > 1) ++scan.valid_multibyte;
    i += length;
  }
  return scan;
}

}  // namespace

bool IsValidUtf8(std::string_view bytes) { return ScanUtf8(bytes, true).invalid == 0; }

std::string WellFormedUtf8(std::string_view bytes) {
  if (IsValidUtf8(bytes)) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() + 16);
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t length = WellFormedLength(bytes, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
    } else {
      out.append(bytes.substr(i, length));
      i += length;
    }
  }
  return out;
}

std::string DetectCharset(std::string_view bytes) {
  struct Deleter {
    void operator()(uchardet* ud) const { uchardet_delete(ud); }
  };
  std::unique_ptr<uchardet, Deleter> detector(uchardet_new());
  if (!detector) return "";
  // uchardet decides within the first few hundred KiB; feeding more only costs time.
  const std::string_view sample = bytes.substr(0, 256 * 1024);
  if (uchardet_handle_data(detector.get(), sample.data(), sample.size()) != 0) return "";
  uchardet_data_end(detector.get());
  const char* charset = uchardet_get_charset(detector.get());
  return charset ? charset : "";
}

std::string ToUtf8(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  const Utf8Scan scan = ScanUtf8(bytes, false);
  if (scan.invalid == 0) return std::string(bytes);
  // Text in a legacy charset almost never forms well-formed multi-byte UTF-8
  // sequences by chance; many of them with a few broken bytes is damaged
  // UTF-8, which ICU decodes with U+FFFD for the damage.
  std::string charset = scan.valid_multibyte >= scan.invalid ? "UTF-8" : DetectCharset(bytes);
  // Latin-1's 0x80-0x9F are control codes nobody types; files labelled or
  // detected as Latin-1 that use them mean Windows-1252's quotes and dashes.
  // Mostly UTF-8 with a few broken bytes stays UTF-8 (ICU substitutes U+FFFD).
  if (charset.empty() || charset == "ISO-8859-1" || charset == "ASCII") charset = "windows-1252";
  UErrorCode status = U_ZERO_ERROR;
  ucnv_close(ucnv_open(charset.c_str(), &status));
  if (U_FAILURE(status)) charset = "windows-1252";  // a name ICU does not know
  const icu::UnicodeString decoded(bytes.data(), static_cast<int32_t>(bytes.size()),
                                   charset.c_str());
  std::string out;
  decoded.toUTF8String(out);
  return out;
}

std::string WithWindows1252Controls(std::string_view utf8) {
  // U+0080..U+009F in Windows-1252, 0 where it defines no character.
  static constexpr char16_t kC1[32] = {
      0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
  if (utf8.find('\xC2') == std::string_view::npos) return std::string(utf8);
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const auto second = i + 1 < utf8.size() ? static_cast<unsigned char>(utf8[i + 1]) : 0;
    if (utf8[i] != '\xC2' || second < 0x80 || second > 0x9F) {
      out += utf8[i];
      continue;
    }
    const char16_t c = kC1[second - 0x80];
    ++i;
    if (c == 0) {
      out += ' ';
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

}  // namespace archivist::extract
