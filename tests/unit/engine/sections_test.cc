// SPDX-License-Identifier: GPL-2.0-or-later
// Issue 19: a hit's snippet and matching pages drawn from its query terms'
// positions and the few text sections they point to must be exactly those
// drawn by reading the whole text (MakeSnippet, PagesMatching), for long
// documents of many pages, short and empty pages, pages in other languages
// and words matched through their stems.
#include <optional>
#include <utility>
#include <random>
#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>
#include <zlib.h>

#include "core/schema.h"
#include "core/text_blocks.h"
#include "core/text_sections.h"
#include "engine/candidate_matches.h"
#include "engine/hits.h"
#include "engine/query_positions.h"
#include "engine/snippet.h"
#include "engine/stored_text.h"
#include "indexer/writer/document_builder.h"
#include "tests/support/temp_dir.h"

namespace archivist {
namespace {

using archivist::testing::TempDir;
using writer::BuildIndexableDocument;

// Words in several inflections (so stems match other forms), in English and
// French, with accents, punctuation and filler.
const std::vector<std::string> kWords = {
    "trafficking", "trafficked", "traffic", "children", "child", "Children's", "report", "reports",
    "reported", "exploited", "exploitation", "police", "enquête", "enquêtes", "sexuelles", "sexuel",
    "protection", "protections", "the", "of", "and", "a", "to", "in", "filler", "words", "that",
    "match", "nothing", "«quoted»", "(aside)", "end.", "1,000", "co-operation", "naïve", "Kaká",
    // Scripts the snippet's ASCII shortcuts do not cover, and bytes that are
    // not UTF-8, where a word may straddle the pieces the text is read in.
    "безопасности", "Безопасность", "パッケージ管理", "x\xff\xfey", "ü\xc3"};

std::string RandomPage(std::mt19937& random, std::size_t words) {
  std::string page;
  for (std::size_t i = 0; i < words; ++i) {
    if (i > 0) page += random() % 9 == 0 ? "\n" : " ";
    page += kWords[random() % kWords.size()];
  }
  return page;
}

// Pages of every kind of length: empty, a few words, longer than a section.
std::vector<std::string> RandomPages(std::mt19937& random) {
  std::vector<std::string> pages;
  const std::size_t count = 1 + random() % 12;
  for (std::size_t p = 0; p < count; ++p) {
    switch (random() % 5) {
      case 0: pages.push_back(""); break;
      case 1: pages.push_back(RandomPage(random, 1 + random() % 8)); break;
      case 2: pages.push_back(RandomPage(random, 50 + random() % 200)); break;
      default: pages.push_back(RandomPage(random, 400 + random() % 1500)); break;
    }
  }
  return pages;
}

const std::vector<std::vector<std::string>> kQueries = {
    {"trafficking"},
    {"Zexploit"},
    {"children", "Zchildren", "Zchild"},
    {"police", "Zreport"},
    {"enquete", "Zenquet", "sexuelles", "Zsexuel"},
    {"kaka", "naive"},
    {"nothing", "match", "Zprotect", "Ztraffick"},
    {"absent"},
    {"безопасности", "パッケージ管理", "Ztraffick"},
};

// An index written before the text was compressed keeps it plain, the
// first block in kSlotText and the rest from kSlotTextBlocks: it reads as
// it did.
TEST(SectionsTest, PlainTextOfAnEarlierIndexReadsTheSame) {
  std::string text;
  for (int k = 0; text.size() < 2 * kTextBlockBytes + 100; ++k) {
    text += "word" + std::to_string(k) + (k % 50 == 49 ? "\f" : " ");
  }
  Xapian::Document plain;
  plain.add_value(schema::kSlotText, text.substr(0, kTextBlockBytes));
  plain.add_value(schema::kSlotTextBlocks, text.substr(kTextBlockBytes, kTextBlockBytes));
  plain.add_value(schema::kSlotTextBlocks + 1, text.substr(2 * kTextBlockBytes));
  EXPECT_EQ(StoredTextOf(plain), text);
  StoredTextReader reader(plain, text.size());
  EXPECT_EQ(reader.Range(kTextBlockBytes - 7, 2 * kTextBlockBytes + 30),
            text.substr(kTextBlockBytes - 7, kTextBlockBytes + 37));
}

// A damaged index can hold less text than its layout says: a block
// missing, or cut short. Its reader still gives every range as long as
// asked (the missing bytes as spaces), and a hit on it gets a snippet from
// what is there. Before, the range came back short and the snippet's word
// splitter, counting bytes by the layout, read past its end
// (fuzz_stored_snippet, tests/fuzz/seeds/stored_snippet/short-block).
TEST(SectionsTest, TextBlocksShorterThanTheLayoutReadAsSpaces) {
  TempDir dir;
  Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE_OR_OPEN);
  DocumentRecord record;
  record.id = "00000000000000d1";
  record.title = "Damaged";
  record.language = "en";
  std::string page;
  for (int k = 0; page.size() < 3 * kTextBlockBytes; ++k) page += "filler" + std::to_string(k) + " ";
  page += "trafficking at the end";
  record.pages = 1;
  Xapian::Document doc = BuildIndexableDocument(record, {page}).xapian;
  // Block 1 gone, block 2 cut to half its packed bytes.
  doc.remove_value(schema::kSlotPackedText + 1);
  const std::string block2 = doc.get_value(schema::kSlotPackedText + 2);
  doc.add_value(schema::kSlotPackedText + 2, block2.substr(0, block2.size() / 2));

