// SPDX-License-Identifier: GPL-2.0-or-later
// The spelling data the writer gathers for Xapian's "did you mean": every
// indexed word, with the sum of its within-document frequencies, whatever
// batches (commits) the documents came in and in whatever order the writer
// hands the words over.
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "core/schema.h"
#include "indexer/writer/index_writer.h"
#include "indexer/writer/prepared_document.h"
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

TEST(SpellingDataTest, EveryWordOfEveryBatchWithItsSummedFrequency) {
  TempDir dir;
  const std::string path = (dir.path() / "index").string();
  {
    std::unique_ptr<IndexWriter> writer = IndexWriter::Open(path);
    writer->Put(Document("aaaaaaaa00000001", "Trafficking report",
                         "zebra trafficking in persons, trafficking of children"));
    writer->Put(Document("aaaaaaaa00000002", "Annual note", "persons and children, apple"));
    writer->Commit();
    // A second batch: words already in the spelling table and new ones.
    writer->Put(Document("aaaaaaaa00000003", "Mango", "children trafficking mango yak"));
    writer->Commit();
    // A third, left to the writer's close.
    writer->Put(Document("aaaaaaaa00000004", "Zebra", "zebra persons"));
  }
  Xapian::Database db(path);
  ASSERT_EQ(db.get_doccount(), 4u);
  // What each document's own words add up to, read from the index.
  std::map<std::string, Xapian::termcount> expected;
  for (Xapian::docid id = 1; id <= db.get_lastdocid(); ++id) {
    const Xapian::Document doc = db.get_document(id);
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      if (schema::IsWordTerm(*t)) expected[*t] += t.get_wdf();
    }
  }
  std::map<std::string, Xapian::termcount> spelled;
  for (auto s = db.spellings_begin(); s != db.spellings_end(); ++s) spelled[*s] = s.get_termfreq();
  EXPECT_EQ(spelled, expected);
  EXPECT_GT(spelled.count("zebra"), 0u);
  EXPECT_EQ(spelled["zebra"], expected["zebra"]);
  // And Xapian can suggest from it.
  EXPECT_EQ(db.get_spelling_suggestion("trafficing"), "trafficking");
}

}  // namespace
}  // namespace archivist::writer
