// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/log.h"

#include <unistd.h>

#include <atomic>
#include <string>

namespace archivist {
namespace {

std::atomic<LogLevel> g_min_level{LogLevel::kInfo};

std::string_view LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return "debug";
    case LogLevel::kInfo: return "info";
    case LogLevel::kWarning: return "warning";
    case LogLevel::kError: return "error";
  }
  return "info";
}

// Values with spaces or quotes are quoted so a line stays machine-splittable.
void AppendValue(std::string& line, const std::string& value) {
  const bool needs_quotes =
      value.empty() || value.find_first_of(" \t\"=\n") != std::string::npos;
  if (!needs_quotes) {
    line += value;
    return;
  }
  line += '"';
  for (char c : value) {
    if (c == '"' || c == '\\') line += '\\';
    line += (c == '\n') ? ' ' : c;
  }
  line += '"';
}

}  // namespace

void SetLogLevel(LogLevel level) { g_min_level.store(level); }

void Log(LogLevel level, std::string_view component, std::string_view message,
         LogFields fields) {
  if (level < g_min_level.load()) return;
  std::string line;
  line.reserve(128);
  line += LevelName(level);
  line += ' ';
  line += component;
  line += ": ";
  line += message;
  for (const auto& [key, value] : fields) {
    line += ' ';
    line += key;
    line += '=';
    AppendValue(line, value);
  }
  line += '\n';
  // One write() per line keeps lines from different threads whole.
  [[maybe_unused]] ssize_t written = ::write(STDERR_FILENO, line.data(), line.size());
}

}  // namespace archivist