  StoredTextReader reader(doc, page.size());
  const std::string range = reader.Range(kTextBlockBytes - 10, 3 * kTextBlockBytes + 10);
  ASSERT_EQ(range.size(), 2 * kTextBlockBytes + 20);
  EXPECT_EQ(range.substr(0, 10), page.substr(kTextBlockBytes - 10, 10));
  EXPECT_EQ(range.substr(10, kTextBlockBytes), std::string(kTextBlockBytes, ' '));
  EXPECT_EQ(range.substr(range.size() - 10), page.substr(3 * kTextBlockBytes, 10));

  const Xapian::docid did = db.add_document(doc);
  db.commit();
  const std::vector<SearchHit> hits =
      HitsOf(db, {{db.get_document(did), 1.0}}, Xapian::Query("trafficking"), SearchRequest());
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_NE(hits[0].snippet.find("<mark>trafficking</mark> at the end"), std::string::npos)
      << hits[0].snippet;
}

// An index written before the blocks' compression restarted at sections
// keeps each block as one zlib stream: its snippets and matching pages are
// those the same text gives packed now.
TEST(SectionsTest, BlocksPackedBeforeRestartsGiveTheSameHits) {
  TempDir dir;
  Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE_OR_OPEN);
  std::mt19937 random(23);
  std::size_t blocks = 0;
  for (int d = 0; d < 12; ++d) {
    DocumentRecord record;
    record.id = std::to_string(1000000000000000 + d);
    record.title = "Document " + std::to_string(d);
    record.language = "en";
    std::vector<std::string> pages = RandomPages(random);
    pages.push_back(RandomPage(random, 3000));  // a few blocks at least
    record.pages = static_cast<int>(pages.size());
    Xapian::Document now = BuildIndexableDocument(record, pages).xapian;
    Xapian::Document before = now;
    for (Xapian::valueno k = 0; !now.get_value(schema::kSlotPackedText + k).empty(); ++k) {
      const std::optional<std::string> block =
          UnpackTextBlock(now.get_value(schema::kSlotPackedText + k));
      ASSERT_TRUE(block.has_value());
      uLongf size = compressBound(static_cast<uLong>(block->size()));
      std::string packed(size, '\0');
      ASSERT_EQ(compress2(reinterpret_cast<Bytef*>(packed.data()), &size,
                          reinterpret_cast<const Bytef*>(block->data()),
                          static_cast<uLong>(block->size()), Z_DEFAULT_COMPRESSION),
                Z_OK);
      packed.resize(size);
      ASSERT_NE(packed, now.get_value(schema::kSlotPackedText + k));
      before.add_value(schema::kSlotPackedText + k, packed);
      ++blocks;
    }
    db.add_document(now);
    db.add_document(before);
  }
  db.commit();
  EXPECT_GT(blocks, 40u);
  for (const std::vector<std::string>& terms : kQueries) {
    std::vector<Xapian::Query> parts;
    for (const std::string& term : terms) parts.emplace_back(term);
    const Xapian::Query query(Xapian::Query::OP_OR, parts.begin(), parts.end());
    std::vector<RankedDocument> ranked;
    for (Xapian::docid did = 1; did <= db.get_lastdocid(); ++did) {
      ranked.push_back({db.get_document(did), 1.0});
    }
    const std::vector<SearchHit> hits = HitsOf(db, ranked, query, SearchRequest());
    ASSERT_EQ(hits.size(), ranked.size());
    for (std::size_t i = 0; i + 1 < hits.size(); i += 2) {
      EXPECT_EQ(StoredTextOf(ranked[i].document), StoredTextOf(ranked[i + 1].document));
      EXPECT_EQ(hits[i].snippet, hits[i + 1].snippet) << terms[0] << ", document " << i / 2;
      EXPECT_EQ(hits[i].matching_pages, hits[i + 1].matching_pages) << terms[0];
    }
  }
}

