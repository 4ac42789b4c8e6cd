// SPDX-License-Identifier: GPL-2.0-or-later
// Where the words of a document's stored text sit, as Xapian positions: the
// text (core/schema.h kSlotText) is cut into sections of about half a
// kilobyte, at every page break and at whitespace inside long pages, and the writer
// records for each section its byte offset in the text, the position of its
// first word and its page. A hit's matching pages then come from its query
// terms' positions and its snippet from the one section that holds the best
// matches, so neither costs more in a 400-page document than in a short one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace archivist {

// The stored text is kept in blocks of this many bytes (core/schema.h
// kSlotText), cut anywhere: a reader joins the blocks it needs.
inline constexpr std::size_t kTextBlockBytes = 16384;

// A section starts at a page break or, inside a page, after the first
// whitespace this many bytes past the section's start. A snippet splits a
// section's words from its start up to its matches (engine/snippet.h): at
// 2 KiB that was about 230 words a hit, most of what an extra hit cost;
// the table grows by about three bytes a section (issue 19).
inline constexpr std::size_t kTextSectionBytes = 512;

struct TextSection {
  std::uint32_t offset = 0;          // byte offset of its first character in the stored text
  std::uint32_t first_position = 0;  // Xapian position its first word has (or would have)
  std::uint32_t page = 0;            // 0-based page it belongs to

  bool operator==(const TextSection&) const = default;
};

// Where `page` (from byte 0, as a page of the stored text) may be cut into
// sections: the byte offsets, after 0, at which a new section starts. Cuts
// fall just after ASCII whitespace, where no term of Xapian's term generator
// can span, so analysing the pieces one after another gives the terms and
// positions the whole page gives.
std::vector<std::size_t> SectionCuts(std::string_view page);

// A document's sections and the length of its stored text in bytes.
struct TextLayout {
  std::vector<TextSection> sections;
  std::uint32_t text_size = 0;

  bool operator==(const TextLayout&) const = default;
};

// The layout as a value: a header, then one entry a section of fixed
// width (each field as few bytes as the document's largest needs), so that
// a reader finds a hit's sections by binary search without decoding the
// others (TextSectionTable). Sections must be in order.
std::string PackTextLayout(const TextLayout& layout);

// The layout a value packed, this writer's or an earlier one's (varints of
// deltas, before issue 19's sixth round); nullopt for a value that is not
// one (an index written before layouts were recorded has none: "").
std::optional<TextLayout> UnpackTextLayout(std::string_view packed);

// A document's layout read in place from its value: a section is decoded
// only when asked for, so a hit whose matches lie in a few sections reads a
// few entries however long its document is (issue 19: unpacking the whole
// table was most of what a hit in a long document cost). A value of an
// earlier writer (varints of deltas) is converted once, whole.
// A damaged value may give sections out of order; every read stays inside
// the value. Not thread-safe (it counts the entries it decodes).
class TextSectionTable {
 public:
  // The table `value` holds; nullopt for a value that is not a layout.
  static std::optional<TextSectionTable> Read(std::string value);

  std::size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  // The length of the stored text in bytes.
  std::uint32_t text_size() const { return text_size_; }

  // Section i (i < size()).
  TextSection operator[](std::size_t i) const;
  // One field of section i (i < size()): a look-up that needs one field
  // decodes one rather than three (a hit in a long document looks up a
  // section for each of its matches, thousands for a frequent word).
  std::uint32_t offset(std::size_t i) const { return FieldOf(i, kOffset); }
  std::uint32_t first_position(std::size_t i) const { return FieldOf(i, kPosition); }
  std::uint32_t page(std::size_t i) const { return FieldOf(i, kPage); }
  // The section `position` falls in (the last starting at or before it);
  // size() for a position before the first (the title and other fields
  // come before the pages).
  std::size_t SectionOf(std::uint32_t position) const;
  // The section byte `at` of the text is in (the last starting at or
  // before it); 0 for a byte before the first.
  std::size_t SectionAtByte(std::size_t at) const;

  // How many fields have been decoded so far: what a hit read of its
  // layout, which should not grow with its document's length.
  std::size_t fields_read() const { return fields_read_; }

 private:
  enum Field { kOffset, kPosition, kPage };
  TextSectionTable() = default;
  std::uint32_t FieldOf(std::size_t i, Field field) const;
  // The first section whose `field` is greater than `value`.
  std::size_t UpperBound(Field field, std::uint32_t value) const;

  std::string value_;
  std::size_t entries_ = 0;  // where the entries start in value_
  std::size_t count_ = 0;
  std::uint32_t text_size_ = 0;
  std::uint8_t width_[3] = {0, 0, 0};  // bytes of each field, by Field
  std::size_t entry_width_ = 0;
  mutable std::size_t fields_read_ = 0;
};

}  // namespace archivist
