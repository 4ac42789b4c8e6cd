// SPDX-License-Identifier: GPL-2.0-or-later
// The document builder holds the indexing side of core/schema.h: each
// record field becomes the terms and values searchd reads.
#include "indexer/writer/document_builder.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "core/schema.h"
#include "core/text_blocks.h"
#include "core/text_sections.h"
#include "tests/support/document_terms.h"
#include "tests/support/temp_dir.h"

namespace archivist::writer {
namespace {

using test::HasTerm;
using test::WdfOf;

std::vector<Xapian::termpos> PositionsOf(const Xapian::Document& doc, const std::string& term) {
  Xapian::TermIterator it = doc.termlist_begin();
  it.skip_to(term);
  if (it == doc.termlist_end() || *it != term) return {};
  return {it.positionlist_begin(), it.positionlist_end()};
}

DocumentRecord Report() {
  DocumentRecord r;
  r.id = "0123456789abcdef";
  r.title = "Annual Report";
  r.language = "en";
  r.type = "report";
  r.date = "2014-05";
  r.year = 2014;
  r.countries = {"BE", "BR"};
  r.topics = {"trafficking"};
  SetLocations(r, {{"/archive", "reports/annual.pdf", 100, 1000, 0}});
  return r;
}

TEST(DocumentBuilderTest, FiltersAndValuesComeFromTheRecord) {
  const IndexableDocument built = BuildIndexableDocument(Report(), {"page one"});
  const Xapian::Document& doc = built.xapian;
  for (const std::string& term :
       {schema::IdTerm("0123456789abcdef"), schema::LanguageTerm("en"), schema::TypeTerm("report"),
        schema::YearTerm(2014), schema::CountryTerm("BE"), schema::CountryTerm("BR"),
        schema::TopicTerm("trafficking"), schema::PathTerm("/archive/reports/annual.pdf")}) {
    EXPECT_TRUE(HasTerm(doc, term)) << term;
  }
  EXPECT_EQ(doc.get_value(schema::kSlotDate), "20140500");
  EXPECT_EQ(doc.get_value(schema::kSlotDateOldestFirst), "20140500");
  EXPECT_EQ(doc.get_value(schema::kSlotYear), "2014");
  EXPECT_EQ(doc.get_value(schema::kSlotCountryFirst), "BE");
  EXPECT_EQ(doc.get_value(schema::kSlotCountryFirst + 1), "BR");
  EXPECT_EQ(doc.get_value(schema::kSlotTopicFirst), "trafficking");
  Result<DocumentRecord> stored = RecordFromJson(doc.get_data());
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored.value().title, "Annual Report");
}

TEST(DocumentBuilderTest, AnUndatedDocumentSortsLastOldestFirst) {
  DocumentRecord undated = Report();
  undated.date.clear();
  undated.year = 0;
  const IndexableDocument built = BuildIndexableDocument(undated, {"text"});
  EXPECT_EQ(built.xapian.get_value(schema::kSlotDate), "");
  EXPECT_EQ(built.xapian.get_value(schema::kSlotDateOldestFirst), "~");
  EXPECT_FALSE(HasTerm(built.xapian, schema::YearTerm(0)));
}

TEST(DocumentBuilderTest, TitleWordsWeighMoreAndHaveTheirOwnPrefix) {
  const IndexableDocument built = BuildIndexableDocument(Report(), {"a report on the year"});
  EXPECT_TRUE(HasTerm(built.xapian, std::string(schema::kTitlePrefix) + "annual"));
  EXPECT_GT(WdfOf(built.xapian, "report"), WdfOf(built.xapian, "year"));
}

TEST(DocumentBuilderTest, NoPhraseJoinsMetadataToTextOrOnePageToTheNext) {
  const IndexableDocument built =
      BuildIndexableDocument(Report(), {"alpha", "bravo"}, {"Ann Author", "", "keyword"});
  EXPECT_TRUE(HasTerm(built.xapian, std::string(schema::kAuthorPrefix) + "ann"));
  const auto keyword = PositionsOf(built.xapian, "keyword");
  const auto alpha = PositionsOf(built.xapian, "alpha");
  const auto bravo = PositionsOf(built.xapian, "bravo");
  ASSERT_EQ(keyword.size(), 1u);
  ASSERT_EQ(alpha.size(), 1u);
  ASSERT_EQ(bravo.size(), 1u);
  EXPECT_GT(alpha[0], keyword[0] + 1);
  EXPECT_GT(bravo[0], alpha[0] + 1);
}

TEST(DocumentBuilderTest, PagesAreKeptApartForSnippetsAndPageNumbers) {
  // A page break inside a page's own text would shift every later page.
  const IndexableDocument built = BuildIndexableDocument(Report(), {"one\fstill one", "two"});
  EXPECT_EQ(UnpackTextBlock(built.xapian.get_value(schema::kSlotPackedText)),
            "one\nstill one\ftwo");
  EXPECT_EQ(built.xapian.get_value(schema::kSlotText), "");  // the plain slot of older indexes
}

// Issue 18: a web page's section in another language is stemmed in that
// language, the rest in the page's own.
TEST(DocumentBuilderTest, ASectionInAnotherLanguageIsStemmedInIt) {
  const std::string english = "The governments adopted laws protecting children.\n";
  const std::string dutch = "De regeringen namen wetten aan die kinderen beschermen.";
  DocumentRecord r = Report();
  r.section_languages = {{english.size(), english.size() + dutch.size(), "nl"}};
  const Xapian::Document doc = BuildIndexableDocument(r, {english + dutch}).xapian;
  const Xapian::Stem dutch_stem("dutch");
  const Xapian::Stem english_stem("english");
  ASSERT_NE(dutch_stem("regeringen"), english_stem("regeringen"));
  ASSERT_NE(dutch_stem("governments"), english_stem("governments"));
  EXPECT_TRUE(HasTerm(doc, "Z" + dutch_stem("regeringen")));
  EXPECT_FALSE(HasTerm(doc, "Z" + english_stem("regeringen")));
  EXPECT_TRUE(HasTerm(doc, "Z" + english_stem("governments")));
  EXPECT_FALSE(HasTerm(doc, "Z" + dutch_stem("governments")));
  // The section is a text section of its own, so a position tells its language.
  const std::optional<TextLayout> layout =
      UnpackTextLayout(doc.get_value(schema::kSlotTextSections));
  ASSERT_TRUE(layout);
  bool starts_there = false;
  for (const TextSection& section : layout->sections)
    starts_there |= section.offset == english.size();
  EXPECT_TRUE(starts_there);
}

// Issue 15: a grouped document's editions are stored in their own value,
// not in its JSON record, so that a hit reads a record as small as an
// ungrouped one's; the record read back is the one stored.
TEST(DocumentBuilderTest, AWorksEditionsAreStoredApartFromItsRecord) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "index").string();
  DocumentRecord linked = Report();
  {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
    const Xapian::docid docid = db.add_document(BuildIndexableDocument(Report(), {"text"}).xapian);
    linked.work = "0000000000000001";
    linked.translations = {{"1111111111111111", "fr", "Rapport annuel"},
                           {"2222222222222222", "nl", "Jaarverslag"}};
    linked.versions = {{"3333333333333333", "en", "Annual Report, corrected"}};
    Xapian::Document doc = db.get_document(docid);
    StoreRecord(linked, doc);
    db.replace_document(docid, doc);
    db.commit();
  }
  Xapian::Database db(path);
  const Xapian::Document doc = db.get_document(1);
  EXPECT_EQ(doc.get_data().find("translations"), std::string::npos);
  EXPECT_EQ(doc.get_data().find("Jaarverslag"), std::string::npos);
  EXPECT_NE(doc.get_value(schema::kSlotEditions), "");
  Result<DocumentRecord> read = StoredRecordOf(doc);
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(read.value(), linked);
}