// Adds an English document of one page, `page`, under id `number` (16
// digits), as the writer builds it; returns its record.
DocumentRecord AddOnePage(Xapian::WritableDatabase& db, std::uint64_t number,
                          const std::string& page) {
  DocumentRecord record;
  record.id = std::to_string(number);
  record.title = "Document";
  record.language = "en";
  record.pages = 1;
  db.add_document(BuildIndexableDocument(record, {page}).xapian);
  return record;
}

// Adds a document of a thousand words starting "chi" ("chimera0"...), so
// that the stem "Zchild" has more candidates (the index's words starting
// "chi") than a hit holds words; returns its text.
std::string AddChimeras(Xapian::WritableDatabase& db, const std::string& id) {
  DocumentRecord record;
  record.id = id;
  record.title = "Filler";
  record.language = "en";
  record.pages = 1;
  std::string text;
  for (int k = 0; k < 1000; ++k) text += "chimera" + std::to_string(k) + " ";
  text.pop_back();
  db.add_document(BuildIndexableDocument(record, {text}).xapian);
  return text;
}

TEST(SectionsTest, SnippetsAndPagesAreThoseOfTheWholeText) {
  TempDir dir;
  Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE_OR_OPEN);
  std::mt19937 random(19);
  std::vector<std::string> texts;
  for (int d = 0; d < 60; ++d) {
    DocumentRecord record;
    record.id = std::to_string(1000000000000000 + d);
    record.title = "Document " + std::to_string(d);
    record.language = d % 3 == 0 ? "fr" : "en";
    const std::vector<std::string> pages = RandomPages(random);
    record.pages = static_cast<int>(pages.size());
    if (d % 4 == 1) {
      for (std::size_t p = 0; p < pages.size(); ++p) {
        record.page_languages.push_back(p % 2 ? "fr" : "en");
      }
    }
    db.add_document(BuildIndexableDocument(record, pages).xapian);
    std::string joined;
    for (const std::string& page : pages) joined += page + "\f";
    joined.pop_back();  // pages are joined by page breaks
    texts.push_back(joined);
  }
  // A document of a thousand words starting "chi" makes the stem "Zchild"
  // (candidates: the index's words starting "chi") stem more words than a
  // hit holds: whether a page's hits are then looked up in their own term
  // lists or by stemming the candidates once (QueryPositions' two ways,
  // held to each other in APageOfHitsInOneLanguageStemsTheCandidatesOnce),
  // their snippets and pages must be those of the whole text.
  texts.push_back(AddChimeras(db, "1000000000000999"));
  db.commit();
  // The text comes back whole from its blocks.
  std::size_t several_blocks = 0;
  for (Xapian::docid did = 1; did <= db.get_lastdocid(); ++did) {
    EXPECT_EQ(StoredTextOf(db.get_document(did)), texts[did - 1]) << "document " << did;
    if (texts[did - 1].size() > 2 * kTextBlockBytes) ++several_blocks;
  }
  EXPECT_GT(several_blocks, 10u);

  std::size_t compared = 0;
  std::size_t long_ones = 0;
  for (const std::vector<std::string>& terms : kQueries) {
    std::vector<Xapian::Query> parts;
    for (const std::string& term : terms) parts.emplace_back(term);
    const Xapian::Query query(Xapian::Query::OP_OR, parts.begin(), parts.end());
    std::vector<RankedDocument> ranked;
    for (Xapian::docid did = 1; did <= db.get_lastdocid(); ++did) {
      ranked.push_back({db.get_document(did), 1.0});
    }
    SearchRequest request;
    const std::vector<SearchHit> hits = HitsOf(db, ranked, query, request);
    ASSERT_EQ(hits.size(), ranked.size());
    const std::unordered_set<std::string> query_terms(terms.begin(), terms.end());
    for (std::size_t i = 0; i < hits.size(); ++i) {
      const Xapian::Document& doc = ranked[i].document;
      ASSERT_FALSE(doc.get_value(schema::kSlotTextSections).empty());
      const std::string text = StoredTextOf(doc);
      const SnippetRequest snippet = SnippetRequestFor(&query_terms, hits[i].record);
      EXPECT_EQ(hits[i].snippet, MakeSnippet(text, snippet))
          << "query " << terms[0] << ", document " << i + 1;
      if (hits[i].record.pages > 1) {
        EXPECT_EQ(hits[i].matching_pages, PagesMatching(text, snippet))
            << "query " << terms[0] << ", document " << i + 1;
      }
      ++compared;
      if (text.size() > 3 * kTextSectionBytes) ++long_ones;
    }
  }
  EXPECT_GT(long_ones, 50u) << "too few documents of several sections";
  EXPECT_EQ(compared, kQueries.size() * texts.size());
}

