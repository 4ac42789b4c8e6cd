// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/pair_words.h"

#include <algorithm>
#include <charconv>
#include <sstream>
#include <utility>

#include "core/schema.h"

namespace archivist {
namespace {

// Glass refuses terms longer than this.
constexpr std::size_t kMaxTermBytes = 245;

}  // namespace

PairWords PairWords::Parse(std::string_view stored) {
  PairWords words;
  std::istringstream lines{std::string(stored)};
  for (std::string line; std::getline(lines, line);) {
    const std::size_t space = line.find(' ');
    if (space == std::string::npos || space + 1 == line.size()) continue;
    int generation = 0;
    const auto [end, error] = std::from_chars(line.data(), line.data() + space, generation);
    if (error != std::errc() || end != line.data() + space || generation < 1) continue;
    words.generation_of_.emplace(line.substr(space + 1), generation);
    words.generation_ = std::max(words.generation_, generation);
  }
  return words;
}

std::string PairWords::Serialise() const {
  std::vector<std::pair<int, std::string>> ordered;
  for (const auto& [word, generation] : generation_of_) ordered.emplace_back(generation, word);
  std::sort(ordered.begin(), ordered.end());
  std::string out;
  for (const auto& [generation, word] : ordered) {
    out += std::to_string(generation) + ' ' + word + '\n';
  }
  return out;
}

int PairWords::GenerationOf(const std::string& word) const {
  const auto it = generation_of_.find(word);
  return it == generation_of_.end() ? -1 : it->second;
}

void PairWords::AddGeneration(const std::vector<std::string>& words) {
  bool any_new = false;
  for (const std::string& word : words) {
    // Words hold no newline or space (the stored list's separators).
    if (!schema::IsWordTerm(word) || word.find_first_of(" \n") != std::string::npos) continue;
    any_new = generation_of_.emplace(word, generation_ + 1).second || any_new;
  }
  if (any_new) ++generation_;
}

std::string PairTermOf(std::string_view first, std::string_view second) {
  std::string term = schema::WordPairTerm(first, second);
  return term.size() <= kMaxTermBytes ? term : std::string();
}

}  // namespace archivist
