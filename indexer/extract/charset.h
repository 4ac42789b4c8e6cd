// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <string>
#include <string_view>

namespace archivist::extract {

bool IsValidUtf8(std::string_view bytes);

// Returns `bytes` as UTF-8: unchanged when already valid UTF-8 (a BOM is
// dropped), otherwise decoded as Windows-1252, the usual charset of older
// Western European text files, which is a superset of printable Latin-1.
std::string ToUtf8(std::string_view bytes);

}  // namespace archivist::extract
