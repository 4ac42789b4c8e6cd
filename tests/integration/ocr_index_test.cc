// SPDX-License-Identifier: GPL-2.0-or-later
// Scans through the whole indexer: an image-only PDF made from real pages
// and a scanned page as PNG in a folder that names its OCR language are
// indexed with OCR, found by their words at the right page, and a second
// index over the same scans reads every page from the OCR cache.
#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine/search.h"
#include "indexer/indexer.h"
#include "indexer/progress.h"
#include "tests/support/scanned_pages.h"
#include "tests/support/temp_dir.h"

namespace archivist {
namespace {

using testing::Quoted;
using testing::TempDir;

const std::filesystem::path kCorpusReal = ARCHIVIST_CORPUS_REAL_DIR;
const std::filesystem::path kEnglish = kCorpusReal / "pdf/debian/project-history.en.pdf";
const std::filesystem::path kPortuguese = kCorpusReal / "pdf/debian/project-history.pt.pdf";
// Pages of prose; they become the scan's pages 1, 2 and 3.
const std::vector<int> kPages = {4, 5, 7};

std::filesystem::path Scan(const std::filesystem::path& pdf, int page, const TempDir& work) {
  return testing::ScanToPng(pdf, page, 300, work.path());
}

// The words of 8+ letters on page `page` of `pdf` that no other scanned
// page of it holds: a search for one must point at that page.
std::vector<std::string> DistinctiveWords(int page, const TempDir& work) {
  std::set<std::string> elsewhere;
  for (int other : kPages) {
    if (other == page) continue;
    for (const auto& [word, count] : testing::LongWords(testing::TrueText(kEnglish, other, work.path()))) {
      elsewhere.insert(word);
    }
  }
  std::vector<std::string> words;
  for (const auto& [word, count] :
       testing::LongWords(testing::TrueText(kEnglish, page, work.path()))) {
    if (word.size() >= 8 && !elsewhere.count(word)) words.push_back(word);
  }
  return words;
}

IndexOptions OcrRun(const TempDir& dir, const std::string& index) {
  IndexOptions options;
  options.db_path = (dir.path() / index).string();
  options.roots = {dir.path() / "archive"};
  options.jobs = 2;
  options.extraction.ocr.mode = extract::OcrMode::kMissing;
  options.extraction.ocr.languages = "eng+fra";
  options.extraction.ocr.cache_dir = dir.path() / "ocr-cache";
  return options;
}

TEST(OcrIndexTest, ScansAreFoundAtTheirPageAndASecondIndexReadsNoPageTwice) {
  if (!std::filesystem::exists(kCorpusReal / "MANIFEST.tsv")) {
    GTEST_SKIP() << "no real corpus at " << kCorpusReal;
  }
  TempDir dir;
  TempDir work;
  std::string pages;
  for (int page : kPages) pages += " " + Quoted(Scan(kEnglish, page, work));
  std::filesystem::create_directories(dir.path() / "archive/pt");
  testing::RunOrThrow("img2pdf -o " + Quoted(dir.path() / "archive/scanned-history.pdf") + pages);
  // A Portuguese page, as a PNG, in a folder whose manifest says so.
  std::filesystem::copy_file(Scan(kPortuguese, 8, work), dir.path() / "archive/pt/carta.png");
  dir.Write("archive/pt/_folder.meta.json", R"({"ocr_languages": "por"})");
  dir.Write("archive/broken.jpg", std::string("\xFF\xD8\xFF\xE0 not a JPEG after all", 26));

  const IndexSummary first = RunIndex(OcrRun(dir, "index"));
  EXPECT_EQ(first.indexed, 2u);
  EXPECT_EQ(first.failed, 1u);
  EXPECT_EQ(first.ocr_pages, 4u);
  EXPECT_EQ(first.ocr_cache_hits, 0u);
  bool broken_reported = false;
  for (const FileReport& problem : first.problems) {
    if (problem.path.ends_with("broken.jpg")) {
      broken_reported = problem.outcome == FileOutcome::kFailed && !problem.reason.empty();
    }
  }
  EXPECT_TRUE(broken_reported) << "a broken image is reported with its reason";

  auto searcher = Searcher::Open((dir.path() / "index").string());
  ASSERT_TRUE(searcher.ok()) << searcher.error().message;
  // Every page's distinctive words find the scan with that page matching.
  for (std::size_t i = 0; i < kPages.size(); ++i) {
    const int page = kPages[i];
    const std::vector<std::string> words = DistinctiveWords(page, work);
    ASSERT_GE(words.size(), 3u) << "page " << page;
    std::size_t found = 0;
    for (const std::string& word : words) {
      SearchRequest request;
      request.query = word;
      Result<SearchPage> hits = searcher.value()->Search(request);
      ASSERT_TRUE(hits.ok()) << hits.error().message;
      for (const SearchHit& hit : hits.value().hits) {
        if (hit.record.path != "scanned-history.pdf") continue;
        EXPECT_EQ(hit.record.ocr_pages, (std::vector<int>{1, 2, 3}));
        EXPECT_GT(hit.record.ocr_confidence, 70);
        const int scan_page = static_cast<int>(i) + 1;
        if (std::find(hit.matching_pages.begin(), hit.matching_pages.end(), scan_page) !=
            hit.matching_pages.end()) {
          ++found;
        }
      }
    }
    EXPECT_GE(static_cast<double>(found), 0.9 * static_cast<double>(words.size()))
        << "page " << page << ": " << found << " of " << words.size() << " words";
  }
  // The Portuguese page was read as Portuguese and is stemmed as such.
  SearchRequest everything;  // no query: browse the two documents
  Result<SearchPage> pt = searcher.value()->Search(everything);
  ASSERT_TRUE(pt.ok());
  bool carta = false;
  for (const SearchHit& hit : pt.value().hits) {
    if (hit.record.path != "pt/carta.png") continue;
    carta = true;
    EXPECT_EQ(hit.record.language, "pt");
    EXPECT_EQ(hit.record.format, "png");
    EXPECT_EQ(hit.record.ocr_pages, (std::vector<int>{1}));
  }
  EXPECT_TRUE(carta);

  // A new index over the same scans (a rebuild, a moved archive): no OCR.
  const IndexSummary second = RunIndex(OcrRun(dir, "rebuilt"));
  EXPECT_EQ(second.indexed, 2u);
  EXPECT_EQ(second.ocr_pages, 0u);
  EXPECT_EQ(second.ocr_cache_hits, 4u);
}

// --ocr always: the pages of a PDF with a good text layer are read too (for
// an archive whose text layers are broken), and a second index reads them
// from the cache; a temporary file a killed run left in the cache is
// removed as the next run starts, one of a live process is not.
TEST(OcrIndexTest, AlwaysReadsTextPagesTooAndARunSweepsKilledTemporaries) {
  if (!std::filesystem::exists(kCorpusReal / "MANIFEST.tsv")) {
    GTEST_SKIP() << "no real corpus at " << kCorpusReal;
  }
  TempDir dir;
  TempDir work;
  std::filesystem::create_directories(dir.path() / "archive");
  // Two real text pages (7 and 8 of the English history) as a PDF of their own.
  testing::RunOrThrow("pdfseparate -f 7 -l 8 " + Quoted(kEnglish) + " " +
                      Quoted(work.path() / "page-%d.pdf"));
  testing::RunOrThrow("pdfunite " + Quoted(work.path() / "page-7.pdf") + " " +
                      Quoted(work.path() / "page-8.pdf") + " " +
                      Quoted(dir.path() / "archive/history.pdf"));
  IndexOptions options = OcrRun(dir, "index");
  options.extraction.ocr.mode = extract::OcrMode::kMissing;
  const IndexSummary missing = RunIndex(options);
  EXPECT_EQ(missing.indexed, 1u);
  EXPECT_EQ(missing.ocr_pages, 0u) << "text pages are not read when OCR fills only what is missing";

  options = OcrRun(dir, "always");
  options.extraction.ocr.mode = extract::OcrMode::kAlways;
  const IndexSummary always = RunIndex(options);
  EXPECT_EQ(always.indexed, 1u);
  EXPECT_EQ(always.ocr_pages, 2u);
  EXPECT_EQ(always.ocr_cache_hits, 0u);
  auto searcher = Searcher::Open((dir.path() / "always").string());
  ASSERT_TRUE(searcher.ok()) << searcher.error().message;
  Result<SearchPage> all = searcher.value()->Search(SearchRequest{});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all.value().hits.size(), 1u);
  EXPECT_EQ(all.value().hits[0].record.ocr_pages, (std::vector<int>{1, 2}));
  EXPECT_GT(all.value().hits[0].record.ocr_confidence, 70);

