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

TEST(SidecarTest, AFolderNamesTheLanguagesItsScansAreReadIn) {
  Result<Sidecar> s = ParseSidecar(R"({"ocr_languages":"por+eng"})");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s.value().ocr_languages, "por+eng");
  const Sidecar inner = ParseSidecar(R"({"title":"T"})").value();
  EXPECT_EQ(Overlay(s.value(), inner).ocr_languages, "por+eng") << "kept from the folder above";
  Result<Sidecar> unknown = ParseSidecar(R"({"ocr_languages":"por+xyz"})");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("ocr_languages"), std::string::npos);
  EXPECT_FALSE(ParseSidecar(R"({"ocr_languages":["por"]})").ok());
}

TEST(SidecarTest, NamesTheBadField) {
  Result<Sidecar> s = ParseSidecar(R"({"year":"2013"})");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("'year'"), std::string::npos);
  EXPECT_FALSE(ParseSidecar(R"({"countries":"BE"})").ok());
  EXPECT_FALSE(ParseSidecar("{not json").ok());
}

// Issue 17: a sidecar with a 16 MB title was taken whole, and every answer
// that listed the document weighed 16.8 MB. Values are cut to their limits,
// at a character boundary, and each cut leaves a note.
TEST(SidecarTest, OverlongValuesAreCutAtACharacterWithANote) {
  std::string title = "é";                           // two bytes
  while (title.size() < (1u << 20)) title += title;  // 1 MiB, quickly
  title.insert(0, "x");  // so that a cut at an even size would split one
  std::string topics = R"("health")";
  for (int i = 1; i < 1000; ++i) topics += R"(,"health")";
  Result<Sidecar> s = ParseSidecar(R"({"title":")" + title + R"(","type":")" +
                                   std::string(1000, 't') + R"(","topics":[)" + topics + "]}");
  ASSERT_TRUE(s.ok()) << s.error().message;
  const std::string& cut = *s.value().title;
  EXPECT_LE(cut.size(), kMaxSidecarTitleBytes);
  EXPECT_GE(cut.size(), kMaxSidecarTitleBytes - 3);
  EXPECT_EQ(cut, title.substr(0, cut.size()));
  EXPECT_EQ(cut.back(), "é"[1]);  // ends with a whole character
  EXPECT_LE(s.value().type->size(), kMaxSidecarValueBytes);
  EXPECT_EQ(s.value().topics->size(), kMaxSidecarListItems);
  ASSERT_EQ(s.value().notes.size(), 3u);
  EXPECT_EQ(s.value().notes[0], "title cut to " + std::to_string(cut.size()) + " of " +
                                    std::to_string(title.size()) + " bytes");
  // Values within the limits leave no note.
  Result<Sidecar> fine = ParseSidecar(R"({"title":"Rapport annuel","topics":["health"]})");
  ASSERT_TRUE(fine.ok());
  EXPECT_TRUE(fine.value().notes.empty());
}

TEST(SidecarTest, SidecarValuesBeatWhatTheFileSays) {
  FileLocation file;
  file.root = "/archive";
  file.path = "posts/a.html";
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

TEST(FolderManifestTest, NearerManifestsAndTheSidecarWin) {
  archivist::testing::TempDir dir;
  const auto file = dir.Write("laws/nl/a.md", "x");
  dir.Write("_folder.meta.json", R"({"type":"legislation","language":"en"})");
  dir.Write("laws/nl/_folder.meta.json", R"({"countries":["NL"],"language":"nl"})");
  dir.Write("laws/nl/a.md.meta.json", R"({"title":"Own title"})");
  Result<std::optional<Sidecar>> curated = ReadCuration(dir.path(), file);
  ASSERT_TRUE(curated.ok()) << curated.error().message;
  ASSERT_TRUE(curated.value().has_value());
  EXPECT_EQ(curated.value()->type, "legislation");  // from the root's manifest
  EXPECT_EQ(curated.value()->language, "nl");       // the nearer manifest wins
  EXPECT_EQ(curated.value()->countries, std::vector<std::string>{"NL"});
  EXPECT_EQ(curated.value()->title, "Own title");   // the file's sidecar
}

TEST(FolderManifestTest, NoneIsNothingAndABrokenOneIsNamed) {
  archivist::testing::TempDir dir;
  const auto file = dir.Write("sub/a.md", "x");
  Result<std::optional<Sidecar>> curated = ReadCuration(dir.path(), file);
  ASSERT_TRUE(curated.ok());
  EXPECT_FALSE(curated.value().has_value());
  dir.Write("sub/_folder.meta.json", "{broken");
  curated = ReadCuration(dir.path(), file);
  ASSERT_FALSE(curated.ok());
  EXPECT_NE(curated.error().message.find("_folder.meta.json"), std::string::npos);
}

TEST(FolderManifestTest, ListsManifestsFromTheRootDown) {
  const auto paths = FolderManifestsFor("/archive", "/archive/a/b/c.pdf");
  ASSERT_EQ(paths.size(), 3u);
  EXPECT_EQ(paths[0], std::filesystem::path("/archive/_folder.meta.json"));
  EXPECT_EQ(paths[2], std::filesystem::path("/archive/a/b/_folder.meta.json"));
}

}  // namespace
}  // namespace archivist::enrich
