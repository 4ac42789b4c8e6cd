// SPDX-License-Identifier: GPL-2.0-or-later
// Extraction in worker processes, so that a parser that crashes, hangs or
// eats memory costs one file and never the indexing run (Omega's approach).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"
#include "indexer/extract/extractor.h"
#include "indexer/worker/protocol.h"

namespace archivist::worker {

struct PoolOptions {
  // Long-lived worker processes; Extract() can run this many files at once.
  std::size_t workers = 1;
  // Time one file may take, from request to reply: wall-clock time, less
  // what its worker spent waiting for a CPU that other processes held (up
  // to kMaxCpuWaitCredit times `timeout`), so that a loaded machine does not
  // fail files an idle one extracts in time, while a worker that hangs
  // (asleep, using no CPU) is still killed at `timeout`.
  std::chrono::milliseconds timeout = std::chrono::seconds(60);
  // Address space (RLIMIT_AS) a worker may add to what it inherits, per
  // file; 0 for no limit.
  std::uint64_t memory_bytes = 1024ull << 20;
  // OCR in the workers (mode, languages, cache, per-page budget). Each page
  // Tesseract reads adds its page budget to the file's time limit, counted
  // from the page's start: a long scan is not cut at `timeout`, a hung page
  // is.
  extract::OcrOptions ocr;
  // Told, on the thread that called Extract(), what a worker reports of
  // its OCR pages as they go (protocol.h's OcrProgress, kPageStarted
  // excepted), and kFileEnded when the file's extraction ends: the
  // progress line counts a long scan's pages while it is read. May be
  // empty; may be called from several threads at once.
  std::function<void(const OcrProgress&)> on_ocr_progress;
};

// How many times its `timeout` a file's deadline may be put back for the
// time its worker waited for a CPU: a bound on how long one file can hold a
// reading thread on a machine loaded beyond use.
inline constexpr int kMaxCpuWaitCredit = 9;

// The failure reasons Extract() gives for a worker that did not answer; the
// indexer reports them as the file's reason, and tests compare them. Each
// says only what the pool knows:
// - the time limit: the pool killed the worker itself;
// - out of memory: the worker saw an allocation refused (std::bad_alloc,
//   or Poppler's "Out of memory" abort);
// - crashed at its memory limit: a crash (C code meeting a NULL from
//   malloc, typically) while the worker's address space was within an
//   eighth of its per-file budget of RLIMIT_AS;
// - killed from outside: SIGKILL that the pool did not send (RLIMIT_AS never
//   sends one; the kernel's OOM killer or a person may);
// - crashed: any other signal.
std::string CrashedReason(int signal_number);  // "extractor crashed (signal 6)"
std::string CrashedAtMemoryLimitReason(int signal_number);
std::string KilledReason(int signal_number);
std::string TimedOutReason(std::chrono::milliseconds timeout);  // "timed out after 60s"
inline constexpr std::string_view kOutOfMemoryReason = "out of memory";

// A fixed set of forked worker processes, each reading file paths from a
// socket and answering with the extracted document (indexer/worker/protocol.h).
//
// A worker that crashes, exceeds its memory limit or its time limit is killed
// and reaped; a fresh one is forked for the next file. Workers are forked
// from the calling process without exec: create the pool before opening files
// or databases you do not want workers to hold (workers close every inherited
// descriptor they do not need anyway).
//
// Worker stdout and stderr (Poppler's and libxml2's chatter, the worker's own
// log lines) are read by the pool and logged at debug level, never left on
// the terminal.
//
// Thread safety: Extract() may be called from up to `workers` threads at
// once; further callers wait for a free worker. Destroy the pool only when
// no Extract() call is running. Every worker is forked by one thread the
// pool owns, because PR_SET_PDEATHSIG (a worker never outlives the indexer)
// fires when the forking *thread* exits: a worker respawned on behalf of a
// calling thread lives on after that thread ends.
class ExtractPool {
 public:
  // Forks the workers. Throws archivist::Exception(kInternal) when the
  // operating system refuses (no processes or descriptors left).
  static std::unique_ptr<ExtractPool> Start(const PoolOptions& options);
  virtual ~ExtractPool() = default;

  // Extracts `file` in a worker. Errors: the extractor's own (kCorrupt,
  // kUnsupported, kNotFound) and, for a worker that did not answer,
  // kInternal with CrashedReason / TimedOutReason / kOutOfMemoryReason.
  // `ocr_languages` replaces PoolOptions::ocr.languages for this file (a
  // folder's own, from its _folder.meta.json); empty keeps the run's.
  virtual Result<extract::ExtractedDoc> Extract(const std::filesystem::path& file,
                                                const std::string& ocr_languages) = 0;
  Result<extract::ExtractedDoc> Extract(const std::filesystem::path& file) {
    return Extract(file, std::string());
  }

  // False when this build cannot enforce the memory limit (sanitizer
  // builds, whose shadow memory does not fit under RLIMIT_AS).
  virtual bool MemoryLimitEnforced() const = 0;
};

}  // namespace archivist::worker
