// SPDX-License-Identifier: GPL-2.0-or-later
// How long a process has waited for a CPU that other processes held: the
// part of a file's extraction time that a loaded machine adds and the file
// itself does not cost.
#pragma once

#include <chrono>

#include <sys/types.h>

namespace archivist::worker {

// The time `pid`'s main thread has spent runnable but not running since it
// started (the kernel's run-queue delay, /proc/PID/schedstat), or zero when
// the kernel does not say (no such process, or a kernel without scheduler
// statistics): a caller then counts wall-clock time alone, as before.
std::chrono::nanoseconds RunQueueDelay(pid_t pid);

}  // namespace archivist::worker
