// SPDX-License-Identifier: GPL-2.0-or-later
// Reading a document's stored text, which the writer keeps in blocks
// (core/schema.h kSlotText, core/text_sections.h kTextBlockBytes): whole, for
// the document view, or a range at a time, for a snippet, so that a snippet
// reads a few blocks of a long document rather than all of them.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <xapian.h>

#include "core/text_blocks.h"

namespace archivist {

// The whole stored text of `doc`, its blocks joined.
std::string StoredTextOf(const Xapian::Document& doc);

// Ranges of one document's stored text, of `size` bytes (its TextLayout's),
// each block read once and inflated from the restart nearest before a range
// (core/text_blocks.h) only as far as the range needs it. `doc` must
// outlive the reader. Not thread-safe.
class StoredTextReader {
 public:
  StoredTextReader(const Xapian::Document& doc, std::size_t size) : doc_(doc), size_(size) {}

  std::size_t size() const { return size_; }

  // text[begin, end), clamped to the text (`size`): always that many
  // bytes, a damaged block's missing ones read as spaces.
  std::string Range(std::size_t begin, std::size_t end);

  // How many bytes Range has handed out so far: what a snippet read, which
  // should be about its window however deep in a long text it lies.
  std::size_t bytes_read() const { return bytes_read_; }

 private:
  // Bytes [from, to) of block k, clamped to it.
  std::string_view BlockRange(std::size_t k, std::size_t from, std::size_t to);

  // A block as read: packed (inflated as far as needed) or, from an
  // earlier writer, plain.
  struct ReadBlock {
    std::unique_ptr<TextBlockInflater> packed;
    std::string plain;
  };
  const Xapian::Document& doc_;
  std::size_t size_;
  std::size_t bytes_read_ = 0;
  std::map<std::size_t, ReadBlock> blocks_;
};

}  // namespace archivist
