// SPDX-License-Identifier: GPL-2.0-or-later
// Issue 3: the golden table for corpus/ (Omega's omindexcheck). The real
// indexer indexes the sample archive into a temporary index; each row of
// tests/data/golden/corpus.tsv then says what the index must hold for one
// file: its metadata, and terms whose search finds it.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/search.h"
#include "indexer/indexer.h"
#include "tests/support/temp_dir.h"

namespace archivist {
namespace {

using archivist::testing::TempDir;

const std::filesystem::path kCorpusDir = ARCHIVIST_CORPUS_DIR;
const std::filesystem::path kGoldenFile =
    std::filesystem::path(ARCHIVIST_TEST_DATA_DIR) / "golden/corpus.tsv";

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, separator)) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

struct GoldenRow {
  std::string path;  // relative to corpus/
  std::string title;
  std::string language;
  std::string type;
  std::string year;
  std::vector<std::string> countries;
  std::string pages;
  std::vector<std::string> terms;
  std::map<std::string, std::string> known_gaps;  // field → why
};

void PrintTo(const GoldenRow& row, std::ostream* os) { *os << row.path; }

std::vector<GoldenRow> LoadGolden() {
  std::vector<GoldenRow> rows;
  std::ifstream in(kGoldenFile);
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> cells;
    std::stringstream split(line);
    std::string cell;
    while (std::getline(split, cell, '\t')) cells.push_back(cell);
    cells.resize(9);
    GoldenRow row{cells[0], cells[1],
                  cells[2], cells[3],
                  cells[4], Split(cells[5], ','),
                  cells[6], Split(cells[7], ' '),
                  {}};
    for (const std::string& gap : Split(cells[8], ';')) {
      const auto eq = gap.find('=');
      row.known_gaps[gap.substr(0, eq)] = eq == std::string::npos ? "" : gap.substr(eq + 1);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

struct GoldenRun {
  TempDir db;
  IndexSummary summary;
  std::map<std::string, DocumentRecord> records;  // by path relative to corpus/
  std::string db_path() const { return (db.path() / "index").string(); }
};

const GoldenRun& CorpusRun() {
  // A static unique_ptr, so the temporary index is removed at exit.
  static const std::unique_ptr<GoldenRun> run = [] {
    auto r = std::make_unique<GoldenRun>();
    IndexOptions options;
    options.db_path = r->db_path();
    options.roots = {kCorpusDir};
    r->summary = RunIndex(options);
    auto searcher = Searcher::Open(r->db_path());
    if (!searcher.ok()) return r;
    SearchRequest everything;
    everything.limit = 1000;
    everything.with_facets = false;
    everything.with_snippets = false;
    Result<SearchPage> all = searcher.value()->Search(everything);
    if (!all.ok()) return r;
    for (const SearchHit& hit : all.value().hits) r->records[hit.record.path] = hit.record;
    return r;
  }();
  return *run;
}

class GoldenCorpusTest : public ::testing::TestWithParam<GoldenRow> {
 protected:
  // Checks one field: equal to the truth, or, for a known gap, still not
  // equal (so a fix shows up as a row to update rather than going unseen).
  void Check(const GoldenRow& row, const std::string& field, bool matches,
             const std::string& actual, const std::string& want) {
    const auto gap = row.known_gaps.find(field);
    if (gap == row.known_gaps.end()) {
      EXPECT_TRUE(matches) << field << ": got '" << actual << "', want '" << want << "'";
      return;
    }
    EXPECT_FALSE(matches) << field << " is right now ('" << actual
                          << "'): remove the known gap from " << kGoldenFile;
    std::cout << "known gap: " << row.path << ": " << field << " is '" << actual << "', not '"
              << want << "': " << gap->second << "\n";
  }
};

TEST_P(GoldenCorpusTest, IndexHoldsTheFilesMetadataAndTerms) {
  const GoldenRow& row = GetParam();
  const GoldenRun& run = CorpusRun();
  const auto found = run.records.find(row.path);
  ASSERT_NE(found, run.records.end()) << "not in the index";
  const DocumentRecord& r = found->second;

  if (!row.title.empty()) {
    const std::string ellipsis = "…";
    const bool prefix =
        row.title.size() > ellipsis.size() &&
        row.title.compare(row.title.size() - ellipsis.size(), ellipsis.size(), ellipsis) == 0;
    const std::string want =
        prefix ? row.title.substr(0, row.title.size() - ellipsis.size()) : row.title;
    Check(row, "title", prefix ? r.title.rfind(want, 0) == 0 : r.title == want, r.title, row.title);
  }
  if (!row.language.empty()) {
    Check(row, "language", r.language == row.language, r.language, row.language);
  }
  if (!row.type.empty()) Check(row, "type", r.type == row.type, r.type, row.type);
  if (!row.year.empty()) {
    Check(row, "year", std::to_string(r.year) == row.year, std::to_string(r.year), row.year);
  }
  if (!row.countries.empty()) {
    // As the country facet files them: a law's jurisdiction and the
    // countries a document is about (issue 18).
    const std::vector<std::string> countries = CountryFacetValues(r);
    std::string actual;
    for (const std::string& c : countries) actual += (actual.empty() ? "" : ",") + c;
    const bool all_there =
        std::all_of(row.countries.begin(), row.countries.end(), [&](const std::string& c) {
          return std::count(countries.begin(), countries.end(), c) > 0;
        });
    std::string want;
    for (const std::string& c : row.countries) want += (want.empty() ? "" : ",") + c;
    Check(row, "countries", all_there, actual, want);
  }
  if (!row.pages.empty()) {
    Check(row, "pages", std::to_string(r.pages) == row.pages, std::to_string(r.pages), row.pages);
  }

  auto searcher = Searcher::Open(run.db_path());
  ASSERT_TRUE(searcher.ok()) << searcher.error().message;
  for (const std::string& term : row.terms) {
    SearchRequest request;
    request.query = term;
    request.limit = 100;
    request.with_facets = false;
    request.with_snippets = false;
    Result<SearchPage> hits = searcher.value()->Search(request);
    ASSERT_TRUE(hits.ok()) << term << ": " << hits.error().message;
    const bool finds =
        std::any_of(hits.value().hits.begin(), hits.value().hits.end(),
                    [&](const SearchHit& hit) { return hit.record.path == row.path; });
    EXPECT_TRUE(finds) << "searching '" << term << "' does not find it";
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, GoldenCorpusTest, ::testing::ValuesIn(LoadGolden()),
                         [](const ::testing::TestParamInfo<GoldenRow>& param) {
                           std::string name =
                               std::to_string(param.index) + "_" +
                               std::filesystem::path(param.param.path).stem().string();
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

TEST(GoldenCorpusSummaryTest, EveryIndexedFileHasARowAndEveryRowAFile) {
  const GoldenRun& run = CorpusRun();
  EXPECT_EQ(run.summary.failed, 0u);
  std::vector<std::string> rows;
  for (const GoldenRow& row : LoadGolden()) {
    rows.push_back(row.path);
    EXPECT_TRUE(std::filesystem::exists(kCorpusDir / row.path)) << row.path;
  }
  std::vector<std::string> indexed;
  for (const auto& [path, record] : run.records) indexed.push_back(path);
  std::sort(rows.begin(), rows.end());
  EXPECT_EQ(indexed, rows) << "the table and the index disagree on which files there are";
}

}  // namespace
}  // namespace archivist
