// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/text_sections.h"

#include <algorithm>
#include <cstdint>

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

namespace {

// A value of this writer opens with these two bytes. An earlier writer's
// value opens with the text's size and the section count as varints: 0 then
// 0xFE would be an empty text of at least 126 sections, which no writer
// made (an empty text is one page, one section at most).
constexpr char kTableTag[2] = {'\0', '\xFE'};

std::uint8_t BytesFor(std::uint32_t largest) {
  std::uint8_t bytes = 0;
  while (largest != 0) {
    ++bytes;
    largest >>= 8;
  }
  return bytes;
}

void AppendFixed(std::string& out, std::uint32_t n, std::uint8_t bytes) {
  for (std::uint8_t k = 0; k < bytes; ++k) out += static_cast<char>((n >> (8 * k)) & 0xff);
}

// The layout an earlier writer packed: the text's size, the number of
// sections, then each section's offset delta and its position delta times
// two, plus one when it starts a new page.
std::optional<TextLayout> UnpackDeltaLayout(std::string_view packed) {
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

}  // namespace

// The tag, the text's size and the number of sections as varints, the
// bytes each field takes (offset, position, page), then each section's
// three fields, little-endian. A field no section sets (the page of a
// one-page text) takes none.
std::string PackTextLayout(const TextLayout& layout) {
  const std::vector<TextSection>& sections = layout.sections;
  std::uint32_t largest[3] = {0, 0, 0};
  for (const TextSection& s : sections) {
    largest[0] = std::max(largest[0], s.offset);
    largest[1] = std::max(largest[1], s.first_position);
    largest[2] = std::max(largest[2], s.page);
  }
  const std::uint8_t width[3] = {BytesFor(largest[0]), BytesFor(largest[1]), BytesFor(largest[2])};
  std::string out(kTableTag, sizeof kTableTag);
  AppendVarint(out, layout.text_size);
  AppendVarint(out, static_cast<std::uint32_t>(sections.size()));
  for (std::uint8_t w : width) out += static_cast<char>(w);
  out.reserve(out.size() + sections.size() * (width[0] + width[1] + width[2]));
  for (const TextSection& s : sections) {
    AppendFixed(out, s.offset, width[0]);
    AppendFixed(out, s.first_position, width[1]);
    AppendFixed(out, s.page, width[2]);
  }
  return out;
}

std::optional<TextLayout> UnpackTextLayout(std::string_view packed) {
  if (!packed.starts_with(std::string_view(kTableTag, sizeof kTableTag))) {
    return UnpackDeltaLayout(packed);
  }
  std::optional<TextSectionTable> table = TextSectionTable::Read(std::string(packed));
  if (!table) return std::nullopt;
  TextLayout layout;
  layout.text_size = table->text_size();
  layout.sections.reserve(table->size());
  for (std::size_t i = 0; i < table->size(); ++i) layout.sections.push_back((*table)[i]);
  return layout;
}

std::optional<TextSectionTable> TextSectionTable::Read(std::string value) {
  const std::string_view tag(kTableTag, sizeof kTableTag);
  if (!std::string_view(value).starts_with(tag)) {
    // An earlier writer's deltas: converted once, whole (indexes analysed
    // before the fixed-width table; kAnalysisVersion rewrites them).
    const std::optional<TextLayout> layout = UnpackDeltaLayout(value);
    if (!layout) return std::nullopt;
    value = PackTextLayout(*layout);
  }
  std::string_view in(value);
  in.remove_prefix(tag.size());
  TextSectionTable table;
  std::uint32_t count = 0;
  if (!ReadVarint(in, table.text_size_) || !ReadVarint(in, count) || in.size() < 3) {
    return std::nullopt;
  }
  for (std::size_t k = 0; k < 3; ++k) {
    table.width_[k] = static_cast<std::uint8_t>(in[k]);
    if (table.width_[k] > 4) return std::nullopt;
  }
  in.remove_prefix(3);
  table.entry_width_ = std::size_t{table.width_[0]} + table.width_[1] + table.width_[2];
  // Every section takes a byte at least, whatever its widths say: a count
  // is checked against the value's size before it is multiplied.
  if (count > in.size() && table.entry_width_ != 0) return std::nullopt;
  if (in.size() != count * table.entry_width_) return std::nullopt;
  table.count_ = count;
  table.entries_ = value.size() - in.size();
  table.value_ = std::move(value);
  return table;
}

std::uint32_t TextSectionTable::FieldOf(std::size_t i, Field field) const {
  ++fields_read_;
  std::size_t at = entries_ + i * entry_width_;
  for (int k = 0; k < field; ++k) at += width_[k];
  std::uint32_t n = 0;
  for (std::uint8_t k = 0; k < width_[field]; ++k) {
    n |= static_cast<std::uint32_t>(static_cast<unsigned char>(value_[at + k])) << (8 * k);
  }
  return n;
}

TextSection TextSectionTable::operator[](std::size_t i) const {
  return {FieldOf(i, kOffset), FieldOf(i, kPosition), FieldOf(i, kPage)};
}

std::size_t TextSectionTable::UpperBound(Field field, std::uint32_t value) const {
  std::size_t low = 0;
  std::size_t high = count_;
  while (low < high) {
    const std::size_t middle = low + (high - low) / 2;
    if (value < FieldOf(middle, field)) {
      high = middle;
    } else {
      low = middle + 1;
    }
  }
  return low;
}

std::size_t TextSectionTable::SectionOf(std::uint32_t position) const {
  const std::size_t after = UpperBound(kPosition, position);
  return after == 0 ? count_ : after - 1;
}

std::size_t TextSectionTable::SectionAtByte(std::size_t at) const {
  if (at > UINT32_MAX) at = UINT32_MAX;
  const std::size_t after = UpperBound(kOffset, static_cast<std::uint32_t>(at));
  return after == 0 ? 0 : after - 1;
}

}  // namespace archivist
