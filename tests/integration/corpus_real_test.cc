// SPDX-License-Identifier: GPL-2.0-or-later
// Issue 3: the indexer over the real archive in ../shared/corpus-real. Every
// file ends as its MANIFEST notes lead us to expect; indexed PDFs have
// pdfinfo's page count, and a word pdftotext finds on a page is in our text
// of that page and finds the document. Skipped when the corpus is absent.
#include <gtest/gtest.h>
#include <xapian.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "core/record.h"
#include "core/schema.h"
#include "core/search.h"
#include "indexer/indexer.h"
#include "tests/support/child_process.h"
#include "tests/support/temp_dir.h"

namespace archivist {
namespace {

using archivist::testing::ChildProcess;
using archivist::testing::TempDir;

const std::filesystem::path kCorpusDir = ARCHIVIST_CORPUS_REAL_DIR;

struct ManifestRow {
  std::string path;  // relative to the corpus
  std::string format;
  std::string notes;
};

void PrintTo(const ManifestRow& row, std::ostream* os) { *os << row.path; }

std::vector<ManifestRow> LoadManifest() {
  std::vector<ManifestRow> rows;
  std::ifstream in(kCorpusDir / "MANIFEST.tsv");
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream split(line);
    std::string cell;
    while (std::getline(split, cell, '\t')) cells.push_back(cell);
    if (cells.size() < 2) continue;
    rows.push_back({cells[0], cells[1], cells.size() > 10 ? cells[10] : ""});
  }
  return rows;
}

bool Contains(const std::string& s, std::string_view what) {
  return s.find(what) != std::string::npos;
}

// What the manifest's notes lead us to expect of a file: outcome and reason.
std::pair<FileOutcome, std::string> Expected(const ManifestRow& row) {
  if (Contains(row.notes, "0-byte")) return {FileOutcome::kFailed, "empty file"};
  if (Contains(row.notes, "encrypted") || Contains(row.notes, "password")) {
    return {FileOutcome::kSkipped, "encrypted PDF"};
  }
  if (Contains(row.notes, "no text layer") || Contains(row.notes, "scanned")) {
    return {FileOutcome::kIndexed, "no text layer"};
  }
  // CSV tables are indexed as datasets (their cells are their text).
  return {FileOutcome::kIndexed, ""};
}

// One run over the whole corpus, shared by every test in this file.
struct CorpusRun {
  TempDir db;
  IndexSummary summary;
  std::map<std::string, FileReport> problems;      // by path relative to the corpus
  std::map<std::string, DocumentRecord> records;   // by path relative to the corpus
  std::map<std::string, std::string> texts;        // by path: pages joined by '\f'
  std::string db_path() const { return (db.path() / "index").string(); }
};

const CorpusRun& CorpusIndexRun() {
  // A static unique_ptr, so the temporary index is removed at exit.
  static const std::unique_ptr<CorpusRun> run = [] {
    auto r = std::make_unique<CorpusRun>();
    IndexOptions options;
    options.db_path = r->db_path();
    options.roots = {kCorpusDir};
    r->summary = RunIndex(options);
    const std::filesystem::path root = std::filesystem::canonical(kCorpusDir);
    for (const FileReport& p : r->summary.problems) {
      r->problems[std::filesystem::path(p.path).lexically_relative(root).string()] = p;
    }
    Xapian::Database db(r->db_path());
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      const Xapian::Document doc = db.get_document(*it);
      Result<DocumentRecord> record = RecordFromJson(doc.get_data());
      if (!record.ok()) continue;
      r->texts[record.value().path] = doc.get_value(schema::kSlotText);
      r->records[record.value().path] = record.value();
    }
    return r;
  }();
  return *run;
}

class CorpusRealTest : public ::testing::TestWithParam<ManifestRow> {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kCorpusDir / "MANIFEST.tsv")) {
      GTEST_SKIP() << "no real corpus at " << kCorpusDir;
    }
  }
};

TEST_P(CorpusRealTest, EndsAsTheManifestLeadsUsToExpect) {
  const ManifestRow& row = GetParam();
  const auto [want_outcome, want_reason] = Expected(row);
  const CorpusRun& run = CorpusIndexRun();
  FileOutcome outcome = FileOutcome::kIndexed;
  std::string reason;
  if (auto p = run.problems.find(row.path); p != run.problems.end()) {
    outcome = p->second.outcome;
    reason = p->second.reason;
  }
  EXPECT_EQ(ToString(outcome), ToString(want_outcome));
  EXPECT_EQ(reason, want_reason);
  if (outcome == FileOutcome::kIndexed) {
    EXPECT_EQ(run.records.count(row.path), 1u) << "indexed but not in the index";
  }
}

