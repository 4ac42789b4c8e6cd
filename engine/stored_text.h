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

#include <xapian.h>

#include "core/text_blocks.h"

namespace archivist {

// The whole stored text of `doc`, its blocks joined.
std::string StoredTextOf(const Xapian::Document& doc);

// Ranges of one document's stored text, of `size` bytes (its TextLayout's),
// each block read once and inflated only as far as a range needs it (and
// again, further, when a later range needs more). `doc` must outlive the
// reader. Not thread-safe.
class StoredTextReader {
 public:
  StoredTextReader(const Xapian::Document& doc, std::size_t size) : doc_(doc), size_(size) {}

  std::size_t size() const { return size_; }

  // text[begin, end), clamped to the text.
  std::string Range(std::size_t begin, std::size_t end);

 private:
  // Block k, or at least its first `bytes` bytes.
  const std::string& Block(std::size_t k, std::size_t bytes);

  // A block as read: packed (inflated as far as needed) or, from an
  // earlier writer, plain.
  struct ReadBlock {
    std::unique_ptr<TextBlockInflater> packed;
    std::string plain;
  };
  const Xapian::Document& doc_;
  std::size_t size_;
  std::map<std::size_t, ReadBlock> blocks_;
};

}  // namespace archivist
