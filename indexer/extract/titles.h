// SPDX-License-Identifier: GPL-2.0-or-later
// Which title a document gets when its metadata names none worth showing:
// word processors leave "COVER PAGE" or a section number ("IV") in a PDF's
// Info dictionary, and a results list of "IV" tells a reader nothing.
#pragma once

#include <string>
#include <string_view>

namespace archivist::extract {

// Whether `title` says nothing about its document: fewer than four letters
// ("IV", "1."), or a template's placeholder ("Cover page", "Untitled",
// "Document", "Slide 1").
bool IsPlaceholderTitle(std::string_view title);

// A title from the opening of a text: its first non-empty line, joined with
// the next when the first runs on into it (no closing punctuation, the next
// not empty), cut after a whole word at `max_bytes`. Empty for a text
// without a line.
std::string TitleFromOpening(std::string_view text, std::size_t max_bytes = 200);

// `s` without the white space (spaces, tabs, line and page breaks) around it.
std::string Trim(std::string_view s);

// At most `max_bytes` of `line`, cut after a whole word (or, for one long
// word, before a UTF-8 character), so a title never ends in half a character.
std::string ShortenAtWord(const std::string& line, std::size_t max_bytes);

}  // namespace archivist::extract
