// SPDX-License-Identifier: GPL-2.0-or-later
// Finding fixed phrases ("press release", "my delegation", "enacts as
// follows") in folded text by its words: one pass over a text's words and a
// hash lookup per word, where a regular expression with word boundaries
// costs a backtracking matcher per character.
#pragma once

#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace archivist::enrich {

// A word of folded text (core FoldText or FoldWord): a run of ASCII letters
// and digits and of any non-ASCII bytes, with its byte offsets. The one
// definition of a word for enrichment: countries, topics and document types
// split text with it.
struct FoldedWord {
  std::string_view text;
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The words of `folded`, which must outlive them.
std::vector<FoldedWord> SplitFoldedWords(std::string_view folded);

// The same words one at a time, for a reader that needs no list of them: a
// long book's list (hundreds of thousands of words, 32 bytes each) is
// several times the size of its text.
class FoldedWordReader {
 public:
  // `folded` must outlive the reader and the words it gives.
  explicit FoldedWordReader(std::string_view folded) : folded_(folded) {}

  // Sets `word` to the next word and returns true, or returns false at the
  // end of the text.
  bool Next(FoldedWord& word);

 private:
  std::string_view folded_;
  std::size_t at_ = 0;
};

// A table keyed by word that is looked up by string_view, without a copy
// per word of a text: the detectors look up every word they read.
struct WordHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view word) const { return std::hash<std::string_view>{}(word); }
};
template <typename Value>
using WordMap = std::unordered_map<std::string, Value, WordHash, std::equal_to<>>;

// A set of phrases, each given as folded words separated by single spaces
// ("sa majeste sur l avis"). Punctuation between a text's words is not
// compared: "thank you, mr" is the phrase "thank you mr". Immutable once
// built; thread-safe to read.
class PhraseSet {
 public:
  PhraseSet(std::initializer_list<std::string_view> phrases);
  // The same from a list read at run time (a data file's column).
  explicit PhraseSet(const std::vector<std::string>& phrases);

  // The number (0-based, in the order given) of the longest phrase that
  // starts at words[at], or -1.
  int MatchAt(const std::vector<FoldedWord>& words, std::size_t at) const;

  // Whether any phrase occurs in `words`.
  bool FoundIn(const std::vector<FoldedWord>& words) const;

 private:
  struct Phrase {
    std::vector<std::string> rest;  // the words after the first
    int number = 0;
  };
  void Add(const std::vector<std::string_view>& phrases);

  WordMap<std::vector<Phrase>> by_first_word_;
};

}  // namespace archivist::enrich
