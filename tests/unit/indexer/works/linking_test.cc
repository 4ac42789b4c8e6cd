// SPDX-License-Identifier: GPL-2.0-or-later
// The linking pass through real runs of the indexer on a temporary archive:
// what a reader of the stored records sees after each run.
#include <gtest/gtest.h>
#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>

#include "core/record.h"
#include "indexer/indexer.h"
#include "tests/support/temp_dir.h"

namespace archivist {
namespace {

using archivist::testing::TempDir;

// A statute of 40 sections, each with its own amount; `words` are the
// language's, the numbers and the bill number are the work's.
std::string Statute(const std::vector<std::string>& words, int bill, int amount_seed) {
  std::string text = words[0] + " C-" + std::to_string(bill) + " 2012\n\n";
  for (int section = 1; section <= 40; ++section) {
    const int amount = (amount_seed * 7919 + section * 104729) % 900000 + 1000;
    text += std::to_string(section) + ". ";
    for (std::size_t k = 1; k < words.size(); ++k) text += words[k] + " ";
    text += std::to_string(amount) + " " + words[1] + " " + words[2] + ".\n\n";
  }
  return text;
}

const std::vector<std::string> kEnglish = {"Act", "the", "minister", "shall", "pay", "dollars",
                                           "to", "each", "province", "under", "this", "section"};
const std::vector<std::string> kFrench = {"Loi", "le", "ministre", "verse", "la", "somme", "de",
                                          "dollars", "à", "chaque", "province", "selon", "article"};
const std::vector<std::string> kGerman = {"Gesetz", "der", "Minister", "zahlt", "jeder", "Provinz",
                                          "Dollar", "nach", "diesem", "Abschnitt"};

class WorksLinkingTest : public ::testing::Test {
 protected:
  void Add(const std::string& name, const std::string& language, const std::string& text) {
    archive_.Write(name, text);
    archive_.Write(name + ".meta.json", "{\"language\": \"" + language + "\"}");
  }
  // A file of tests/data/works, under another name: names say nothing.
  void Copy(const std::string& from, const std::string& as) {
    const std::filesystem::path target = archive_.path() / as;
    std::filesystem::create_directories(target.parent_path());
    std::filesystem::copy_file(std::filesystem::path(ARCHIVIST_TEST_DATA_DIR) / "works" / from,
                               target);
  }
  void Delete(const std::string& name) {
    std::filesystem::remove(archive_.path() / name);
    std::filesystem::remove(archive_.path() / (name + ".meta.json"));
  }

  IndexSummary Run() {
    IndexOptions options;
    options.db_path = (db_.path() / "index").string();
    options.roots = {archive_.path()};
    return RunIndex(options);
  }

  // Every stored record, by path.
  std::map<std::string, DocumentRecord> Records() {
    std::map<std::string, DocumentRecord> out;
    Xapian::Database db((db_.path() / "index").string());
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      Result<DocumentRecord> record = StoredRecordOf(db.get_document(*it));
      EXPECT_TRUE(record.ok());
      if (record.ok()) out[record.value().path] = record.value();
    }
    return out;
  }

  Xapian::rev Revision() { return Xapian::Database((db_.path() / "index").string()).get_revision(); }

