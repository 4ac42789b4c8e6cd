// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/country_tokens.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>

#include "indexer/enrich/phrases.h"

namespace archivist::enrich {

Tokens::Tokens(std::string_view folded) {
  // The list is sized once, from a first count: grown by doubling, a long
  // book's list (hundreds of thousands of words) held up to one and a half
  // times its size while it moved, and with the list of words it was made
  // from, most of what enriching the book took.
  std::size_t count = 0;
  FoldedWord word;
  for (FoldedWordReader words(folded); words.Next(word);) ++count;
  tokens_.reserve(count);
  // The sizes of the lower-case forms appended to lowered_, in word order:
  // their views are taken once lowered_ no longer grows.
  std::vector<std::size_t> lowered_sizes;
  std::size_t gap_start = 0;
  for (FoldedWordReader words(folded); words.Next(word);) {
    const std::string_view gap = folded.substr(gap_start, word.begin - gap_start);
    Token token;
    token.exact = word.text;
    token.capital = std::isupper(static_cast<unsigned char>(word.text.front())) != 0;
    token.line_start = tokens_.empty() || gap.find_first_of("\n\f") != std::string_view::npos;
    token.parenthesised = gap.find('(') != std::string_view::npos;
    token.joined = !tokens_.empty() && (gap.find_first_not_of(" \t") == std::string_view::npos ||
                                        gap == "-" || gap == "/");
    // The text is folded already: lower case is all FoldWord would add.
    const bool has_upper = std::any_of(word.text.begin(), word.text.end(), [](char c) {
      return (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
    });
    if (has_upper) {
      const std::string lower = LowerFolded(word.text);
      lowered_sizes.push_back(lower.size());
      lowered_ += lower;
    } else {
      token.lower = word.text;
    }
    tokens_.push_back(token);
    gap_start = word.end;
  }
  // A word is never empty, so a token whose lower form is still unset (no
  // data) is one whose form is in lowered_.
  std::size_t offset = 0;
  auto size = lowered_sizes.begin();
  for (Token& token : tokens_) {
    if (token.lower.data() != nullptr) continue;
    token.lower = std::string_view(lowered_).substr(offset, *size);
    offset += *size++;
  }
}

std::string Join(const std::vector<Token>& tokens, std::size_t from, std::size_t n, bool exact) {
  std::string key;
  for (std::size_t k = from; k < from + n; ++k) {
    if (k > from) key += ' ';
    key += exact ? tokens[k].exact : tokens[k].lower;
  }
  return key;
}

bool IsFunctionWord(std::string_view lower) {
  static const std::set<std::string, std::less<>> kWords = {
      "the", "of",  "in",  "to",        "from",       "and",      "for",     "with",  "by",  "on",
      "at",  "le",  "la",  "les",       "du",         "de",       "des",     "en",    "au",  "aux",
      "het", "van", "in",  "do",        "da",         "del",      "em",      "no",    "na",  "el",
      "los", "und", "im",  "von",       "der",        "die",      "das",     "y",     "e",   "et",
      "en",  "mr",  "mrs", "president", "government", "republic", "kingdom", "state", "lake"};
  return kWords.contains(lower);
}

bool FollowsAName(const std::vector<Token>& tokens, std::size_t at) {
  return at > 0 && tokens[at - 1].capital && tokens[at].joined &&
         !IsFunctionWord(tokens[at - 1].lower);
}

bool IsDateline(const std::vector<Token>& tokens, std::size_t at, std::size_t n) {
  static const std::set<std::string, std::less<>> kAgencies = {
      "reuters", "ap",  "afp",  "efe",   "ansa",  "dpa", "belga", "anp", "lusa", "xinhua",
      "upi",     "ips", "tass", "kyodo", "yonhap", "pti", "ians",  "irna", "apa", "sda"};
  if (!tokens[at].line_start) return false;
  for (std::size_t k = at; k < at + n; ++k) {
    const std::string_view word = tokens[k].exact;
    if (word.size() < 2 || std::any_of(word.begin(), word.end(), [](char c) {
          return c >= 'a' && c <= 'z';
        })) {
      return false;
    }
  }
  constexpr std::size_t kDatelineWords = 6;  // "PARIS, 3 mars 2014 (AFP)"
  for (std::size_t k = at + n; k < tokens.size() && k < at + n + kDatelineWords; ++k) {
    if (tokens[k].line_start) return false;
    if (tokens[k].parenthesised && kAgencies.contains(tokens[k].lower)) return true;
  }
  return false;
}

bool LooksLikePerson(const std::vector<Token>& tokens, std::size_t at, std::size_t n) {
  const std::size_t next = at + n;
  if (next < tokens.size() && tokens[next].capital && tokens[next].joined &&
      !IsFunctionWord(tokens[next].lower)) {
    return true;
  }
  return FollowsAName(tokens, at);
}

}  // namespace archivist::enrich
