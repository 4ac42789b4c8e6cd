// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/index_files.h"

#include <algorithm>
#include <filesystem>
#include <vector>

#include <sys/stat.h>

namespace archivist::searchd {
namespace {

namespace fs = std::filesystem;

void Add(const std::string& name, const struct stat& st, IndexFiles& files) {
  const std::string id = name + ":" + std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
  files.identity += id + ";";
  files.fingerprint += id + ":" + std::to_string(st.st_size) + ":" +
                       std::to_string(st.st_mtim.tv_sec) + "." +
                       std::to_string(st.st_mtim.tv_nsec) + ";";
}

}  // namespace

IndexFiles ObserveIndexFiles(const std::string& path) {
  IndexFiles files;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return files;
  if (!S_ISDIR(st.st_mode)) {
    Add(path, st, files);
    return files;
  }
  std::vector<std::string> tables;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(path, error)) {
    const std::string name = entry.path().filename().string();
    if (name.size() > 6 && name.compare(name.size() - 6, 6, ".glass") == 0) tables.push_back(name);
  }
  std::sort(tables.begin(), tables.end());
  for (const std::string& name : tables) {
    if (::stat((fs::path(path) / name).c_str(), &st) == 0) Add(name, st, files);
  }
  return files;
}

std::string IndexCommitStamp(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return "";
  IndexFiles files;
  Add(path, st, files);
  if (S_ISDIR(st.st_mode) && ::stat((fs::path(path) / "iamglass").c_str(), &st) == 0) {
    Add("iamglass", st, files);
  }
  return files.fingerprint;
}

std::string IndexIdentity::Current() {
  struct stat st {};
  if (::stat(path_.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return ObserveIndexFiles(path_).identity;
  const std::string folder = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino) + ":" +
                             std::to_string(st.st_mtim.tv_sec) + "." +
                             std::to_string(st.st_mtim.tv_nsec);
  {
    std::lock_guard lock(mutex_);
    if (settled_folder_ == folder) return identity_;
  }
  // Taken before the look: a change during it moves the time past this.
  const auto looked_at = std::chrono::system_clock::now();
  std::string identity = ObserveIndexFiles(path_).identity;
  const auto changed_at = std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::seconds(st.st_mtim.tv_sec) + std::chrono::nanoseconds(st.st_mtim.tv_nsec)));
  std::lock_guard lock(mutex_);
  ++full_looks_;
  if (looked_at - changed_at >= kSettled) {
    settled_folder_ = folder;
    identity_ = identity;
  } else {
    settled_folder_.reset();
  }
  return identity;
}

std::size_t IndexIdentity::FullLooks() const {
  std::lock_guard lock(mutex_);
  return full_looks_;
}

IndexReader::IndexReader(std::string path, std::shared_ptr<SearchCache> cache)
    : path_(std::move(path)), cache_(std::move(cache)) {}

Result<Searcher*> IndexReader::Get(const std::string& identity) {
  if (IsOpenOn(identity)) return searcher_.get();
  // Dropped before opening again: the old files' handles go now.
  searcher_.reset();
  Result<std::unique_ptr<Searcher>> opened = Searcher::Open(path_, cache_);
  if (!opened.ok()) return opened.error();
  searcher_ = std::move(opened).value();
  identity_ = identity;
  return searcher_.get();
}

void IndexHealth::ReadFailed(const IndexFiles& files) {
  std::lock_guard lock(mutex_);
  failed_at_ = files.fingerprint;
}

bool IndexHealth::FailedSince(const IndexFiles& files) const {
  std::lock_guard lock(mutex_);
  return failed_at_ && *failed_at_ == files.fingerprint;
}

}  // namespace archivist::searchd
