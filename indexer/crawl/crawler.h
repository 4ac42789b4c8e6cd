// SPDX-License-Identifier: GPL-2.0-or-later
// Walking archive roots: which files are candidates for the index.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"

namespace archivist::crawl {

// Name of the optional file at an archive root listing, one per line, glob
// patterns (fnmatch) of root-relative paths to leave out; '#' starts a comment.
inline constexpr std::string_view kIgnoreFileName = ".archivistignore";

// The paths are strings, not std::filesystem::path: a path object keeps its
// parsed components, allocated one by one, and copying two of them for each
// file was most of a no-change re-run's walk (issue 5).
struct FoundFile {
  std::string root;           // absolute, canonical
  std::string relative_path;  // '/'-separated, relative to root
  std::string absolute;       // root + '/' + relative_path
  std::uint64_t size = 0;
  std::int64_t mtime = 0;     // seconds since the epoch
  // Latest of its FILE.meta.json and the folder manifests above it; 0 when
  // there are none.
  std::int64_t sidecar_mtime = 0;
};

// A folder under a root that could not be listed (its permissions, say):
// its files are unknown, so it fails as a whole, with the reason.
struct UnreadableFolder {
  FoundFile folder;  // the folder's own path and stamps, as a file's would be
  std::string reason;
};

struct CrawlResult {
  std::vector<FoundFile> files;  // sorted by root, then path
  // Roots walked to the end. Only their documents may be removed from the
  // index when missing: an unmounted root must not empty the index.
  std::vector<std::filesystem::path> complete_roots;
  std::vector<Error> problems;  // unreadable roots, walks cut short, names not UTF-8
  // Folders the walk could not enter; the walk goes on past them, but their
  // root is not complete (what they held may still be there).
  std::vector<UnreadableFolder> unreadable_folders;
};

// Walks each root recursively. Skips hidden files and folders, names that
// are not UTF-8 (a problem each: records are JSON), sidecar
// metadata files, symbolic links and what the root's ignore file lists.
CrawlResult Crawl(const std::vector<std::filesystem::path>& roots);

}  // namespace archivist::crawl