TEST(DocumentBuilderTest, ADocumentLeavingItsWorkKeepsNoEditions) {
  DocumentRecord linked = Report();
  linked.work = "0000000000000001";
  linked.translations = {{"1111111111111111", "fr", "Rapport annuel"}};
  Xapian::Document doc = BuildIndexableDocument(linked, {"text"}).xapian;
  ASSERT_NE(doc.get_value(schema::kSlotEditions), "");
  StoreRecord(Report(), doc);
  EXPECT_EQ(doc.get_value(schema::kSlotEditions), "");
  EXPECT_EQ(doc.get_value(schema::kSlotWork), "");
  Result<DocumentRecord> read = StoredRecordOf(doc);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read.value(), Report());
}

// A record written before the editions had their value lists them in its
// JSON, and reads as it did.
TEST(DocumentBuilderTest, ARecordListingItsEditionsInItsJsonStillReadsThem) {
  DocumentRecord linked = Report();
  linked.work = "0000000000000001";
  linked.translations = {{"1111111111111111", "fr", "Rapport annuel"}};
  Xapian::Document doc = BuildIndexableDocument(Report(), {"text"}).xapian;
  doc.set_data(ToJson(linked));
  doc.add_value(schema::kSlotWork, linked.work);
  Result<DocumentRecord> read = StoredRecordOf(doc);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read.value(), linked);
  // A damaged value is an error, not a record without editions.
  doc.set_data(StoredJson(linked));
  doc.add_value(schema::kSlotEditions, "3:abc");
  EXPECT_EQ(StoredRecordOf(doc).error().code, ErrorCode::kCorrupt);
}

}  // namespace
}  // namespace archivist::writer
