// SPDX-License-Identifier: GPL-2.0-or-later
// The worker's side of extraction: what a process forked by the pool
// (extract_pool.h) does from the fork to its exit. It reads requests from
// its socket, extracts each file and writes the reply, and names the way it
// dies (out of memory, a crash at its memory limit) by its exit status so
// the pool can tell the indexer why a file was lost.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

#include <sys/types.h>

#include "core/error.h"
#include "indexer/extract/extractor.h"

namespace archivist::worker {

// Exit statuses by which a worker tells the pool how it died.
// A worker that could not allocate exits with kOutOfMemoryExit rather than
// dying by an anonymous signal.
inline constexpr int kOutOfMemoryExit = 86;
// A worker that crashed (signal N) at its memory limit exits with
// kCrashedAtLimitExitBase + N: C code that meets a failed malloc tends to
// crash rather than report it.
inline constexpr int kCrashedAtLimitExitBase = 100;

// True in a build with a sanitizer (ASan, MSan, TSan), whose shadow memory
// takes terabytes of address space: RLIMIT_AS cannot bound a worker there.
bool SanitizerBuild();

// Writes all of `data` to the stream socket `fd` (retrying on EINTR, never
// raising SIGPIPE); false when the peer is gone or the write fails. Used by
// both ends of the worker's socket.
bool WriteAll(int fd, std::string_view data);

// The child's entry, called right after fork(): keeps only `socket_fd`
// (the pool's end is the parent's), `stderr_fd` (for stdout and stderr)
// and /dev/null open, dies with the parent (`parent`'s pid, checked once
// against a parent that exited before the death signal was armed), limits
// its address space to what it inherited plus `memory_bytes` (0: no limit;
// never in a sanitizer build), then answers requests until its socket
// closes. Never returns: the process exits.
[[noreturn]] void BecomeWorker(int socket_fd, int stderr_fd, pid_t parent,
                               std::uint64_t memory_bytes, const extract::OcrOptions& ocr);

// What one worker does with a request, exposed for tests: reads `file`, and
// (when the environment has ARCHIVIST_TEST_HOOKS=1) honours the test hooks
// below, then runs the extractor content sniffing picks.
//
// Test hooks: a file whose bytes begin with kTestHookMarker followed by
// "abort", "segv", "kill", "hang", "oom" or "malloc-then-segv" makes the
// worker abort, crash, SIGKILL itself, sleep forever, allocate with new
// until refused (without an address-space limit, as in sanitizer builds,
// until it holds the file's memory budget, or 256 MiB without one: then
// std::bad_alloc, out of memory), or malloc until refused and then crash;
// "spin" makes it
// work 400 ms of CPU time before extracting as usual. They exist to prove
// isolation and are ignored unless ARCHIVIST_TEST_HOOKS=1.
inline constexpr std::string_view kTestHookMarker = "ARCHIVIST-TEST-HOOK:";
Result<extract::ExtractedDoc> ExtractInWorker(const std::filesystem::path& file,
                                              const extract::OcrOptions& ocr = {});

}  // namespace archivist::worker
