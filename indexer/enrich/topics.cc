// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/topics.h"

#include <algorithm>
#include <cctype>

#include "core/error.h"
#include "core/text.h"
#include "indexer/enrich/data/embedded_data.h"
#include "indexer/enrich/folded_text.h"
#include "indexer/enrich/phrases.h"
#include "indexer/enrich/table_fields.h"

namespace archivist::enrich {
namespace {

// A topic is kept with at least this many mentions...
constexpr int kMinMentions = 3;
// ...making at least this many per thousand words of the text.
constexpr double kMinPerThousandWords = 1.0;
constexpr int kTitleWeight = 3;
// Long books say what they are about early; the rest costs time, not accuracy.
constexpr std::size_t kScanBytes = 300000;
// Prefix terms are found by the first bytes of their first word; a stem
// must be at least this long ("traffick*", never "t*").
constexpr std::size_t kStartBytes = 2;

// The words of `folded` (core FoldWord).
// Views into `folded`, which must outlive them: no string per word.
std::vector<std::string_view> FoldedWords(std::string_view folded) {
  std::vector<std::string_view> words;
  FoldedWord word;
  for (FoldedWordReader reader(folded); reader.Next(word);) words.push_back(word.text);
  return words;
}

std::vector<std::string> Words(std::string_view text) {
  const std::string folded = FoldWord(text);
  std::vector<std::string> words;
  for (const std::string_view word : FoldedWords(folded)) words.emplace_back(word);
  return words;
}

template <typename Word>
std::string Join(const std::vector<Word>& words, std::size_t from, std::size_t n) {
  std::string key;
  for (std::size_t k = from; k < from + n; ++k) {
    if (k > from) key += ' ';
    key += words[k];
  }
  return key;
}

}  // namespace

TopicTaxonomy::TopicTaxonomy() {
  for (const std::string& line : SplitFields(data::kTopicsTsv, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> cells = SplitFields(line, '\t');
    if (cells.size() != 2) {
      throw Exception(ErrorCode::kInternal, "topics.tsv: want 2 cells in '" + line + "'");
    }
    for (const std::string& term : SplitFields(cells[1], '|')) {
      std::vector<std::string> words = Words(term);
      if (words.empty()) continue;
      const std::string start = words.front().substr(0, kStartBytes);
      if (!term.empty() && term.back() == '*') {
        if (words.back().size() < kStartBytes) {
          throw Exception(ErrorCode::kInternal, "topics.tsv: stem too short in '" + term + "'");
        }
        std::string stem = words.back();
        words.pop_back();
        prefixes_by_start_[start].push_back(prefixes_.size());
        prefixes_.push_back({std::move(words), std::move(stem), cells[0]});
      } else {
        std::size_t& most = exact_starts_[words.front()];
        most = std::max(most, words.size());
        exact_[Join(words, 0, words.size())] = cells[0];
      }
    }
  }
}

std::map<std::string, int> TopicTaxonomy::Count(std::string_view title,
                                                std::string_view text) const {
  const std::string lower_title = FoldWord(title);
  const std::string lower_text = FoldWord(text.substr(0, kScanBytes));
  return CountIn(FoldedWords(lower_title), FoldedWords(lower_text));
}

std::map<std::string, int> TopicTaxonomy::CountIn(
    const std::vector<std::string_view>& title_words,
    const std::vector<std::string_view>& text_words) const {
  std::map<std::string, int> counts;
  static const std::vector<std::size_t> kNone;
  const auto prefixes_starting = [&](std::string_view word) -> const std::vector<std::size_t>& {
    const auto it = prefixes_by_start_.find(word.substr(0, kStartBytes));
    return it == prefixes_by_start_.end() ? kNone : it->second;
  };
  const auto scan = [&](const std::vector<std::string_view>& words, int weight) {
    for (std::size_t i = 0; i < words.size();) {
      std::size_t matched = 0;
      const auto starts = exact_starts_.find(words[i]);
      const std::size_t most = starts == exact_starts_.end() ? 0 : starts->second;
      for (std::size_t n = std::min(most, words.size() - i); n > 0 && !matched; --n) {
        if (auto it = exact_.find(Join(words, i, n)); it != exact_.end()) {
          counts[it->second] += weight;
          matched = n;
        }
      }
      for (const std::size_t k : prefixes_starting(words[i])) {
        const Prefix& p = prefixes_[k];
        if (matched) break;
        const std::size_t n = p.head.size() + 1;
        if (i + n > words.size() || !words[i + n - 1].starts_with(p.stem)) continue;
        if (!std::equal(p.head.begin(), p.head.end(), words.begin() + static_cast<long>(i))) {
          continue;
        }
        counts[p.slug] += weight;
        matched = n;
      }
      i += matched ? matched : 1;
    }
  };
  scan(title_words, kTitleWeight);
  scan(text_words, 1);
  return counts;
}

std::vector<std::string> TopicTaxonomy::Detect(std::string_view title,
                                               std::string_view text) const {
  return DetectFolded(FoldWord(title), FoldWord(text.substr(0, kScanBytes)));
}

std::vector<std::string> TopicTaxonomy::DetectFolded(std::string_view lower_title,
                                                     std::string_view lower_text) const {
  const std::vector<std::string_view> text_words = FoldedWords(Head(lower_text, kScanBytes));
  const std::map<std::string, int> counts = CountIn(FoldedWords(lower_title), text_words);
  const double thousands = std::max(1.0, static_cast<double>(text_words.size()) / 1000.0);
  std::vector<std::pair<std::string, int>> ranked;
  for (const auto& [slug, count] : counts) {
    if (count >= kMinMentions && count / thousands >= kMinPerThousandWords) {
      ranked.emplace_back(slug, count);
    }
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::string> slugs;
  for (const auto& [slug, count] : ranked) {
    if (slugs.size() == kMaxDocumentTopics) break;
    slugs.push_back(slug);
  }
  return slugs;
}

const TopicTaxonomy& DefaultTopicTaxonomy() {
  // Immutable after construction; C++ makes its initialisation thread-safe.
  static const TopicTaxonomy kTaxonomy;
  return kTaxonomy;
}

}  // namespace archivist::enrich
