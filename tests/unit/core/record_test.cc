// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/record.h"

#include <cstdint>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "core/compact_record.h"

namespace archivist {
namespace {

TEST(RecordTest, RoundTripsEveryField) {
  DocumentRecord r;
  r.id = "0123456789abcdef";
  r.root = "/srv/archive";
  r.path = "posts/kaká \"quoted\".html";
  r.title = "Coupe du Monde : Kaká";
  r.language = "fr";
  r.countries = {"BR", "BE"};
  r.topics = {"child-sex-tourism"};
  r.date = "2014-03";
  r.year = 2014;
  r.type = "news_post";
  r.format = "html";
  r.pages = 3;
  r.ocr_pages = {1, 3};
  r.ocr_confidence = 88;
  r.size = 1ull << 40;
  r.mtime = 1700000000;
  r.sidecar_mtime = 1700000001;
  r.hash = "ab";
  r.work = "fedcba9876543210";
  r.translations = {{"1111111111111111", "en", "World Cup: Kaká"}};
  r.versions = {{"2222222222222222", "fr", "Coupe du Monde : Kaká (corrigé)"}};
  r.page_languages = {"fr", "en", "fr"};
  r.section_languages = {{0, 412, "nl"}, {413, 9000, "en"}};
  r.jurisdiction = "BE";
  r.chars = 1234;
  r.language_source = "detected";
  r.date_source = "text-year";
  r.title_source = "heading";
  r.copies = {{"/srv/other", "copy \\ of.html", 7, -3, 0}, {"/srv/third", "3.html", 0, 1, 2}};
  Result<DocumentRecord> parsed = RecordFromJson(ToJson(r));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed.value(), r);
}

TEST(RecordTest, LocationsPackAndUnpack) {
  DocumentRecord r;
  r.id = "00ff";
  SetLocations(r, {{"/a", "x:y/1.pdf", 10, 20, 0}, {"/b", "with\nnewline:and:colons", 1, 2, 3}});
  EXPECT_EQ(r.path, "x:y/1.pdf");
  ASSERT_EQ(r.copies.size(), 1u);
  Result<PackedLocations> unpacked = UnpackLocations(PackLocations(r));
  ASSERT_TRUE(unpacked.ok());
  EXPECT_EQ(unpacked.value().id, "00ff");
  EXPECT_EQ(unpacked.value().locations, Locations(r));
  EXPECT_FALSE(UnpackLocations("4:00ff3:/a").ok());
  EXPECT_FALSE(UnpackLocations("garbage").ok());
}

// Issue 15: a grouped document's editions are kept apart from its JSON, so
// that a hit's record reads as an ungrouped one's does.
DocumentRecord Grouped() {
  DocumentRecord r;
  r.id = "0123456789abcdef";
  r.title = "Handbook: packaging";
  r.language = "fr";
  r.work = "0000000000000001";
  r.translations = {{"1111111111111111", "en", "Packaging: 12:30 \"quoted\""},
                    {"2222222222222222", "zh", "软件包"},
                    {"3333333333333333", "und", ""}};
  r.versions = {{"4444444444444444", "fr", "Manuel : paquets (corrigé)"}};
  return r;
}

TEST(RecordEditionsTest, PackAndUnpackEveryEdition) {
  const DocumentRecord r = Grouped();
  DocumentRecord read;
  ASSERT_TRUE(UnpackEditions(PackEditions(r), read));
  EXPECT_EQ(read.translations, r.translations);
  EXPECT_EQ(read.versions, r.versions);
  DocumentRecord only_versions = r;
  only_versions.translations.clear();
  ASSERT_TRUE(UnpackEditions(PackEditions(only_versions), read));
  EXPECT_TRUE(read.translations.empty());
  EXPECT_EQ(read.versions, r.versions);
  EXPECT_EQ(PackEditions(DocumentRecord{}), "");
  ASSERT_TRUE(UnpackEditions("", read));
  EXPECT_TRUE(read.translations.empty() && read.versions.empty());
}

TEST(RecordEditionsTest, DamagedEditionsAreRefused) {
  const std::string packed = PackEditions(Grouped());
  DocumentRecord read;
  for (const std::string& bad :
       {packed.substr(0, packed.size() - 1), packed + "1:x", std::string("9:999999999"),
        std::string("1:1"), std::string("x"), std::string("1:01:a")}) {
    EXPECT_FALSE(UnpackEditions(bad, read)) << bad;
  }
}

TEST(RecordEditionsTest, TheStoredJsonLeavesTheEditionsOut) {
  const DocumentRecord r = Grouped();
  const std::string stored = StoredJson(r);
  EXPECT_EQ(stored.find("translations"), std::string::npos);
  EXPECT_EQ(stored.find("versions"), std::string::npos);
  EXPECT_EQ(stored.find("1111111111111111"), std::string::npos);
  Result<DocumentRecord> read = RecordFromJson(stored);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read.value().work, r.work);
  DocumentRecord without = r;
  without.translations.clear();
  without.versions.clear();
  EXPECT_EQ(read.value(), without);
  // An ungrouped record is stored as it always was.
  DocumentRecord alone = r;
  alone.work.clear();
  alone.translations.clear();
  alone.versions.clear();
  EXPECT_EQ(StoredJson(alone), ToJson(alone));
}

