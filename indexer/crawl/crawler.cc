// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/crawl/crawler.h"

#include <dirent.h>
#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "indexer/enrich/sidecar.h"
#include "indexer/extract/charset.h"

namespace archivist::crawl {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> ReadIgnorePatterns(const fs::path& root) {
  std::vector<std::string> patterns;
  std::ifstream in(root / std::string(kIgnoreFileName));
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    patterns.push_back(line);
  }
  return patterns;
}

bool Ignored(const std::string& relative, const std::vector<std::string>& patterns) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& pattern) {
    return fnmatch(pattern.c_str(), relative.c_str(), 0) == 0;
  });
}


// `path` for a message when it is not valid UTF-8: bytes from 0x80 up as
// "\xHH" (which is lossy for the valid ones, but only names it).
std::string Escaped(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : path) {
    const auto byte = static_cast<unsigned char>(ch);
    if (byte < 0x80) {
      out += ch;
    } else {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
  return out;
}

// `path` below `root`, '/'-separated: a string operation, since the walk
// only yields paths that start with the root.
std::string RelativeTo(const fs::path& root, const fs::path& path) {
  const std::string& r = root.native();
  const std::string& p = path.native();
  const std::size_t skip = (!r.empty() && r.back() == '/') ? r.size() : r.size() + 1;
  if (p.size() <= skip || p.compare(0, r.size(), r) != 0) {
    return path.lexically_relative(root).generic_string();
  }
  return p.substr(skip);
}

// Sets each file's sidecar_mtime from the sidecars and folder manifests the
// walk met (their paths → mtimes). A re-run over an unchanged archive is
// mostly stats: looking sidecars up in what the directory listings already
// showed, and manifests once per folder, costs one stat per file instead of
// one per file, per sidecar and per folder above it.
void SetSidecarTimes(const fs::path& root,
                     const std::unordered_map<std::string, std::int64_t>& sidecar_mtimes,
                     std::vector<FoundFile>::iterator first, std::vector<FoundFile>::iterator last) {
  const auto mtime_of = [&](const fs::path& path) -> std::int64_t {
    const auto found = sidecar_mtimes.find(path.native());
    return found == sidecar_mtimes.end() ? 0 : found->second;
  };
  std::unordered_map<std::string, std::int64_t> manifests_by_folder;
  for (auto file = first; file != last; ++file) {
    // Most archives have few sidecars, if any: no path to build then.
    std::int64_t latest =
        sidecar_mtimes.empty() ? 0 : mtime_of(enrich::SidecarPathFor(file->absolute));
    // The folder as a string: parent_path() builds a path object per file.
    const std::string& absolute = file->absolute;
    const std::string folder = absolute.substr(0, absolute.rfind('/'));
    auto cached = manifests_by_folder.find(folder);
    if (cached == manifests_by_folder.end()) {
      std::int64_t manifests = 0;
      for (const fs::path& manifest : enrich::FolderManifestsFor(root, file->absolute)) {
        manifests = std::max(manifests, mtime_of(manifest));
      }
      cached = manifests_by_folder.emplace(folder, manifests).first;
    }
    // A folder manifest edited after the file was indexed re-indexes it.
    file->sidecar_mtime = std::max(latest, cached->second);
  }
}

// Sorts one root's files by relative path. Sorts positions, then moves each
// file once: a FoundFile holds two std::filesystem::path objects, costly to
// move about, and comparing whole paths made the sort a fifth of a
// no-change re-run.
void SortByPath(std::vector<FoundFile>::iterator first, std::vector<FoundFile>::iterator last) {
  std::vector<std::vector<FoundFile>::iterator> order;
  order.reserve(static_cast<std::size_t>(last - first));
  for (auto it = first; it != last; ++it) order.push_back(it);
  std::sort(order.begin(), order.end(),
            [](const auto& a, const auto& b) { return a->relative_path < b->relative_path; });
  std::vector<FoundFile> sorted;
  sorted.reserve(order.size());
  for (const auto& it : order) sorted.push_back(std::move(*it));
  std::move(sorted.begin(), sorted.end(), first);
}

bool CrawlRoot(const fs::path& root, CrawlResult& result) {
  const std::vector<std::string> patterns = ReadIgnorePatterns(root);
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::none, ec);
  if (ec) {
    result.problems.push_back({ErrorCode::kNotFound, root.string() + ": " + ec.message()});
    return false;
  }
  const std::size_t first_file = result.files.size();
  std::unordered_map<std::string, std::int64_t> sidecar_mtimes;  // by absolute path
  bool complete = true;
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      result.problems.push_back({ErrorCode::kNotFound, root.string() + ": " + ec.message()});
      complete = false;
      break;
    }
    const fs::directory_entry& entry = *it;
    // The name as a view of the entry's path: no path object per entry.
    const std::string& full = entry.path().native();
    const std::string_view name = std::string_view(full).substr(full.rfind('/') + 1);
    if (!name.empty() && name.front() == '.') {
      if (entry.is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!extract::IsValidUtf8(name)) {
      // Records, failures and answers are JSON, which holds UTF-8 only: such
      // a name cannot be stored (it once aborted the run). Left out, with
      // everything below it, and named with its odd bytes escaped.
      result.problems.push_back(
          {ErrorCode::kInvalidArgument, Escaped(full) + ": name is not valid UTF-8, left out"});
      if (entry.is_directory(ec)) it.disable_recursion_pending();
      ec.clear();
      continue;
    }
    struct stat st {};
    if (entry.is_directory(ec) && !entry.is_symlink(ec)) {
      // The iterator opens a folder only when it steps into it, and a folder
      // it cannot open ends the whole walk (libstdc++ resets it to the end),
      // so a folder is opened here first: one that cannot be listed fails on
      // its own and the walk goes on past it.
      if (DIR* listing = ::opendir(entry.path().c_str())) {
        ::closedir(listing);
      } else {
        UnreadableFolder unreadable;
        unreadable.reason = std::string("cannot list this folder: ") + std::strerror(errno);
        unreadable.folder.root = root.native();
        unreadable.folder.relative_path = RelativeTo(root, entry.path());
        unreadable.folder.absolute = full;
        if (::stat(entry.path().c_str(), &st) == 0) {
          unreadable.folder.mtime = static_cast<std::int64_t>(st.st_mtime);
        }
        result.unreadable_folders.push_back(std::move(unreadable));
        it.disable_recursion_pending();
        complete = false;
      }
      continue;
    }
    ec.clear();
    if (enrich::IsSidecarPath(entry.path())) {
      // Whatever its kind (a link to a shared manifest counts), as stat sees it.
      if (::stat(entry.path().c_str(), &st) == 0) {
        sidecar_mtimes[entry.path().native()] = static_cast<std::int64_t>(st.st_mtime);
      }
      continue;
    }
    if (entry.is_symlink(ec) || !entry.is_regular_file(ec)) continue;
    std::string relative = RelativeTo(root, entry.path());
    if (Ignored(relative, patterns)) continue;
    if (::stat(entry.path().c_str(), &st) != 0) {
      result.problems.push_back({ErrorCode::kNotFound, entry.path().string() + ": cannot stat"});
      continue;
    }
    FoundFile file;
    file.root = root.native();
    file.relative_path = std::move(relative);
    file.absolute = full;
    file.size = static_cast<std::uint64_t>(st.st_size);
    file.mtime = static_cast<std::int64_t>(st.st_mtime);
    result.files.push_back(std::move(file));
  }
  // A step that failed leaves the iterator at its end, which the loop's
  // condition sees before its body could look at `ec`.
  if (ec && complete) {
    result.problems.push_back({ErrorCode::kNotFound, root.string() + ": " + ec.message()});
    complete = false;
  }
  const auto first = result.files.begin() + static_cast<std::ptrdiff_t>(first_file);
  SetSidecarTimes(root, sidecar_mtimes, first, result.files.end());
  SortByPath(first, result.files.end());
  return complete;
}

}  // namespace

CrawlResult Crawl(const std::vector<fs::path>& roots) {
  CrawlResult result;
  for (const fs::path& given : roots) {
    std::error_code ec;
    const fs::path root = fs::canonical(given, ec);
    if (ec || !fs::is_directory(root, ec)) {
      result.problems.push_back({ErrorCode::kNotFound, given.string() + ": not a readable folder"});
      continue;
    }
    if (CrawlRoot(root, result)) result.complete_roots.push_back(root);
  }
  // By root, then path: each root's files were sorted as it was walked, so
  // only roots given out of order need moving (a merge sort moves every
  // file even when none is out of place).
  const auto by_root = [](const FoundFile& a, const FoundFile& b) {
    return a.root < b.root;
  };
  if (!std::is_sorted(result.files.begin(), result.files.end(), by_root)) {
    std::stable_sort(result.files.begin(), result.files.end(), by_root);
  }
  return result;
}

}  // namespace archivist::crawl
