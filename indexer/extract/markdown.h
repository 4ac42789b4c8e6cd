// SPDX-License-Identifier: GPL-2.0-or-later
// The words a reader sees in a Markdown file. Its source carries link
// targets ("[art. 273f](../../../wet/BWBR0001854/README.md)"), inline HTML
// ("<sup> 1 … </sup>"), emphasis markers and heading hashes; indexed raw,
// they came back in snippets and counted as words. The file is parsed by
// cmark (the CommonMark reference library) and only its text is kept.
#pragma once

#include <string>
#include <string_view>

namespace archivist::extract {

// The text of `markdown` as a reader sees it: paragraphs, headings, list
// items and table rows each on their own line; code kept; link and image
// targets, HTML tags and markup dropped (an image keeps its description,
// an HTML block the words between its tags). A front matter block ("---"
// lines around "key: value" pairs) is not text: the caller reads it.
std::string MarkdownText(std::string_view markdown);

}  // namespace archivist::extract
