// SPDX-License-Identifier: GPL-2.0-or-later
// The compiled-in stop word lists (core/data/stopwords.tsv), without Xapian:
// the analysis (analysis.h) builds its stoppers from them, and code that
// compares a few words of text itself (the work features' titles) reads
// them here.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace archivist {

// Each language's stop words (ISO 639-1 code → words after FoldWord).
// Built once, read-only after; thread-safe.
const std::map<std::string, std::set<std::string, std::less<>>, std::less<>>& StopWordLists();

// Whether `folded_word` (after FoldWord) is a stop word of `language`;
// false for a language without a list. Thread-safe.
bool IsStopWord(std::string_view language, std::string_view folded_word);

}  // namespace archivist
