// SPDX-License-Identifier: GPL-2.0-or-later
// How much memory enriching a long text takes (issue 19: the indexer's
// peak was two 2,415-page manuals enriched at once, each taking about 30
// times its text). A program of its own: it replaces the global operator
// new to weigh every C++ allocation, which no other test should pay for.
#include <atomic>
#include <cstdlib>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <malloc.h>

#include "indexer/enrich/record_builder.h"
#include "indexer/extract/extractor.h"

namespace {

// Bytes of C++ heap in use (as malloc sized the blocks) and the most in use
// since the meter was last reset.
std::atomic<long long> g_in_use{0};
std::atomic<long long> g_peak{0};

void Count(void* block) {
  const long long now = g_in_use.fetch_add(static_cast<long long>(malloc_usable_size(block))) +
                        static_cast<long long>(malloc_usable_size(block));
  long long peak = g_peak.load();
  while (now > peak && !g_peak.compare_exchange_weak(peak, now)) {
  }
}

void* Allocate(std::size_t bytes) {
  void* block = std::malloc(bytes == 0 ? 1 : bytes);
  if (block == nullptr) throw std::bad_alloc();
  Count(block);
  return block;
}

void Release(void* block) noexcept {
  if (block == nullptr) return;
  g_in_use.fetch_sub(static_cast<long long>(malloc_usable_size(block)));
  std::free(block);
}

// The most heap `step` held at once beyond what was in use before it.
template <typename Step>
long long PeakHeapOf(Step&& step) {
  const long long before = g_in_use.load();
  g_peak = before;
  step();
  return g_peak.load() - before;
}

}  // namespace

void* operator new(std::size_t bytes) { return Allocate(bytes); }
void* operator new[](std::size_t bytes) { return Allocate(bytes); }
void operator delete(void* block) noexcept { Release(block); }
void operator delete[](void* block) noexcept { Release(block); }
void operator delete(void* block, std::size_t) noexcept { Release(block); }
void operator delete[](void* block, std::size_t) noexcept { Release(block); }

namespace archivist::enrich {
namespace {

// A manual of `pages` pages: numbered sections, prose with capitalised
// words and a country now and then, a running head on every page; no two
// lines alike but the running head, as in a real reference manual.
extract::ExtractedDoc LongManual(int pages) {
  extract::ExtractedDoc doc;
  doc.format = "pdf";
  doc.title = "The Reference Manual";
  for (int p = 0; p < pages; ++p) {
    std::string page = "The Reference Manual\n";
    for (int line = 0; line < 30; ++line) {
      const std::string n = std::to_string(p * 30 + line);
      page += "Section " + n + ": the function f" + n +
              "(x, y) returns a List of values, as Norway and Chile use it; see also g" + n + ".\n";
    }
    doc.pages.push_back(std::move(page));
  }
  return doc;
}

std::size_t TextBytes(const extract::ExtractedDoc& doc) {
  std::size_t bytes = 0;
  for (const std::string& page : doc.pages) bytes += page.size();
  return bytes;
}

FileLocation Manual() {
  FileLocation file;
  file.root = "/archive";
  file.path = "manuals/reference.pdf";
  return file;
}

// Issue 19: the enrichment of a long text holds a few copies of it (folded,
// lower case, its lines once each) and a compact word list, not a list of
// words made to build another list grown by doubling (about 30 times the
// text: 127 MiB for the 4.3 MiB of the R reference manual; 33 here).
// This text has a word every five bytes; each word's token takes 40.
constexpr double kMostTimesTheText = 20;

TEST(EnrichMemoryTest, ALongTextTakesAFewTimesItsSizeToEnrich) {
  const std::string hash(64, 'a');
  // The detectors' vocabularies are built once per process: not part of a
  // document's cost.
  (void)BuildRecord(Manual(), LongManual(1), std::nullopt, hash);

  const extract::ExtractedDoc doc = LongManual(150);
  const std::size_t text = TextBytes(doc);
  ASSERT_GT(text, 400u * 1024);
  DocumentRecord record;
  const long long peak =
      PeakHeapOf([&] { record = BuildRecord(Manual(), doc, std::nullopt, hash); });
  EXPECT_EQ(record.pages, 150);
  EXPECT_LT(static_cast<double>(peak), kMostTimesTheText * static_cast<double>(text))
      << "peak " << peak << " bytes for " << text << " bytes of text";
}

}  // namespace
}  // namespace archivist::enrich
