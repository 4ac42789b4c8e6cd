// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/extract/markdown.h"

#include <cmark.h>

#include <memory>

namespace archivist::extract {
namespace {

struct NodeFree {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct IterFree {
  void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};

// Where a front matter block ends: after its closing "---" line, or 0 when
// the text does not open with one. cmark would read it as a heading.
std::size_t FrontMatterEnd(std::string_view text) {
  if (!text.starts_with("---\n") && !text.starts_with("---\r\n")) return 0;
  std::size_t line = text.find('\n') + 1;
  while (line < text.size()) {
    std::size_t end = text.find('\n', line);
    if (end == std::string_view::npos) end = text.size();
    std::string_view content = text.substr(line, end - line);
    if (content.ends_with('\r')) content.remove_suffix(1);
    if (content == "---" || content == "...") return end < text.size() ? end + 1 : end;
    line = end + 1;
  }
  return 0;  // never closed: a thematic break, not front matter
}

// Markdown written for the first renderers puts no space after a heading's
// hashes ("##Aanwijzing mensenhandel"), which CommonMark reads as a
// paragraph starting with "##": the hashes then stand in every snippet.
// Such lines get their space back, outside fenced code.
std::string WithSpacedHeadings(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 64);
  bool in_fence = false;
  std::size_t line = 0;
  while (line < text.size()) {
    std::size_t end = text.find('\n', line);
    end = end == std::string_view::npos ? text.size() : end + 1;
    const std::string_view content = text.substr(line, end - line);
    if (content.starts_with("```") || content.starts_with("~~~")) in_fence = !in_fence;
    const std::size_t hashes = content.find_first_not_of('#');
    out += content;
    if (!in_fence && hashes >= 1 && hashes <= 6 && hashes < content.size()) {
      const char next = content[hashes];
      if (next != ' ' && next != '\t' && next != '\n' && next != '\r') {
        out.insert(out.size() - content.size() + hashes, 1, ' ');
      }
    }
    line = end;
  }
  return out;
}

bool EndsInSpace(const std::string& out) {
  return out.empty() || out.back() == ' ' || out.back() == '\n';
}

// The words of raw HTML: what stands between its tags, a tag parting the
// words on either side of it.
void AppendWithoutTags(std::string_view html, std::string& out) {
  bool in_tag = false;
  for (const char c : html) {
    if (c == '<') {
      in_tag = true;
    } else if (c == '>' && in_tag) {
      in_tag = false;
      if (!EndsInSpace(out)) out += ' ';
    } else if (!in_tag) {
      out += c;
    }
  }
}

bool EndsBlock(cmark_node_type type) {
  switch (type) {
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_LIST:
    case CMARK_NODE_ITEM:
    case CMARK_NODE_BLOCK_QUOTE:
    case CMARK_NODE_THEMATIC_BREAK:
      return true;
    default:
      return false;
  }
}

// Blocks are parted by a blank line, as in the source: the title reader
// (titles.h) takes a paragraph to be a run of lines between blank lines.
// A list's items are lines of one run, as a reader sees a list.
bool EndsWithBlankLine(cmark_node* node) {
  const cmark_node_type type = cmark_node_get_type(node);
  if (type == CMARK_NODE_ITEM) return false;
  if (type == CMARK_NODE_PARAGRAPH) {
    cmark_node* parent = cmark_node_parent(node);
    return parent == nullptr || cmark_node_get_type(parent) != CMARK_NODE_ITEM;
  }
  return true;
}

// Ends the current line, and the block with a blank line when asked; a
// block that gave no words adds no empty line.
void EndLine(std::string& out, bool blank_line = false) {
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  if (!out.empty()) out += blank_line ? "\n\n" : "\n";
}

}  // namespace

std::string MarkdownText(std::string_view markdown) {
  markdown.remove_prefix(FrontMatterEnd(markdown));
  const std::string source = WithSpacedHeadings(markdown);
  const std::unique_ptr<cmark_node, NodeFree> root(
      cmark_parse_document(source.data(), source.size(), CMARK_OPT_DEFAULT));
  if (!root) return source;  // out of memory: the source beats nothing
  const std::unique_ptr<cmark_iter, IterFree> iter(cmark_iter_new(root.get()));
  std::string out;
  out.reserve(source.size());
  cmark_event_type event;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    const cmark_node_type type = cmark_node_get_type(node);
    if (event == CMARK_EVENT_EXIT) {
      if (EndsBlock(type)) EndLine(out, EndsWithBlankLine(node));
      continue;
    }
    const char* literal = cmark_node_get_literal(node);
    switch (type) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        if (literal) out += literal;
        break;
      case CMARK_NODE_CODE_BLOCK:
        if (literal) out += literal;
        EndLine(out, true);
        break;
      case CMARK_NODE_HTML_BLOCK:
        if (literal) AppendWithoutTags(literal, out);
        EndLine(out, true);
        break;
      case CMARK_NODE_SOFTBREAK:
        out += ' ';
        break;
      case CMARK_NODE_LINEBREAK:
        out += '\n';
        break;
      case CMARK_NODE_HTML_INLINE:
        // "bezit<sup>1" reads "1" as a word of its own, not glued to the one before.
        if (!EndsInSpace(out)) out += ' ';
        break;
      case CMARK_NODE_THEMATIC_BREAK:
        EndLine(out, true);
        break;
      default:
        break;
    }
  }
  EndLine(out);
  return out;
}

}  // namespace archivist::extract
