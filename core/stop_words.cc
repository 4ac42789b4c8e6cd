// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/stop_words.h"

#include "core/data/stopwords_data.h"

namespace archivist {
namespace {

using Lists = std::map<std::string, std::set<std::string, std::less<>>, std::less<>>;

Lists Parse(std::string_view rest) {
  Lists lists;
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    const std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    const std::size_t tab = line.find('\t');
    if (line.empty() || line[0] == '#' || tab == std::string_view::npos) continue;
    auto& words = lists[std::string(line.substr(0, tab))];
    std::string_view list = line.substr(tab + 1);
    while (!list.empty()) {
      const std::size_t space = list.find(' ');
      if (const std::string_view word = list.substr(0, space); !word.empty()) {
        words.emplace(word);
      }
      list = space == std::string_view::npos ? std::string_view() : list.substr(space + 1);
    }
  }
  return lists;
}

}  // namespace

const Lists& StopWordLists() {
  static const Lists kLists = Parse(data::kStopwordsTsv);
  return kLists;
}

bool IsStopWord(std::string_view language, std::string_view folded_word) {
  const Lists& lists = StopWordLists();
  const auto it = lists.find(language);
  return it != lists.end() && it->second.count(folded_word) > 0;
}

}  // namespace archivist