TEST(RecordTest, RejectsWhatIsNotARecord) {
  EXPECT_EQ(RecordFromJson("not json").error().code, ErrorCode::kCorrupt);
  EXPECT_EQ(RecordFromJson("[1,2]").error().code, ErrorCode::kCorrupt);
  EXPECT_EQ(RecordFromJson("{\"title\":\"no id\"}").error().code, ErrorCode::kCorrupt);
  EXPECT_EQ(RecordFromJson("{\"id\":\"x\",\"year\":\"twenty\"}").error().code, ErrorCode::kCorrupt);
}

// Issue 19: records in the shape ToJson writes are read straight from their
// bytes (CompactRecordTest); any other shape means what it meant when read
// through nlohmann's tree.
TEST(RecordTest, ReadsOtherShapesAsTheTreeDoes) {
  const auto read = [](const std::string& json) {
    Result<DocumentRecord> parsed = RecordFromJson(json);
    EXPECT_TRUE(parsed.ok()) << json << ": " << parsed.error().message;
    return parsed.ok() ? parsed.value() : DocumentRecord{};
  };
  EXPECT_EQ(read(R"({"id":"a","id":"b"})").id, "b") << "the last of a key given twice";
  EXPECT_EQ(read(R"({"id":"x","year":2012.7,"pages":true})").year, 2012);
  EXPECT_EQ(read(R"({"id":"x","pages":true})").pages, 1);
  EXPECT_TRUE(read(R"({"id":"x","copies":null})").copies.empty());
  const DocumentRecord unknown =
      read(R"({"id":"x","extra":{"a":[1,{"b":null}],"c":[[]]},"title":"t","more":null,)"
           R"("translations":[{"id":"y","seen":{"k":[2]},"language":"en"}]})");
  EXPECT_EQ(unknown.title, "t");
  ASSERT_EQ(unknown.translations.size(), 1u);
  EXPECT_EQ(unknown.translations[0], (RelatedEdition{"y", "en", ""}));
  EXPECT_EQ(read(R"({"id":"x","size":-1})").size, static_cast<std::uint64_t>(-1));
  for (const char* bad : {R"({"id":"x","title":null})", R"({"id":"x","countries":"BR"})",
                          R"({"id":"x","countries":[1]})", R"({"id":"x","translations":["y"]})",
                          R"({"id":"x","copies":[{"root":5}]})", R"({"id":"x"} trailing)",
                          R"({"id":"x","title":"t")", R"({"id":""})", R"("just a string")"}) {
    EXPECT_EQ(RecordFromJson(bad).error().code, ErrorCode::kCorrupt) << bad;
  }
}

