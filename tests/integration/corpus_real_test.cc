// SPDX-License-Identifier: GPL-2.0-or-later
// Issue 3: the indexer over the real archive in ../shared/corpus-real. Every
// file ends as its MANIFEST notes lead us to expect; indexed PDFs have
// pdfinfo's page count, and a word pdftotext finds on a page is in our text
// of that page, finds the document, and its hit names that page. Skipped
// when the corpus is absent.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <ostream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "core/record.h"
#include "core/schema.h"
#include "engine/search.h"
#include "engine/stored_text.h"
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
  std::map<std::string, FileReport> problems;     // by path relative to the corpus
  std::map<std::string, DocumentRecord> records;  // by path relative to the corpus
  std::map<std::string, std::string> texts;       // by path: pages joined by '\f'
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
      Result<DocumentRecord> record = StoredRecordOf(doc);
      if (!record.ok()) continue;
      r->texts[record.value().path] = StoredTextOf(doc);
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

// pdftotext's text of the whole file, one entry per page (it ends each
// page with a form feed).
std::vector<std::string> PdftotextPages(const std::filesystem::path& pdf) {
  ChildProcess pdftotext({"/usr/bin/pdftotext", "-q", pdf.string(), "-"});
  const std::string text = pdftotext.ReadAll();
  pdftotext.Wait();
  std::vector<std::string> pages = SplitPages(text);
  if (!pages.empty() && pages.back().empty()) pages.pop_back();  // after the last form feed
  return pages;
}