  // What a run killed while storing leaves: a temporary of a dead process
  // (a child that has exited and been reaped) and one of a live one.
  const pid_t child = fork();
  if (child == 0) _exit(0);
  ASSERT_GT(child, 0);
  ASSERT_EQ(waitpid(child, nullptr, 0), child);
  const std::filesystem::path sub = options.extraction.ocr.cache_dir / "ab";
  std::filesystem::create_directories(sub);
  const auto killed = sub / (".abcdef." + std::to_string(child) + ".0.tmp");
  const auto live = sub / (".abcdef." + std::to_string(getpid()) + ".0.tmp");
  dir.Write(std::filesystem::relative(killed, dir.path()).string(), "archivist-ocr-cache 1\n9");
  dir.Write(std::filesystem::relative(live, dir.path()).string(), "archivist-ocr-cache 1\n9");

  const IndexSummary again = RunIndex(OcrRun(dir, "always-again"));
  EXPECT_EQ(again.ocr_pages, 0u);
  EXPECT_EQ(again.ocr_cache_hits, 0u) << "missing mode: the text pages are not looked up";
  EXPECT_FALSE(std::filesystem::exists(killed)) << "a dead run's temporary is swept at start";
  EXPECT_TRUE(std::filesystem::exists(live)) << "a live process's temporary is its own";

