// SPDX-License-Identifier: GPL-2.0-or-later
// A text's words as country detection reads them (countries.cc): each with
// its case, where its line starts and what parts it from the word before,
// and the readings that tell a country's name inside another name ("Steve
// Greenland", "Michael Jordan") or in a news story's dateline from a
// mention of the country.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"

namespace archivist::enrich {

struct Token {
  std::string_view lower;    // folded, lower case
  std::string_view exact;    // folded, case kept
  bool capital = false;      // starts with an upper-case letter
  bool line_start = false;   // a line or page starts with it
  // Only spaces (or one hyphen, a slash) part it from the word before, as
  // the words of one name are parted ("Steve Greenland", "Ouest-France");
  // a comma or a bar parts a place from its country ("Helmand, Afghanistan",
  // "Human Trafficking | Florida Department").
  bool joined = false;
  bool parenthesised = false;  // an opening parenthesis comes before it
};

// A text's words, viewing the folded text and a buffer of the lower-case
// forms that differ from it: no string per word (allocating two per word
// was half of what country detection cost).
class Tokens {
 public:
  // `folded` (core FoldText) must outlive the tokens.
  explicit Tokens(std::string_view folded);

  Tokens(const Tokens&) = delete;
  Tokens& operator=(const Tokens&) = delete;

  const std::vector<Token>& list() const { return tokens_; }

 private:
  std::string lowered_;
  std::vector<Token> tokens_;
};

// Tokens over text it folds itself, and keeps.
class OwnTokens {
 public:
  explicit OwnTokens(std::string_view text) : folded_(FoldText(text)), tokens_(folded_) {}
  const std::vector<Token>& list() const { return tokens_.list(); }

 private:
  const std::string folded_;
  const Tokens tokens_;
};

// The words from..from+n joined by spaces, lower case or as written.
std::string Join(const std::vector<Token>& tokens, std::size_t from, std::size_t n, bool exact);

// Small words that sit between a capitalised word and a country name
// without making the two one name ("Kingdom of Jordan", "the Chad").
bool IsFunctionWord(std::string_view lower);

// True when the word at `at` continues a name begun by the capitalised word
// before it ("Steve Greenland", "George Washington"), not a place after its
// region ("Helmand, Afghanistan") or a heading after a separator.
bool FollowsAName(const std::vector<Token>& tokens, std::size_t at);

// True when the mention at `at` (n words) is a news story's dateline: the
// place it was filed from, in capitals at the head of its line, before the
// agency in parentheses ("WASHINGTON (Reuters) -", "PARIS, 3 mars (AFP) -").
bool IsDateline(const std::vector<Token>& tokens, std::size_t at, std::size_t n);

// A country name that is also a person's name ("Michael Jordan", "Chad
// Smith") is a person when a capitalised word runs into it without a
// sentence break.
bool LooksLikePerson(const std::vector<Token>& tokens, std::size_t at, std::size_t n);

}  // namespace archivist::enrich
