// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/crawl/crawler.h"

#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>

#include "indexer/enrich/sidecar.h"

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


bool CrawlRoot(const fs::path& root, CrawlResult& result) {
  const std::vector<std::string> patterns = ReadIgnorePatterns(root);
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::none, ec);
  if (ec) {
    result.problems.push_back({ErrorCode::kNotFound, root.string() + ": " + ec.message()});
    return false;
  }
  bool complete = true;
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      result.problems.push_back({ErrorCode::kNotFound, root.string() + ": " + ec.message()});
      complete = false;
      break;
    }
    const fs::directory_entry& entry = *it;
    const std::string name = entry.path().filename().string();
    if (!name.empty() && name.front() == '.') {
      if (entry.is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (entry.is_symlink(ec) || !entry.is_regular_file(ec)) continue;
    if (enrich::IsSidecarPath(entry.path())) continue;
    const std::string relative = entry.path().lexically_relative(root).generic_string();
    if (Ignored(relative, patterns)) continue;
    FoundFile file;
    file.root = root;
    file.relative_path = relative;
    file.absolute = entry.path();
    struct stat st {};
    if (::stat(entry.path().c_str(), &st) != 0) {
      result.problems.push_back({ErrorCode::kNotFound, entry.path().string() + ": cannot stat"});
      continue;
    }
    file.size = static_cast<std::uint64_t>(st.st_size);
    file.mtime = static_cast<std::int64_t>(st.st_mtime);
    if (::stat(enrich::SidecarPathFor(entry.path()).c_str(), &st) == 0) {
      file.sidecar_mtime = static_cast<std::int64_t>(st.st_mtime);
    }
    // A folder manifest edited after the file was indexed re-indexes it.
    for (const fs::path& manifest : enrich::FolderManifestsFor(root, entry.path())) {
      if (::stat(manifest.c_str(), &st) == 0) {
        file.sidecar_mtime = std::max(file.sidecar_mtime, static_cast<std::int64_t>(st.st_mtime));
      }
    }
    result.files.push_back(std::move(file));
  }
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
  std::sort(result.files.begin(), result.files.end(), [](const FoundFile& a, const FoundFile& b) {
    return std::tie(a.root, a.relative_path) < std::tie(b.root, b.relative_path);
  });
  return result;
}

}  // namespace archivist::crawl
