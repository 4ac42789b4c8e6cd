// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/phrases.h"

#include <algorithm>
#include <string_view>

#include "core/byte_set.h"

namespace archivist::enrich {
namespace {

constexpr bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// IsWordByte of every byte, looked up: the reader asks it of every byte of
// every document's text, several times over (one reading per detector).
constexpr ByteSet kWordBytes = ByteSet::Where(IsWordByte);

bool IsWordByteAt(std::string_view text, std::size_t at) { return kWordBytes.Holds(text[at]); }

}  // namespace

bool FoldedWordReader::Next(FoldedWord& word) {
  while (at_ < folded_.size() && !IsWordByteAt(folded_, at_)) ++at_;
  const std::size_t begin = at_;
  while (at_ < folded_.size() && IsWordByteAt(folded_, at_)) ++at_;
  if (at_ == begin) return false;
  word = {folded_.substr(begin, at_ - begin), begin, at_};
  return true;
}

std::vector<FoldedWord> SplitFoldedWords(std::string_view folded) {
  std::vector<FoldedWord> words;
  FoldedWord word;
  for (FoldedWordReader reader(folded); reader.Next(word);) words.push_back(word);
  return words;
}

PhraseSet::PhraseSet(std::initializer_list<std::string_view> phrases)
    : PhraseSet(std::vector<std::string>(phrases.begin(), phrases.end())) {}

PhraseSet::PhraseSet(const std::vector<std::string>& phrases) {
  Add(std::vector<std::string_view>(phrases.begin(), phrases.end()));
}

void PhraseSet::Add(const std::vector<std::string_view>& phrases) {
  int number = 0;
  for (std::string_view phrase : phrases) {
    std::vector<std::string> words;
    for (const FoldedWord& word : SplitFoldedWords(phrase)) words.emplace_back(word.text);
    if (!words.empty()) {
      Phrase entry{std::vector<std::string>(words.begin() + 1, words.end()), number};
      by_first_word_[words.front()].push_back(std::move(entry));
    }
    ++number;
  }
  // Longest first, so MatchAt reports the longest phrase that fits.
  for (auto& [first, entries] : by_first_word_) {
    std::stable_sort(entries.begin(), entries.end(), [](const Phrase& a, const Phrase& b) {
      return a.rest.size() > b.rest.size();
    });
  }
}

int PhraseSet::MatchAt(const std::vector<FoldedWord>& words, std::size_t at) const {
  if (at >= words.size()) return -1;
  const auto it = by_first_word_.find(words[at].text);
  if (it == by_first_word_.end()) return -1;
  for (const Phrase& phrase : it->second) {
    if (at + phrase.rest.size() >= words.size()) continue;
    bool all = true;
    for (std::size_t k = 0; k < phrase.rest.size() && all; ++k) {
      all = words[at + 1 + k].text == phrase.rest[k];
    }
    if (all) return phrase.number;
  }
  return -1;
}

bool PhraseSet::FoundIn(const std::vector<FoldedWord>& words) const {
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (MatchAt(words, i) >= 0) return true;
  }
  return false;
}

}  // namespace archivist::enrich
