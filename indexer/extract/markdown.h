// SPDX-License-Identifier: GPL-2.0-or-later
// The words a reader sees in a Markdown file. Its source carries link
// targets ("[art. 273f](../../../wet/BWBR0001854/README.md)"), inline HTML
// ("<sup> 1 … </sup>"), emphasis markers and heading hashes; indexed raw,
// they came back in snippets and counted as words. The file is parsed by
// cmark-gfm (the CommonMark reference library with GitHub's extensions:
// tables, strikethrough, autolinks) and only its text is kept.
#pragma once

#include <string>
#include <string_view>

namespace archivist::extract {

struct MarkdownDocument {
  // Paragraphs, headings, list items and table rows each on their own line
  // (a table's cells parted by spaces, without its pipes and rules); code
  // kept; link and image targets, HTML tags and markup dropped (an image
  // keeps its description, an HTML block the words between its tags).
  std::string text;
  // The first heading ("#" or underlined), else an opening paragraph set
  // wholly in bold, which is how many converted documents mark their title;
  // empty when there is neither.
  std::string heading;
};

// `markdown` read as a reader sees it. A front matter block ("---" lines
// around "key: value" pairs) is neither text nor heading: the caller reads it.
MarkdownDocument ReadMarkdown(std::string_view markdown);

// ReadMarkdown(markdown).text.
std::string MarkdownText(std::string_view markdown);

}  // namespace archivist::extract
