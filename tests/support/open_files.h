// SPDX-License-Identifier: GPL-2.0-or-later
// The files this process holds open under a folder, from /proc/self/fd:
// what a test of readers that must close replaced files, or share one
// reader, can count.
#pragma once

#include <filesystem>
#include <string>
#include <system_error>

namespace archivist::testing {

// Files open under `folder`; with `deleted_only`, only those deleted since
// they were opened.
inline int FilesHeldOpen(const std::filesystem::path& folder, bool deleted_only = false) {
  int held = 0;
  for (const auto& fd : std::filesystem::directory_iterator("/proc/self/fd")) {
    std::error_code error;
    const std::string target = std::filesystem::read_symlink(fd.path(), error).string();
    if (error || target.rfind(folder.string(), 0) != 0) continue;
    if (!deleted_only || target.find(" (deleted)") != std::string::npos) ++held;
  }
  return held;
}

inline int DeletedFilesHeldOpen(const std::filesystem::path& folder) {
  return FilesHeldOpen(folder, /*deleted_only=*/true);
}

}  // namespace archivist::testing
