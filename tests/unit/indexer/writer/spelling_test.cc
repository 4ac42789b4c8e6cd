// SPDX-License-Identifier: GPL-2.0-or-later
// The spelling data the writer gathers for Xapian's "did you mean": every
// indexed word that may be a correction (no digit, not too long) and that
// occurs at least twice in the index, with the sum of its within-document
// frequencies over all documents, whatever batches (commits)
// the documents came in and in whatever order the writer hands the words
// over.
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "core/schema.h"
#include "indexer/writer/index_writer.h"
#include "indexer/writer/prepared_document.h"
#include "indexer/writer/spelling_batch.h"
#include "tests/support/temp_dir.h"

namespace archivist::writer {
namespace {

using archivist::testing::TempDir;

PreparedDocument Document(const std::string& id, const std::string& title, const std::string& text) {
  DocumentRecord record;
  record.id = id;
  record.title = title;
  record.language = "en";
  record.type = "report";
  record.chars = static_cast<int>(text.size());
  SetLocations(record, {{"/archive", id + ".txt", 10, 1000, 0}});
  return PrepareDocument(record, {text});
}

TEST(SpellingDataTest, WordsOfTwoDocumentsOrMoreWithTheirSummedFrequency) {
  TempDir dir;
  const std::string path = (dir.path() / "index").string();
  {
    std::unique_ptr<IndexWriter> writer = IndexWriter::Open(path);
    writer->Put(Document("aaaaaaaa00000001", "Trafficking report",
                         "zebra trafficking in persons, trafficking of children in 2012, ipv6"));
    writer->Put(Document("aaaaaaaa00000002", "Annual note",
                         "persons and children, apple, 2012 and ipv6"));
    writer->Commit();
    // A second batch: words already in the spelling table and new ones.
    writer->Put(Document("aaaaaaaa00000003", "Fruit", "children trafficking mango yak, mango"));
    writer->Commit();
    // A third, left to the writer's close: "zebra" was alone in the first
    // batch and reaches its second document here.
    writer->Put(Document("aaaaaaaa00000004", "Zebra", "zebra persons"));
  }
  Xapian::Database db(path);
  ASSERT_EQ(db.get_doccount(), 4u);
  // What the documents' own words add up to, read from the index.
  std::map<std::string, Xapian::termcount> expected;
  for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
    if (schema::IsWordTerm(*t) && IsSpellingCandidate(*t) && db.get_collection_freq(*t) >= 2) {
      expected[*t] = db.get_collection_freq(*t);
    }
  }
  std::map<std::string, Xapian::termcount> spelled;
  for (auto s = db.spellings_begin(); s != db.spellings_end(); ++s) spelled[*s] = s.get_termfreq();
  EXPECT_EQ(spelled, expected);
  // Its first occurrence counts too, though it came in a batch alone.
  EXPECT_EQ(spelled["zebra"], db.get_collection_freq("zebra"));
  EXPECT_GE(spelled["zebra"], 2u);
  // Twice in its one document: kept.
  EXPECT_EQ(spelled["mango"], db.get_collection_freq("mango"));
  EXPECT_EQ(db.get_termfreq("mango"), 1u);
  // A word that occurs once, and numbers and words with digits however
  // frequent, are never offered.
  for (const char* absent : {"yak", "apple", "2012", "ipv6"}) {
    EXPECT_EQ(spelled.count(absent), 0u) << absent;
  }
  // And Xapian can suggest from it.
  EXPECT_EQ(db.get_spelling_suggestion("trafficing"), "trafficking");
}

// What the spelling data should hold for the documents of the index at
// `path`, and what it holds; with the metadata records of batches not yet
// added (none once a writer closed or committed).
struct SpellingState {
  std::map<std::string, Xapian::termcount> expected;
  std::map<std::string, Xapian::termcount> spelled;
  std::size_t pending_records = 0;
};

SpellingState StateOf(const std::string& path) {
  Xapian::Database db(path);
  SpellingState state;
  for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
    if (schema::IsWordTerm(*t) && IsSpellingCandidate(*t) && db.get_collection_freq(*t) >= 2) {
      state.expected[*t] = db.get_collection_freq(*t);
    }
  }
  for (auto s = db.spellings_begin(); s != db.spellings_end(); ++s) {
    state.spelled[*s] = s.get_termfreq();
  }
  const std::string prefix(schema::kSpellingPendingKeyPrefix);
  for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
    ++state.pending_records;
  }
  return state;
}

