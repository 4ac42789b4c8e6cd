// SPDX-License-Identifier: GPL-2.0-or-later
// Bulk work at a lower CPU priority than the workers answering searches
// (issue 17). An export makes a row with a snippet for every matching
// document: seconds of CPU per export, and with four made at once as many
// busy threads as a small machine has cores, at the same priority as the
// searches. With 512 slow readers of exports, searches' p99 went from 27.5
// to 667 ms. Run on these threads, the exports take what CPU the searches
// leave: the threads are idle-scheduled (SCHED_IDLE: run only when no
// ordinary thread wants the CPU, preempted as soon as one wakes), and
// nicer than the workers too, for kernels that refuse idle scheduling.
//
// The threads keep their priority for their whole life: a thread may raise
// its nice value, but lowering it again takes CAP_SYS_NICE, so a worker
// cannot lower its priority for one batch and take it back afterwards.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace archivist::searchd {

// How much nicer than searchd's workers the bulk threads are.
inline constexpr int kBulkNiceness = 10;

// Thread safety: Run() from any number of threads at once.
class LowPriorityThreads {
 public:
  // Starts `threads` threads (at least one), each `niceness` nicer than
  // the thread constructing this (capped at 19, the kernel's nicest) and,
  // when `niceness` is above 0, idle-scheduled (SCHED_IDLE). When the
  // kernel refuses either, they run without it and a warning is logged:
  // slower searches beside exports, nothing lost.
  LowPriorityThreads(int threads, int niceness);
  // Lets the tasks running finish and joins the threads. No Run() may be
  // waiting.
  ~LowPriorityThreads();
  LowPriorityThreads(const LowPriorityThreads&) = delete;
  LowPriorityThreads& operator=(const LowPriorityThreads&) = delete;

  // Runs `task` on one of the threads, waiting for one to be free, and
  // returns once it has run. An exception it throws is thrown here.
  void Run(const std::function<void()>& task);

  // Tasks run since the start: for /metrics and tests.
  std::uint64_t TasksRun() const;

 private:
  struct Job {
    const std::function<void()>* task;
    std::exception_ptr error;
    bool done = false;
  };
  void Loop(int niceness);

  mutable std::mutex mutex_;
  std::condition_variable job_ready_;
  std::condition_variable job_done_;
  std::deque<Job*> jobs_;             // guarded by mutex_; owned by their Run() calls
  std::uint64_t tasks_run_ = 0;       // guarded by mutex_
  bool stopping_ = false;             // guarded by mutex_
  std::vector<std::thread> threads_;  // last: start once the members above exist
};

}  // namespace archivist::searchd
