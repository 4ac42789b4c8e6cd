// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/sidecar.h"

#include <gtest/gtest.h>

#include "indexer/enrich/record_builder.h"
#include "tests/support/temp_dir.h"

namespace archivist::enrich {
namespace {

TEST(SidecarTest, ParsesEveryField) {
  Result<Sidecar> s = ParseSidecar(R"({"title":"T","language":"fr","date":"2013-03","year":2013,
      "type":"newsletter","countries":["be","BR"],"topics":["online-child-safety"],"source":"x"})");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s.value().title, "T");
  EXPECT_EQ(s.value().language, "fr");
  EXPECT_EQ(s.value().date, "2013-03");
  EXPECT_EQ(s.value().year, 2013);
  EXPECT_EQ(s.value().type, "newsletter");
  EXPECT_EQ(s.value().countries, (std::vector<std::string>{"be", "BR"}));
  EXPECT_EQ(s.value().topics, std::vector<std::string>{"online-child-safety"});
}

TEST(SidecarTest, NamesTheBadField) {
  Result<Sidecar> s = ParseSidecar(R"({"year":"2013"})");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("'year'"), std::string::npos);
  EXPECT_FALSE(ParseSidecar(R"({"countries":"BE"})").ok());
  EXPECT_FALSE(ParseSidecar("{not json").ok());
}

TEST(SidecarTest, SidecarValuesBeatWhatTheFileSays) {
  crawl::FoundFile file;
  file.root = "/archive";
  file.relative_path = "posts/a.html";
  file.absolute = "/archive/posts/a.html";
  extract::ExtractedDoc doc;
  doc.format = "html";
  doc.title = "Site title";
  doc.language = "en";
  doc.date = "2010-01-02";
  doc.pages = {"text"};
  Sidecar curated;
  curated.title = "Curated";
  curated.countries = std::vector<std::string>{"be", "BR", "BE", "Belgium"};
  const std::string hash = ContentHash("text");
  const DocumentRecord r = BuildRecord(file, doc, curated, hash);
  EXPECT_EQ(r.title, "Curated");
  EXPECT_EQ(r.language, "en");  // not in the sidecar: the file's own value
  EXPECT_EQ(r.date, "2010-01-02");
  EXPECT_EQ(r.year, 2010);
  EXPECT_EQ(r.type, "web_page");
  EXPECT_EQ(r.countries, (std::vector<std::string>{"BE", "BR"}));
  EXPECT_EQ(r.id, hash.substr(0, 16));  // named by its content
  EXPECT_EQ(r.hash, hash);
}

TEST(SidecarTest, MissingSidecarIsNotAnError) {
  archivist::testing::TempDir dir;
  const auto file = dir.Write("a.pdf", "x");
  Result<std::optional<Sidecar>> s = ReadSidecar(file);
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s.value().has_value());
  dir.Write("a.pdf.meta.json", R"({"title":"From sidecar"})");
  s = ReadSidecar(file);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s.value()->title, "From sidecar");
}

}  // namespace
}  // namespace archivist::enrich