// Document `n` of a run of many small batches: words shared by every
// batch, by some, and by one document only.
PreparedDocument NumberedDocument(int n) {
  static const char* const kWords[] = {"harbour", "lantern", "meadow", "orchard", "quarry",
                                       "saddle",  "thimble", "walnut", "yonder",  "zephyr"};
  std::string text = "common report ";
  text += kWords[n % 10];
  text += ' ';
  text += kWords[(n / 3) % 10];
  text += " lone";
  text += std::string(1, static_cast<char>('a' + n % 26)) +
          std::string(1, static_cast<char>('a' + n / 26));
  char id[17];
  std::snprintf(id, sizeof id, "bbbbbbbb%08d", n);
  return Document(id, "Note", text);
}

TEST(SpellingDataTest, BatchesAddedSeveralCommitsAtATimeCountEachWordOnce) {
  TempDir dir;
  const std::string path = (dir.path() / "index").string();
  {
    std::unique_ptr<IndexWriter> writer = IndexWriter::Open(path);
    // Far more commits than are kept between two additions to the
    // spelling data (index_writer.cc), two documents each.
    for (int n = 0; n < 60; ++n) {
      writer->Put(NumberedDocument(n));
      if (n % 2 == 1) writer->StartCommit();
    }
    writer->Put(NumberedDocument(60));  // left to the writer's close
  }
  const SpellingState state = StateOf(path);
  EXPECT_EQ(state.spelled, state.expected);
  EXPECT_EQ(state.spelled.at("common"), 61u);
  EXPECT_EQ(state.spelled.count("walnut"), 1u);
  EXPECT_EQ(state.spelled.count("loneaa"), 0u);  // one document's word
  EXPECT_EQ(state.pending_records, 0u);
}

TEST(SpellingDataTest, ARunKilledBeforeItsWordsWereAddedLeavesThemToTheNextWriter) {
  TempDir dir;
  const std::string path = (dir.path() / "index").string();
  const std::string killed = (dir.path() / "killed").string();
  {
    std::unique_ptr<IndexWriter> writer = IndexWriter::Open(path);
    for (int n = 0; n < 6; ++n) {
      writer->Put(NumberedDocument(n));
      if (n % 2 == 1) writer->StartCommit();
    }
    // A read waits for the queued commits; what is on disk then is what a
    // run killed here leaves.
    ASSERT_EQ(writer->DocumentCount(), 6u);
    std::filesystem::copy(path, killed, std::filesystem::copy_options::recursive);
  }
  SpellingState left = StateOf(killed);
  EXPECT_FALSE(left.expected.empty());
  EXPECT_NE(left.spelled, left.expected);  // three commits, none added yet
  EXPECT_EQ(left.pending_records, 3u);
  {
    // The next run: a document more, and its commit.
    std::unique_ptr<IndexWriter> writer = IndexWriter::Open(killed);
    writer->Put(NumberedDocument(6));
    writer->Commit();
    const SpellingState next = StateOf(killed);
    EXPECT_EQ(next.spelled, next.expected);
    EXPECT_EQ(next.spelled.at("common"), 7u);
    EXPECT_EQ(next.pending_records, 0u);
  }
  EXPECT_EQ(StateOf(killed).spelled.at("common"), 7u);  // not added twice at the close
}

