// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/extract/ocr_cache.h"

#include <atomic>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstring>
#include <fstream>
#include <iterator>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

#include "core/hash.h"
#include "core/log.h"

namespace archivist::extract {
namespace {

// An entry: this line, the confidence, the text's length in bytes, then
// the text. The length is checked on reading: a short file is no entry.
constexpr std::string_view kMagic = "archivist-ocr-cache 1\n";

bool WriteFully(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool ReadNumber(std::string_view& in, long long& value) {
  const std::size_t newline = in.find('\n');
  if (newline == std::string_view::npos) return false;
  const auto [end, ec] = std::from_chars(in.data(), in.data() + newline, value);
  if (ec != std::errc() || end != in.data() + newline) return false;
  in.remove_prefix(newline + 1);
  return true;
}

}  // namespace

OcrCache::OcrCache(std::filesystem::path dir) : dir_(std::move(dir)) {}

std::filesystem::path OcrCache::PathOf(std::string_view key) const {
  return dir_ / std::string(key.substr(0, 2)) / std::string(key);
}

std::optional<CachedOcrPage> OcrCache::Find(std::string_view key) const {
  if (dir_.empty() || key.size() < 3) return std::nullopt;
  std::ifstream in(PathOf(key), std::ios::binary);
  if (!in) return std::nullopt;
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string_view rest(bytes);
  if (rest.substr(0, kMagic.size()) != kMagic) return std::nullopt;
  rest.remove_prefix(kMagic.size());
  long long confidence = 0;
  long long length = 0;
  if (!ReadNumber(rest, confidence) || !ReadNumber(rest, length)) return std::nullopt;
  if (confidence < 0 || confidence > 100 || length < 0 ||
      static_cast<unsigned long long>(length) != rest.size()) {
    return std::nullopt;
  }
  return CachedOcrPage{std::string(rest), static_cast<int>(confidence)};
}

void OcrCache::Store(std::string_view key, const CachedOcrPage& page) const {
  if (dir_.empty() || key.size() < 3) return;
  const std::filesystem::path target = PathOf(key);
  std::error_code ec;
  std::filesystem::create_directories(target.parent_path(), ec);
  // Unique per process and call: two workers storing one key never share a
  // temporary file. The leading dot keeps a leftover from a killed process
  // out of every lookup.
  static std::atomic<unsigned long> counter{0};
  const std::filesystem::path temporary =
      target.parent_path() / ("." + std::string(key) + "." + std::to_string(getpid()) + "." +
                              std::to_string(counter.fetch_add(1)) + ".tmp");
  std::string entry(kMagic);
  entry += std::to_string(page.confidence) + "\n" + std::to_string(page.text.size()) + "\n";
  entry += page.text;
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  bool written = fd >= 0 && WriteFully(fd, entry);
  // Renamed only once on disk, so a crash of the machine (not only of the
  // process) cannot leave an entry renamed into place but empty.
  written = written && ::fsync(fd) == 0;
  if (fd >= 0) ::close(fd);
  if (written && ::rename(temporary.c_str(), target.c_str()) == 0) return;
  const std::string why = std::strerror(errno);
  ::unlink(temporary.c_str());
  Log(LogLevel::kWarning, "ocr-cache", "cannot store an OCR result",
      {{"path", target.string()}, {"error", why}});
}

std::string OcrCacheKey(int width, int height, std::string_view pixels, std::string_view languages,
                        std::string_view engine) {
  std::string material;
  material.reserve(pixels.size() + 128);
  material += engine;
  material += '\n';
  material += languages;
  material += '\n';
  material += std::to_string(width) + "x" + std::to_string(height) + "\n";
  material += pixels;
  return Sha256Hex(material);
}

std::size_t RemoveStaleOcrTemporaries(const std::filesystem::path& dir) {
  std::size_t removed = 0;
  std::error_code ec;
  if (dir.empty() || !std::filesystem::is_directory(dir, ec)) return 0;
  for (const auto& sub : std::filesystem::directory_iterator(dir, ec)) {
    if (!sub.is_directory(ec)) continue;
    for (const auto& entry : std::filesystem::directory_iterator(sub.path(), ec)) {
      // ".KEY.PID.N.tmp": the writer's process id is the second field.
      const std::string name = entry.path().filename().string();
      if (name.size() < 6 || name.front() != '.' || !name.ends_with(".tmp")) continue;
      const std::size_t pid_start = name.find('.', 1);
      const std::size_t pid_end =
          pid_start == std::string::npos ? std::string::npos : name.find('.', pid_start + 1);
      if (pid_end == std::string::npos) continue;
      long long pid = 0;
      const auto [end, parse] =
          std::from_chars(name.data() + pid_start + 1, name.data() + pid_end, pid);
      if (parse != std::errc() || end != name.data() + pid_end || pid <= 0) continue;
      // Alive (or not ours to signal): its writer may still rename it.
      if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM) continue;
      std::error_code removing;
      if (std::filesystem::remove(entry.path(), removing)) ++removed;
    }
  }
  if (removed > 0) {
    Log(LogLevel::kInfo, "ocr-cache", "removed temporary files left by killed runs",
        {{"path", dir.string()}, {"count", std::to_string(removed)}});
  }
  return removed;
}

std::filesystem::path DefaultOcrCacheDir(const std::filesystem::path& index) {
  std::filesystem::path clean = index.lexically_normal();
  if (!clean.has_filename()) clean = clean.parent_path();
  return clean.string() + ".ocr-cache";
}

}  // namespace archivist::extract
