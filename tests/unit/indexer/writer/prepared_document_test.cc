// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/writer/prepared_document.h"

#include <string>
#include <utility>

#include <gtest/gtest.h>
#include <xapian.h>

#include "core/schema.h"
#include "indexer/writer/document_builder.h"
#include "tests/support/document_terms.h"

namespace archivist::writer {
namespace {

using test::HasTerm;

TEST(PreparedDocumentTest, NewLocationsChangeTheStoredRecordNotTheAnalysis) {
  DocumentRecord record;
  record.id = "0123456789abcdef";
  record.title = "Memo";
  record.language = "en";
  SetLocations(record, {{"/archive", "a.txt", 1, 2, 0}});
  PreparedDocument prepared = PrepareDocument(record, {"alpha bravo"}, {"Ann Author", "", ""});
  prepared.SetLocations({{"/archive", "b.txt", 1, 2, 0}, {"/archive", "c.txt", 1, 2, 0}});
  EXPECT_EQ(prepared.record().path, "b.txt");

  const IndexableDocument document = TakeDocument(std::move(prepared));
  EXPECT_FALSE(HasTerm(document.xapian, schema::PathTerm("/archive/a.txt")));
  EXPECT_TRUE(HasTerm(document.xapian, schema::PathTerm("/archive/b.txt")));
  EXPECT_TRUE(HasTerm(document.xapian, schema::PathTerm("/archive/c.txt")));
  EXPECT_TRUE(HasTerm(document.xapian, "alpha"));
  EXPECT_TRUE(HasTerm(document.xapian, std::string(schema::kAuthorPrefix) + "ann"));
  Result<DocumentRecord> stored = RecordFromJson(document.xapian.get_data());
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(Locations(stored.value()).size(), 2u);
}

}  // namespace
}  // namespace archivist::writer