// Issue 19: the shape ToJson writes is read straight from its bytes; every
// other shape is left to the general reading, which decides what it means.
TEST(CompactRecordTest, ReadsWhatToJsonWritesAsTheParserDoes) {
  DocumentRecord r;
  r.id = "0123456789abcdef";
  r.root = "/srv/archive";
  r.path = "posts/kaká \"quoted\" \\ slash/.html";
  r.title = "Coupe du Monde :\tKaká\nsecond line 😀 Ω";
  r.language = "fr";
  r.countries = {"BR", "BE"};
  r.topics = {"child-sex-tourism"};
  r.date = "2014-03";
  r.year = -44;
  r.pages = 3;
  r.ocr_pages = {1, 3};
  r.ocr_confidence = 88;
  r.size = ~std::uint64_t{0};
  r.mtime = -1700000000;
  r.sidecar_mtime = 1700000001;
  r.hash = "ab";
  r.work = "fedcba9876543210";
  r.translations = {{"1111111111111111", "en", "World Cup: Kaká"}, {"3", "nl", ""}};
  r.versions = {{"2222222222222222", "fr", "Coupe du Monde : Kaká (corrigé)"}};
  r.page_languages = {"fr", "en", "fr"};
  r.section_languages = {{0, 412, "nl"}, {413, 9000, "en"}};
  r.jurisdiction = "BE";
  r.chars = 1234;
  r.copies = {{"/srv/other", "copy \\ of.html", 7, -3, 0}, {"/srv/third", "3.html", 0, 1, 2}};
  DocumentRecord read;
  ASSERT_TRUE(ReadCompactRecord(ToJson(r), read)) << ToJson(r);
  EXPECT_EQ(read, r);
  DocumentRecord bare;
  bare.id = "x";
  ASSERT_TRUE(ReadCompactRecord(ToJson(bare), read = {}));
  EXPECT_EQ(read, bare);
}

TEST(CompactRecordTest, LeavesEveryOtherShapeToTheGeneralReading) {
  for (const char* other :
       {R"( {"id":"x"})",                              // whitespace
        R"({"id":"x"} )",                              //
        R"({"id" :"x"})",                              //
        R"({"id":"x","extra":1})",                     // a key the record does not keep
        R"({"id":"a","id":"b"})",                      // a key twice
        R"({"id":"x","title":null})",                  // another type
        R"({"id":"x","year":"2012"})",                 //
        R"({"id":"x","year":2012.0})",                 // a float
        R"({"id":"x","year":2e3})",                    //
        R"({"id":"x","year":012})",                    // not JSON
        R"({"id":"x","size":18446744073709551616})",   // past 64 bits
        R"({"id":"x","mtime":-9223372036854775809})",  //
        R"({"id":"x","countries":[1]})",               //
        R"({"id":"x","copies":[{"root":"/","id":"y"}]})",
        R"({"id":"x","translations":[{"id":"y","seen":1}]})",
        R"({"id":"x","title":"\u00e9"})",                 // an escape other than the short ones
        R"({"id":"x","title":"\x"})",                     //
        "{\"id\":\"x\",\"title\":\"\xc3\"}",              // truncated UTF-8
        "{\"id\":\"x\",\"title\":\"\xc0\xaf\"}",          // overlong
        "{\"id\":\"x\",\"title\":\"\xed\xa0\x80\"}",      // a surrogate
        "{\"id\":\"x\",\"title\":\"\xf4\x90\x80\x80\"}",  // past U+10FFFF
        "{\"id\":\"x\",\"title\":\"a\tb\"}",              // a control character
        R"({"id":"x","title":"t")",                       // unfinished
        R"({"id":"x",})",                                 //
        R"(["id"])"}) {
    DocumentRecord read;
    EXPECT_FALSE(ReadCompactRecord(other, read)) << other;
  }
  // The edges of what it reads, as nlohmann reads them.
  DocumentRecord read;
  ASSERT_TRUE(
      ReadCompactRecord(R"({"id":"x","mtime":-9223372036854775808,"size":0,"year":-0})", read));
  EXPECT_EQ(read.mtime, std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(read.year, 0);
  ASSERT_TRUE(ReadCompactRecord(R"({"id":"x","title":"\/\b\f\r"})", read = {}));
  EXPECT_EQ(read.title, "/\b\f\r");
}

}  // namespace
}  // namespace archivist
