// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/priority.h"

#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace archivist {
namespace {

// From linux/ioprio.h, which glibc does not wrap.
constexpr int kIoprioWhoProcess = 1;
constexpr int kIoprioClassBestEffort = 2;
constexpr int kIoprioClassShift = 13;
constexpr int kIoprioLowestLevel = 7;
constexpr int kLowestNice = 19;

}  // namespace

std::string LowerPriority() {
  std::string problems;
  const auto note = [&problems](const char* what) {
    if (!problems.empty()) problems += "; ";
    problems += std::string(what) + ": " + std::strerror(errno);
  };
  // Lowering one's own priority needs no privilege. Batch scheduling tells
  // the kernel the indexer is CPU-bound: it does not preempt a waking
  // search, and nice 19 leaves it about 1.5% of a core searchd wants.
  sched_param param{};
  if (sched_setscheduler(0, SCHED_BATCH, &param) != 0) note("batch scheduling");
  if (setpriority(PRIO_PROCESS, 0, kLowestNice) != 0) note("nice 19");
  const int io_priority = kIoprioClassBestEffort << kIoprioClassShift | kIoprioLowestLevel;
  if (syscall(SYS_ioprio_set, kIoprioWhoProcess, 0, io_priority) != 0) note("I/O priority");
  return problems;
}

}  // namespace archivist
