// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/page_cache.h"

#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

#include "core/log.h"

namespace archivist::searchd {
namespace {

namespace fs = std::filesystem;

// Glass's tables, in the order they are asked for (page_cache.h says why).
constexpr std::array<std::string_view, 6> kTablesByNeed = {"postlist", "docdata",  "position",
                                                           "termlist", "spelling", "synonym"};

// The database folders an index at `path` is made of: itself, or the
// local shards its stub file names ("auto PATH", "glass PATH", relative to
// the stub's folder; Xapian's stub format).
std::vector<fs::path> LocalShards(const fs::path& path) {
  std::error_code error;
  if (fs::is_directory(path, error)) return {path};
  std::vector<fs::path> shards;
  std::ifstream stub(path);
  std::string line;
  while (std::getline(stub, line)) {
    std::istringstream words(line);
    std::string kind;
    std::string where;
    if (!(words >> kind >> where) || (kind != "auto" && kind != "glass")) continue;
    const fs::path shard =
        fs::path(where).is_absolute() ? fs::path(where) : path.parent_path() / where;
    if (fs::is_directory(shard, error)) shards.push_back(shard);
  }
  return shards;
}

// Linux reads at most the larger of the device's readahead window
// (read_ahead_kb) and its largest request (max_sectors_kb) for one
// WILLNEED, whatever length it is given: 8 MiB on the virtio disk this was
// measured on, 128 KiB by default. So a table is asked for 128 KiB at a
// time (1,440 calls for 180 MiB).
constexpr std::uint64_t kAskBytes = 128 << 10;

// Asks the kernel to read all `size` bytes of `file`; false when it
// cannot be opened.
bool AskToRead(const fs::path& file, std::uint64_t size) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool advised = true;
  for (std::uint64_t at = 0; at < size && advised; at += kAskBytes) {
    advised = ::posix_fadvise(fd, static_cast<off_t>(at), static_cast<off_t>(kAskBytes),
                              POSIX_FADV_WILLNEED) == 0;
  }
  ::close(fd);
  return advised;
}

}  // namespace

PageCacheAsk AskToReadIntoPageCache(const std::string& path, std::uint64_t budget_bytes) {
  PageCacheAsk asked;
  const std::vector<fs::path> shards = LocalShards(path);
  // Table by table over the shards, so that every shard's posting lists
  // come before any shard's positions.
  for (const std::string_view table : kTablesByNeed) {
    for (const fs::path& shard : shards) {
      const fs::path file = shard / (std::string(table) + ".glass");
      std::error_code error;
      const std::uintmax_t size = fs::file_size(file, error);
      if (error) continue;
      if (asked.bytes + size > budget_bytes) {
        asked.left_bytes += size;
        continue;
      }
      if (!AskToRead(file, size)) continue;
      asked.files.push_back(file.string());
      asked.bytes += size;
    }
  }
  return asked;
}

std::uint64_t PageCacheBudget() {
  std::ifstream meminfo("/proc/meminfo");
  std::string line;
  while (std::getline(meminfo, line)) {
    std::istringstream fields(line);
    std::string name;
    std::uint64_t kib = 0;
    if (fields >> name >> kib && name == "MemAvailable:") return kib * 1024 / 2;
  }
  return 0;
}

void AskToReadNewIndex(const std::string& path) {
  const auto asking = std::chrono::steady_clock::now();
  const PageCacheAsk asked = AskToReadIntoPageCache(path, PageCacheBudget());
  if (asked.files.empty() && asked.left_bytes == 0) return;  // no index yet
  const auto took = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - asking);
  LogInfo("searchd", "asked the kernel to read the index into memory",
          {{"tables", std::to_string(asked.files.size())},
           {"mib", std::to_string(asked.bytes >> 20)},
           {"mib_left_out", std::to_string(asked.left_bytes >> 20)},
           {"us", std::to_string(took.count())}});
}

}  // namespace archivist::searchd
