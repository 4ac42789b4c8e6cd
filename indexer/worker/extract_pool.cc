// SPDX-License-Identifier: GPL-2.0-or-later
// The pool's side of extraction: forking workers, handing them files,
// reading their replies and progress, and naming why one died. What a
// worker does once forked is in worker_process.cc.
#include "indexer/worker/extract_pool.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/log.h"
#include "indexer/worker/protocol.h"
#include "indexer/worker/run_delay.h"
#include "indexer/worker/worker_process.h"

namespace archivist::worker {
namespace {

// How much of a worker's recent stderr is kept to explain its death.
constexpr std::size_t kStderrTail = 4096;

// What one file's worker reported of its OCR pages, to close its account
// in the progress line when the file ends (OcrProgress::kFileEnded).
struct OcrPagesOfFile {
  std::size_t ahead = 0;
  std::size_t done = 0;
  std::chrono::milliseconds took{0};
};

struct Worker {
  pid_t pid = -1;
  int socket_fd = -1;
  int stderr_fd = -1;
  bool busy = false;
  std::string partial_line;  // stderr bytes after the last newline
  std::string tail;          // the last kStderrTail bytes of stderr
};

class ForkedPool : public ExtractPool {
 public:
  explicit ForkedPool(const PoolOptions& options)
      : options_(options),
        workers_(options.workers == 0 ? 1 : options.workers),
        spawner_([this] { RunSpawner(); }) {}

  ~ForkedPool() override {
    for (Worker& w : workers_) Stop(w);
    {
      std::lock_guard lock(spawn_mutex_);
      spawner_stopping_ = true;
    }
    spawn_wanted_.notify_one();
    spawner_.join();
  }

  void SpawnAll() {
    for (Worker& w : workers_) {
      if (Result<bool> started = Spawn(w); !started.ok()) {
        throw Exception(ErrorCode::kInternal, started.error().message);
      }
    }
  }

  Result<extract::ExtractedDoc> Extract(const std::filesystem::path& file,
                                        const std::string& ocr_languages) override {
    Worker& w = Acquire();
    Result<extract::ExtractedDoc> result = Error{ErrorCode::kInternal, ""};
    if (w.pid < 0) {
      if (Result<bool> started = Spawn(w); !started.ok()) {
        Release(w);
        return started.error();
      }
    }
    OcrPagesOfFile pages;
    result = Exchange(w, file, ocr_languages, pages);
    Release(w);
    if (options_.on_ocr_progress && pages.ahead > 0) {
      OcrProgress ended{OcrProgress::Kind::kFileEnded};
      ended.pages = pages.ahead > pages.done ? pages.ahead - pages.done : 0;
      ended.took = pages.took;
      options_.on_ocr_progress(ended);
    }
    return result;
  }

  bool MemoryLimitEnforced() const override {
    return options_.memory_bytes > 0 && !SanitizerBuild();
  }

 private:
  Worker& Acquire() {
    std::unique_lock lock(mutex_);
    for (;;) {
      for (Worker& w : workers_) {
        if (!w.busy) {
          w.busy = true;
          return w;
        }
      }
      idle_.wait(lock);
    }
  }

  void Release(Worker& w) {
    {
      std::lock_guard lock(mutex_);
      w.busy = false;
    }
    idle_.notify_one();
  }

  // Forks a worker for `w` on the spawner thread, whose life is the pool's:
  // PR_SET_PDEATHSIG kills a worker when the thread that forked it exits,
  // and the threads calling Extract() may end long before the pool does.
  Result<bool> Spawn(Worker& w) {
    // Shared, so the task outlives this call until the spawner is done with it.
    auto fork_worker =
        std::make_shared<std::packaged_task<Result<bool>()>>([this, &w] { return SpawnHere(w); });
    std::future<Result<bool>> started = fork_worker->get_future();
    {
      std::lock_guard lock(spawn_mutex_);
      spawn_queue_.emplace_back([fork_worker] { (*fork_worker)(); });
    }
    spawn_wanted_.notify_one();
    return started.get();
  }

  void RunSpawner() {
    std::unique_lock lock(spawn_mutex_);
    for (;;) {
      spawn_wanted_.wait(lock, [this] { return spawner_stopping_ || !spawn_queue_.empty(); });
      if (spawn_queue_.empty()) return;  // stopping, and nobody waits
      std::function<void()> job = std::move(spawn_queue_.front());
      spawn_queue_.pop_front();
      lock.unlock();
      job();
      lock.lock();
    }
  }

