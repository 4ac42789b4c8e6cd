// SPDX-License-Identifier: GPL-2.0-or-later
// Which of the archive's topics a document is substantially about, from a
// multilingual taxonomy (indexer/enrich/data/topics.tsv, compiled in).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/enrich/phrases.h"

namespace archivist::enrich {

// At most this many topics are kept per document.
inline constexpr std::size_t kMaxDocumentTopics = 4;

// Immutable once built; Detect() may run on many threads.
class TopicTaxonomy {
 public:
  // Parses the compiled-in taxonomy. Throws archivist::Exception
  // (kInternal) if it is malformed: a build defect.
  TopicTaxonomy();

  // The slugs of the topics `title` and `text` are substantially about, most
  // mentioned first: a topic needs several mentions and, in a long text, a
  // steady share of its words, so one passing "survey" makes no research
  // report. Title mentions count triple.
  std::vector<std::string> Detect(std::string_view title, std::string_view text) const;

  // Detect over a title and text already folded and lower-cased (core
  // FoldWord); as Detect, only the first 300,000 bytes of the text are read.
  std::vector<std::string> DetectFolded(std::string_view lower_title,
                                        std::string_view lower_text) const;

  // Mentions per topic: for tests and tuning.
  std::map<std::string, int> Count(std::string_view title, std::string_view text) const;

 private:
  struct Prefix {
    std::vector<std::string> head;  // whole words before the last
    std::string stem;               // the last word's beginning
    std::string slug;
  };
  // Counts over words already split: title mentions weigh kTitleWeight.
  std::map<std::string, int> CountIn(const std::vector<std::string_view>& title_words,
                                     const std::vector<std::string_view>& text_words) const;


  WordMap<std::string> exact_;  // words joined by ' ' → slug
  std::vector<Prefix> prefixes_;
  // Most words start no term: these let a word be passed after one lookup.
  WordMap<std::size_t> exact_starts_;                     // first word → most words
  WordMap<std::vector<std::size_t>> prefixes_by_start_;  // first 2 bytes
};

// The taxonomy the indexer shares between its threads; built on first use.
const TopicTaxonomy& DefaultTopicTaxonomy();

}  // namespace archivist::enrich
