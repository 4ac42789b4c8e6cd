// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/template_blocks.h"

#include "core/hash.h"

namespace archivist {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// A line holding only white space ends a paragraph.
bool BlankLine(std::string_view line) {
  for (const char c : line) {
    if (!IsSpace(c)) return false;
  }
  return true;
}

std::string Collapsed(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const bool space = IsSpace(c) || c == '\n';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

std::vector<TemplateBlock> TemplateBlocksOf(std::string_view text) {
  std::vector<TemplateBlock> blocks;
  std::size_t start = std::string_view::npos;  // the open paragraph's start
  std::size_t at = 0;
  const auto close = [&](std::size_t end) {
    if (start == std::string_view::npos) return;
    const std::string words = Collapsed(text.substr(start, end - start));
    if (words.size() >= kMinTemplateBlockBytes) {
      blocks.push_back({start, end, Sha256Hex(words).substr(0, 16)});
    }
    start = std::string_view::npos;
  };
  while (at <= text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    if (BlankLine(text.substr(at, end - at))) {
      close(at);
    } else if (start == std::string_view::npos) {
      start = at;
    }
    at = end + 1;
  }
  close(text.size());
  return blocks;
}

std::string WithoutTemplateBlocks(std::string_view text, const std::set<std::string>& keys) {
  if (keys.empty()) return std::string(text);
  std::string out;
  std::size_t kept_from = 0;
  for (const TemplateBlock& block : TemplateBlocksOf(text)) {
    if (!keys.count(block.key)) continue;
    out.append(text.substr(kept_from, block.start - kept_from));
    kept_from = block.end;
    // The blank line after the block goes with it.
    while (kept_from < text.size() && (text[kept_from] == '\n' || IsSpace(text[kept_from]))) {
      ++kept_from;
    }
  }
  out.append(text.substr(kept_from));
  return out;
}

std::string TemplateFolderKey(std::string_view folder) { return Sha256Hex(folder).substr(0, 16); }

}  // namespace archivist