// What drawing a hit's snippet and pages read, as searchd draws them.
struct HitReading {
  std::size_t text_bytes = 0;     // of the stored text
  std::size_t layout_fields = 0;  // of its section table
  std::size_t sections = 0;       // in its section table
  std::vector<int> pages;         // its matching pages
};

// The hit of document `did` for the query "trafficking", which it holds
// once: its snippet must mark it.
HitReading ReadHitOfTrafficking(const Xapian::Database& db, Xapian::docid did,
                                const DocumentRecord& record) {
  const std::unordered_set<std::string> query_terms = {"trafficking"};
  QueryPositions positions(db, query_terms);
  const Xapian::Document doc = db.get_document(did);
  const std::optional<TextSectionTable> sections =
      TextSectionTable::Read(doc.get_value(schema::kSlotTextSections));
  if (!sections) {
    ADD_FAILURE() << "document " << did << " has no section table";
    return {};
  }
  const std::vector<MatchedPosition> matches = positions.In(did, record, *sections);
  EXPECT_EQ(matches.size(), 1u) << "document " << did;
  StoredTextReader text(doc, sections->text_size());
  const SnippetRequest request = SnippetRequestFor(&query_terms, record);
  const std::string snippet = MakeSnippetInSections(text, *sections, matches, request);
  EXPECT_NE(snippet.find("<mark>trafficking</mark>"), std::string::npos) << snippet;
  std::vector<int> pages = PagesOfPositions(*sections, matches);
  // Counted after the pages: their lookups are part of what a hit reads.
  return {text.bytes_read(), sections->fields_read(), sections->size(), std::move(pages)};
}

// Issue 19: a hit's snippet splits words from the start of the text
// section holding its match, so what it reads grew with how deep into its
// section the match lay (sections of 2 KiB: about 230 words, most of what
// an extra hit cost). A match deep in a long page must cost about what one
// near its start does: at most a kilobyte more read.
TEST(SectionsTest, SnippetReadsAboutItsWindowHoweverDeepTheMatch) {
  TempDir dir;
  Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE_OR_OPEN);
  const std::vector<std::size_t> depths = {40, 900, 1500, 1900, 3800, 7000};
  std::vector<DocumentRecord> records;
  for (const std::size_t depth : depths) {
    std::string page;
    while (page.size() < depth) page += "filler words that match nothing ";
    page += "trafficking";
    while (page.size() < depth + 4000) page += " filler words that match nothing";
    records.push_back(AddOnePage(db, 1000000000000000 + depth, page));
  }
  db.commit();
  std::vector<std::size_t> read;
  for (Xapian::docid did = 1; did <= db.get_lastdocid(); ++did) {
    read.push_back(ReadHitOfTrafficking(db, did, records[did - 1]).text_bytes);
  }
  for (std::size_t i = 1; i < depths.size(); ++i) {
    EXPECT_LE(read[i], read[0] + 1024)
        << "a match " << depths[i] << " bytes into its page read " << read[i]
        << " bytes of text, one " << depths[0] << " bytes in " << read[0];
  }
}

