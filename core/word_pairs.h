// SPDX-License-Identifier: GPL-2.0-or-later
// Pair terms for phrases of frequent words. Xapian checks a phrase against
// the positions of its words in every document holding all of them, about
// a microsecond each: "child children" over an archive where both words
// are everywhere costs tens of milliseconds. So every document also holds,
// without positions, a term for each two frequent words it has side by
// side ("XWchild children"), and searchd answers such a phrase from those
// terms' posting lists.
//
// Which words are frequent is learnt from the index as it grows: the
// indexer adds the words found in at least half the documents, in
// generations (generation g's words include every earlier generation's).
// Each document carries the generation it was analysed with ("XG3"), so a
// document analysed before a word became frequent is known to lack that
// word's pairs, and its phrases are checked against positions as before.
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace archivist {

// A word is frequent once it is in at least this share of the documents...
inline constexpr double kFrequentWordShare = 0.5;
// ...of an index at least this large (fewer documents say little, and
// their phrases are cheap anyway).
inline constexpr Xapian::doccount kFrequentWordMinDocuments = 1000;

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

// Adds to `doc` (analysed: its words and their positions) a pair term for
// every two of `words` at adjacent positions, and the generation term.
// Boolean terms: the document's length and its words' weights are
// unchanged.
void AddWordPairs(Xapian::Document& doc, const PairWords& words);

// The words of `db` (unprefixed terms) in at least kFrequentWordShare of its
// documents that `known` lacks; none while `db` is smaller than
// `min_documents`.
std::vector<std::string> NewFrequentWords(const Xapian::Database& db, const PairWords& known,
                                          Xapian::doccount min_documents);

// What a searcher needs to know of an index's pair terms.
struct PairIndex {
  PairWords words;
  // Documents per generation term. Pairs are used only when every document
  // carries one: an index made before pair terms existed has none.
  std::map<int, Xapian::doccount> documents_by_generation;
  bool every_document_tagged = false;

  static PairIndex Read(const Xapian::Database& db);
};

// `query` with every phrase (OP_PHRASE, exact) of frequent words answered
// from pair terms: a two-word phrase becomes the AND of its words filtered
// by their pair term (the same matches and, as Xapian weighs a phrase like
// an AND of its words, the same weights); a longer one keeps its position
// check, but only for documents holding all its pairs. Documents analysed
// before a word of the phrase was frequent keep the position check. Other
// parts of the query are kept as they are. The index's pairs (PairIndex)
// are read only when `query` has a phrase.
Xapian::Query WithWordPairs(const Xapian::Query& query, const Xapian::Database& db);

}  // namespace archivist
