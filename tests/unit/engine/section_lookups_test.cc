// SPDX-License-Identifier: GPL-2.0-or-later
// How many sections of its layout a hit looks up (engine/snippet.h): its
// matching pages stop at the last page listed, its snippet at the end of
// the text it scans, however many matches its document holds beyond.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "core/record.h"
#include "core/schema.h"
#include "core/text_sections.h"
#include "engine/query_positions.h"
#include "engine/snippet.h"
#include "engine/stored_text.h"
#include "engine/term_matcher.h"
#include "indexer/writer/document_builder.h"
#include "tests/support/temp_dir.h"

namespace archivist {
namespace {

using archivist::testing::TempDir;
using writer::BuildIndexableDocument;

const std::string kTerm = "trafficking";

// A layout of one section a page, ten words each, the k-th section on page
// order[k] (a sound table's pages ascend; a damaged one's may be any).
std::optional<TextSectionTable> LayoutOfPages(const std::vector<std::uint32_t>& order) {
  TextLayout layout;
  for (std::uint32_t k = 0; k < order.size(); ++k) {
    layout.sections.push_back({100 * k, 10 * k + 1, order[k]});
  }
  layout.text_size = static_cast<std::uint32_t>(100 * order.size());
  return TextSectionTable::Read(PackTextLayout(layout));
}

// Two matches in each section.
std::vector<MatchedPosition> TwoMatchesASection(std::size_t sections) {
  std::vector<MatchedPosition> matches;
  for (std::size_t k = 0; k < sections; ++k) {
    const auto first = static_cast<Xapian::termpos>(10 * k + 1);
    matches.push_back({first + 2, &kTerm});
    matches.push_back({first + 7, &kTerm});
  }
  return matches;
}

TEST(SectionLookupsTest, MatchingPagesStopAtTheLastListed) {
  std::vector<std::uint32_t> in_order(5000);
  for (std::uint32_t k = 0; k < in_order.size(); ++k) in_order[k] = k;
  const std::optional<TextSectionTable> table = LayoutOfPages(in_order);
  ASSERT_TRUE(table.has_value());
  const std::vector<int> pages = PagesOfPositions(*table, TwoMatchesASection(5000), 100);
  std::vector<int> first_hundred(100);
  for (int k = 0; k < 100; ++k) first_hundred[k] = k + 1;
  EXPECT_EQ(pages, first_hundred);
  // A few fields for each of the hundred sections, none for the 4,900
  // after: looking every match up read over 10,000.
  EXPECT_LT(table->fields_read(), 1000u);
}

TEST(SectionLookupsTest, PagesOfADamagedTableOutOfOrderAreListedInOrder) {
  const std::vector<std::uint32_t> shuffled = {4, 0, 2, 0, 1, 7, 3};
  const std::optional<TextSectionTable> table = LayoutOfPages(shuffled);
  ASSERT_TRUE(table.has_value());
  const std::vector<MatchedPosition> matches = TwoMatchesASection(shuffled.size());
  EXPECT_EQ(PagesOfPositions(*table, matches, 100), (std::vector<int>{1, 2, 3, 4, 5, 8}));
  EXPECT_EQ(PagesOfPositions(*table, matches, 3), (std::vector<int>{1, 2, 3}));
}

// A snippet is drawn from the start of a long text (engine/snippet.cc
// kMaxScanBytes, 512 KiB): matches further on are never looked up in the
// layout, and the snippet is the one the scanned text gives.
TEST(SectionLookupsTest, ASnippetLooksUpNoMatchPastTheTextItScans) {
  TempDir dir;
  Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE_OR_OPEN);
  // 400 pages of 2 KiB: the term on the first, then on every page past
  // 600 KiB.
  std::vector<std::string> pages;
  for (int k = 0; k < 400; ++k) {
    std::string page = k == 0 || k >= 300 ? kTerm : "nothing";
    while (page.size() < 2048) page += " filler words that match nothing";
    pages.push_back(page);
  }
  DocumentRecord record;
  record.id = "5000000000000001";
  record.title = "Long";
  record.language = "en";
  record.pages = static_cast<int>(pages.size());
  db.add_document(BuildIndexableDocument(record, pages).xapian);
  db.commit();

  const std::unordered_set<std::string> query_terms = {kTerm};
  QueryPositions positions(db, query_terms);
  const Xapian::Document doc = db.get_document(1);
  const std::optional<TextSectionTable> sections =
      TextSectionTable::Read(doc.get_value(schema::kSlotTextSections));
  ASSERT_TRUE(sections.has_value());
  const std::vector<MatchedPosition> matches = positions.In(1, record, *sections);
  ASSERT_EQ(matches.size(), 101u);
  StoredTextReader text(doc, sections->text_size());
  const SnippetRequest request = SnippetRequestFor(&query_terms, record);
  const std::string snippet = MakeSnippetInSections(text, *sections, matches, request);
  EXPECT_EQ(snippet, MakeSnippet(StoredTextOf(doc), request));
  EXPECT_NE(snippet.find("<mark>trafficking</mark>"), std::string::npos) << snippet;
  // The first match's section and the one past the scan that ends the
  // walk: a binary search each, never one for each of the hundred.
  EXPECT_LT(sections->fields_read(), 100u);
}

}  // namespace
}  // namespace archivist
