// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/freed_memory.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <unistd.h>

#include <fstream>
#include <utility>

// tcmalloc's call that returns its free pages, declared weak so that a
// program linked without tcmalloc (searchd, the tests, sanitizer builds)
// links all the same and sees a null address here. Declared by hand rather
// than through <gperftools/malloc_extension_c.h>, which declares it strong.
extern "C" void MallocExtension_ReleaseFreeMemory() __attribute__((weak));

namespace archivist {

std::size_t ResidentBytes() {
  // statm's second field is the resident set in pages; one small read, a
  // few microseconds, against the milliseconds a trim takes.
  std::ifstream statm("/proc/self/statm");
  std::size_t size = 0;
  std::size_t resident = 0;
  if (!(statm >> size >> resident)) return 0;
  const long page = sysconf(_SC_PAGESIZE);
  return page > 0 ? resident * static_cast<std::size_t>(page) : 0;
}

void ReturnFreedMemory() {
  if (MallocExtension_ReleaseFreeMemory != nullptr) {
    MallocExtension_ReleaseFreeMemory();
    return;
  }
#ifdef __GLIBC__
  malloc_trim(0);  // glibc's own call, hence <malloc.h>
#endif
}

FreedMemoryTrimmer::Memory FreedMemoryTrimmer::ProcessMemory() {
  return {ResidentBytes, ReturnFreedMemory};
}

FreedMemoryTrimmer::FreedMemoryTrimmer(std::size_t growth_bytes, Memory memory)
    : growth_bytes_(growth_bytes), memory_(std::move(memory)), baseline_(memory_.resident()) {}

bool FreedMemoryTrimmer::TrimIfGrown() {
  const std::size_t resident = memory_.resident();
  if (resident != 0 && resident < baseline_ + growth_bytes_) {
    // Resident memory may also have fallen (freed blocks that glibc maps
    // on their own go back at once): the baseline follows it down, so the
    // next growth is measured from where the process really is.
    if (resident < baseline_) baseline_ = resident;
    return false;
  }
  memory_.trim();
  baseline_ = memory_.resident();
  return true;
}

}  // namespace archivist
