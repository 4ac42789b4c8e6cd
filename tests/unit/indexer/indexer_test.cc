// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/indexer.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <xapian.h>

#include "core/record.h"
#include "core/schema.h"
#include "indexer/enrich/record_builder.h"
#include "indexer/enrich/sidecar.h"
#include "indexer/writer/index_writer.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/indexer/indexer_fixture.h"

namespace archivist {
namespace {

using archivist::testing::TempDir;

TEST_F(IndexerTest, EveryFileEndsWithOneOutcome) {
  archive_.Write("a.html", "<html><body><p>alpha grooming</p></body></html>");
  archive_.Write("b.txt", "beta text");
  archive_.Write("c.pdf", "not a pdf");
  archive_.Write("d.tsv", "x\ty");
  const IndexSummary s = Run();
  EXPECT_EQ(s.indexed, 2u);
  EXPECT_EQ(s.failed, 1u);
  EXPECT_EQ(s.skipped, 1u);
  EXPECT_EQ(s.documents, 2u);
  ASSERT_EQ(s.problems.size(), 2u);
  EXPECT_EQ(Hits("grooming"), 1u);
}

TEST_F(IndexerTest, UnchangedFilesAreNotReindexedAndChangedOnesAre) {
  const auto a = archive_.Write("a.txt", "first version alpha");
  archive_.Write("b.txt", "bravo");
  EXPECT_EQ(Run().indexed, 2u);
  IndexSummary again = Run();
  EXPECT_EQ(again.indexed, 0u);
  EXPECT_EQ(again.unchanged, 2u);

  archive_.Write("a.txt", "second version omega");
  Touch(a, 2000000000);
  again = Run();
  EXPECT_EQ(again.indexed, 1u);
  EXPECT_EQ(again.unchanged, 1u);
  EXPECT_EQ(Hits("alpha"), 0u);
  EXPECT_EQ(Hits("omega"), 1u);
}

TEST_F(IndexerTest, ARunThatChangesNothingDoesNotCommit) {
  const auto a = archive_.Write("a.txt", "first version alpha");
  EXPECT_EQ(Run().indexed, 1u);
  const IndexState after_first = State();
  EXPECT_EQ(Run().unchanged, 1u);
  EXPECT_EQ(State(), after_first);
  archive_.Write("a.txt", "second version bravo");
  Touch(a, 2000000);
  EXPECT_EQ(Run().indexed, 1u);
  // A run that rewrote the whole index compacts it into a new database.
  EXPECT_NE(State(), after_first);
}

// A first run leaves its tables half empty; compacted at its end, the
// index is smaller and the same. A run that changed a little of it only
// commits: its revision goes on, as readers expect of a commit.
TEST_F(IndexerTest, AFirstRunIsCompactedAndASmallChangeOnlyCommits) {
  std::filesystem::path first;
  for (int i = 0; i < 60; ++i) {
    std::string text = "report " + std::to_string(i) + " on the archive:";
    for (int w = 0; w < 300; ++w) text += " word" + std::to_string((i * 7919 + w * 104729) % 5000);
    const auto file = archive_.Write("d" + std::to_string(i) + ".txt", text);
    if (i == 0) first = file;
  }
  TempDir loose_db;
  IndexOptions options;
  options.db_path = (db_.path() / "index").string();
  options.roots = {archive_.path()};
  options.commit_every = 5;
  IndexOptions loose = options;
  loose.db_path = (loose_db.path() / "index").string();
  loose.compact = false;
  ASSERT_EQ(RunIndex(loose).indexed, 60u);
  ASSERT_EQ(RunIndex(options).indexed, 60u);

  Xapian::Database compacted(options.db_path);
  Xapian::Database uncompacted(loose.db_path);
  EXPECT_GT(uncompacted.get_revision(), 5u);  // a commit every five documents
  EXPECT_EQ(compacted.get_revision(), 1u);    // a new database, written once
  EXPECT_EQ(compacted.get_doccount(), uncompacted.get_doccount());
  EXPECT_EQ(compacted.get_termfreq("word42"), uncompacted.get_termfreq("word42"));
  // Every record reads back. (Xapian::Database::check is not called here:
  // libxapian 1.4.22's own check trips AddressSanitizer with a
  // new/delete size mismatch inside the library.)
  for (auto it = compacted.postlist_begin(""); it != compacted.postlist_end(""); ++it) {
    EXPECT_TRUE(RecordFromJson(compacted.get_document(*it).get_data()).ok());
  }
  EXPECT_LT(FolderBytes(options.db_path), FolderBytes(loose.db_path));
  EXPECT_FALSE(std::filesystem::exists(options.db_path + ".compacting"));

  const IndexState compacted_state = State();
  archive_.Write("d0.txt", "report zero, corrected");
  Touch(first, 2000000);
  EXPECT_EQ(RunIndex(options).indexed, 1u);
  const IndexState after_change = State();
  EXPECT_EQ(after_change.first, compacted_state.first) << "the same database";
  EXPECT_GT(after_change.second, compacted_state.second);
}

TEST_F(IndexerTest, ACompactionCopyLeftByAKilledRunIsRemoved) {
  archive_.Write("a.txt", "some text");
  ASSERT_EQ(Run().indexed, 1u);
  const std::filesystem::path leftover = (db_.path() / "index.compacting");
  std::filesystem::create_directories(leftover);
  std::ofstream(leftover / "postlist.glass") << "half a copy";
  EXPECT_EQ(Run().unchanged, 1u);
  EXPECT_FALSE(std::filesystem::exists(leftover));
}

// An index made by an older analysis is remade file by file on the next
// run, once; an index of this analysis keeps its documents as they are.
TEST_F(IndexerTest, AnOlderAnalysisIsRemadeOnceOnTheNextRun) {
  archive_.Write("a.txt", "Geneva, 30 May 2014. A report on child trafficking.");
  archive_.Write("copy/a.txt", "Geneva, 30 May 2014. A report on child trafficking.");
  archive_.Write("b.txt", "Lisbon, 4 June 2015. Another text.");
  ASSERT_EQ(Run().indexed, 2u);
  const std::string index = (db_.path() / "index").string();

  // What an older indexer would have left: a wrong year, no analysis key.
  const auto age = [&](bool keep_version) {
    Xapian::WritableDatabase db(index);
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      Xapian::Document doc = db.get_document(*it);
      Result<DocumentRecord> record = RecordFromJson(doc.get_data());
      ASSERT_TRUE(record.ok());
      record.value().year = 1901;
      doc.set_data(ToJson(record.value()));
      db.replace_document(*it, doc);
    }
    if (!keep_version) db.set_metadata(std::string(schema::kAnalysisVersionKey), "");
    db.commit();
  };
  const auto years = [&] {
    std::multiset<int> found;
    Xapian::Database db(index);
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      found.insert(RecordFromJson(db.get_document(*it).get_data()).value().year);
    }
    return found;
  };

