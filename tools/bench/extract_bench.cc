// SPDX-License-Identifier: GPL-2.0-or-later
// Benchmark (not a test): PDF extraction pages/s through the worker pool
// with 1 and 2 workers, side by side with Poppler's pdftotext on the same
// files in the same run. Usage: archivist-extract-bench CORPUS_DIR
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "core/log.h"
#include "indexer/extract/extractor.h"
#include "indexer/worker/extract_pool.h"

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

std::vector<std::filesystem::path> FindPdfs(const std::filesystem::path& root) {
  std::vector<std::filesystem::path> pdfs;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && entry.path().extension() == ".pdf") pdfs.push_back(entry.path());
  }
  // Largest first: with two workers, a big file started last would leave
  // one worker idle while the other finishes it.
  std::sort(pdfs.begin(), pdfs.end(), [](const auto& a, const auto& b) {
    return std::filesystem::file_size(a) > std::filesystem::file_size(b);
  });
  return pdfs;
}

// Runs pdftotext on every file, one after the other, text to /dev/null.
double TimePdftotext(const std::vector<std::filesystem::path>& pdfs) {
  const auto start = Clock::now();
  for (const auto& pdf : pdfs) {
    std::vector<std::string> argv = {"/usr/bin/pdftotext", "-q", pdf.string(), "/dev/null"};
    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (std::string& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawn(&pid, args[0], nullptr, nullptr, args.data(), environ) != 0) continue;
    int status = 0;
    waitpid(pid, &status, 0);
  }
  return Seconds(Clock::now() - start);
}

struct PoolRun {
  double seconds = 0;
  std::size_t pages = 0;
  std::size_t failed = 0;
};

// Extracts every file through a pool of `workers`, with as many threads
// feeding it, as --jobs N will.
PoolRun TimePool(const std::vector<std::filesystem::path>& pdfs, std::size_t workers) {
  archivist::worker::PoolOptions options;
  options.workers = workers;
  auto pool = archivist::worker::ExtractPool::Start(options);
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> pages{0};
  std::atomic<std::size_t> failed{0};
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < workers; ++t) {
    threads.emplace_back([&] {
      for (std::size_t i; (i = next.fetch_add(1)) < pdfs.size();) {
        auto doc = pool->Extract(pdfs[i]);
        if (doc.ok()) {
          pages += doc.value().pages.size();
        } else {
          ++failed;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  return {Seconds(Clock::now() - start), pages.load(), failed.load()};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
    return 2;
  }
  archivist::SetLogLevel(archivist::LogLevel::kError);
  const std::vector<std::filesystem::path> pdfs = FindPdfs(argv[1]);
  std::uintmax_t bytes = 0;
  for (const auto& pdf : pdfs) {
    // Read each file once first, so every contender finds it in the page cache.
    std::ifstream in(pdf, std::ios::binary);
    bytes += static_cast<std::uintmax_t>(
        std::distance(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
  }
  const PoolRun one = TimePool(pdfs, 1);
  const double pdftotext = TimePdftotext(pdfs);
  const PoolRun two = TimePool(pdfs, 2);
  // Pages: what our extraction delivered (pdftotext fails on the same
  // empty and encrypted files, so both sides do the same work).
  const double pages = static_cast<double>(one.pages);
  std::printf("%zu PDFs, %.1f MB, %zu pages (%zu files not extractable)\n", pdfs.size(),
              static_cast<double>(bytes) / 1e6, one.pages, one.failed);
  std::printf("%-26s %8s %10s\n", "", "seconds", "pages/s");
  std::printf("%-26s %8.2f %10.1f\n", "pdftotext (sequential)", pdftotext, pages / pdftotext);
  std::printf("%-26s %8.2f %10.1f\n", "archivist, 1 worker", one.seconds, pages / one.seconds);
  std::printf("%-26s %8.2f %10.1f\n", "archivist, 2 workers", two.seconds, pages / two.seconds);
  if (std::ifstream loadavg("/proc/loadavg"); loadavg) {
    std::string load;
    std::getline(loadavg, load);
    std::printf("load average at the end (1/5/15 min): %s; %u CPUs\n", load.c_str(),
                std::thread::hardware_concurrency());
  }
  std::printf("1 worker vs pdftotext: %.2fx; 2 workers vs 1: %.2fx\n", pdftotext / one.seconds,
              one.seconds / two.seconds);
  return 0;
}