  static std::vector<std::string> Linked(const DocumentRecord& r) {
    std::vector<std::string> ids;
    for (const auto& e : r.translations) ids.push_back(e.id);
    for (const auto& e : r.versions) ids.push_back(e.id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  TempDir archive_;
  TempDir db_;
};

TEST_F(WorksLinkingTest, TranslationsAreLinkedBothWaysAndAnotherStatuteIsNot) {
  Add("q7.txt", "en", Statute(kEnglish, 38, 1));
  Add("zz/k2.txt", "fr", Statute(kFrench, 38, 1));
  Add("m4.txt", "fr", Statute(kFrench, 45, 2));  // same year, same numbering of sections
  ASSERT_EQ(Run().indexed, 3u);
  auto records = Records();
  const DocumentRecord& en = records.at("q7.txt");
  const DocumentRecord& fr = records.at("zz/k2.txt");
  EXPECT_FALSE(en.work.empty());
  EXPECT_EQ(en.work, fr.work);
  ASSERT_EQ(en.translations.size(), 1u);
  EXPECT_EQ(en.translations[0].id, fr.id);
  EXPECT_EQ(en.translations[0].language, "fr");
  EXPECT_EQ(en.translations[0].title, fr.title);
  ASSERT_EQ(fr.translations.size(), 1u);
  EXPECT_EQ(fr.translations[0].id, en.id);
  EXPECT_TRUE(en.versions.empty());
  const DocumentRecord& other = records.at("m4.txt");
  EXPECT_TRUE(other.work.empty());
  EXPECT_TRUE(Linked(other).empty());
}

TEST_F(WorksLinkingTest, ALaterTranslationJoinsAndADeletedOneLeavesTheRestLinked) {
  Add("a.txt", "en", Statute(kEnglish, 12, 3));
  Add("b.txt", "fr", Statute(kFrench, 12, 3));
  Run();
  Add("c.txt", "de", Statute(kGerman, 12, 3));
  Run();
  auto records = Records();
  EXPECT_EQ(Linked(records.at("a.txt")),
            (std::vector<std::string>{std::min(records.at("b.txt").id, records.at("c.txt").id),
                                      std::max(records.at("b.txt").id, records.at("c.txt").id)}));
  EXPECT_EQ(records.at("c.txt").work, records.at("a.txt").work);
  EXPECT_EQ(Linked(records.at("c.txt")).size(), 2u);

  Delete("b.txt");
  Run();
  records = Records();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(Linked(records.at("a.txt")), std::vector<std::string>{records.at("c.txt").id});
  EXPECT_EQ(Linked(records.at("c.txt")), std::vector<std::string>{records.at("a.txt").id});
  EXPECT_EQ(records.at("a.txt").work, records.at("c.txt").work);

  Delete("c.txt");
  Run();
  records = Records();
  EXPECT_TRUE(records.at("a.txt").work.empty()) << "alone again: no work, no links";
  EXPECT_TRUE(Linked(records.at("a.txt")).empty());
}

TEST_F(WorksLinkingTest, ARunThatChangesNothingWritesNothing) {
  Add("a.txt", "en", Statute(kEnglish, 9, 4));
  Add("b.txt", "fr", Statute(kFrench, 9, 4));
  Run();
  const Xapian::rev before = Revision();
  Run();
  EXPECT_EQ(Revision(), before);
}

// Same text, re-indexed only because its sidecar changed: the document
// keeps its id, so no document left the index, yet the group it was in must
// be judged again (its partner linked to it by the key it no longer declares).
TEST_F(WorksLinkingTest, ASidecarNoLongerDeclaringTheWorkUnlinksItsPartnerToo) {
  archive_.Write("x1.txt", "Our campaign starts today with partners across the country.");
  archive_.Write("x1.txt.meta.json", "{\"work\": \"world-cup-2014\", \"language\": \"en\"}");
  archive_.Write("y2.txt", "Onze campagne begint vandaag met partners in het hele land.");
  archive_.Write("y2.txt.meta.json", "{\"work\": \"world-cup-2014\", \"language\": \"nl\"}");
  Run();
  auto records = Records();
  ASSERT_EQ(Linked(records.at("y2.txt")), std::vector<std::string>{records.at("x1.txt").id});

  const auto sidecar = archive_.path() / "x1.txt.meta.json";
  const auto before = std::filesystem::last_write_time(sidecar);
  archive_.Write("x1.txt.meta.json", "{\"language\": \"en\"}");
  // A later stamp whatever the file system's time resolution.
  std::filesystem::last_write_time(sidecar, before + std::chrono::seconds(10));
  const IndexSummary summary = Run();
  EXPECT_EQ(summary.indexed, 1u) << "the sidecar's file is analysed again";
  records = Records();
  EXPECT_TRUE(Linked(records.at("x1.txt")).empty());
  EXPECT_TRUE(Linked(records.at("y2.txt")).empty()) << "no link left to an edition that left the work";
  EXPECT_TRUE(records.at("y2.txt").work.empty());
}

TEST_F(WorksLinkingTest, AFolderManifestNamingAWorkLinksWhatSharesNoContent) {
  archive_.Write("press/_folder.meta.json", "{\"work\": \"world-cup-2014\"}");
  archive_.Write("press/x1.txt", "Our campaign starts today with partners across the country.");
  archive_.Write("press/y2.txt", "Onze campagne begint vandaag met partners in het hele land.");
  archive_.Write("other/z3.txt", "Notre campagne commence aujourd'hui avec des partenaires.");
  Run();
  auto records = Records();
  EXPECT_FALSE(records.at("press/x1.txt").work.empty());
  EXPECT_EQ(records.at("press/x1.txt").work, records.at("press/y2.txt").work);
  EXPECT_EQ(Linked(records.at("press/x1.txt")),
            std::vector<std::string>{records.at("press/y2.txt").id});
  EXPECT_TRUE(records.at("other/z3.txt").work.empty());
}

TEST_F(WorksLinkingTest, PagesNamingTheSameHreflangAlternatesAreTranslations) {
  const std::string links =
      "<link rel=\"alternate\" hreflang=\"en\" href=\"https://ngo.example/en/world-cup\">"
      "<link rel=\"alternate\" hreflang=\"nl\" href=\"https://ngo.example/nl/wk\">"
      "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://ngo.example/\">";
  archive_.Write("p1.html", "<html lang=\"en\"><head>" + links +
                                "</head><body><p>Our campaign for travellers starts today with "
                                "partners across the country.</p></body></html>");
  archive_.Write("p2.html", "<html lang=\"nl\"><head>" + links +
                                "</head><body><p>Onze campagne voor reizigers begint vandaag met "
                                "partners in het hele land.</p></body></html>");
  archive_.Write("p3.html",
                 "<html lang=\"fr\"><head><link rel=\"alternate\" hreflang=\"x-default\" "
                 "href=\"https://ngo.example/\"></head><body><p>Notre campagne pour les "
                 "voyageurs commence aujourd'hui.</p></body></html>");
  Run();
  auto records = Records();
  EXPECT_EQ(Linked(records.at("p1.html")), std::vector<std::string>{records.at("p2.html").id});
  EXPECT_EQ(Linked(records.at("p2.html")), std::vector<std::string>{records.at("p1.html").id});
  EXPECT_TRUE(Linked(records.at("p3.html")).empty()) << "x-default names a chooser, no edition";
}

// Two reference pages of one manual share most of their text (the same
// parameter, notes, compatibility and see-also sections) and so most of
// their word shingles; their titles name two commands. The same page saved
// again under other navigation is a version all the same.
TEST_F(WorksLinkingTest, TwoPagesOfOneTemplateAreNotVersionsButThePageSavedTwiceIs) {
  Copy("template-pages/commit.html", "k3.html");
  Copy("template-pages/rollback.html", "q/r9.html");
  Copy("template-pages/commit-mirror.html", "z/m1.html");
  ASSERT_EQ(Run().indexed, 3u);
  auto records = Records();
  EXPECT_EQ(Linked(records.at("k3.html")), std::vector<std::string>{records.at("z/m1.html").id});
  EXPECT_EQ(records.at("k3.html").versions.size(), 1u);
  EXPECT_TRUE(Linked(records.at("q/r9.html")).empty())
      << "ROLLBACK is linked to " << ::testing::PrintToString(Linked(records.at("q/r9.html")));
  EXPECT_TRUE(records.at("q/r9.html").work.empty());
}

// PostgreSQL's reference pages of two functions (the real pages, from
// postgresql-doc-15): the same sections around different arguments, so
// most of their shingles are shared. Their titles, one word joined by
// underscores, read as a machine's name to the title chooser, which took
// the opening lines instead; their first headings still name two
// functions.
TEST_F(WorksLinkingTest, ReferencePagesOfTwoFunctionsAreNotVersions) {
  Copy("template-pages/dblink-insert.html", "a7.html");
  Copy("template-pages/dblink-update.html", "w/b2.html");
  ASSERT_EQ(Run().indexed, 2u);
  auto records = Records();
  EXPECT_NE(records.at("a7.html").title_source, "metadata");
  EXPECT_TRUE(Linked(records.at("a7.html")).empty())
      << "dblink_build_sql_insert is linked to "
      << ::testing::PrintToString(Linked(records.at("a7.html")));
  EXPECT_TRUE(Linked(records.at("w/b2.html")).empty());
}

// Release notes of two versions: the same fixes listed, the same
// boilerplate; the version numbers of their titles make them two works.
TEST_F(WorksLinkingTest, ReleaseNotesOfTwoVersionsAreTwoWorks) {
  Copy("release-notes/notes-a.txt", "n1.txt");
  Copy("release-notes/notes-b.txt", "x/n2.txt");
  ASSERT_EQ(Run().indexed, 2u);
  auto records = Records();
  EXPECT_TRUE(Linked(records.at("n1.txt")).empty());
  EXPECT_TRUE(Linked(records.at("x/n2.txt")).empty());
}

}  // namespace
}  // namespace archivist