  options = OcrRun(dir, "always-rebuilt");
  options.extraction.ocr.mode = extract::OcrMode::kAlways;
  const IndexSummary rebuilt = RunIndex(options);
  EXPECT_EQ(rebuilt.ocr_pages, 0u);
  EXPECT_EQ(rebuilt.ocr_cache_hits, 2u);
}

// Issue 16: a long scan is one file for many minutes; the live line counts
// its OCR pages as they are read, with an ETA from the pages still ahead,
// not only once the file is done.
TEST(OcrIndexTest, AScanIsCountedPageByPageWhileItIsRead) {
  if (!std::filesystem::exists(kCorpusReal / "MANIFEST.tsv")) {
    GTEST_SKIP() << "no real corpus at " << kCorpusReal;
  }
  TempDir dir;
  TempDir work;
  std::string pages;
  for (int page : kPages)
    pages += " " + Quoted(testing::ScanToPng(kEnglish, page, 200, work.path()));
  std::filesystem::create_directories(dir.path() / "archive");
  testing::RunOrThrow("img2pdf -o " + Quoted(dir.path() / "archive/scan.pdf") + pages);

  std::ostringstream terminal;
  ProgressReporter progress(terminal, /*live=*/true, /*every=*/1, /*jobs=*/1);
  IndexOptions options = OcrRun(dir, "index");
  options.jobs = 1;
  options.extraction.ocr.languages = "eng";
  options.on_progress = [&](const IndexSummary& so_far, std::size_t total) {
    progress.Update(so_far, total);
  };
  options.extraction.on_ocr_progress = [&](const worker::OcrProgress& page) { progress.Ocr(page); };
  const IndexSummary summary = RunIndex(options);
  progress.Finish();
  EXPECT_EQ(summary.indexed, 1u);
  EXPECT_EQ(summary.ocr_pages, 3u);

  // The live line as drawn, one state after another.
  std::vector<std::string> lines;
  std::stringstream drawn(terminal.str());
  for (std::string line; std::getline(drawn, line, '\r');) {
    if (!line.empty()) lines.push_back(line);
  }
  auto drawn_with = [&](const std::string& files, const std::string& ocr) {
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& line) {
      return line.starts_with(files) && line.find(ocr) != std::string::npos;
    });
  };
  std::string all;
  for (const std::string& line : lines) all += line + "\n";
  // Before the file is done, its pages are counted one by one, with an ETA.
  EXPECT_TRUE(drawn_with("0/1 files", "OCR 1/3 pages")) << all;
  EXPECT_TRUE(drawn_with("0/1 files", "OCR 2/3 pages")) << all;
  EXPECT_TRUE(drawn_with("0/1 files", "ETA ")) << all;
  EXPECT_TRUE(drawn_with("1/1 files", "3 OCR pages")) << all;
}

}  // namespace
}  // namespace archivist
