// SPDX-License-Identifier: GPL-2.0-or-later
// Progress of an indexing run: a live line on a terminal, a log line every N
// files otherwise. OCR pages are counted as they are read, and the ETA
// counts the pages still to read.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <ostream>
#include <string>

#include "indexer/indexer.h"
#include "indexer/ocr_tally.h"
#include "indexer/worker/protocol.h"

namespace archivist {

// What one progress line is drawn from.
struct ProgressFigures {
  std::size_t done = 0;  // files
  std::size_t total = 0;
  std::size_t failed = 0;
  double seconds = 0;    // since the run started
  std::size_t jobs = 1;  // extraction workers: OCR pages are read this many at a time
  OcrTally ocr;
};

// Thread safety: every method may be called from any thread (the run's
// calling thread reports files, the extraction threads OCR pages).
class ProgressReporter {
 public:
  // `live`: redraw one line on `out` (a terminal); otherwise print a line
  // every `every` files, and every 30 s while OCR pages are read. `jobs`:
  // the run's extraction workers.
  ProgressReporter(std::ostream& out, bool live, std::size_t every, std::size_t jobs = 1);

  void Update(const IndexSummary& summary, std::size_t total_files);

  // What a worker reported of its OCR pages (ExtractPool's on_ocr_progress).
  // A page read by Tesseract redraws the live line at once: pages take
  // seconds each, and a long scan is one file for many minutes.
  void Ocr(const worker::OcrProgress& progress);

  // Ends the live line, if one was drawn, and starts the clock and the
  // OCR count again for the next run (--watch).
  void Finish();

  // "1234/5000 files · 45.2 files/s · ETA 1:23 · 3 failed", and when OCR
  // ran, "· OCR 12/300 pages, 2.5 s a page" while files being read have
  // pages ahead, else "· 37 OCR pages". Exposed for tests.
  static std::string Describe(const ProgressFigures& figures);

  // Seconds left, or a negative number when unknown: the files left at
  // the pace of those done (without the OCR time of files still being
  // read), plus the OCR pages announced and not yet read at the pace pages
  // have been read, `jobs` at a time. Scans among the files left slow it as
  // scans slowed the files done. Exposed for tests.
  static double EtaSeconds(const ProgressFigures& figures);

 private:
  // Draws (live) or prints a line; `mutex_` held.
  void Draw(std::chrono::steady_clock::time_point now);

  std::mutex mutex_;
  std::ostream& out_;
  const bool live_;
  const std::size_t every_;
  ProgressFigures figures_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  bool drawn_ = false;
};

}  // namespace archivist
