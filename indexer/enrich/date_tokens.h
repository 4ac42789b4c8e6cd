// SPDX-License-Identifier: GPL-2.0-or-later
// The words of a text's head as the date readers see them: runs of ASCII
// digits or of other word characters, with their byte offsets, and the
// small rules that join them into one date ("30 may 2014", "6th of may").
// Internal to indexer/enrich's date readers (dates.h is the public face).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace archivist::enrich::date_text {

// Years outside this range are not dates we read.
bool PlausibleYear(int year);

// "YYYY-MM-DD", "YYYY-MM" or "YYYY" (a zero month or day is left out).
std::string Format(int year, int month, int day);

// A run of ASCII digits or of other word characters in folded text, with
// its byte offsets there.
struct Token {
  std::string_view text;
  std::size_t begin = 0;
  std::size_t end = 0;
  bool digits = false;
};

// The tokens of `text` (folded), which must outlive them.
std::vector<Token> Tokenise(const std::string& text);

// Parts of one date are separated by a space and perhaps a comma or a dot,
// never by more.
constexpr std::size_t kMaxGapBytes = 3;

// Whether `after` follows `before` directly, across at most kMaxGapBytes.
bool Adjacent(const std::vector<Token>& tokens, std::size_t before, std::size_t after);

// Words that sit between a date's parts: ordinal endings ("6th", "1er",
// "1o") and prepositions ("4 de marco de 2009", "6th of May").
bool IsFiller(std::string_view word);

// The first token at or after `at` that is not a filler adjacent to the one
// before it.
std::size_t SkipFillers(const std::vector<Token>& tokens, std::size_t at);

// The value of the number at `at` when it is adjacent to the token before
// it; -1 otherwise.
int NumberAt(const std::vector<Token>& tokens, std::size_t at);

// Whether the token at `at` is a plausible four-digit year adjacent to the
// one before it.
bool IsYear(const std::vector<Token>& tokens, std::size_t at);

}  // namespace archivist::enrich::date_text
