// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/priority.h"

#include <gtest/gtest.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

namespace archivist {
namespace {

// What a thread started after LowerPriority() runs at: bit 0 batch
// scheduling, bit 1 nice 19, bit 2 the lowest best-effort I/O priority.
int PriorityBitsOfANewThread() {
  int bits = 0;
  std::thread([&bits] {
    if (sched_getscheduler(0) == SCHED_BATCH) bits |= 1;
    errno = 0;
    if (getpriority(PRIO_PROCESS, 0) == 19 && errno == 0) bits |= 2;
    const long io = syscall(SYS_ioprio_get, 1 /* IOPRIO_WHO_PROCESS */, 0);
    if (io == (2 << 13 | 7)) bits |= 4;  // best-effort class, level 7
  }).join();
  return bits;
}

// Run in a child process: priorities cannot be raised again without
// privileges, and the test runner's own must stay as they are.
TEST(PriorityTest, LoweredPrioritiesReachThreadsStartedAfterwards) {
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const std::string problems = LowerPriority();
    _exit(problems.empty() ? PriorityBitsOfANewThread() : 100);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 7) << "100: LowerPriority reported a problem";
}

}  // namespace
}  // namespace archivist
