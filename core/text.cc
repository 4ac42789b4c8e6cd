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

#include "core/data/stopwords_data.h"
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

// The folded form of one code point, as UTF-8. Decomposing code point by
// code point gives what decomposing the whole text would, since every
// combining mark is dropped anyway (and with it any need to reorder marks).
std::string FoldCodePoint(UChar32 c) {
  if (IsApostrophe(c)) return "'";
  if (const char* spelled = SpelledOut(c)) return spelled;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  if (U_FAILURE(status)) throw Exception(ErrorCode::kInternal, "ICU NFKD normaliser unavailable");
  const icu::UnicodeString decomposed = nfkd->normalize(icu::UnicodeString(c), status);
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
      out += static_cast<char>(bytes[i++]);
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

// French elided articles and conjunctions, lower case.
constexpr std::array<std::string_view, 13> kElisions = {
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"};

bool IsElision(std::string_view word) {
  std::string lower(word);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::find(kElisions.begin(), kElisions.end(), lower) != kElisions.end();
}

// Replaces the apostrophe of "l'x", "qu'x"... by a space, in place.
void SplitElisions(std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\'' || i == 0 || i + 1 >= text.size()) continue;
    if (!IsAsciiLetter(text[i + 1]) && static_cast<unsigned char>(text[i + 1]) < 0x80) continue;
    std::size_t start = i;
    while (start > 0 && IsAsciiLetter(text[start - 1])) --start;
    // The elided word must start a word: "aujourd'hui" is left alone.
    if (start > 0 && static_cast<unsigned char>(text[start - 1]) >= 0x80) continue;
    if (IsElision(std::string_view(text).substr(start, i - start))) text[i] = ' ';
  }
}

using StopperTable = std::map<std::string, std::unique_ptr<Xapian::SimpleStopper>, std::less<>>;

StopperTable BuildStoppers() {
  StopperTable stoppers;
  std::string_view rest = data::kStopwordsTsv;
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    const std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    const std::size_t tab = line.find('\t');
    if (line.empty() || line[0] == '#' || tab == std::string_view::npos) continue;
    auto stopper = std::make_unique<Xapian::SimpleStopper>();
    std::string_view words = line.substr(tab + 1);
    while (!words.empty()) {
      const std::size_t space = words.find(' ');
      if (const std::string_view word = words.substr(0, space); !word.empty()) {
        stopper->add(std::string(word));
      }
      words = space == std::string_view::npos ? std::string_view() : words.substr(space + 1);
    }
    stoppers[std::string(line.substr(0, tab))] = std::move(stopper);
  }
  return stoppers;
}

}  // namespace

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
  return Xapian::Unicode::tolower(std::string(folded));
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

Xapian::Stem StemmerFor(std::string_view language) {
  // Xapian 1.4.22's "dutch" is the Porter-style Dutch stemmer; later series
  // change what that name means, so it is named here, in one place.
  if (language == "en") return Xapian::Stem("english");
  if (language == "fr") return Xapian::Stem("french");
  if (language == "nl") return Xapian::Stem("dutch");
  if (language == "pt") return Xapian::Stem("portuguese");
  if (language == "es") return Xapian::Stem("spanish");
  if (language == "de") return Xapian::Stem("german");
  return Xapian::Stem("none");
}

const Xapian::Stopper* StopperFor(std::string_view language) {
  // Built once from the compiled-in lists and read-only after: a shared
  // table, not shared state.
  static const StopperTable kStoppers = BuildStoppers();
  const auto it = kStoppers.find(language);
  return it == kStoppers.end() ? nullptr : it->second.get();
}

}  // namespace archivist
