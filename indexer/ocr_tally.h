// SPDX-License-Identifier: GPL-2.0-or-later
// How far the OCR of a run has come, page by page, for the progress line:
// a 300-page scan takes many minutes in one file, and its pages are counted
// as they are read rather than when the file is done.
#pragma once

#include <cstddef>

#include "indexer/worker/protocol.h"

namespace archivist {

// The sum of what the extraction workers reported (worker::OcrProgress).
// Plain data, not thread-safe: its owner (ProgressReporter) locks it.
struct OcrTally {
  // Pages done in this run, in finished files and files still being read
  // (read by Tesseract, found in the cache, blank or failed).
  std::size_t pages_done = 0;
  // Pages announced by the files being read and not done yet.
  std::size_t pages_ahead = 0;
  // Pages Tesseract read, and the seconds they took (worker wall clock,
  // summed over the workers): the pace of a page yet to read.
  std::size_t pages_read = 0;
  double read_seconds = 0;
  // Seconds taken by the pages of files still being read: the run's pace
  // over finished files leaves them out.
  double under_way_seconds = 0;

  void Add(const worker::OcrProgress& progress);

  // Seconds one page read by Tesseract has taken on average; 0 before any.
  double SecondsPerPage() const;
};

}  // namespace archivist
