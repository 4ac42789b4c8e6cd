// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/worker/extract_pool.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/log.h"
#include "indexer/worker/protocol.h"

namespace archivist::worker {
namespace {

// A worker that could not allocate exits with this status rather than dying
// by an anonymous signal, so the pool can name the cause.
constexpr int kOutOfMemoryExit = 86;
// A worker that crashed (signal N) at its memory limit exits with this plus
// N: C code that meets a failed malloc tends to crash rather than report it.
constexpr int kCrashedAtLimitExitBase = 100;
// "At its memory limit": less than this share of the per-file budget left
// (but never less than kMinHeadroom) when the crash came.
constexpr std::uint64_t kHeadroomDivisor = 8;
constexpr std::uint64_t kMinHeadroom = 16u << 20;
// In the worker, the socket to the pool always sits at this descriptor.
constexpr int kWorkerSocketFd = 3;
// How much of a worker's recent stderr is kept to explain its death.
constexpr std::size_t kStderrTail = 4096;

// Bytes of address space this process has mapped (/proc/self/statm's first
// field, in pages); 0 when it cannot be read. Plain system calls only: this
// runs in a freshly forked child.
std::uint64_t InheritedAddressSpace() {
  const int fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  char buffer[64];
  const ssize_t n = read(fd, buffer, sizeof buffer - 1);
  close(fd);
  if (n <= 0) return 0;
  std::uint64_t pages = 0;
  for (ssize_t i = 0; i < n && buffer[i] >= '0' && buffer[i] <= '9'; ++i) {
    pages = pages * 10 + static_cast<std::uint64_t>(buffer[i] - '0');
  }
  return pages * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

// Set once in the worker, before the handlers below are installed.
std::uint64_t g_address_space_limit = 0;
std::uint64_t g_headroom = 0;

// Worker side, on a fatal signal: a crash with its address space within
// g_headroom of RLIMIT_AS most likely followed an allocation the limit
// refused, and is reported as such; any other crash goes on to kill the
// worker by its signal (SA_RESETHAND restored the default action).
// Async-signal-safe: open, read, close, _exit, raise.
void OnFatalSignal(int sig) {
  const std::uint64_t used = InheritedAddressSpace();
  if (used > 0 && used + g_headroom >= g_address_space_limit) _exit(kCrashedAtLimitExitBase + sig);
  raise(sig);
}

void ReportCrashesAtTheLimit(std::uint64_t limit, std::uint64_t per_file_bytes) {
  g_address_space_limit = limit;
  g_headroom = std::max(per_file_bytes / kHeadroomDivisor, kMinHeadroom);
  // The handler may run on a stack that overflowed, or with no memory left
  // to grow one: it gets its own, allocated before the limit applies.
  static char alternate_stack[64 * 1024];
  stack_t stack{};
  stack.ss_sp = alternate_stack;
  stack.ss_size = sizeof alternate_stack;
  sigaltstack(&stack, nullptr);
  struct sigaction action {};
  action.sa_handler = OnFatalSignal;
  action.sa_flags = SA_ONSTACK | SA_RESETHAND;
  sigemptyset(&action.sa_mask);
  for (int sig : {SIGSEGV, SIGBUS, SIGABRT}) sigaction(sig, &action, nullptr);
}

// Sanitizers reserve terabytes of address space for their shadow memory
// (ASan, MSan, TSan alike) at start-up, so RLIMIT_AS cannot mean "what one
// file may add" under them: a limit would fail every allocation. GCC
// defines __SANITIZE_ADDRESS__ and __SANITIZE_THREAD__; clang answers
// through __has_feature.
bool SanitizerBuild() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || \
    __has_feature(thread_sanitizer)
  return true;
#else
  return false;
#endif
#else
  return false;
#endif
}

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool ReadExactly(int fd, char* out, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::read(fd, out, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    out += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// Worker side: blocks for the next request; false at end of input.
bool ReadRequest(int fd, std::string& path) {
  char prefix[sizeof(std::uint64_t)];
  if (!ReadExactly(fd, prefix, sizeof prefix)) return false;
  const std::uint64_t size = *FramePayloadLength(std::string_view(prefix, sizeof prefix));
  if (size > kMaxFrameBytes) return false;
  path.resize(size);
  return ReadExactly(fd, path.data(), size);
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

void RunTestHook(std::string_view bytes) {
  if (!StartsWith(bytes, kTestHookMarker)) return;
  const char* enabled = std::getenv("ARCHIVIST_TEST_HOOKS");
  if (!enabled || std::string_view(enabled) != "1") return;
  const std::string_view what = bytes.substr(kTestHookMarker.size());
  if (StartsWith(what, "abort")) std::abort();
  if (StartsWith(what, "hang")) {
    for (;;) pause();
  }
  if (StartsWith(what, "segv")) raise(SIGSEGV);
  if (StartsWith(what, "kill")) raise(SIGKILL);
  if (StartsWith(what, "malloc-then-segv")) {
    // C code that does not check malloc: take memory until the limit
    // refuses even a small block, then crash as the unchecked NULL would.
    for (std::size_t chunk = 64u << 20; chunk >= (1u << 20); chunk /= 2) {
      while (void* block = std::malloc(chunk)) static_cast<volatile char*>(block)[0] = 1;
    }
    raise(SIGSEGV);
  }
  if (StartsWith(what, "oom")) {
    constexpr std::size_t kChunk = 64u << 20;
    std::vector<std::unique_ptr<char[]>> hoard;
    for (;;) {
      // RLIMIT_AS counts address space, so the limit trips without the
      // pages ever being touched (touching them would only make the test slow
      // on a busy machine). One write per chunk keeps the allocation real.
      hoard.emplace_back(new char[kChunk]);
      static_cast<volatile char*>(hoard.back().get())[0] = 1;
    }
  }
}

[[noreturn]] void WorkerMain(int socket_fd, const extract::OcrOptions& run_ocr) {
  extract::InitExtractors();
  std::string payload;
  while (ReadRequest(socket_fd, payload)) {
    const Request request = DecodeRequest(payload);
    extract::OcrOptions ocr = run_ocr;
    if (!request.ocr_languages.empty()) ocr.languages = request.ocr_languages;
    // Each page Tesseract starts on is announced, so the pool's clock gives
    // it its own budget (a lost announcement only shortens the file's time).
    ocr.on_page = [socket_fd] {
      WriteAll(socket_fd, Frame(EncodeOcrProgress({OcrProgress::Kind::kPageStarted})));
    };
    // The pages ahead and done, for the indexer's progress line; like the
    // announcement above, a lost frame costs only a figure in it.
    ocr.on_pages_ahead = [socket_fd](std::size_t pages) {
      OcrProgress ahead{OcrProgress::Kind::kPagesAhead};
      ahead.pages = pages;
      WriteAll(socket_fd, Frame(EncodeOcrProgress(ahead)));
    };
    ocr.on_page_done = [socket_fd](const extract::OcrPageDone& page) {
      OcrProgress done{OcrProgress::Kind::kPageDone};
      done.took = page.took;
      done.read = page.read;
      WriteAll(socket_fd, Frame(EncodeOcrProgress(done)));
    };
    std::string reply;
    try {
      reply = Frame(EncodeReply(ExtractInWorker(request.path, ocr)));
    } catch (const std::bad_alloc&) {
      _exit(kOutOfMemoryExit);
    } catch (const std::exception& e) {
      reply = Frame(
          EncodeReply(Error{ErrorCode::kInternal, std::string("extractor threw: ") + e.what()}));
    }
    if (!WriteAll(socket_fd, reply)) break;
  }
  _exit(0);
}

// Runs in the child between fork() and WorkerMain(): only the socket, the
// stderr pipe and /dev/null stay open, so a worker never holds the index's
// files (Xapian's lock) or another worker's socket.
[[noreturn]] void BecomeWorker(int socket_fd, int stderr_fd, pid_t parent,
                               std::uint64_t memory_bytes, const extract::OcrOptions& ocr) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the indexer
  if (getppid() != parent) _exit(0);
  const int null_fd = open("/dev/null", O_RDONLY);
  if (null_fd < 0 || dup2(null_fd, STDIN_FILENO) < 0 || dup2(stderr_fd, STDOUT_FILENO) < 0 ||
      dup2(stderr_fd, STDERR_FILENO) < 0 || dup2(socket_fd, kWorkerSocketFd) < 0) {
    _exit(127);
  }
  if (close_range(kWorkerSocketFd + 1, ~0u, 0) != 0) {
    for (int fd = kWorkerSocketFd + 1; fd < 1024; ++fd) close(fd);
  }
  // A crashing parser is expected here; a core file per hostile document is not.
  const rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);
  if (memory_bytes > 0 && !SanitizerBuild()) {
    // RLIMIT_AS counts the address space the worker inherited too (libraries,
    // the indexer's own data), which grows as the project does; the limit is
    // what one file may add on top of that, so it means the same everywhere.
    const rlim_t total = static_cast<rlim_t>(InheritedAddressSpace() + memory_bytes);
    ReportCrashesAtTheLimit(total, memory_bytes);
    const rlimit limit{total, total};
    if (setrlimit(RLIMIT_AS, &limit) != 0) _exit(127);
  }
  WorkerMain(kWorkerSocketFd, ocr);
}

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
    if (!WriteAll(w.socket_fd, Frame(EncodeRequest(file.string(), ocr_languages)))) {
      return Died(w, file);
    }
    std::string buffer;
    char chunk[65536];
    for (;;) {
      // Rounded up: truncating would give up to a millisecond before the deadline.
      const auto left =
          std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
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

Result<extract::ExtractedDoc> ExtractInWorker(const std::filesystem::path& file,
                                              const extract::OcrOptions& ocr) {
  Result<std::string> bytes = extract::ReadFileBytes(file);
  if (!bytes.ok()) return bytes.error();
  RunTestHook(bytes.value());
  return extract::ExtractBytes(file, bytes.value(), ocr);
}

std::unique_ptr<ExtractPool> ExtractPool::Start(const PoolOptions& options) {
  auto pool = std::make_unique<ForkedPool>(options);
  pool->SpawnAll();
  return pool;
}

}  // namespace archivist::worker
