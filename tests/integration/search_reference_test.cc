// SPDX-License-Identifier: GPL-2.0-or-later
// Issue 19: what a search answers over the real archive in
// ../shared/corpus-real — its hits in order, their snippets and their
// matching pages — must not change when the way they are computed does.
// The searches are tests/data/search-reference/queries.txt; the answers of
// the code they were recorded with are answers.tsv beside it. Skipped when
// the corpus is absent.
//
// The answers depend on extraction and enrichment too: when those change
// on purpose, record them again (and read the diff) with
//
//   ARCHIVIST_WRITE_SEARCH_REFERENCE=1 ctest --test-dir build -R search.reference_answers
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
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

const std::filesystem::path kCorpusDir = ARCHIVIST_CORPUS_REAL_DIR;
const std::filesystem::path kReferenceDir =
    std::filesystem::path(ARCHIVIST_TEST_DATA_DIR) / "search-reference";

std::vector<std::string> Queries() {
  std::vector<std::string> queries;
  std::ifstream in(kReferenceDir / "queries.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    queries.push_back(line);
  }
  return queries;
}

// A search's answer as lines: its total, then one line per hit of the first
// page: rank, path, matching pages, snippet (which holds no tab or newline:
// whitespace runs become one space).
std::vector<std::string> AnswerLines(const std::string& query, const SearchPage& page) {
  std::vector<std::string> lines;
  lines.push_back(query + "\ttotal\t" + std::to_string(page.total));
  for (std::size_t rank = 0; rank < page.hits.size(); ++rank) {
    const SearchHit& hit = page.hits[rank];
    std::string pages;
    for (int p : hit.matching_pages) pages += (pages.empty() ? "" : ",") + std::to_string(p);
    lines.push_back(query + "\t" + std::to_string(rank + 1) + "\t" + hit.record.path + "\t" +
                    pages + "\t" + hit.snippet);
  }
  return lines;
}

std::vector<std::string> ReadLines(const std::filesystem::path& file) {
  std::vector<std::string> lines;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

TEST(SearchReferenceTest, CorpusRealAnswersAreThoseRecorded) {
  if (!std::filesystem::exists(kCorpusDir / "MANIFEST.tsv")) {
    GTEST_SKIP() << "no real corpus at " << kCorpusDir;
  }
  TempDir dir;
  IndexOptions options;
  options.db_path = (dir.path() / "index").string();
  options.roots = {kCorpusDir};
  RunIndex(options);
  auto searcher = Searcher::Open(options.db_path);
  ASSERT_TRUE(searcher.ok()) << searcher.error().message;

  std::vector<std::string> got;
  for (const std::string& query : Queries()) {
    SearchRequest request;
    request.query = query;
    request.limit = 10;
    Result<SearchPage> page = searcher.value()->Search(request);
    ASSERT_TRUE(page.ok()) << query << ": " << page.error().message;
    for (std::string& line : AnswerLines(query, page.value())) got.push_back(std::move(line));
  }
  ASSERT_GT(got.size(), 100u) << "too few answers to compare";

  const std::filesystem::path reference = kReferenceDir / "answers.tsv";
  if (std::getenv("ARCHIVIST_WRITE_SEARCH_REFERENCE") != nullptr) {
    std::ofstream out(reference);
    for (const std::string& line : got) out << line << '\n';
    GTEST_SKIP() << "recorded " << got.size() << " lines in " << reference;
  }
  const std::vector<std::string> want = ReadLines(reference);
  ASSERT_FALSE(want.empty()) << "no reference answers at " << reference;
  std::size_t differences = 0;
  for (std::size_t i = 0; i < std::max(got.size(), want.size()); ++i) {
    const std::string g = i < got.size() ? got[i] : "(none)";
    const std::string w = i < want.size() ? want[i] : "(none)";
    if (g == w) continue;
    ADD_FAILURE() << "line " << i + 1 << "\n  want: " << w << "\n  got:  " << g;
    if (++differences == 40) break;
  }
}

}  // namespace
}  // namespace archivist
