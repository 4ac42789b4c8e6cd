// SPDX-License-Identifier: GPL-2.0-or-later
// Scans through the whole indexer: an image-only PDF made from real pages
// and a scanned page as PNG in a folder that names its OCR language are
// indexed with OCR, found by their words at the right page, and a second
// index over the same scans reads every page from the OCR cache.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "engine/search.h"
#include "indexer/indexer.h"
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

}  // namespace
}  // namespace archivist
