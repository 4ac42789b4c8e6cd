// SPDX-License-Identifier: GPL-2.0-or-later
// Text folding shared by the indexer and searchd. Whatever is done to a
// document's text before Xapian's TermGenerator sees it is done to a query
// before Xapian's QueryParser sees it, so "securite" meets "sécurité" and
// "exploitation" meets "l'exploitation".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace archivist {

// Folds UTF-8 text for indexing and querying, keeping its case and layout:
// diacritics are removed (é→e, ç→c, ã→a), compatibility forms and ligatures
// are decomposed (ﬁ→fi), letters without a decomposition are spelled out
// (ß→ss, æ→ae, œ→oe, ø→o, ł→l, đ→d, þ→th), typographic apostrophes become
// ASCII ones, and French elisions are split (l'enfant → l enfant,
// qu'il → qu il) so the word after them is a term of its own.
// Invalid UTF-8 sequences become U+FFFD. Thread-safe.
std::string FoldText(std::string_view text);

// Whether `word` (ASCII letters, any case) is one of the French elided
// words FoldText splits from the word after their apostrophe ("l", "qu",
// "jusqu"...); none is longer than kLongestFrenchElision bytes. For a
// reader that must split text as FoldText does without folding it first.
inline constexpr std::size_t kLongestFrenchElision = 6;
bool IsFrenchElision(std::string_view word);

// FoldText and lower case: the form a single word has as an unstemmed term.
std::string FoldWord(std::string_view word);

// The lower case FoldWord adds, for text already folded by FoldText:
// LowerFolded(FoldText(t)) == FoldWord(t). Lets a caller that needs both
// forms of a long text fold it once.
std::string LowerFolded(std::string_view folded);

// "pt-BR" → "pt", "FR" → "fr"; empty or malformed → "und".
std::string NormaliseLanguage(std::string_view tag);

// Languages with a Snowball stemmer we use, as ISO 639-1 codes.
const std::vector<std::string>& StemmedLanguages();

}  // namespace archivist