// The words of ASCII letters and digits on one page of pdftotext's text,
// lower-cased, each once. A word must stand between spaces or ASCII
// punctuation: one touching a hyphen may be half of a word split across
// lines ("traf-" / "ficking"), which we join; one touching a non-ASCII byte
// may be part of a ligature ("ﬁ" + "cation"), which we expand; and one
// joined to more letters or digits by a full stop, comma or apostrophe
// ("19,538", "0.5") is part of a longer term for Xapian.
// Digits count because a PDF with broken font encoding gives only those
// (edge-cases/example-broken-font-encoding.pdf), and we must give the same.
std::set<std::string> WordsOf(const std::string& page) {
  auto is_word_char = [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x80 && std::isalnum(u);
  };
  auto is_boundary = [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x80 && !std::isalnum(u) && c != '-';
  };
  auto is_joiner = [](char c) { return c == '.' || c == ',' || c == '\''; };
  std::set<std::string> words;
  std::size_t i = 0;
  while (i < page.size()) {
    if (!is_word_char(page[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < page.size() && is_word_char(page[end])) ++end;
    const bool clean_start =
        i == 0 || (is_boundary(page[i - 1]) &&
                   !(is_joiner(page[i - 1]) && i >= 2 && is_word_char(page[i - 2])));
    const bool clean_end =
        end == page.size() ||
        (is_boundary(page[end]) &&
         !(is_joiner(page[end]) && end + 1 < page.size() && is_word_char(page[end + 1])));
    if (clean_start && clean_end && end - i >= 4 && end - i <= 24) {
      std::string word = page.substr(i, end - i);
      for (char& ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      words.insert(std::move(word));
    }
    i = end;
  }
  return words;
}

// A word pdftotext finds on page `page` (0-based) that says most about that
// page: on the fewest pages of the document, then the longest, then the
// first in alphabetical order, so every run picks the same. "" when the
// page has no such word.
std::string DistinctiveWord(const std::vector<std::set<std::string>>& words_per_page,
                            std::size_t page) {
  std::map<std::string, int> pages_with;
  for (const auto& words : words_per_page) {
    for (const std::string& word : words) ++pages_with[word];
  }
  const auto rank = [&](const std::string& w) {
    return std::make_tuple(pages_with[w], -static_cast<long>(w.size()), w);
  };
  std::string best;
  for (const std::string& word : words_per_page[page]) {
    if (best.empty() || rank(word) < rank(best)) best = word;
  }
  return best;
}

// PagesMatching()'s default limit, which search hits use.
constexpr std::size_t kMaxListedPages = 100;

// The pages of a document we check (0-based): the first, the middle and the
// last, each once.
std::vector<std::size_t> PagesToCheck(std::size_t page_count) {
  const std::set<std::size_t> pages = {0, (page_count - 1) / 2, page_count - 1};
  return {pages.begin(), pages.end()};
}

TEST_P(CorpusRealTest, IndexedPdfsHavePdfinfosPagesAndTheirWordsFindThemOnTheirPage) {
  const ManifestRow& row = GetParam();
  if (row.format != "pdf") GTEST_SKIP() << "not a PDF";
  const CorpusRun& run = CorpusIndexRun();
  const auto record = run.records.find(row.path);
  if (record == run.records.end()) GTEST_SKIP() << "not indexed (see the outcome test)";
  const std::filesystem::path pdf = kCorpusDir / row.path;
  EXPECT_EQ(record->second.pages, PdfinfoPages(pdf));
  if (run.problems.count(row.path)) GTEST_SKIP() << "no text layer: nothing to search for";

  const std::vector<std::string> truth = PdftotextPages(pdf);
  ASSERT_EQ(truth.size(), static_cast<std::size_t>(record->second.pages));
  std::vector<std::set<std::string>> words_per_page;
  for (const std::string& page : truth) words_per_page.push_back(WordsOf(page));
  const std::vector<std::string> ours = SplitPages(run.texts.at(row.path));
  ASSERT_EQ(ours.size(), truth.size());

  auto searcher = Searcher::Open(run.db_path());
  ASSERT_TRUE(searcher.ok()) << searcher.error().message;
  int checked = 0;
  for (const std::size_t page : PagesToCheck(truth.size())) {
    const std::string word = DistinctiveWord(words_per_page, page);
    if (word.empty()) continue;  // a blank page, or one of pictures
    ++checked;
    const int page_number = static_cast<int>(page) + 1;
    SCOPED_TRACE("'" + word + "', on pdftotext's page " + std::to_string(page_number));
    EXPECT_TRUE(WordsOf(ours[page]).count(word)) << "not on our page";

    SearchRequest request;
    request.query = word;
    request.limit = 1000;
    request.with_facets = false;
    Result<SearchPage> hits = searcher.value()->Search(request);
    ASSERT_TRUE(hits.ok()) << hits.error().message;
    const SearchHit* hit = nullptr;
    for (const SearchHit& h : hits.value().hits) {
      if (h.record.path == row.path) hit = &h;
    }
    ASSERT_NE(hit, nullptr) << "the search does not find the document";
    // A hit lists its matching pages only for documents of several pages,
    // and at most the first kMaxListedPages of them (engine/snippet.h).
    if (truth.size() == 1) continue;
    std::size_t earlier = 0;
    for (std::size_t p = 0; p < page; ++p) earlier += words_per_page[p].count(word);
    if (earlier >= kMaxListedPages) continue;
    const std::vector<int>& pages = hit->matching_pages;
    EXPECT_NE(std::find(pages.begin(), pages.end(), page_number), pages.end())
        << "the hit does not report the page; it reports " << ::testing::PrintToString(pages);
  }
  EXPECT_GT(checked, 0) << "pdftotext finds no word on the first, middle or last page";
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
  // The manifest lists every file but itself and, when there is one, the
  // corpus's list of translated twins (TWINS.tsv); both are .tsv files,
  // which we skip.
  const std::size_t lists = 1 + (std::filesystem::exists(kCorpusDir / "TWINS.tsv") ? 1 : 0);
  EXPECT_EQ(s.indexed + s.skipped + s.failed, LoadManifest().size() + lists);
  ASSERT_EQ(run.problems.count("MANIFEST.tsv"), 1u);
  EXPECT_EQ(run.problems.at("MANIFEST.tsv").reason, "unsupported type");
  EXPECT_TRUE(s.root_errors.empty());
}

}  // namespace
}  // namespace archivist
