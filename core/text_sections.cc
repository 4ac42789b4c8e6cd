// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/text_sections.h"

#include "core/varint.h"

namespace archivist {
namespace {

bool IsAsciiSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v'; }

}  // namespace

std::vector<std::size_t> SectionCuts(std::string_view page) {
  std::vector<std::size_t> cuts;
  std::size_t start = 0;
  while (page.size() - start > kTextSectionBytes) {
    std::size_t at = start + kTextSectionBytes;
    while (at < page.size() && !IsAsciiSpace(page[at])) ++at;
    if (at + 1 >= page.size()) break;
    cuts.push_back(at + 1);
    start = at + 1;
  }
  return cuts;
}

// The text's size, the number of sections, then each section: offset delta, then position delta times two plus one when
// the section starts a new page (pages advance by one at most: an empty
// page still has its section).
std::string PackTextLayout(const TextLayout& layout) {
  const std::vector<TextSection>& sections = layout.sections;
  std::string out;
  AppendVarint(out, layout.text_size);
  AppendVarint(out, static_cast<std::uint32_t>(sections.size()));
  TextSection previous;
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const TextSection& s = sections[i];
    AppendVarint(out, s.offset - previous.offset);
    const bool new_page = i > 0 && s.page != previous.page;
    AppendVarint(out, ((s.first_position - previous.first_position) << 1) | (new_page ? 1 : 0));
    previous = s;
  }
  return out;
}

std::optional<TextLayout> UnpackTextLayout(std::string_view packed) {
  TextLayout layout;
  std::uint32_t count = 0;
  if (!ReadVarint(packed, layout.text_size)) return std::nullopt;
  if (!ReadVarint(packed, count) || count > packed.size()) return std::nullopt;
  std::vector<TextSection>& sections = layout.sections;
  sections.reserve(count);
  TextSection current;
  for (std::uint32_t i = 0; i < count; ++i) {
    std::uint32_t offset_delta = 0;
    std::uint32_t position_delta = 0;
    if (!ReadVarint(packed, offset_delta) || !ReadVarint(packed, position_delta)) {
      return std::nullopt;
    }
    current.offset += offset_delta;
    current.first_position += position_delta >> 1;
    if (position_delta & 1) ++current.page;
    sections.push_back(current);
  }
  if (!packed.empty()) return std::nullopt;
  return layout;
}

}  // namespace archivist
