// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <string>
#include <string_view>

namespace archivist {

// SHA-256 of `bytes`, as 64 lower-case hex digits. Thread-safe.
std::string Sha256Hex(std::string_view bytes);

}  // namespace archivist
