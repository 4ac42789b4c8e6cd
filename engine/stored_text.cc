// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/stored_text.h"

#include <algorithm>

#include "core/schema.h"
#include "core/text_blocks.h"
#include "core/text_sections.h"

namespace archivist {
namespace {

// Block k of `doc`'s text as stored: compressed in kSlotPackedText + k since
// issue 19 ("" when it is not), plain in kSlotText and kSlotTextBlocks up
// before. "" past the last block.
std::string PackedBlockOf(const Xapian::Document& doc, std::size_t k) {
  return doc.get_value(static_cast<Xapian::valueno>(schema::kSlotPackedText + k));
}

std::string PlainBlockOf(const Xapian::Document& doc, std::size_t k) {
  return doc.get_value(k == 0 ? schema::kSlotText
                              : static_cast<Xapian::valueno>(schema::kSlotTextBlocks + k - 1));
}

std::string BlockOf(const Xapian::Document& doc, std::size_t k) {
  const std::string packed = PackedBlockOf(doc, k);
  if (!packed.empty()) return UnpackTextBlock(packed).value_or(std::string());
  return PlainBlockOf(doc, k);
}

}  // namespace

std::string StoredTextOf(const Xapian::Document& doc) {
  std::string text = BlockOf(doc, 0);
  // Only a full block can have a next one.
  for (std::size_t k = 1; text.size() == k * kTextBlockBytes; ++k) {
    const std::string block = BlockOf(doc, k);
    if (block.empty()) break;
    text += block;
  }
  return text;
}

std::string_view StoredTextReader::BlockRange(std::size_t k, std::size_t from, std::size_t to) {
  auto it = blocks_.find(k);
  if (it == blocks_.end()) {
    ReadBlock block;
    if (std::string packed = PackedBlockOf(doc_, k); !packed.empty()) {
      block.packed = std::make_unique<TextBlockInflater>(std::move(packed));
    } else {
      block.plain = PlainBlockOf(doc_, k);
    }
    it = blocks_.emplace(k, std::move(block)).first;
  }
  ReadBlock& block = it->second;
  if (block.packed) return block.packed->Range(from, to);
  const std::string_view plain = block.plain;
  return from < plain.size() ? plain.substr(from, std::min(to, plain.size()) - from) : "";
}

std::string StoredTextReader::Range(std::size_t begin, std::size_t end) {
  end = std::min(end, size_);
  std::string out;
  if (begin >= end) return out;
  out.reserve(end - begin);
  for (std::size_t k = begin / kTextBlockBytes; k * kTextBlockBytes < end; ++k) {
    const std::size_t block_begin = k * kTextBlockBytes;
    const std::size_t from = std::max(begin, block_begin) - block_begin;
    const std::size_t to = std::min(end, block_begin + kTextBlockBytes) - block_begin;
    const std::string_view read = BlockRange(k, from, to);
    out += read;
    // A damaged index can hold less text than its layout says (a block cut
    // short, missing or not inflating): its missing bytes read as spaces,
    // so that a range is always as long as asked and the byte offsets the
    // snippet's word splitter computes from the layout stay inside what
    // was read.
    out.append(to - from - read.size(), ' ');
  }
  bytes_read_ += out.size();
  return out;
}

}  // namespace archivist
