// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/progress.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace archivist {
namespace {

// Redrawing the live line more than a few times a second only costs time.
constexpr auto kLiveRedraw = std::chrono::milliseconds(200);
// In a log, a line while a long scan is read, but not one per page.
constexpr auto kLogOcrEvery = std::chrono::seconds(30);

std::string Printf(const char* format, auto... args) {
  char buffer[96];
  const int n = std::snprintf(buffer, sizeof buffer, format, args...);
  return std::string(buffer, static_cast<std::size_t>(std::clamp(n, 0, 95)));
}

}  // namespace

ProgressReporter::ProgressReporter(std::ostream& out, bool live, std::size_t every,
                                   std::size_t jobs)
    : out_(out),
      live_(live),
      every_(every == 0 ? 1 : every),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {
  figures_.jobs = std::max<std::size_t>(jobs, 1);
}

double ProgressReporter::EtaSeconds(const ProgressFigures& f) {
  const double jobs = static_cast<double>(std::max<std::size_t>(f.jobs, 1));
  const double ocr_left = static_cast<double>(f.ocr.pages_ahead) * f.ocr.SecondsPerPage() / jobs;
  if (f.done >= f.total) return f.ocr.pages_ahead > 0 && ocr_left > 0 ? ocr_left : -1;
  if (f.done == 0) {
    // No file done yet: the pages ahead are all that is known (a first
    // long scan), a lower bound.
    return ocr_left > 0 ? ocr_left : -1;
  }
  const double finished_seconds = std::max(0.0, f.seconds - f.ocr.under_way_seconds / jobs);
  const double files_left = static_cast<double>(f.total - f.done);
  return files_left * finished_seconds / static_cast<double>(f.done) + ocr_left;
}

std::string ProgressReporter::Describe(const ProgressFigures& f) {
  const double rate = f.seconds > 0 ? static_cast<double>(f.done) / f.seconds : 0;
  std::string line = Printf("%zu/%zu files · %.1f files/s", f.done, f.total, rate);
  if (const double eta = EtaSeconds(f); eta >= 0) {
    const auto left = static_cast<long>(std::lround(eta));
    line += Printf(" · ETA %ld:%02ld", left / 60, left % 60);
  }
  line += Printf(" · %zu failed", f.failed);
  if (f.ocr.pages_ahead > 0) {
    line += Printf(" · OCR %zu/%zu pages", f.ocr.pages_done, f.ocr.pages_done + f.ocr.pages_ahead);
    if (f.ocr.pages_read > 0) line += Printf(", %.1f s a page", f.ocr.SecondsPerPage());
  } else if (f.ocr.pages_done > 0) {
    line += Printf(" · %zu OCR pages", f.ocr.pages_done);
  }
  return line;
}

void ProgressReporter::Update(const IndexSummary& summary, std::size_t total_files) {
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  figures_.done = summary.files_done();
  figures_.total = total_files;
  figures_.failed = summary.failed;
  if (live_) {
    if (figures_.done < total_files && now - last_draw_ < kLiveRedraw) return;
    Draw(now);
    return;
  }
  if (figures_.done % every_ == 0 || figures_.done == total_files) Draw(now);
}

void ProgressReporter::Ocr(const worker::OcrProgress& progress) {
  std::lock_guard lock(mutex_);
  figures_.ocr.Add(progress);
  const auto now = std::chrono::steady_clock::now();
  const bool read = progress.kind == worker::OcrProgress::Kind::kPageDone && progress.read;
  if (live_ ? (read || now - last_draw_ >= kLiveRedraw)
            : (read && now - last_draw_ >= kLogOcrEvery)) {
    Draw(now);
  }
}

void ProgressReporter::Draw(std::chrono::steady_clock::time_point now) {
  last_draw_ = now;
  figures_.seconds = std::chrono::duration<double>(now - start_).count();
  if (live_) {
    out_ << '\r' << Describe(figures_) << "\x1b[K" << std::flush;
    drawn_ = true;
  } else {
    out_ << "progress: " << Describe(figures_) << '\n';
  }
}

void ProgressReporter::Finish() {
  std::lock_guard lock(mutex_);
  if (drawn_) out_ << '\n' << std::flush;
  drawn_ = false;
  const std::size_t jobs = figures_.jobs;
  figures_ = ProgressFigures{};
  figures_.jobs = jobs;
  start_ = last_draw_ = std::chrono::steady_clock::now();
}

}  // namespace archivist
