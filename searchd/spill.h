// SPDX-License-Identifier: GPL-2.0-or-later
// The rest of an answer that its client reads slowly: written by the worker
// that made the answer, at the speed the answer is made, and sent later by
// the reception's loop at the speed the client reads (searchd/reception.h).
#pragma once

#include <cstddef>
#include <string>

namespace archivist::searchd {

// Bytes kept in order: the first kSpillInMemory in memory, the rest in an
// unnamed temporary file (O_TMPFILE in $TMPDIR, else /tmp), so that 128
// slow readers of large original files cost disk, not memory.
// Not thread-safe: one thread at a time (the worker appends, then hands it
// over; the loop sends).
class Spill {
 public:
  static constexpr std::size_t kSpillInMemory = 1 << 20;

  // `max_bytes`: the most this spill may hold in all.
  explicit Spill(std::size_t max_bytes);
  ~Spill();
  Spill(const Spill&) = delete;
  Spill& operator=(const Spill&) = delete;

  // Keeps `size` more bytes. False, keeping nothing of them, when they
  // would take it past its most, or the temporary file cannot take them
  // (the reason is logged).
  bool Append(const char* data, std::size_t size);

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
  std::string memory_;
  std::size_t memory_sent_ = 0;
  int file_ = -1;  // the temporary file, once memory_ is full
  std::size_t file_size_ = 0;
  std::size_t file_sent_ = 0;
};

}  // namespace archivist::searchd
