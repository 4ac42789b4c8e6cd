// SPDX-License-Identifier: GPL-2.0-or-later
// A site's template blocks (issue 18): a paragraph printed verbatim on many
// pages of one folder (a footer without <footer>, a "this guide was
// rewritten" notice, a sidebar in a plain div) is page furniture, which no
// tag marks. This file says what a block is and how it is named; the
// indexer counts the pages holding each one through index terms and leaves
// the repeated ones out of a page's text, snippets and enrichment.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace archivist {

// One paragraph of a text (lines between blank lines), long enough to be
// a template block: its bytes in the text, and its key (16 hex digits of
// the SHA-256 of its words, white space collapsed).
struct TemplateBlock {
  std::size_t start = 0;
  std::size_t end = 0;
  std::string key;
};

// A paragraph shorter than this (in bytes, white space collapsed) is too
// common to be a site's own ("Next", "Table of Contents").
inline constexpr std::size_t kMinTemplateBlockBytes = 40;

// The template block candidates of `text`, in order. Thread-safe.
std::vector<TemplateBlock> TemplateBlocksOf(std::string_view text);

// `text` without its paragraphs whose key is in `keys`.
std::string WithoutTemplateBlocks(std::string_view text, const std::set<std::string>& keys);

// The key of a page's folder (16 hex digits of its path's SHA-256), which
// blocks are counted in: a folder is one site's or one manual's pages.
std::string TemplateFolderKey(std::string_view folder);

}  // namespace archivist
