// SPDX-License-Identifier: GPL-2.0-or-later
// The pair-word vocabulary both programs share: which words are frequent,
// and the term of two of them side by side.
//
// Xapian checks a phrase against the positions of its words in every
// document holding all of them, about a microsecond each: "child children"
// over an archive where both words are everywhere costs tens of
// milliseconds. So every document also holds, without positions, a term
// for each two frequent words it has side by side ("XWchild children"),
// added by the indexer (indexer/writer/pair_terms.h), and searchd answers
// such a phrase from those terms' posting lists (engine/word_pairs.h).
//
// Which words are frequent is learnt from the index as it grows: the
// indexer adds the words found in at least half the documents, in
// generations (generation g's words include every earlier generation's).
// Each document carries the generation it was analysed with ("XG3"), so a
// document analysed before a word became frequent is known to lack that
// word's pairs, and its phrases are checked against positions as before.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace archivist {

// The frequent words, with the generation each joined in.
class PairWords {
 public:
  // The index's list (schema::kPairWordsKey), "" for none yet. Lines that
  // cannot be read are skipped: a word missing from the list only costs
  // its phrases their speed, never a match.
  static PairWords Parse(std::string_view stored);
  std::string Serialise() const;

  // The generation documents are analysed with now: 0 before any word.
  int generation() const { return generation_; }
  // The generation `word` joined in, or -1 when it is not a frequent word.
  int GenerationOf(const std::string& word) const;
  bool empty() const { return generation_of_.empty(); }
  std::size_t size() const { return generation_of_.size(); }

  // Starts the next generation with `words` (those already known are
  // skipped); no new generation when none is new.
  void AddGeneration(const std::vector<std::string>& words);

 private:
  std::unordered_map<std::string, int> generation_of_;
  int generation_ = 0;
};

// The pair term of two words, or "" when it would be longer than Xapian
// allows a term to be (such a pair is never stored, nor looked for).
std::string PairTermOf(std::string_view first, std::string_view second);

}  // namespace archivist
