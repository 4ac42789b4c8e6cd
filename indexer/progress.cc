// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/progress.h"

#include <cstdio>

namespace archivist {

ProgressReporter::ProgressReporter(std::ostream& out, bool live, std::size_t every)
    : out_(out), live_(live), every_(every == 0 ? 1 : every),
      start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

std::string ProgressReporter::Describe(std::size_t done, std::size_t total, double seconds,
                                       std::size_t failed, std::size_t ocr_pages) {
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  char line[160];
  int length = std::snprintf(line, sizeof line, "%zu/%zu files · %.1f files/s", done, total, rate);
  if (rate > 0 && done < total) {
    const auto left = static_cast<long>(static_cast<double>(total - done) / rate + 0.5);
    length += std::snprintf(line + length, sizeof line - static_cast<std::size_t>(length),
                            " · ETA %ld:%02ld", left / 60, left % 60);
  }
  length += std::snprintf(line + length, sizeof line - static_cast<std::size_t>(length),
                          " · %zu failed", failed);
  if (ocr_pages > 0) {
    std::snprintf(line + length, sizeof line - static_cast<std::size_t>(length),
                  " · %zu OCR pages", ocr_pages);
  }
  return line;
}

void ProgressReporter::Update(const IndexSummary& summary, std::size_t total_files) {
  const auto now = std::chrono::steady_clock::now();
  const std::size_t done = summary.files_done();
  const double seconds = std::chrono::duration<double>(now - start_).count();
  if (live_) {
    // Redrawing more than a few times a second only costs time.
    if (done < total_files && now - last_draw_ < std::chrono::milliseconds(200)) return;
    last_draw_ = now;
    out_ << '\r' << Describe(done, total_files, seconds, summary.failed,
                                   summary.ocr_pages + summary.ocr_cache_hits) << "\x1b[K" << std::flush;
    drawn_ = true;
    return;
  }
  if (done % every_ == 0 || done == total_files) {
    out_ << "progress: " << Describe(done, total_files, seconds, summary.failed,
                                   summary.ocr_pages + summary.ocr_cache_hits) << '\n';
  }
}

void ProgressReporter::Finish() {
  if (drawn_) out_ << '\n' << std::flush;
  drawn_ = false;
}

}  // namespace archivist
