// SPDX-License-Identifier: GPL-2.0-or-later
// Progress of an indexing run: a live line on a terminal, a log line every N
// files otherwise.
#pragma once

#include <chrono>
#include <cstddef>
#include <ostream>
#include <string>

#include "indexer/indexer.h"

namespace archivist {

class ProgressReporter {
 public:
  // `live`: redraw one line on `out` (a terminal); otherwise print a line
  // every `every` files.
  ProgressReporter(std::ostream& out, bool live, std::size_t every);

  void Update(const IndexSummary& summary, std::size_t total_files);

  // Ends the live line, if one was drawn.
  void Finish();

  // "1234/5000 files · 45.2 files/s · ETA 1:23 · 3 failed", and when OCR
  // ran, "· 37 OCR pages" (read, and from the cache). The ETA comes from the
  // files done so far, OCR time included: scans in the archive slow it as
  // they slowed what was done. Exposed for tests.
  static std::string Describe(std::size_t done, std::size_t total, double seconds,
                              std::size_t failed, std::size_t ocr_pages = 0);

 private:
  std::ostream& out_;
  bool live_;
  std::size_t every_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  bool drawn_ = false;
};

}  // namespace archivist
