// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/extract/titles.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace archivist::extract {
namespace {

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string Trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n\f");
  if (first == std::string_view::npos) return "";
  const auto last = s.find_last_not_of(" \t\r\n\f");
  return std::string(s.substr(first, last - first + 1));
}

bool IsPlaceholderTitle(std::string_view title) {
  // Letters in any script count: a byte of a multi-byte character is a
  // letter's part.
  const auto letters = std::count_if(title.begin(), title.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalpha(u) || u >= 0x80;
  });
  if (letters < 4) return true;
  static constexpr std::array<std::string_view, 8> kPlaceholders = {
      "cover page", "cover", "untitled", "title", "document", "slide 1", "page 1", "no title"};
  const std::string lower = LowerAscii(Trim(title));
  return std::find(kPlaceholders.begin(), kPlaceholders.end(), lower) != kPlaceholders.end();
}

std::string TitleFromOpening(std::string_view text, std::size_t max_bytes) {
  std::string first;
  std::size_t at = 0;
  while (at < text.size() && first.empty()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    first = Trim(text.substr(at, end - at));
    at = end + 1;
  }
  if (first.empty()) return "";
  // "Africa Region, Benin, International Military Education" runs on into
  // "and Training (IMET), FY 01" on the next line.
  if (at < text.size() && std::string_view(".!?:;").find(first.back()) == std::string_view::npos) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    const std::string next = Trim(text.substr(at, end - at));
    if (!next.empty()) first += " " + next;
  }
  return ShortenAtWord(first, max_bytes);
}

std::string ShortenAtWord(const std::string& line, std::size_t max_bytes) {
  if (line.size() <= max_bytes) return line;
  std::size_t cut = line.rfind(' ', max_bytes);
  if (cut == std::string::npos || cut == 0) {
    cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  }
  return Trim(line.substr(0, cut));
}

}  // namespace archivist::extract
