// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/extract/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <memory>
#include <mutex>

namespace archivist::extract {
namespace {

struct NodeFree {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct IterFree {
  void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};
struct ParserFree {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};

// GitHub's extensions as archives meet them: tables of figures, struck-out
// words and bare web addresses. Registering them writes a global list, so
// it is done once, before any extraction thread looks an extension up.
std::unique_ptr<cmark_node, NodeFree> Parse(const std::string& source) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  const std::unique_ptr<cmark_parser, ParserFree> parser(cmark_parser_new(CMARK_OPT_DEFAULT));
  if (!parser) return nullptr;
  for (const char* name : {"table", "strikethrough", "autolink"}) {
    if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), extension);
    }
  }
  cmark_parser_feed(parser.get(), source.data(), source.size());
  return std::unique_ptr<cmark_node, NodeFree>(cmark_parser_finish(parser.get()));
}

// The table extension's nodes have no fixed type number: they are known by
// their names.
enum class TablePart { kNone, kTable, kRow, kCell };

TablePart TablePartOf(cmark_node* node) {
  const std::string_view name = cmark_node_get_type_string(node);
  if (name == "table") return TablePart::kTable;
  if (name == "table_row" || name == "table_header") return TablePart::kRow;
  if (name == "table_cell") return TablePart::kCell;
  return TablePart::kNone;
}

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

bool EndsBlock(cmark_node* node) {
  const TablePart part = TablePartOf(node);
  if (part == TablePart::kTable || part == TablePart::kRow) return true;
  switch (cmark_node_get_type(node)) {
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
  if (type == CMARK_NODE_ITEM || TablePartOf(node) == TablePart::kRow) return false;
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

// The words of an inline run (a heading's, a paragraph's), on one line.
std::string InlineText(cmark_node* node) {
  const std::unique_ptr<cmark_iter, IterFree> iter(cmark_iter_new(node));
  std::string out;
  cmark_event_type event;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    if (event != CMARK_EVENT_ENTER) continue;
    cmark_node* inner = cmark_iter_get_node(iter.get());
    switch (cmark_node_get_type(inner)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        if (const char* literal = cmark_node_get_literal(inner)) out += literal;
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
      case CMARK_NODE_HTML_INLINE:
        if (!EndsInSpace(out)) out += ' ';
        break;
      default:
        break;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// A paragraph whose every word is in bold ("**Annual report 2019**", or
// bold inside a link to the text's source): a title set by hand, the way
// converted Word files and web pages mark theirs.
bool IsWhollyBold(cmark_node* container) {
  bool any_bold = false;
  for (cmark_node* child = cmark_node_first_child(container); child != nullptr;
       child = cmark_node_next(child)) {
    switch (cmark_node_get_type(child)) {
      case CMARK_NODE_STRONG:
        any_bold = true;
        break;
      case CMARK_NODE_LINK:
      case CMARK_NODE_EMPH:
        if (!IsWhollyBold(child)) return false;
        any_bold = true;
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        break;
      case CMARK_NODE_TEXT: {
        const char* literal = cmark_node_get_literal(child);
        if (literal && std::string_view(literal).find_first_not_of(" \t") != std::string_view::npos) {
          return false;
        }
        break;
      }
      default:
        return false;
    }
  }
  return any_bold;
}

// The heading a reader takes for the document's: its opening block when
// that is a heading or a paragraph in bold (tables, HTML and rules before
// it are layout), else the first heading further on.
std::string HeadingOf(cmark_node* root) {
  bool opening = true;
  for (cmark_node* block = cmark_node_first_child(root); block != nullptr;
       block = cmark_node_next(block)) {
    const cmark_node_type type = cmark_node_get_type(block);
    if (type == CMARK_NODE_HEADING) {
      std::string heading = InlineText(block);
      if (!heading.empty()) return heading;
      continue;
    }
    if (!opening) continue;
    if (TablePartOf(block) == TablePart::kTable || type == CMARK_NODE_HTML_BLOCK ||
        type == CMARK_NODE_THEMATIC_BREAK) {
      continue;
    }
    opening = false;
    if (type == CMARK_NODE_PARAGRAPH && IsWhollyBold(block)) return InlineText(block);
  }
  return {};
}

std::string TextOf(cmark_node* root, std::size_t size_hint) {
  const std::unique_ptr<cmark_iter, IterFree> iter(cmark_iter_new(root));
  std::string out;
  out.reserve(size_hint);
  cmark_event_type event;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    if (event == CMARK_EVENT_EXIT) {
      if (EndsBlock(node)) {
        EndLine(out, EndsWithBlankLine(node));
      } else if (TablePartOf(node) == TablePart::kCell && !EndsInSpace(out)) {
        out += ' ';
      }
      continue;
    }
    const char* literal = cmark_node_get_literal(node);
    switch (cmark_node_get_type(node)) {
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

}  // namespace

MarkdownDocument ReadMarkdown(std::string_view markdown) {
  markdown.remove_prefix(FrontMatterEnd(markdown));
  std::string source = WithSpacedHeadings(markdown);
  const std::unique_ptr<cmark_node, NodeFree> root = Parse(source);
  if (!root) return {std::move(source), {}};  // out of memory: the source beats nothing
  return {TextOf(root.get(), source.size()), HeadingOf(root.get())};
}

std::string MarkdownText(std::string_view markdown) { return ReadMarkdown(markdown).text; }

}  // namespace archivist::extract