// Xapian's spelling data counts words in and never out: the writer counts
// out the words of a document it replaces or deletes, in a later run or in
// the same one, before or after the words came in.
TEST(SpellingDataTest, WordsOfReplacedAndRemovedDocumentsAreCountedOut) {
  TempDir dir;
  const std::string path = (dir.path() / "index").string();
  {
    std::unique_ptr<IndexWriter> writer = IndexWriter::Open(path);
    writer->Put(Document("cccccccc00000001", "Port", "harbour harbour lantern common"));
    writer->Put(Document("cccccccc00000002", "Field", "common lantern meadow"));
    writer->Put(Document("cccccccc00000003", "Trees", "orchard orchard common"));
    writer->Commit();
  }
  {
    std::unique_ptr<IndexWriter> writer = IndexWriter::Open(path);
    // Rewritten without "harbour" and one "lantern"; removed with "orchard".
    writer->Put(Document("cccccccc00000001", "Port", "common quarry quarry"));
    writer->Remove("cccccccc00000003");
    // Put and rewritten within one run, its first words not yet added to
    // the spelling data when they are counted out.
    writer->Put(Document("cccccccc00000004", "Tack", "saddle saddle"));
    writer->StartCommit();
    writer->Put(Document("cccccccc00000004", "Tack", "thimble thimble"));
  }
  const SpellingState state = StateOf(path);
  EXPECT_EQ(state.pending_records, 0u);
  Xapian::Database db(path);
  ASSERT_EQ(db.get_doccount(), 3u);
  for (const auto& [word, frequency] : state.spelled) {
    EXPECT_EQ(frequency, db.get_collection_freq(word)) << word;
  }
  for (const char* gone : {"harbour", "orchard", "saddle"}) {
    EXPECT_EQ(state.spelled.count(gone), 0u) << gone;
  }
  EXPECT_EQ(state.spelled.at("common"), 2u);
  EXPECT_EQ(state.spelled.at("quarry"), 2u);
  EXPECT_EQ(state.spelled.at("thimble"), 2u);
  EXPECT_EQ(state.spelled.at("lantern"), 1u);  // held by "Field" still
  EXPECT_EQ(db.get_spelling_suggestion("harbor"), "");
}

TEST(SpellingBatchTest, ABatchReadsBackFromItsRecordAndSkipsWhatDoesNotParse) {
  SpellingBatch batch = SpellingBatch::Parse(
      "alpha\t3\nbeta\t1\n\tno word\ngamma\t\ndelta\tx\n"
      "eps\t0\nalpha\t2\nno tab\nzeta\t4");
  EXPECT_EQ(batch.size(), 3u);
  const SpellingBatch again = SpellingBatch::Parse(batch.Serialise());
  EXPECT_EQ(again.Serialise().size(), batch.Serialise().size());
  SpellingBatch merged;
  merged.Merge(again);
  merged.Merge(SpellingBatch::Parse("beta\t4\n"));
  // Counted out: what a replaced or deleted document takes away.
  merged.Merge(SpellingBatch::Parse("zeta\t-1\nomega\t-2\n"));
  const std::string text = merged.Serialise();
  for (const char* line : {"alpha\t5\n", "beta\t5\n", "zeta\t3\n", "omega\t-2\n"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line;
  }
}

struct CandidateCase {
  const char* name;
  std::string word;
  bool candidate;
};

class SpellingCandidateTest : public ::testing::TestWithParam<CandidateCase> {};

TEST_P(SpellingCandidateTest, Judged) {
  EXPECT_EQ(IsSpellingCandidate(GetParam().word), GetParam().candidate);
}

INSTANTIATE_TEST_SUITE_P(
    Words, SpellingCandidateTest,
    ::testing::Values(
        CandidateCase{"Word", "trafficking", true},
        CandidateCase{"AccentedWord", "\u00e9ducation", true},
        CandidateCase{"Year", "2012", false},
        CandidateCase{"WordWithDigit", "ipv6", false},
        CandidateCase{"Version", "2.5.0a1", false},
        CandidateCase{"HexHash", "1d464", false},
        CandidateCase{"LongestKept", std::string(kMaxSpellingWordChars, 'a'), true},
        CandidateCase{"TooLong", std::string(kMaxSpellingWordChars + 1, 'a'), false},
        CandidateCase{"Identifier", "chemformula_read_escape_math", false},
        // Characters, not bytes: 20 Japanese characters are 60 bytes.
        CandidateCase{"JapaneseWithinTheLimit", "\u30d1\u30c3\u30b1\u30fc\u30b8\u3092\u6301\u3064"
                                                "\u30d1\u30c3\u30b1\u30fc\u30b8\u3092\u6301\u3064"
                                                "\u30d1\u30c3\u30b1\u30fc",
                      true},
        CandidateCase{"Empty", "", false}),
    [](const ::testing::TestParamInfo<CandidateCase>& param) { return std::string(param.param.name); });

}  // namespace
}  // namespace archivist::writer