  age(/*keep_version=*/true);
  EXPECT_EQ(Run().unchanged, 3u);  // this analysis: nothing is remade
  EXPECT_EQ(years(), (std::multiset<int>{1901, 1901}));

  age(/*keep_version=*/false);
  const IndexSummary remade = Run();
  EXPECT_EQ(remade.indexed, 2u);  // two contents; the copy joins its document
  EXPECT_EQ(remade.documents, 2u);
  EXPECT_EQ(years(), (std::multiset<int>{2014, 2015}));
  EXPECT_EQ(Xapian::Database(index).get_metadata(std::string(schema::kAnalysisVersionKey)),
            std::to_string(schema::kAnalysisVersion));
  const IndexSummary after = Run();
  EXPECT_EQ(after.indexed, 0u);
  EXPECT_EQ(after.unchanged, 3u);
}

TEST_F(IndexerTest, EditingASidecarReindexesItsFile) {
  const auto file = archive_.Write("a.txt", "text");
  const auto sidecar = archive_.Write("a.txt.meta.json", R"({"title":"Old title"})");
  Run();
  archive_.Write("a.txt.meta.json", R"({"title":"Curated heading"})");
  Touch(sidecar, 2000000000);
  EXPECT_EQ(Run().indexed, 1u);
  EXPECT_EQ(Hits(std::string(schema::kTitlePrefix) + "heading"), 1u);
}

