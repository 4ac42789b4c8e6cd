// SPDX-License-Identifier: GPL-2.0-or-later
// What a document's title says about which work it is, beyond its text: a
// template's pages share most of their word shingles (the menus, the
// headers, the boilerplate of a reference page) and release notes of two
// versions share most of their sentences, yet "COMMIT PREPARED" and
// "ROLLBACK PREPARED", or "Git 2.30 Release Notes" and "Git 2.31 Release
// Notes", name two different works. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace archivist::works {

// The words of a title that carry its meaning: folded (FoldWord), without
// the stop words of `language` and without one-character words, each once,
// in title order. "The Future of this Book" → {"future", "book"}.
std::vector<std::string> TitleWords(std::string_view title, std::string_view language);

// The version or section numbers a title or heading carries: digits with
// a dot between them ("2.30", "1.4.2", "52.3."), or digits after a "v"
// ("v2"), as digits and dots only, each once, in order. Plain numbers (a
// year, "Article 34") are not taken: a translation may write a date in
// words and digits differently.
std::vector<std::string> TitleNumbers(std::string_view text);

// Whether two titles' words (TitleWords) name different things: each has
// a word the other lacks. A title grown by a word ("Report" and "Report,
// corrected") still names the same thing; "Commit prepared" and "Rollback
// prepared" do not. False when either has no words.
bool TitlesDiffer(const std::vector<std::string>& a, const std::vector<std::string>& b);

// Whether two documents' title numbers (TitleNumbers) differ: both carry
// some and they are not the same set. False when either carries none.
bool TitleNumbersDiffer(const std::vector<std::string>& a, const std::vector<std::string>& b);

}  // namespace archivist::works
