// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/clock.h"

#include <ctime>

namespace archivist {

std::string NowUtcRfc3339() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

}  // namespace archivist