// Issue 17: an overlong sidecar title is stored cut, and the run reports
// the file as indexed with a note naming the sidecar and the cut.
TEST_F(IndexerTest, AnOverlongSidecarTitleIsCutAndNoted) {
  archive_.Write("a.txt", "harbour dredging report");
  archive_.Write("a.txt.meta.json", R"({"title":")" + std::string(1u << 20, 'w') + R"( tail"})");
  const IndexSummary s = Run();
  EXPECT_EQ(s.indexed, 1u);
  ASSERT_EQ(s.problems.size(), 1u);
  EXPECT_EQ(s.problems[0].outcome, FileOutcome::kIndexed);
  EXPECT_EQ(s.problems[0].reason, "a.txt.meta.json: title cut to " +
                                      std::to_string(enrich::kMaxSidecarTitleBytes) + " of " +
                                      std::to_string((1u << 20) + 5) + " bytes");
  // The record holds at most kMaxTitleBytes of any title, the sidecar's too.
  EXPECT_EQ(OnlyRecord().title.size(), enrich::kMaxTitleBytes);
  EXPECT_EQ(OnlyRecord().title_source, "sidecar");
}

TEST_F(IndexerTest, DeletedFilesLeaveTheIndex) {
  const auto a = archive_.Write("a.txt", "alpha");
  archive_.Write("b.txt", "bravo");
  Run();
  std::filesystem::remove(a);
  const IndexSummary s = Run();
  EXPECT_EQ(s.removed, 1u);
  EXPECT_EQ(s.documents, 1u);
  EXPECT_EQ(Hits("alpha"), 0u);
}

TEST_F(IndexerTest, AMissingRootRemovesNothing) {
  archive_.Write("sub/a.txt", "alpha");
  IndexOptions options;
  options.db_path = (db_.path() / "index").string();
  options.roots = {archive_.path() / "sub"};
  EXPECT_EQ(RunIndex(options).documents, 1u);
  // The root disappears (an unmounted disk): its documents must stay.
  std::filesystem::rename(archive_.path() / "sub", archive_.path() / "elsewhere");
  const IndexSummary s = RunIndex(options);
  EXPECT_EQ(s.removed, 0u);
  EXPECT_EQ(s.documents, 1u);
  EXPECT_EQ(s.root_errors.size(), 1u);
}

TEST_F(IndexerTest, TouchingAFileCostsAHashNotAnExtraction) {
  const auto a = archive_.Write("a.txt", "alpha");
  Run();
  Touch(a, 2000000000);
  const IndexSummary s = Run();
  EXPECT_EQ(s.indexed, 0u);
  EXPECT_EQ(s.unchanged, 1u);
  EXPECT_EQ(Run().unchanged, 1u);  // and the new time was recorded
}

TEST_F(IndexerTest, AMovedFileKeepsItsDocumentWithoutExtraction) {
  const auto a = archive_.Write("old/a.txt", "alpha content");
  Run();
  const std::string id_before = OnlyRecord().id;
  std::filesystem::create_directories(archive_.path() / "new");
  std::filesystem::rename(a, archive_.path() / "new/renamed.txt");
  const IndexSummary s = Run();
  EXPECT_EQ(s.indexed, 0u);
  EXPECT_EQ(s.linked, 1u);
  EXPECT_EQ(s.removed, 0u);
  EXPECT_EQ(s.documents, 1u);
  const DocumentRecord after = OnlyRecord();
  EXPECT_EQ(after.id, id_before);
  EXPECT_EQ(after.path, "new/renamed.txt");
  EXPECT_TRUE(after.copies.empty());
  EXPECT_EQ(Hits("alpha"), 1u);
}

TEST_F(IndexerTest, ShardedIndexSearchesAsOne) {
  for (int i = 0; i < 12; ++i) {
    archive_.Write("doc" + std::to_string(i) + ".txt", "common word and unique" + std::to_string(i));
  }
  IndexOptions options;
  options.db_path = (db_.path() / "index").string();
  options.roots = {archive_.path()};
  options.shards = 3;
  EXPECT_EQ(RunIndex(options).documents, 12u);
  EXPECT_TRUE(std::filesystem::exists(db_.path() / "index/XAPIANDB"));
  EXPECT_EQ(Hits("common"), 12u);
  EXPECT_EQ(Hits("unique7"), 1u);
  // A second run finds every file unchanged across the shards.
  EXPECT_EQ(RunIndex(options).unchanged, 12u);
  // The layout of an existing index cannot change under it.
  options.shards = 2;
  EXPECT_THROW(RunIndex(options), Exception);
}

