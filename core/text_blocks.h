// SPDX-License-Identifier: GPL-2.0-or-later
// How a block of stored text (core/text_sections.h kTextBlockBytes) is kept
// in its value slot: compressed with zlib, a block at a time, so a snippet
// still reads only the blocks around its window. Text is most of what an
// index would otherwise hold beside the terms (the bench corpus: 66 MiB of
// a 212 MiB index), and prose compresses to about a third.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace archivist {

// `block` (at most kTextBlockBytes) compressed.
std::string PackTextBlock(std::string_view block);

// The block `packed` holds; nullopt when it is not a packed block of at
// most kTextBlockBytes (a damaged value).
std::optional<std::string> UnpackTextBlock(std::string_view packed);

// Inflates one packed block a part at a time, going on from where it
// stopped: reading a block's sections in order inflates it once, and only
// as far as they reach (a snippet reads a few kilobytes of a 16 KiB block;
// inflating whole blocks was a seventh of a search's instructions).
// Not thread-safe.
class TextBlockInflater {
 public:
  // `packed` as PackTextBlock made it.
  explicit TextBlockInflater(std::string packed);
  ~TextBlockInflater();
  TextBlockInflater(const TextBlockInflater&) = delete;
  TextBlockInflater& operator=(const TextBlockInflater&) = delete;

  // At least the first `bytes` bytes of the block (all of it when it is
  // shorter); "" once the block shows itself damaged, as UnpackTextBlock
  // refuses it. The reference stays valid until the next call.
  const std::string& Prefix(std::size_t bytes);

 private:
  struct Stream;
  std::string packed_;
  std::string out_;
  std::unique_ptr<Stream> stream_;
  bool ended_ = false;  // the whole block is in out_ (or it was damaged)
};

}  // namespace archivist
