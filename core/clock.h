// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <string>

namespace archivist {

// The current time as "YYYY-MM-DDTHH:MM:SSZ" (RFC 3339, UTC), as stored in
// the index metadata and written in feeds. Thread-safe.
std::string NowUtcRfc3339();

}  // namespace archivist