// Shards commit one after another: a crash between two commits leaves one
// shard a batch ahead. These tests build that state from real runs (each
// shard as it was before or after an edit whose old and new contents live
// in different shards) and check that the next run repairs it.
class ShardCrashTest : public IndexerTest {
 protected:
  static int ShardOf(const std::string& content) {
    const std::string id = enrich::DocumentIdFor(enrich::ContentHash(content));
    return static_cast<int>(std::stoul(id.substr(0, 8), nullptr, 16) % 2);
  }

  // Indexes `before` at a.txt, then `after`; returns the index folder whose
  // shard `from_after` comes from the second run and the other from the first.
  std::filesystem::path Mix(const std::string& before, const std::string& after,
                            int from_after) {
    const std::filesystem::path index = db_.path() / "index";
    const std::filesystem::path saved = db_.path() / "before";
    IndexOptions options;
    options.db_path = index.string();
    options.roots = {archive_.path()};
    options.shards = 2;
    const auto file = archive_.Write("a.txt", before);
    Touch(file, 1000000);
    EXPECT_EQ(RunIndex(options).indexed, 1u);
    std::filesystem::copy(index, saved, std::filesystem::copy_options::recursive);
    archive_.Write("a.txt", after);
    Touch(file, 2000000);
    EXPECT_EQ(RunIndex(options).indexed, 1u);
    const std::string shard = "shard-" + std::to_string(1 - from_after);
    std::filesystem::remove_all(index / shard);
    std::filesystem::copy(saved / shard, index / shard, std::filesystem::copy_options::recursive);
    return index;
  }

  // Contents for a.txt whose documents live in different shards, the new
  // one in shard `after_shard`. Which shard comes first matters: a run reads
  // shard 0's file list before shard 1's.
  static std::pair<std::string, std::string> InTwoShards(int after_shard) {
    const auto in_shard = [](const std::string& stem, int shard) {
      for (int i = 0;; ++i) {
        const std::string text = stem + " version of the report " + std::to_string(i);
        if (ShardOf(text) == shard) return text;
      }
    };
    return {in_shard("alpha", 1 - after_shard), in_shard("bravo", after_shard)};
  }

  void ExpectTwoClaimsRepaired(int after_shard) {
    const auto [before, after] = InTwoShards(after_shard);
    // The new document's shard committed; the old one's, which drops the
    // path, did not.
    const std::filesystem::path index = Mix(before, after, after_shard);
    ASSERT_EQ(Xapian::Database(index.string()).get_doccount(), 2u);
    EXPECT_EQ(Hits("alpha"), 1u);

    const IndexSummary repaired = RunAgain();
    EXPECT_EQ(repaired.documents, 1u);
    EXPECT_EQ(repaired.indexed, 0u);  // the content was already indexed: no extraction
    EXPECT_EQ(Hits("alpha"), 0u);
    EXPECT_EQ(Hits("bravo"), 1u);
    // And the repaired index is stable.
    EXPECT_EQ(RunAgain().unchanged, 1u);
  }

  IndexSummary RunAgain() {
    IndexOptions options;
    options.db_path = (db_.path() / "index").string();
    options.roots = {archive_.path()};
    options.shards = 2;
    return RunIndex(options);
  }
};

TEST_F(ShardCrashTest, APathLeftInTwoDocumentsEndsInTheOneHoldingItsContent) {
  ExpectTwoClaimsRepaired(/*after_shard=*/0);  // the current claim is read first
}

TEST_F(ShardCrashTest, APathLeftInTwoDocumentsEndsInTheOneHoldingItsContentEitherWay) {
  ExpectTwoClaimsRepaired(/*after_shard=*/1);  // the stale claim is read first
}

TEST_F(ShardCrashTest, APathLeftInNoDocumentIsIndexedAgain) {
  const auto [before, after] = InTwoShards(0);
  // The old document's shard committed (the path left it); the new one's
  // did not.
  const std::filesystem::path index = Mix(before, after, ShardOf(before));
  EXPECT_EQ(Xapian::Database(index.string()).get_doccount(), 0u);

  const IndexSummary repaired = RunAgain();
  EXPECT_EQ(repaired.indexed, 1u);
  EXPECT_EQ(repaired.documents, 1u);
  EXPECT_EQ(Hits("bravo"), 1u);
}

