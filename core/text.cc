// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>

#include "core/error.h"

namespace archivist {
namespace {

bool IsAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Letters that NFKD leaves whole but that readers treat as spelled-out pairs.
const char* SpelledOut(UChar32 c) {
  switch (c) {
    case U'ß': return "ss";
    case U'ẞ': return "SS";
    case U'æ': return "ae";
    case U'Æ': return "AE";
    case U'œ': return "oe";
    case U'Œ': return "OE";
    case U'ø': return "o";
    case U'Ø': return "O";
    case U'ł': return "l";
    case U'Ł': return "L";
    case U'đ': return "d";
    case U'Đ': return "D";
    case U'ð': return "d";
    case U'Ð': return "D";
    case U'þ': return "th";
    case U'Þ': return "TH";
    case U'ı': return "i";
    default: return nullptr;
  }
}

bool IsApostrophe(UChar32 c) { return c == U'\u2019' || c == U'\u02BC' || c == U'\u2018'; }

// ICU's NFKD normaliser, made once for the process. ICU makes it once too,
// behind its own once-flag, but ICU is not built with ThreadSanitizer: two
// indexer threads folding their first accented letter at once were
// reported as racing on the normaliser ICU had just made (the time budget
// suite's in-process indexer, under tools/test --tsan). A function-local
// static hands the pointer over through the C++ runtime's guard, which
// ThreadSanitizer sees.
const icu::Normalizer2& Nfkd() {
  static const icu::Normalizer2* const nfkd = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* made = icu::Normalizer2::getNFKDInstance(status);
    if (U_FAILURE(status)) {
      throw Exception(ErrorCode::kInternal, "ICU NFKD normaliser unavailable");
    }
    return made;
  }();
  return *nfkd;
}

// The folded form of one code point, as UTF-8. Decomposing code point by
// code point gives what decomposing the whole text would, since every
// combining mark is dropped anyway (and with it any need to reorder marks).
std::string FoldCodePoint(UChar32 c) {
  if (IsApostrophe(c)) return "'";
  if (const char* spelled = SpelledOut(c)) return spelled;
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString decomposed = Nfkd().normalize(icu::UnicodeString(c), status);
  if (U_FAILURE(status)) return "";
  icu::UnicodeString folded;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 d = decomposed.char32At(i);
    i += U16_LENGTH(d);
    if (u_charType(d) == U_NON_SPACING_MARK) continue;
    if (const char* spelled = SpelledOut(d)) {
      folded.append(icu::UnicodeString(spelled, -1, icu::UnicodeString::kInvariant));
    } else {
      folded.append(d);
    }
  }
  std::string out;
  folded.toUTF8String(out);
  return out;
}

// ASCII bytes are copied as they are; each other code point is folded once
// per thread and remembered, since a text uses few distinct ones. (Going
// through ICU for every character cost a quarter of all indexing time.)
std::string StripMarks(std::string_view text) {
  thread_local std::unordered_map<UChar32, std::string> folded_code_points;
  std::string out;
  out.reserve(text.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    if (bytes[i] < 0x80) {
      // A run of ASCII bytes in one append: most of a Latin text.
      int32_t end = i + 1;
      while (end < length && bytes[end] < 0x80) ++end;
      out.append(text.data() + i, static_cast<std::size_t>(end - i));
      i = end;
      continue;
    }
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) c = 0xFFFD;  // invalid UTF-8
    auto it = folded_code_points.find(c);
    if (it == folded_code_points.end()) it = folded_code_points.emplace(c, FoldCodePoint(c)).first;
    out += it->second;
  }
  return out;
}

bool IsAsciiLetter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// Replaces the apostrophe of "l'x", "qu'x"... by a space, in place.
void SplitElisions(std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\'' || i == 0 || i + 1 >= text.size()) continue;
    if (!IsAsciiLetter(text[i + 1]) && static_cast<unsigned char>(text[i + 1]) < 0x80) continue;
    std::size_t start = i;
    while (start > 0 && IsAsciiLetter(text[start - 1])) --start;
    // The elided word must start a word: "aujourd'hui" is left alone.
    if (start > 0 && static_cast<unsigned char>(text[start - 1]) >= 0x80) continue;
    if (IsFrenchElision(std::string_view(text).substr(start, i - start))) text[i] = ' ';
  }
}

}  // namespace

bool IsFrenchElision(std::string_view word) {
  // French elided articles and conjunctions, lower case.
  static constexpr std::array<std::string_view, 13> kElisions = {
      "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"};
  if (word.size() > kLongestFrenchElision) return false;
  std::string lower(word);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::find(kElisions.begin(), kElisions.end(), lower) != kElisions.end();
}

std::string FoldText(std::string_view text) {
  std::string folded = IsAscii(text) ? std::string(text) : StripMarks(text);
  SplitElisions(folded);
  return folded;
}

std::string FoldWord(std::string_view word) { return LowerFolded(FoldText(word)); }

std::string LowerFolded(std::string_view folded) {
  if (IsAscii(folded)) {
    std::string lower(folded);
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return lower;
  }
  // Simple (one code point to one) lower-casing, as Xapian's own
  // Unicode::tolower does it, so terms keep the form earlier indexes hold.
  // FoldText's output is valid UTF-8; anything else becomes U+FFFD.
  std::string lower;
  lower.reserve(folded.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(folded.data());
  const auto length = static_cast<int32_t>(folded.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    c = c < 0 ? 0xFFFD : u_tolower(c);
    uint8_t encoded[U8_MAX_LENGTH];
    int32_t n = 0;
    U8_APPEND_UNSAFE(encoded, n, c);  // room for any code point
    lower.append(reinterpret_cast<const char*>(encoded), static_cast<std::size_t>(n));
  }
  return lower;
}

std::string NormaliseLanguage(std::string_view tag) {
  std::string primary;
  for (char c : tag) {
    if (c == '-' || c == '_') break;
    if (!IsAsciiLetter(c)) return "und";
    primary += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (primary.size() != 2 && primary.size() != 3) return "und";
  return primary;
}

const std::vector<std::string>& StemmedLanguages() {
  static const std::vector<std::string> kLanguages = {"en", "fr", "nl", "pt", "es", "de"};
  return kLanguages;
}

}  // namespace archivist
