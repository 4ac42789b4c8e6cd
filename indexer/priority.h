// SPDX-License-Identifier: GPL-2.0-or-later
// Indexing as a background job on the machine that also serves searches:
// the indexer yields the CPU and the disk to searchd (and everything else)
// whenever they want them, so a nightly run or --watch does not make
// searches wait behind it, and still runs at full speed on an idle machine.
#pragma once

#include <string>

namespace archivist {

// Gives this process the lowest CPU priority (nice 19, batch scheduling)
// and the lowest best-effort I/O priority. Unlike Linux's idle classes,
// these never starve the indexer outright on a machine kept busy. Threads
// and extraction workers started afterwards inherit them, so call it
// before starting any. Returns what could not be lowered, or "".
std::string LowerPriority();

}  // namespace archivist