// The crash hook fails a file while ARCHIVIST_TEST_HOOKS=1; without it the
// same bytes are plain text. So whether a later run extracted the file again
// shows in its outcome.
TEST_F(IndexerTest, FailuresAreRecordedAndRetriedOnlyWhenTheFileChangesOrOnRequest) {
  const auto crashy = archive_.Write("crashy.txt", "ARCHIVIST-TEST-HOOK:abort\n");
  archive_.Write("fine.txt", "fine");
  setenv("ARCHIVIST_TEST_HOOKS", "1", 1);
  IndexSummary s = Run();
  unsetenv("ARCHIVIST_TEST_HOOKS");
  EXPECT_EQ(s.failed, 1u);
  ASSERT_EQ(Failures().size(), 1u);
  EXPECT_EQ(Failures()[0].path, crashy.string());
  EXPECT_EQ(Failures()[0].reason, "extractor crashed (signal 6)");

  s = Run();  // unchanged: not extracted again, still reported with its reason
  EXPECT_EQ(s.failed, 1u);
  ASSERT_EQ(s.problems.size(), 1u);
  EXPECT_EQ(s.problems[0].reason, "extractor crashed (signal 6)");

  s = Run(/*retry_failed=*/true);
  EXPECT_EQ(s.failed, 0u);
  EXPECT_EQ(s.indexed, 1u);
  EXPECT_TRUE(Failures().empty());
}

TEST_F(IndexerTest, AChangedFailedFileIsRetried) {
  const auto crashy = archive_.Write("crashy.txt", "ARCHIVIST-TEST-HOOK:abort\n");
  setenv("ARCHIVIST_TEST_HOOKS", "1", 1);
  EXPECT_EQ(Run().failed, 1u);
  unsetenv("ARCHIVIST_TEST_HOOKS");
  archive_.Write("crashy.txt", "ARCHIVIST-TEST-HOOK:abort, edited\n");
  Touch(crashy, 2000000000);
  const IndexSummary s = Run();
  EXPECT_EQ(s.indexed, 1u);
  EXPECT_EQ(s.failed, 0u);
  EXPECT_TRUE(Failures().empty());
}

TEST_F(IndexerTest, ADeletedFailedFileLeavesTheFailureList) {
  const auto broken = archive_.Write("broken.pdf", "");
  EXPECT_EQ(Run().failed, 1u);
  EXPECT_EQ(Failures().size(), 1u);
  std::filesystem::remove(broken);
  Run();
  EXPECT_TRUE(Failures().empty());
}

TEST_F(IndexerTest, CommitsByTextSizeAsWellAsByCount) {
  // Four files of about 150 KB of text; a commit is due every 256 KiB of text,
  // never by count: after the second file and after the fourth. Commits run
  // in the background, so a reader may see one late, but never one that
  // splits those pairs; the database's revision counts the commits.
  const std::string words = [] {
    std::string text;
    while (text.size() < 150 * 1000) text += "archive words for a long report ";
    return text;
  }();
  for (int i = 0; i < 4; ++i) archive_.Write("r" + std::to_string(i) + ".txt", words + std::to_string(i));
  IndexOptions options;
  options.db_path = (db_.path() / "index").string();
  options.roots = {archive_.path()};
  options.commit_every = 1000000;
  options.commit_bytes = 256 << 10;
  options.compact = false;  // the commits are counted by the revision
  std::vector<Xapian::doccount> committed;
  options.on_progress = [&](const IndexSummary& so_far, std::size_t) {
    if (so_far.indexed == 0) return;
    committed.push_back(Xapian::Database(options.db_path).get_doccount());
  };
  EXPECT_EQ(RunIndex(options).documents, 4u);
  ASSERT_EQ(committed.size(), 4u);
  for (const Xapian::doccount seen : committed) {
    EXPECT_TRUE(seen == 0 || seen == 2 || seen == 4) << seen;
  }
  // One commit creating the index, then one per 256 KiB: two, and none of
  // the batches at the end; the linking pass's commit clears the marks of
  // the documents it linked (IndexWriter::ClearPendingLinks).
  EXPECT_EQ(Xapian::Database(options.db_path).get_revision(), 4u);
}

}  // namespace
}  // namespace archivist