// Issue 19: each hit unpacked its document's whole table of sections and
// built vectors of its length, so a hit in a 400-page report cost more than
// one in a short page however few its matches. A hit whose one match lies
// in the middle of a document of 10,000 sections must read about as much of
// its layout (entries decoded, for its snippet and matching pages) as one
// in a document of 100.
TEST(SectionsTest, AHitReadsAFewSectionsOfItsLayoutHoweverLongItsDocument) {
  TempDir dir;
  Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE_OR_OPEN);
  const std::vector<std::size_t> section_counts = {100, 10000};
  std::vector<DocumentRecord> records;
  for (const std::size_t count : section_counts) {
    // Short pages, a section each, the match on the middle one: the whole
    // text within what a snippet scans.
    std::vector<std::string> pages;
    for (std::size_t k = 0; k < count; ++k) {
      std::string page = "filler words that match nothing ";
      if (k == count / 2) page += "trafficking";
      pages.push_back(page);
    }
    DocumentRecord record;
    record.id = std::to_string(2000000000000000 + count);
    record.title = "Document";
    record.language = "en";
    record.pages = static_cast<int>(count);
    db.add_document(BuildIndexableDocument(record, pages).xapian);
    records.push_back(record);
  }
  db.commit();
  std::vector<std::size_t> fields_read;
  for (Xapian::docid did = 1; did <= db.get_lastdocid(); ++did) {
    const HitReading hit = ReadHitOfTrafficking(db, did, records[did - 1]);
    EXPECT_GE(hit.sections, section_counts[did - 1]);
    EXPECT_EQ(hit.pages, std::vector<int>{static_cast<int>(section_counts[did - 1] / 2) + 1});
    fields_read.push_back(hit.layout_fields);
  }
  // A binary search over 100 sections takes 7 steps, over 10,000 14: the
  // long document may read twice as many entries for each search, and a
  // few more, never a hundred times as many.
  EXPECT_LE(fields_read[1], 2 * fields_read[0] + 16)
      << "a hit in 10,000 sections read " << fields_read[1] << " fields of its layout, one in "
      << "100 " << fields_read[0];
  EXPECT_LT(fields_read[1], 200u);
}


// A page of hits in one language, each holding "child" among 3,000 words,
// in an index where a thousand other words start "chi" (candidates of the
// stem "Zchild"): what finding their matches reads, and what it finds.
struct PageOfChildHits {
  std::size_t term_lists_read = 0;
  std::size_t candidates_listed = 0;
  std::vector<std::vector<Xapian::termpos>> positions;  // per hit
};

PageOfChildHits FindChildOnPage(const Xapian::Database& db,
                                const std::vector<DocumentRecord>& records, bool as_one_page,
                                const SharedMatches& shared = {}) {
  const std::unordered_set<std::string> query_terms = {"child", "Zchild"};
  QueryPositions positions(db, query_terms, shared);
  PageOfChildHits page;
  for (std::size_t i = 0; i < records.size(); ++i) {
    // Hits looked up one at a time, each as if alone on its page, or as
    // HitsOf looks up a page: with the hits still to come in its language.
    std::optional<QueryPositions> alone;
    if (!as_one_page) alone.emplace(db, query_terms);
    QueryPositions& finder = as_one_page ? positions : *alone;
    const auto did = static_cast<Xapian::docid>(i + 1);
    const std::optional<TextSectionTable> sections =
        TextSectionTable::Read(db.get_document(did).get_value(schema::kSlotTextSections));
    if (!sections) {
      ADD_FAILURE() << "document " << did << " has no section table";
      return page;
    }
    const std::size_t read_before = finder.term_lists_read();
    std::vector<Xapian::termpos> found;
    std::vector<Xapian::docid> later;
    for (std::size_t j = i + 1; as_one_page && j < records.size(); ++j) {
      later.push_back(static_cast<Xapian::docid>(j + 1));
    }
    for (const MatchedPosition& match : finder.In(did, records[i], *sections, later)) {
      found.push_back(match.position);
    }
    page.positions.push_back(std::move(found));
    page.term_lists_read += finder.term_lists_read() - read_before;
    if (!as_one_page) page.candidates_listed += finder.candidates_listed();
  }
  if (as_one_page) page.candidates_listed = positions.candidates_listed();
  return page;
}

