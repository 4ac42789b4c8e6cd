// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/works/titles.h"

#include <algorithm>
#include <cctype>

#include "core/stop_words.h"
#include "core/text.h"

namespace archivist::works {
namespace {

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// Letters of any script and digits make words; ASCII punctuation and
// spaces part them (the folded text keeps non-ASCII letters as bytes >= 128).
bool InWord(char c) {
  return static_cast<unsigned char>(c) >= 128 || std::isalnum(static_cast<unsigned char>(c));
}

bool Contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

bool HasWordNotIn(const std::vector<std::string>& words, const std::vector<std::string>& other) {
  return std::any_of(words.begin(), words.end(),
                     [&](const std::string& w) { return !Contains(other, w); });
}

}  // namespace

std::vector<std::string> TitleWords(std::string_view title, std::string_view language) {
  const std::string folded = FoldWord(title);
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() && !InWord(folded[i])) ++i;
    const std::size_t begin = i;
    while (i < folded.size() && InWord(folded[i])) ++i;
    std::string word = folded.substr(begin, i - begin);
    if (word.size() < 2 || IsStopWord(language, word) || Contains(words, word)) continue;
    words.push_back(std::move(word));
  }
  return words;
}

std::vector<std::string> TitleNumbers(std::string_view text) {
  std::vector<std::string> numbers;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!IsAsciiDigit(text[i])) {
      ++i;
      continue;
    }
    // "v2" and "V1.4" name versions; digits glued to other letters belong
    // to an identifier ("c25", "ISO9001").
    const bool after_letter = i > 0 && std::isalpha(static_cast<unsigned char>(text[i - 1]));
    const bool after_v = after_letter && (text[i - 1] == 'v' || text[i - 1] == 'V') &&
                         (i < 2 || !std::isalpha(static_cast<unsigned char>(text[i - 2])));
    std::string number;
    bool dotted = false;
    while (i < text.size()) {
      if (IsAsciiDigit(text[i])) {
        number += text[i++];
      } else if (text[i] == '.' && i + 1 < text.size() && IsAsciiDigit(text[i + 1])) {
        number += text[i++];
        dotted = true;
      } else {
        break;
      }
    }
    if ((after_letter && !after_v) || !(dotted || after_v) || Contains(numbers, number)) continue;
    numbers.push_back(std::move(number));
  }
  return numbers;
}

bool TitlesDiffer(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return HasWordNotIn(a, b) && HasWordNotIn(b, a);
}

bool TitleNumbersDiffer(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return false;
  std::vector<std::string> sa = a;
  std::vector<std::string> sb = b;
  std::sort(sa.begin(), sa.end());
  std::sort(sb.begin(), sb.end());
  return sa != sb;
}

}  // namespace archivist::works
