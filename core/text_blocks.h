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

}  // namespace archivist
