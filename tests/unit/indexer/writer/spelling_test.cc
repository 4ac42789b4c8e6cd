// SPDX-License-Identifier: GPL-2.0-or-later
// The spelling data the writer gathers for Xapian's "did you mean": every
// indexed word that may be a correction (no digit, not too long) and that
// occurs at least twice in the index, with the sum of its within-document
// frequencies over all documents, whatever batches (commits)
// the documents came in and in whatever order the writer hands the words
// over.
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
