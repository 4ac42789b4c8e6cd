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

// The layout as a value: varints of deltas. Sections must be in order.
std::string PackTextLayout(const TextLayout& layout);

// The layout a value packed; nullopt for a value that is not one (an index
// written before layouts were recorded has none: "").
std::optional<TextLayout> UnpackTextLayout(std::string_view packed);

}  // namespace archivist