// pdfinfo's "Pages:" line.
int PdfinfoPages(const std::filesystem::path& pdf) {
  ChildProcess pdfinfo({"/usr/bin/pdfinfo", pdf.string()});
  std::istringstream lines(pdfinfo.ReadAll());
  pdfinfo.Wait();
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("Pages:", 0) == 0) return std::stoi(line.substr(6));
  }
  return -1;
}

// The longest word of ASCII letters and digits pdftotext finds on page
// `page` (1-based): long words are rare, so a search for one is a real check.
// Digits count because a PDF with broken font encoding gives only those
// (edge-cases/example-broken-font-encoding.pdf), and we must give the same.
std::string WordOnPage(const std::filesystem::path& pdf, int page) {
  const std::string n = std::to_string(page);
  ChildProcess pdftotext({"/usr/bin/pdftotext", "-q", "-f", n, "-l", n, pdf.string(), "-"});
  const std::string text = pdftotext.ReadAll();
  pdftotext.Wait();
  std::string best;
  std::string word;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : ' ';
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += c;
      continue;
    }
    // A word cut by a hyphen at a line end is not a word pdftotext saw whole.
    const bool hyphen_cut = c == '-';
    if (!hyphen_cut && word.size() >= 4 && word.size() <= 24 && word.size() > best.size()) {
      best = word;
    }
    word.clear();
  }
  return best;
}

std::vector<std::string> SplitPages(const std::string& text) {
  std::vector<std::string> pages;
  std::string::size_type start = 0;
  for (;;) {
    const auto end = text.find('\f', start);
    pages.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return pages;
    start = end + 1;
  }
}

TEST_P(CorpusRealTest, IndexedPdfsHavePdfinfosPagesAndTheirWordsFindThem) {
  const ManifestRow& row = GetParam();
  if (row.format != "pdf") GTEST_SKIP() << "not a PDF";
  const CorpusRun& run = CorpusIndexRun();
  const auto record = run.records.find(row.path);
  if (record == run.records.end()) GTEST_SKIP() << "not indexed (see the outcome test)";
  const std::filesystem::path pdf = kCorpusDir / row.path;
  EXPECT_EQ(record->second.pages, PdfinfoPages(pdf));
  if (run.problems.count(row.path)) GTEST_SKIP() << "no text layer: nothing to search for";

  const int page = (record->second.pages + 1) / 2;
  const std::string word = WordOnPage(pdf, page);
  ASSERT_FALSE(word.empty()) << "pdftotext found no word on page " << page;
  const std::vector<std::string> pages = SplitPages(run.texts.at(row.path));
  ASSERT_EQ(pages.size(), static_cast<std::size_t>(record->second.pages));
  EXPECT_TRUE(Contains(pages[static_cast<std::size_t>(page - 1)], word))
      << "'" << word << "' is on pdftotext's page " << page << " but not on ours";

  auto searcher = Searcher::Open(run.db_path());
  ASSERT_TRUE(searcher.ok()) << searcher.error().message;
  SearchRequest request;
  request.query = word;
  request.limit = 1000;
  request.with_facets = false;
  Result<SearchPage> hits = searcher.value()->Search(request);
  ASSERT_TRUE(hits.ok()) << hits.error().message;
  bool found = false;
  for (const SearchHit& hit : hits.value().hits) found |= hit.record.path == row.path;
  EXPECT_TRUE(found) << "searching '" << word << "' (page " << page << ") does not find it";
}

std::vector<ManifestRow> Rows() {
  if (!std::filesystem::exists(kCorpusDir / "MANIFEST.tsv")) return {ManifestRow{"absent", "", ""}};
  return LoadManifest();
}

INSTANTIATE_TEST_SUITE_P(Real, CorpusRealTest, ::testing::ValuesIn(Rows()),
                         [](const ::testing::TestParamInfo<ManifestRow>& param) {
                           std::string name = std::to_string(param.index) + "_" + param.param.path;
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

TEST(CorpusRealSummaryTest, EveryFileOfTheManifestWasSeenOnce) {
  if (!std::filesystem::exists(kCorpusDir / "MANIFEST.tsv")) GTEST_SKIP() << "no real corpus";
  const CorpusRun& run = CorpusIndexRun();
  const IndexSummary& s = run.summary;
  // The manifest lists every file but itself; it is a .tsv, which we skip.
  EXPECT_EQ(s.indexed + s.skipped + s.failed, LoadManifest().size() + 1);
  ASSERT_EQ(run.problems.count("MANIFEST.tsv"), 1u);
  EXPECT_EQ(run.problems.at("MANIFEST.tsv").reason, "unsupported type");
  EXPECT_TRUE(s.root_errors.empty());
}

}  // namespace
}  // namespace archivist
