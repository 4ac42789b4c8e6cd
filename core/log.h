// SPDX-License-Identifier: GPL-2.0-or-later
// A small logging facade: one line per event, "level component message k=v ...",
// written to stderr. Thread-safe: each line is written with one call.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace archivist {

enum class LogLevel { kDebug, kInfo, kWarning, kError };

using LogFields = std::initializer_list<std::pair<std::string_view, std::string>>;

// Lines below this level are dropped. Default: kInfo.
void SetLogLevel(LogLevel level);

void Log(LogLevel level, std::string_view component, std::string_view message,
         LogFields fields = {});

inline void LogInfo(std::string_view component, std::string_view message, LogFields fields = {}) {
  Log(LogLevel::kInfo, component, message, fields);
}
inline void LogWarning(std::string_view component, std::string_view message,
                       LogFields fields = {}) {
  Log(LogLevel::kWarning, component, message, fields);
}
inline void LogError(std::string_view component, std::string_view message,
                     LogFields fields = {}) {
  Log(LogLevel::kError, component, message, fields);
}

}  // namespace archivist
