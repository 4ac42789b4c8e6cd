// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/date_tokens.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>

namespace archivist::enrich::date_text {
namespace {

// A character that belongs to a word as Xapian's tokeniser sees it
// (Xapian::Unicode::is_wordchar): letters, marks, numbers and connector
// punctuation. Read with ICU so that enrichment needs no Xapian.
bool IsWordChar(UChar32 ch) {
  if (ch < 0) return false;
  constexpr std::uint32_t kWordCategories = U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK | U_GC_PC_MASK;
  return (U_GET_GC_MASK(ch) & kWordCategories) != 0;
}

}  // namespace

bool PlausibleYear(int year) { return year >= 1800 && year <= 2100; }

std::string Format(int year, int month, int day) {
  char buffer[48];  // room for any int, so the compiler can prove no truncation
  if (day > 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  } else if (month > 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d", year);
  }
  return buffer;
}

std::vector<Token> Tokenise(const std::string& text) {
  std::vector<Token> tokens;
  enum class Kind { kNone, kDigits, kLetters };
  Kind kind = Kind::kNone;
  std::size_t start = 0;
  const auto close = [&](std::size_t at) {
    if (kind == Kind::kNone) return;
    tokens.push_back({std::string_view(text).substr(start, at - start), start, at,
                      kind == Kind::kDigits});
  };
  const auto length = static_cast<std::int32_t>(text.size());
  for (std::int32_t next = 0; next < length;) {
    const auto at = static_cast<std::size_t>(next);
    UChar32 ch = 0;
    U8_NEXT(text.data(), next, length, ch);  // ch < 0 for a malformed sequence
    const Kind here = (ch >= '0' && ch <= '9') ? Kind::kDigits
                      : IsWordChar(ch)         ? Kind::kLetters
                                               : Kind::kNone;
    if (here != kind) {
      close(at);
      kind = here;
      start = at;
    }
  }
  close(text.size());
  return tokens;
}

bool Adjacent(const std::vector<Token>& tokens, std::size_t before, std::size_t after) {
  return after < tokens.size() && after == before + 1 &&
         tokens[after].begin - tokens[before].end <= kMaxGapBytes;
}

// Words that sit between a date's parts: ordinal endings ("6th", "1er",
// "1o") and prepositions ("4 de marco de 2009", "6th of May").
bool IsFiller(std::string_view word) {
  static constexpr std::array<std::string_view, 11> kFillers = {
      "st", "nd", "rd", "th", "er", "e", "o", "de", "del", "of", "di"};
  return std::find(kFillers.begin(), kFillers.end(), word) != kFillers.end();
}

// The first token at or after `at` that is not a filler adjacent to the one
// before it.
std::size_t SkipFillers(const std::vector<Token>& tokens, std::size_t at) {
  while (at < tokens.size() && !tokens[at].digits && IsFiller(tokens[at].text) &&
         Adjacent(tokens, at - 1, at)) {
    ++at;
  }
  return at;
}

// The value of the number at `at` when it is adjacent to the token before
// it; -1 otherwise.
int NumberAt(const std::vector<Token>& tokens, std::size_t at) {
  if (at == 0 || !Adjacent(tokens, at - 1, at)) return -1;
  const Token& token = tokens[at];
  if (!token.digits || token.text.size() > 4) return -1;
  return std::stoi(std::string(token.text));
}

bool IsYear(const std::vector<Token>& tokens, std::size_t at) {
  return NumberAt(tokens, at) > 0 && tokens[at].text.size() == 4 &&
         PlausibleYear(NumberAt(tokens, at));
}
}  // namespace archivist::enrich::date_text
