// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/extract/text_cleanup.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace archivist::extract {
namespace {

constexpr char16_t kSoftHyphen = 0x00AD;

bool IsLineBreak(char16_t c) { return c == '\n' || c == '\r' || c == '\f'; }

// Joins "word-\n   word" into "word" + "word", moving the line break after
// the joined word so line (and page) structure stays.
icu::UnicodeString JoinHyphenated(const icu::UnicodeString& in) {
  icu::UnicodeString out;
  const int32_t n = in.length();
  for (int32_t i = 0; i < n; ++i) {
    const char16_t c = in[i];
    if (c == kSoftHyphen) continue;
    // Poppler ends a page with a form feed; the index separates pages with
    // form feeds (core/schema.h kSlotText), so none may remain inside one.
    if (c == '\f') {
      out.append(u'\n');
      continue;
    }
    if (c == '-' && i > 0 && u_islower(in.char32At(i - 1)) && i + 1 < n && in[i + 1] == '\n') {
      int32_t j = i + 1;
      while (j < n && (in[j] == '\n' || in[j] == ' ' || in[j] == '\t')) ++j;
      if (j < n && u_islower(in.char32At(j)) && !IsLineBreak(in[j])) {
        int32_t end = j;
        while (end < n && u_isalpha(in.char32At(end))) ++end;
        out.append(in, j, end - j);
        i = end - 1;
        // The line break goes after the joined word, unless the word ended
        // its line anyway; the space after the word gives way to it.
        if (i + 1 < n && IsLineBreak(in[i + 1])) continue;
        out.append(u'\n');
        if (i + 1 < n && in[i + 1] == ' ') ++i;
        continue;
      }
    }
    out.append(c);
  }
  return out;
}

}  // namespace

std::string CleanLayoutText(std::string_view utf8) {
  const icu::UnicodeString decoded =
      icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  icu::UnicodeString normalised;
  if (U_SUCCESS(status)) normalised = nfkc->normalize(decoded, status);
  if (U_FAILURE(status)) normalised = decoded;  // ICU data missing: keep the text as it is
  std::string out;
  JoinHyphenated(normalised).toUTF8String(out);
  return out;
}

std::size_t CountNonSpace(std::string_view utf8) {
  std::size_t count = 0;
  for (const char c : utf8) {
    const auto byte = static_cast<unsigned char>(c);
    // Count code points (not continuation bytes) that are not ASCII space.
    if ((byte & 0xC0) == 0x80) continue;
    if (byte == ' ' || byte == '\n' || byte == '\t' || byte == '\r' || byte == '\f' ||
        byte == '\v') {
      continue;
    }
    ++count;
  }
  return count;
}

}  // namespace archivist::extract
