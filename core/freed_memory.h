// SPDX-License-Identifier: GPL-2.0-or-later
// Giving the system back the memory a long-lived process freed, when it pays.
#pragma once

#include <cstddef>
#include <functional>

namespace archivist {

// glibc keeps what a program frees in its arenas (one per thread that
// allocated) for later allocations, and gives it back to the system only
// from the top of a heap: a long-lived process that once held much (a
// 400-page report's objects, a batch's postings) stays that large.
// malloc_trim(0) hands the free pages of every arena back, but each trim
// walks every arena's free chunks, and what it gave back is faulted in
// again, page by page, by the next allocations: trimming after every
// commit and after most extracted files was about 10 s of the bench
// corpus's system time (issue 19, docs/BENCHMARKS.md).
//
// The indexer allocates through tcmalloc, which likewise keeps what is
// freed; ReturnFreedMemory below hands back the free pages of whichever
// allocator the process uses.
//
// A FreedMemoryTrimmer trims only when the process's resident memory has
// grown by at least `growth_bytes` since its last trim (or since it was
// made): a process whose memory stays level pays for no trims, one that
// grew gives back what it no longer uses. Resident memory, unlike glibc's
// count of free bytes, falls after a trim, so one large free hoard that
// cannot be returned (pieces pinned by live objects) does not make every
// later call trim again.
//
// Not thread-safe: one trimmer per caller (its baseline is the caller's
// own view of the process). Never throws.
class FreedMemoryTrimmer {
 public:
  // How the trimmer reads resident memory and trims: the process's own
  // (ResidentBytes, ReturnFreedMemory) unless a test gives its own.
  struct Memory {
    std::function<std::size_t()> resident;
    std::function<void()> trim;
  };
  static Memory ProcessMemory();

  explicit FreedMemoryTrimmer(std::size_t growth_bytes, Memory memory = ProcessMemory());

  // Trims when resident memory grew by `growth_bytes` or more since the
  // baseline, then takes the resident memory after the trim as the new
  // baseline. Returns whether it trimmed. Where resident memory cannot be
  // read (no /proc), trims every time, as the callers did before.
  bool TrimIfGrown();

 private:
  std::size_t growth_bytes_;
  Memory memory_;
  std::size_t baseline_;  // resident bytes after the last trim
};

// The process's resident memory in bytes (/proc/self/statm), or 0 when it
// cannot be read. Thread-safe.
std::size_t ResidentBytes();

// Hands the free pages of the process's allocator back to the system:
// tcmalloc's (the indexer links it: its malloc is the one in use there) or
// else glibc's (malloc_trim). Thread-safe; a few milliseconds.
void ReturnFreedMemory();

}  // namespace archivist
