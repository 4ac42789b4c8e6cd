// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/worker/run_delay.h"

#include <fstream>
#include <string>

namespace archivist::worker {

std::chrono::nanoseconds RunQueueDelay(pid_t pid) {
  // Three numbers: nanoseconds on a CPU, nanoseconds waiting on a run
  // queue, time slices (Documentation/scheduler/sched-stats.rst).
  std::ifstream stats("/proc/" + std::to_string(pid) + "/schedstat");
  unsigned long long on_cpu = 0;
  unsigned long long waiting = 0;
  if (!(stats >> on_cpu >> waiting)) return std::chrono::nanoseconds(0);
  return std::chrono::nanoseconds(waiting);
}

}  // namespace archivist::worker
