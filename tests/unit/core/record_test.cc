// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/record.h"

#include <gtest/gtest.h>

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

TEST(RecordTest, RejectsWhatIsNotARecord) {
  EXPECT_EQ(RecordFromJson("not json").error().code, ErrorCode::kCorrupt);
  EXPECT_EQ(RecordFromJson("[1,2]").error().code, ErrorCode::kCorrupt);
  EXPECT_EQ(RecordFromJson("{\"title\":\"no id\"}").error().code, ErrorCode::kCorrupt);
  EXPECT_EQ(RecordFromJson("{\"id\":\"x\",\"year\":\"twenty\"}").error().code,
            ErrorCode::kCorrupt);
}

}  // namespace
}  // namespace archivist
