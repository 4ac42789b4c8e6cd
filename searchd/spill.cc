// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/spill.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/log.h"

namespace archivist::searchd {
namespace {

std::string TemporaryDirectory() {
  const char* dir = std::getenv("TMPDIR");
  return dir && *dir ? dir : "/tmp";
}

// An unnamed file: nothing is left behind whatever becomes of searchd.
int OpenTemporaryFile() {
  const std::string dir = TemporaryDirectory();
  int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0) return fd;
  // Filesystems without O_TMPFILE: a named file, unlinked at once.
  std::string name = dir + "/archivist-spill-XXXXXX";
  fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd >= 0) ::unlink(name.c_str());
  return fd;
}

// Sends without waiting; the count sent, 0 when the socket is full, -1 on error.
ssize_t SendSome(int fd, const char* data, std::size_t size) {
  ssize_t n = 0;
  do {
    n = ::send(fd, data, size, MSG_DONTWAIT | MSG_NOSIGNAL);
  } while (n < 0 && errno == EINTR);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 0;
  return n;
}

}  // namespace

SpillRoom::SpillRoom(std::size_t max_bytes) : max_bytes_(max_bytes) {}

bool SpillRoom::Take(std::size_t bytes) {
  std::size_t used = used_.load();
  do {
    if (max_bytes_ > 0 && (bytes > max_bytes_ || used > max_bytes_ - bytes)) return false;
  } while (!used_.compare_exchange_weak(used, used + bytes));
  std::size_t peak = peak_.load();
  while (used + bytes > peak && !peak_.compare_exchange_weak(peak, used + bytes)) {
  }
  return true;
}

void SpillRoom::Give(std::size_t bytes) { used_.fetch_sub(bytes); }

Spill::Spill(std::size_t max_bytes, std::shared_ptr<SpillRoom> room)
    : max_bytes_(max_bytes), room_(std::move(room)) {}

Spill::~Spill() {
  if (file_ >= 0) ::close(file_);
  if (room_) room_->Give(file_size_);
}

Spill::Kept Spill::Append(const char* data, std::size_t size) {
  if (memory_.size() + file_size_ + size > max_bytes_) return Kept::kOverAnswerCap;
  if (file_ < 0 && memory_.size() + size <= kSpillInMemory) {
    memory_.append(data, size);
    return Kept::kAll;
  }
  // The room is taken before the bytes are written, so that spills writing
  // at once never pass the cap together.
  if (room_ && !room_->Take(size)) return Kept::kOverDiskCap;
  if (file_ < 0) {
    file_ = OpenTemporaryFile();
    if (file_ < 0) {
      LogWarning("searchd", "cannot keep a slow reader's answer",
                 {{"dir", TemporaryDirectory()}, {"error", std::strerror(errno)}});
      if (room_) room_->Give(size);
      return Kept::kFailed;
    }
  }
  std::size_t written = 0;
  while (written < size) {
    const ssize_t n =
        ::pwrite(file_, data + written, size - written, static_cast<off_t>(file_size_ + written));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      LogWarning("searchd", "cannot keep a slow reader's answer",
                 {{"dir", TemporaryDirectory()}, {"error", std::strerror(errno)}});
      if (room_) room_->Give(size);
      return Kept::kFailed;  // what was written past file_size_ is overwritten by the next append
    }
    written += static_cast<std::size_t>(n);
  }
  file_size_ += size;
  return Kept::kAll;
}

Spill::Sent Spill::SendTo(int fd) {
  while (memory_sent_ < memory_.size()) {
    const ssize_t n = SendSome(fd, memory_.data() + memory_sent_, memory_.size() - memory_sent_);
    if (n < 0) return Sent::kFailed;
    if (n == 0) return Sent::kBlocked;
    memory_sent_ += static_cast<std::size_t>(n);
  }
  if (!memory_.empty()) {
    memory_.clear();
    memory_.shrink_to_fit();  // a slow reader may take half an hour over the file's part
    memory_sent_ = 0;
  }
  char buffer[64 * 1024];
  while (file_sent_ < file_size_) {
    const std::size_t want = std::min(sizeof buffer, file_size_ - file_sent_);
    const ssize_t got = ::pread(file_, buffer, want, static_cast<off_t>(file_sent_));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return Sent::kFailed;
    const ssize_t n = SendSome(fd, buffer, static_cast<std::size_t>(got));
    if (n < 0) return Sent::kFailed;
    if (n == 0) return Sent::kBlocked;
    file_sent_ += static_cast<std::size_t>(n);  // what the socket did not take is read again
  }
  return Sent::kAll;
}

std::size_t Spill::Unsent() const {
  return memory_.size() - memory_sent_ + file_size_ - file_sent_;
}

}  // namespace archivist::searchd
