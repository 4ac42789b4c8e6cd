// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/worker/worker_process.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/freed_memory.h"
#include "indexer/worker/protocol.h"

namespace archivist::worker {
namespace {

// "At its memory limit": less than this share of the per-file budget left
// (but never less than kMinHeadroom) when the crash came.
constexpr std::uint64_t kHeadroomDivisor = 8;
constexpr std::uint64_t kMinHeadroom = 16u << 20;
// In the worker, the socket to the pool always sits at this descriptor.
constexpr int kWorkerSocketFd = 3;

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
// What the "oom" test hook may take when no address-space limit stops it
// (sanitizer builds: BecomeWorker; 0 while a limit is enforced).
std::uint64_t g_oom_hook_budget = 0;
// The hook's budget when the worker was given none: a fixed cap.
constexpr std::uint64_t kUnlimitedOomHookBytes = 256u << 20;

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
  if (StartsWith(what, "spin")) {
    // Work for 400 ms of CPU time, then extract as usual: a file that
    // takes long only because the machine is shared.
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    const double until = static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9 + 0.4;
    do {
      clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    } while (static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9 < until);
    return;
  }
  if (StartsWith(what, "segv")) raise(SIGSEGV);
  if (StartsWith(what, "kill")) raise(SIGKILL);
  if (StartsWith(what, "malloc-then-segv")) {
    // C code that does not check malloc: take memory until the limit
    // refuses even a small block, then crash as the unchecked NULL would.
    // The blocks are never freed on purpose: the process crashes next.
    for (std::size_t chunk = 64u << 20; chunk >= (1u << 20); chunk /= 2) {
      // NOLINTNEXTLINE(clang-analyzer-unix.Malloc): held until the crash, as said above
      while (void* block = std::malloc(chunk)) static_cast<volatile char*>(block)[0] = 1;
    }
    raise(SIGSEGV);
  }
  if (StartsWith(what, "oom")) {
    constexpr std::size_t kChunk = 64u << 20;
    std::vector<std::unique_ptr<char[]>> hoard;
    for (;;) {
      // Without an address-space limit (sanitizer builds), nothing would
      // stop the hoard but the run's time limit, after seconds of taking
      // the machine's memory from the other worker's file (a zip bomb
      // refused from its header once timed out beside it under ASan).
      // The hook then fails as the limit would have: an allocation refused
      // once the file's budget is spent.
      if (g_oom_hook_budget > 0 && hoard.size() * kChunk >= g_oom_hook_budget) {
        throw std::bad_alloc();
      }
      // RLIMIT_AS counts address space, so the limit trips without the
      // pages ever being touched (touching them would only make the test slow
      // on a busy machine). One write per chunk keeps the allocation real.
      hoard.emplace_back(new char[kChunk]);
      static_cast<volatile char*>(hoard.back().get())[0] = 1;
    }
  }
}

// A worker lives for the whole run, and glibc keeps what a file's
// extraction freed (Poppler's objects of a 400-page report, its text) for
// the next allocations rather than giving it back: on the bench corpus of
// issue 19 each worker held 230-270 MiB by the end of the run, for the
// next file's few. Trimming after every file cost that run 28 s more CPU
// (the next file faults its pages in again); trimming whenever glibc held
// more than 32 MiB free still trimmed after most files once a long PDF had
// left its free pieces behind (glibc counts a trimmed piece as free still,
// so the count never fell). A worker now trims when its resident memory
// grew by 32 MiB since its last trim: after the long files that grew it.
constexpr std::size_t kTrimAfterGrowthBytes = 32u << 20;

[[noreturn]] void WorkerMain(int socket_fd, const extract::OcrOptions& run_ocr) {
  extract::InitExtractors();
  FreedMemoryTrimmer trimmer(kTrimAfterGrowthBytes);
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
    reply = std::string();
    trimmer.TrimIfGrown();
  }
  _exit(0);
}

}  // namespace

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
  } else {
    g_oom_hook_budget = memory_bytes > 0 ? memory_bytes : kUnlimitedOomHookBytes;
  }
  WorkerMain(kWorkerSocketFd, ocr);
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

Result<extract::ExtractedDoc> ExtractInWorker(const std::filesystem::path& file,
                                              const extract::OcrOptions& ocr) {
  Result<std::string> bytes = extract::ReadFileBytes(file);
  if (!bytes.ok()) return bytes.error();
  RunTestHook(bytes.value());
  return extract::ExtractBytes(file, bytes.value(), ocr);
}

}  // namespace archivist::worker