// Issue 19: a hit whose stem has many candidates among the index's words
// was looked up in its own term list, decided as if it were alone (a term
// list costs less than stemming the candidates once), so a page of ten such
// hits read ten term lists ("font size": 1.7 M instructions each, where
// stemming its candidates once cost 7 M). Stemmed once, the candidates
// serve the page's later hits in the language: a page of ten reads at most
// one term list, and finds the positions each hit alone finds from its own.
TEST(SectionsTest, APageOfHitsInOneLanguageStemsTheCandidatesOnce) {
  TempDir dir;
  Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE_OR_OPEN);
  std::vector<DocumentRecord> records;
  for (int d = 0; d < 10; ++d) {
    // "childs" stems to the query's stem, "child" is its word.
    std::string page = "childs";
    for (int k = 0; k < 600 + 10 * d; ++k) page += " filler words that match nothing";
    page += " child";
    records.push_back(AddOnePage(db, 3000000000000000 + d, page));
  }
  AddChimeras(db, "3000000000000999");
  db.commit();

  const PageOfChildHits alone = FindChildOnPage(db, records, /*as_one_page=*/false);
  const PageOfChildHits page = FindChildOnPage(db, records, /*as_one_page=*/true);
  // Alone, each hit takes its term list: the other way is still tested.
  EXPECT_EQ(alone.term_lists_read, records.size());
  EXPECT_LE(page.term_lists_read, 1u);
  EXPECT_EQ(page.positions, alone.positions);
  for (const std::vector<Xapian::termpos>& found : page.positions) EXPECT_EQ(found.size(), 2u);
}

// A page of 3,000 words: "childs" (which stems to the query's stem), filler,
// and "child" (the query's word) last.
std::string ChildsAmongFiller() {
  std::string page = "childs";
  for (int k = 0; k < 600; ++k) page += " filler words that match nothing";
  return page + " child";
}

// Issue 19: finding which indexed words match a query's stems, by stemming
// the candidates or from the hits' term lists, was 15 % of searchd's
// instructions on the bench queries, and the same again every time the
// same words were searched. The searches of one revision share what was
// found (engine/candidate_matches.h): a search asked once finds its matches
// as before, asked again it stems every candidate and keeps what matched,
// and from then on it takes that and lists no candidate. The positions are
// the same every time.
TEST(SectionsTest, ASearchAskedAgainTakesItsStemsMatchesFromTheCache) {
  TempDir dir;
  Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE_OR_OPEN);
  // A search with one hit, whose term list costs less than stemming the
  // thousand candidates.
  const std::vector<DocumentRecord> records = {
      AddOnePage(db, 3000000000000200, ChildsAmongFiller())};
  AddChimeras(db, "3000000000000997");
  db.commit();

  const PageOfChildHits unshared = FindChildOnPage(db, records, /*as_one_page=*/true);
  CandidateMatchCache cache;
  const SharedMatches shared{&cache, db.get_uuid(), db.get_revision()};
  const PageOfChildHits first = FindChildOnPage(db, records, /*as_one_page=*/true, shared);
  const PageOfChildHits second = FindChildOnPage(db, records, /*as_one_page=*/true, shared);
  const PageOfChildHits third = FindChildOnPage(db, records, /*as_one_page=*/true, shared);
  // Asked once, as without the cache: the hit's term list.
  EXPECT_EQ(unshared.term_lists_read, 1u);
  EXPECT_EQ(first.term_lists_read, 1u);
  // Asked again: every candidate stemmed, no term list read.
  EXPECT_EQ(second.term_lists_read, 0u);
  EXPECT_GE(second.candidates_listed, 1000u);
  // Then taken from the cache.
  EXPECT_EQ(third.term_lists_read, 0u);
  EXPECT_EQ(third.candidates_listed, 0u);
  for (const PageOfChildHits* found : {&first, &second, &third}) {
    EXPECT_EQ(found->positions, unshared.positions);
  }
  for (const std::vector<Xapian::termpos>& found : third.positions) EXPECT_EQ(found.size(), 2u);
}

