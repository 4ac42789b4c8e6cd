// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/low_priority.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

namespace archivist::searchd {
namespace {

int OwnNiceness() { return ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid())); }

// Issue 17: the point of these threads. The kernel weighs a thread by its
// own nice value (Linux keeps one per thread), so the task must run on a
// thread of the pool, nicer than the caller.
TEST(LowPriorityThreadsTest, TasksRunNicerThanTheirCaller) {
  const int caller = OwnNiceness();
  // Tests run under nice(1) too: at 19 nothing could be nicer.
  ASSERT_LT(caller, 19) << "the test process is already as nice as can be";
  LowPriorityThreads threads(2, kBulkNiceness);
  int inside = caller;
  std::thread::id ran_on;
  threads.Run([&] {
    inside = OwnNiceness();
    ran_on = std::this_thread::get_id();
  });
  EXPECT_EQ(inside, std::min(caller + kBulkNiceness, 19));
  EXPECT_NE(ran_on, std::this_thread::get_id());
  EXPECT_EQ(OwnNiceness(), caller) << "the caller keeps its own priority";
  EXPECT_EQ(threads.TasksRun(), 1u);
}

// A nice value only weighs the bulk threads down: four at nice 10 still ran
// for seconds while searches waited for a CPU (issue 17). Idle scheduling
// gives them only what no worker wants; the caller keeps its own policy.
TEST(LowPriorityThreadsTest, TasksRunIdleScheduled) {
  LowPriorityThreads threads(2, kBulkNiceness);
  int inside = -1;
  threads.Run([&] { inside = ::sched_getscheduler(0); });
  EXPECT_EQ(inside, SCHED_IDLE);
  EXPECT_EQ(::sched_getscheduler(0), SCHED_OTHER) << "the caller keeps its own policy";
}

TEST(LowPriorityThreadsTest, NicenessStopsAtTheKernelsNicest) {
  LowPriorityThreads threads(1, 40);
  int inside = 0;
  threads.Run([&] { inside = OwnNiceness(); });
  EXPECT_EQ(inside, 19);
}

TEST(LowPriorityThreadsTest, RunReturnsOnceTheTaskHasRunAndPassesOnItsException) {
  LowPriorityThreads threads(1, kBulkNiceness);
  int value = 0;
  threads.Run([&] { value = 42; });
  EXPECT_EQ(value, 42);
  EXPECT_THROW(threads.Run([] { throw std::runtime_error("broken batch"); }), std::runtime_error);
  threads.Run([&] { value = 7; });  // a failed task does not lose its thread
  EXPECT_EQ(value, 7);
}

// As many tasks run at once as there are threads; the others wait their turn.
TEST(LowPriorityThreadsTest, AtMostItsThreadsRunAtOnce) {
  LowPriorityThreads threads(2, kBulkNiceness);
  std::atomic<int> running{0};
  std::atomic<int> most{0};
  std::vector<std::future<void>> callers;
  for (int i = 0; i < 6; ++i) {
    callers.push_back(std::async(std::launch::async, [&] {
      threads.Run([&] {
        const int now = ++running;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        --running;
      });
    }));
  }
  for (auto& caller : callers) caller.get();
  EXPECT_EQ(threads.TasksRun(), 6u);
  EXPECT_LE(most.load(), 2);
}

}  // namespace
}  // namespace archivist::searchd
