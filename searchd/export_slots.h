// SPDX-License-Identifier: GPL-2.0-or-later
// How many exports searchd makes at once (issue 17). An export lists every
// matching document, opens a reader of its own and writes a row with a
// snippet for each: seconds of a worker's time and, for a slow reader, a
// spill on disk (searchd/spill.h). A flood of export requests made them all
// at once, taking every worker and the spill folder's room; past the cap
// an export is refused at once (503 with Retry-After) instead.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

namespace archivist::searchd {

// The places for exports being made. Thread-safe: every worker takes and
// gives back places, and /metrics reads the counts.
class ExportSlots {
 public:
  // `max_at_once`: exports made at once; 0 or less: no cap.
  explicit ExportSlots(int max_at_once);

  // One export's place, given back when the last copy of it is destroyed
  // (the export's state holds it until its last row is written or the
  // answer is abandoned). May outlive the ExportSlots it came from.
  using Slot = std::shared_ptr<const void>;

  // A place, or null when `max_at_once` are taken (counted as refused).
  Slot TryTake();

  int max_at_once() const { return max_at_once_; }
  // Exports being made now.
  std::uint64_t Building() const;
  // Exports refused since the start because the cap was reached.
  std::uint64_t Refused() const;

 private:
  struct Counts {
    std::atomic<std::uint64_t> building{0};
    std::atomic<std::uint64_t> refused{0};
  };
  const int max_at_once_;
  const std::shared_ptr<Counts> counts_ = std::make_shared<Counts>();
};

}  // namespace archivist::searchd
