// SPDX-License-Identifier: GPL-2.0-or-later
// How a block of stored text (core/text_sections.h kTextBlockBytes) is kept
// in its value slot: compressed with zlib, a block at a time, so a snippet
// still reads only the blocks around its window. Text is most of what an
// index would otherwise hold beside the terms (the bench corpus: 66 MiB of
// a 212 MiB index), and prose compresses to about a third.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace archivist {

// `block` (at most kTextBlockBytes) compressed.
std::string PackTextBlock(std::string_view block);

// The block `packed` holds; nullopt when it is not a packed block of at
// most kTextBlockBytes (a damaged value).
std::optional<std::string> UnpackTextBlock(std::string_view packed);

// The first `bytes` bytes of the block `packed` holds (the whole block when
// it is shorter), inflating no further: a snippet reads a few kilobytes of a
// 16 KiB block, and inflating was a seventh of a search's instructions.
// nullopt when what it inflates is not a packed block; damage after the
// prefix goes unseen (the whole block's checksum is checked only when
// `bytes` covers a whole block, through UnpackTextBlock).
std::optional<std::string> UnpackTextBlockPrefix(std::string_view packed, std::size_t bytes);

}  // namespace archivist
