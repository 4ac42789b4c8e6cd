// SPDX-License-Identifier: GPL-2.0-or-later
// The rest of an answer that its client reads slowly: written by the worker
// that made the answer, at the speed the answer is made, and sent later by
// the reception's loop at the speed the client reads (searchd/reception.h).
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <string>

namespace archivist::searchd {

// The room every spill's temporary file may take on disk together (their
// first kSpillInMemory bytes are memory and not counted): 128 slow readers
// of large originals took up to 128 times the per-answer cap of `$TMPDIR`,
// enough to fill a disk. Thread-safe: workers take room, the reception's
// loop gives it back when a spill is sent or dropped.
class SpillRoom {
 public:
  // `max_bytes`: the most all spills may keep on disk at once; 0: no cap.
  explicit SpillRoom(std::size_t max_bytes);

  // Takes `bytes` more; false, taking nothing, when they would pass the cap.
  bool Take(std::size_t bytes);
  void Give(std::size_t bytes);

  std::size_t max_bytes() const { return max_bytes_; }
  // Bytes taken now, and the most ever taken at once (for tests and logs).
  std::size_t Used() const { return used_.load(); }
  std::size_t Peak() const { return peak_.load(); }

 private:
  const std::size_t max_bytes_;
  std::atomic<std::size_t> used_{0};
  std::atomic<std::size_t> peak_{0};
};

// Bytes kept in order: the first kSpillInMemory in memory, the rest in an
// unnamed temporary file (O_TMPFILE in $TMPDIR, else /tmp), so that 128
// slow readers of large original files cost disk, not memory.
// Not thread-safe: one thread at a time (the worker appends, then hands it
// over; the loop sends).
class Spill {
 public:
  static constexpr std::size_t kSpillInMemory = 1 << 20;

  // `max_bytes`: the most this spill may hold in all. `room`: where its
  // temporary file's bytes are counted with every other spill's (none: not
  // counted).
  explicit Spill(std::size_t max_bytes, std::shared_ptr<SpillRoom> room = nullptr);
  ~Spill();
  Spill(const Spill&) = delete;
  Spill& operator=(const Spill&) = delete;

  enum class Kept {
    kAll,
    kOverAnswerCap,  // past this spill's `max_bytes`
    kOverDiskCap,    // past the room all spills share on disk
    kFailed,         // the temporary file could not take them (the reason is logged)
  };
  // Keeps `size` more bytes; nothing of them unless kAll.
  Kept Append(const char* data, std::size_t size);

  enum class Sent {
    kAll,      // nothing left to send
    kBlocked,  // the socket takes no more now: wait for POLLOUT
    kFailed,   // the client is gone (or the temporary file unreadable)
  };
  // Sends what the socket `fd` takes without waiting (MSG_DONTWAIT).
  Sent SendTo(int fd);

  // Bytes kept and not sent yet.
  std::size_t Unsent() const;

 private:
  const std::size_t max_bytes_;
  const std::shared_ptr<SpillRoom> room_;
  std::string memory_;
  std::size_t memory_sent_ = 0;
  int file_ = -1;  // the temporary file, once memory_ is full
  std::size_t file_size_ = 0;
  std::size_t file_sent_ = 0;
};

}  // namespace archivist::searchd