  Result<bool> SpawnHere(Worker& w) {
    int sockets[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets) != 0) {
      return Error{ErrorCode::kInternal,
                   std::string("cannot start extraction worker: ") + std::strerror(errno)};
    }
    int err_pipe[2];
    if (pipe2(err_pipe, O_CLOEXEC) != 0) {
      const int saved = errno;
      close(sockets[0]);
      close(sockets[1]);
      return Error{ErrorCode::kInternal,
                   std::string("cannot start extraction worker: ") + std::strerror(saved)};
    }
    const pid_t parent = getpid();
    const pid_t pid = fork();
    if (pid == 0) {
      BecomeWorker(sockets[1], err_pipe[1], parent, options_.memory_bytes, options_.ocr);
    }
    close(sockets[1]);
    close(err_pipe[1]);
    if (pid < 0) {
      const int saved = errno;
      close(sockets[0]);
      close(err_pipe[0]);
      return Error{ErrorCode::kInternal,
                   std::string("cannot start extraction worker: ") + std::strerror(saved)};
    }
    fcntl(err_pipe[0], F_SETFL, fcntl(err_pipe[0], F_GETFL) | O_NONBLOCK);
    w.pid = pid;
    w.socket_fd = sockets[0];
    w.stderr_fd = err_pipe[0];
    w.partial_line.clear();
    w.tail.clear();
    return true;
  }

