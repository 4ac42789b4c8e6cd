// SPDX-License-Identifier: GPL-2.0-or-later
// Tidying text that came out of a layout engine (PDF pages), before it is
// stored and indexed.
#pragma once

#include <string>
#include <string_view>

namespace archivist::extract {

// NFKC-normalises `utf8` (ligatures such as "ﬁ" become "fi", full-width and
// compatibility forms become plain letters), drops soft hyphens, and joins
// words hyphenated across a line break ("traf-\nficking" → "trafficking\n")
// when a lower-case letter comes on both sides. Form feeds become line
// breaks: the result is one page's text. Invalid UTF-8 becomes U+FFFD.
std::string CleanLayoutText(std::string_view utf8);

// How many characters of `utf8` are not white space.
std::size_t CountNonSpace(std::string_view utf8);

}  // namespace archivist::extract
