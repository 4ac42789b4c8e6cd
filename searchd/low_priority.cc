// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/low_priority.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include "core/log.h"

namespace archivist::searchd {
namespace {

// Linux: nice values are per thread, set through the thread id
// (setpriority(2), NOTES); getpriority() may return -1 as a real value.
bool RaiseOwnNiceness(int niceness, std::string& failure) {
  const pid_t thread = ::gettid();
  errno = 0;
  const int current = ::getpriority(PRIO_PROCESS, static_cast<id_t>(thread));
  if (current == -1 && errno != 0) {
    failure = std::strerror(errno);
    return false;
  }
  if (::setpriority(PRIO_PROCESS, static_cast<id_t>(thread), std::min(current + niceness, 19)) !=
      0) {
    failure = std::strerror(errno);
    return false;
  }
  return true;
}

// SCHED_IDLE (sched(7)): the kernel runs the thread only with what CPU
// no ordinary thread wants, weighs it 3 against a nice-0 thread's 1024
// (nice 19 is 15, nice 10 110), and a waking ordinary thread preempts it at
// once. Any thread may move itself there without a privilege.
bool RunOnlyWhenIdle(std::string& failure) {
  const sched_param param{};
  const int error = ::pthread_setschedparam(::pthread_self(), SCHED_IDLE, &param);
  if (error != 0) {
    failure = std::strerror(error);
    return false;
  }
  return true;
}

}  // namespace

LowPriorityThreads::LowPriorityThreads(int threads, int niceness) {
  for (int i = 0; i < std::max(threads, 1); ++i) {
    threads_.emplace_back([this, niceness] { Loop(niceness); });
  }
}

LowPriorityThreads::~LowPriorityThreads() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  job_ready_.notify_all();
  for (std::thread& thread : threads_) thread.join();
}

void LowPriorityThreads::Run(const std::function<void()>& task) {
  Job job{&task, nullptr, false};
  std::unique_lock lock(mutex_);
  jobs_.push_back(&job);
  job_ready_.notify_one();
  job_done_.wait(lock, [&job] { return job.done; });
  if (job.error) std::rethrow_exception(job.error);
}

std::uint64_t LowPriorityThreads::TasksRun() const {
  std::lock_guard lock(mutex_);
  return tasks_run_;
}

void LowPriorityThreads::Loop(int niceness) {
  // Named so that top -H and tools/probe-slow-readers tell them from the workers.
  ::pthread_setname_np(::pthread_self(), "bulk");
  // Nice values do not keep the bulk work out of the searches' way on a
  // small machine: with 512 slow readers of exports (issue 17), four bulk
  // threads at nice 10 ran 1-2 s in the 10.4 s that 150 searches took,
  // while the workers spent 5.1 s runnable but waiting for a CPU against
  // 0.9 s running (tools/probe-slow-readers, under load). Idle scheduling leaves
  // them only the CPU the searches do not use; the nice value still
  // applies where the kernel refuses it.
  std::string failure;
  if (niceness > 0 && !RaiseOwnNiceness(niceness, failure)) {
    LogWarning("searchd", "bulk work runs at the workers' priority: cannot lower it",
               {{"error", failure}});
  }
  if (niceness > 0 && !RunOnlyWhenIdle(failure)) {
    LogWarning("searchd", "bulk work is not idle-scheduled: only its nice value lowers it",
               {{"error", failure}});
  }
  std::unique_lock lock(mutex_);
  while (true) {
    job_ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
    if (jobs_.empty()) return;  // stopping, and nobody waits
    Job* job = jobs_.front();
    jobs_.pop_front();
    lock.unlock();
    try {
      (*job->task)();
    } catch (...) {
      job->error = std::current_exception();
    }
    lock.lock();
    job->done = true;
    ++tasks_run_;
    job_done_.notify_all();
  }
}

}  // namespace archivist::searchd