  // Moves whatever the worker wrote to stderr into the log, a line at a time.
  void DrainStderr(Worker& w, const std::filesystem::path& file) {
    char chunk[8192];
    for (;;) {
      const ssize_t n = ::read(w.stderr_fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      const std::string_view got(chunk, static_cast<std::size_t>(n));
      w.tail.append(got);
      if (w.tail.size() > kStderrTail) w.tail.erase(0, w.tail.size() - kStderrTail);
      w.partial_line.append(got);
      std::size_t newline;
      while ((newline = w.partial_line.find('\n')) != std::string::npos) {
        if (newline > 0) {
          Log(LogLevel::kDebug, "extract-worker", w.partial_line.substr(0, newline),
              {{"path", file.string()}});
        }
        w.partial_line.erase(0, newline + 1);
      }
      if (w.partial_line.size() > kStderrTail) w.partial_line.clear();
    }
  }

  // Reaps a worker that is gone or must go, leaving `w` ready for Spawn().
  int Reap(Worker& w, const std::filesystem::path& file) {
    int status = 0;
    while (waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
    }
    DrainStderr(w, file);
    close(w.socket_fd);
    close(w.stderr_fd);
    w.pid = -1;
    w.socket_fd = w.stderr_fd = -1;
    return status;
  }

  // Names why a worker died without answering. The pool's own kill (the
  // time limit) never gets here: Exchange() reports it as a timeout.
  Error Died(Worker& w, const std::filesystem::path& file) {
    const int status = Reap(w, file);  // drains stderr into w.tail first
    std::string reason;
    if (WIFEXITED(status)) {
      const int code = WEXITSTATUS(status);
      if (code == kOutOfMemoryExit) {
        reason = kOutOfMemoryReason;  // std::bad_alloc: the limit refused an allocation
      } else if (code > kCrashedAtLimitExitBase && code < kCrashedAtLimitExitBase + NSIG) {
        reason = CrashedAtMemoryLimitReason(code - kCrashedAtLimitExitBase);
      } else {
        reason = "extractor exited (status " + std::to_string(code) + ")";
      }
    } else if (WIFSIGNALED(status)) {
      const int sig = WTERMSIG(status);
      if (sig == SIGABRT && w.tail.find("Out of memory") != std::string::npos) {
        // Poppler's allocator prints "Out of memory" and aborts when malloc
        // fails (goo/gmem.h).
        reason = kOutOfMemoryReason;
      } else if (sig == SIGKILL) {
        // Not ours (a timeout is reported before reaping) and not RLIMIT_AS,
        // which refuses allocations rather than killing: someone else, such
        // as the kernel's OOM killer or an administrator.
        reason = KilledReason(sig);
      } else {
        reason = CrashedReason(sig);
      }
    } else {
      reason = "extractor stopped answering";
    }
    return Error{ErrorCode::kInternal, reason};
  }

  void Kill(Worker& w, const std::filesystem::path& file) {
    kill(w.pid, SIGKILL);
    Reap(w, file);
  }

  void Stop(Worker& w) {
    if (w.pid < 0) return;
    close(w.socket_fd);  // an idle worker reads end of input and exits
    w.socket_fd = -1;
    int status = 0;
    while (waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
    }
    close(w.stderr_fd);
    w.pid = -1;
  }

  // Takes a progress frame the worker sent (protocol.h) into account.
  void OnProgress(const OcrProgress& progress, std::chrono::steady_clock::time_point& deadline,
                  OcrPagesOfFile& pages) {
    switch (progress.kind) {
      case OcrProgress::Kind::kPageStarted:
        // An OCR page under way: the file may take that page's budget more
        // from now (Tesseract stops itself at the budget; this is the
        // backstop for a page that hangs outside its checks).
        deadline = std::max(deadline, std::chrono::steady_clock::now() + options_.ocr.page_budget +
                                          options_.timeout);
        return;
      case OcrProgress::Kind::kPagesAhead:
        pages.ahead += progress.pages;
        break;
      case OcrProgress::Kind::kPageDone:
        ++pages.done;
        pages.took += progress.took;
        break;
      case OcrProgress::Kind::kFileEnded:
        return;  // never sent by a worker
    }
    if (options_.on_ocr_progress) options_.on_ocr_progress(progress);
  }

  Result<extract::ExtractedDoc> Exchange(Worker& w, const std::filesystem::path& file,
                                         const std::string& ocr_languages, OcrPagesOfFile& pages) {
    auto deadline = std::chrono::steady_clock::now() + options_.timeout;
    // The worker's time spent waiting for a CPU is credited to the file
    // when the deadline comes, not before: one read of its statistics per
    // deadline reached, none while files finish in time.
    const std::chrono::nanoseconds waited_before = RunQueueDelay(w.pid);
    const std::chrono::nanoseconds max_credit = kMaxCpuWaitCredit * options_.timeout;
    std::chrono::nanoseconds credit(0);
    if (!WriteAll(w.socket_fd, Frame(EncodeRequest(file.string(), ocr_languages)))) {
      return Died(w, file);
    }
    std::string buffer;
    char chunk[65536];
    for (;;) {
      // Rounded up: truncating would give up to a millisecond before the deadline.
      auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline + credit -
                                                               std::chrono::steady_clock::now());
      if (left.count() <= 0 && credit < max_credit) {
        credit = std::min(RunQueueDelay(w.pid) - waited_before, max_credit);
        left = std::chrono::ceil<std::chrono::milliseconds>(deadline + credit -
                                                            std::chrono::steady_clock::now());
      }
      if (left.count() <= 0) {
        Kill(w, file);
        return Error{ErrorCode::kInternal, TimedOutReason(options_.timeout)};
      }
      pollfd fds[2] = {{w.socket_fd, POLLIN, 0}, {w.stderr_fd, POLLIN, 0}};
      const int ready = poll(fds, 2, static_cast<int>(std::min<long long>(left.count(), 1 << 30)));
      if (ready < 0 && errno != EINTR) {
        Kill(w, file);
        return Error{ErrorCode::kInternal, std::string("poll: ") + std::strerror(errno)};
      }
      if (ready <= 0) continue;
      if (fds[1].revents != 0) DrainStderr(w, file);
      if (fds[0].revents == 0) continue;
      const ssize_t n = ::read(w.socket_fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return Died(w, file);
      buffer.append(chunk, static_cast<std::size_t>(n));
      // Progress frames come before the reply, each whole in its frame.
      std::optional<std::uint64_t> size;
      while ((size = FramePayloadLength(buffer)) && *size <= kMaxFrameBytes &&
             buffer.size() - sizeof(std::uint64_t) >= *size) {
        const std::optional<OcrProgress> progress =
            DecodeOcrProgress(std::string_view(buffer).substr(sizeof(std::uint64_t), *size));
        if (!progress) break;  // the reply
        OnProgress(*progress, deadline, pages);
        buffer.erase(0, sizeof(std::uint64_t) + *size);
      }
      if (!size) continue;
      if (*size > kMaxFrameBytes) {
        Kill(w, file);
        return Error{ErrorCode::kInternal, "extractor reply too large"};
      }
      if (buffer.size() - sizeof(std::uint64_t) < *size) continue;
      if (buffer.size() - sizeof(std::uint64_t) > *size) {
        // One request, one reply: anything more means the worker is confused.
        Kill(w, file);
        return Error{ErrorCode::kInternal, "bad reply from extraction worker"};
      }
      return DecodeReply(std::string_view(buffer).substr(sizeof(std::uint64_t)));
    }
  }

  const PoolOptions options_;
  std::mutex mutex_;
  std::condition_variable idle_;
  std::vector<Worker> workers_;  // fixed size: Acquire() hands out references

  // Fork requests for the spawner thread; each caller waits for its own.
  std::mutex spawn_mutex_;
  std::condition_variable spawn_wanted_;
  std::deque<std::function<void()>> spawn_queue_;
  bool spawner_stopping_ = false;
  std::thread spawner_;  // last: starts once everything it uses exists
};

}  // namespace

std::string CrashedReason(int signal_number) {
  return "extractor crashed (signal " + std::to_string(signal_number) + ")";
}

std::string CrashedAtMemoryLimitReason(int signal_number) {
  return "extractor crashed at its memory limit (signal " + std::to_string(signal_number) + ")";
}

std::string KilledReason(int signal_number) {
  return "extractor killed from outside the indexer (signal " + std::to_string(signal_number) + ")";
}

std::string TimedOutReason(std::chrono::milliseconds timeout) {
  const long long ms = timeout.count();
  if (ms % 1000 == 0) return "timed out after " + std::to_string(ms / 1000) + "s";
  return "timed out after " + std::to_string(ms) + "ms";
}

std::unique_ptr<ExtractPool> ExtractPool::Start(const PoolOptions& options) {
  auto pool = std::make_unique<ForkedPool>(options);
  pool->SpawnAll();
  return pool;
}

}  // namespace archivist::worker