// A stem of more candidates than QueryPositions stems for the shared cache
// is looked up in its hits' term lists however often it is searched: asked
// twice, a query of many short words would otherwise have searchd stem
// much of the index's vocabulary in every language of its hits.
TEST(SectionsTest, AStemOfTooManyCandidatesIsNeverStemmedWholeForTheCache) {
  TempDir dir;
  Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE_OR_OPEN);
  const std::vector<DocumentRecord> records = {
      AddOnePage(db, 3000000000000300, ChildsAmongFiller())};
  std::string many;
  for (int k = 0; k < 17000; ++k) many += " chimerical" + std::to_string(k);
  AddOnePage(db, 3000000000000301, many);
  db.commit();

  CandidateMatchCache cache;
  const SharedMatches shared{&cache, db.get_uuid(), db.get_revision()};
  std::vector<std::size_t> listed;
  for (int asked = 1; asked <= 3; ++asked) {
    const PageOfChildHits found = FindChildOnPage(db, records, /*as_one_page=*/true, shared);
    EXPECT_EQ(found.term_lists_read, 1u) << "asked " << asked << " times";
    ASSERT_EQ(found.positions.size(), 1u);
    EXPECT_EQ(found.positions[0].size(), 2u);
    listed.push_back(found.candidates_listed);
  }
  EXPECT_EQ(cache.size(), 0u);
  // Asked twice, the candidates were counted as far as the limit, and the
  // cache told; asked again, they are listed only as far as the term list
  // needs, as the first time.
  EXPECT_LT(listed[0], 1000u);
  EXPECT_LT(listed[1], 17000u);
  EXPECT_GT(listed[1], 16000u);
  EXPECT_EQ(listed[2], listed[0]);
}

// Issue 19: stemmed once for a page, each matching candidate had its
// position list asked of every hit in the language, held or not (a B-tree
// lookup each: "install", per_page=10, 473 of them, 1.8 M instructions).
// With the page known, a candidate's posting list says which hits hold it:
// here one hit of ten holds "childs", and only its position list is read,
// the positions found being those of the hits asked one by one.
TEST(SectionsTest, APageReadsACandidatesPositionsOnlyInTheHitsThatHoldIt) {
  TempDir dir;
  Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE_OR_OPEN);
  std::vector<DocumentRecord> records;
  for (int d = 0; d < 10; ++d) {
    std::string page = d == 0 ? "childs" : "nothing";
    for (int k = 0; k < 600; ++k) page += " filler words that match nothing";
    page += " child";
    records.push_back(AddOnePage(db, 3000000000000100 + d, page));
  }
  AddChimeras(db, "3000000000000998");
  db.commit();

  const std::unordered_set<std::string> query_terms = {"child", "Zchild"};
  const auto find = [&](bool page_known, std::size_t& position_lists) {
    QueryPositions positions(db, query_terms);
    std::vector<Xapian::docid> page;
    for (std::size_t i = 0; i < records.size(); ++i)
      page.push_back(static_cast<Xapian::docid>(i + 1));
    if (page_known) positions.ForPage(page);
    std::vector<std::vector<Xapian::termpos>> found;
    for (std::size_t i = 0; i < records.size(); ++i) {
      const Xapian::docid did = page[i];
      const std::optional<TextSectionTable> sections =
          TextSectionTable::Read(db.get_document(did).get_value(schema::kSlotTextSections));
      if (!sections) {
        ADD_FAILURE() << "document " << did << " has no section table";
        return found;
      }
      const std::vector<Xapian::docid> later(page.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                                             page.end());
      std::vector<Xapian::termpos> hit;
      for (const MatchedPosition& match : positions.In(did, records[i], *sections, later)) {
        hit.push_back(match.position);
      }
      found.push_back(std::move(hit));
    }
    position_lists = positions.position_lists_read();
    return found;
  };
  std::size_t unknown_page_reads = 0;
  std::size_t known_page_reads = 0;
  const auto each_asked = find(/*page_known=*/false, unknown_page_reads);
  const auto page_known = find(/*page_known=*/true, known_page_reads);
  EXPECT_EQ(page_known, each_asked);
  EXPECT_EQ(page_known[0].size(), 2u) << "\"childs\" and \"child\"";
  EXPECT_EQ(page_known[1].size(), 1u);
  EXPECT_GE(unknown_page_reads, records.size() - 1) << "the way it was: every hit asked";
  EXPECT_LE(known_page_reads, 1u);
}

}  // namespace
}  // namespace archivist
