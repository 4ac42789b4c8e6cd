// SPDX-License-Identifier: GPL-2.0-or-later
// The same content at several paths in one run: one document listing them,
// one analysis, and a failure passed on to the copies only when it was the
// bytes' own (run/copy_claims.h).
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <stdlib.h>

#include "core/record.h"
#include "indexer/indexer.h"
#include "indexer/writer/index_writer.h"
#include "tests/unit/indexer/indexer_fixture.h"

namespace archivist {
namespace {

TEST_F(IndexerTest, IdenticalContentAtTwoPathsIsOneDocumentListingBoth) {
  archive_.Write("a/report.txt", "same bytes");
  archive_.Write("b/report-copy.txt", "same bytes");
  IndexSummary s = Run();
  EXPECT_EQ(s.indexed, 1u);
  EXPECT_EQ(s.linked, 1u);
  EXPECT_EQ(s.documents, 1u);
  DocumentRecord record = OnlyRecord();
  EXPECT_EQ(record.path, "a/report.txt");
  ASSERT_EQ(record.copies.size(), 1u);
  EXPECT_EQ(record.copies[0].path, "b/report-copy.txt");

  std::filesystem::remove(archive_.path() / "a/report.txt");
  s = Run();
  EXPECT_EQ(s.removed, 0u);
  EXPECT_EQ(s.documents, 1u);
  record = OnlyRecord();
  EXPECT_EQ(record.path, "b/report-copy.txt");
  EXPECT_TRUE(record.copies.empty());
}

// One reading thread takes the files in crawl order, so the first copy is
// always claimed before the second is hashed; with two, a copy hashed
// first is analysed too (both outcomes are right, one is cheaper).
TEST_F(IndexerTest, ACopyOfContentAnalysedEarlierInTheRunIsNotAnalysedAgain) {
  archive_.Write("a/report.txt", "same bytes in two places");
  archive_.Write("b/report-copy.txt", "same bytes in two places");
  archive_.Write("c/other.txt", "other bytes");
  const IndexSummary s = Run(/*retry_failed=*/false, /*jobs=*/1);
  EXPECT_EQ(s.analysed, 2u);
  EXPECT_EQ(s.indexed, 2u);
  EXPECT_EQ(s.linked, 1u);
  EXPECT_EQ(s.documents, 2u);
  EXPECT_EQ(Hits("places"), 1u);
}

// The same bytes under a name we do not read (a .tsv) and one we do: the
// first is skipped for its name, the second is indexed all the same.
TEST_F(IndexerTest, ACopySkippedForItsNameLeavesACopyOfAnotherNameIndexed) {
  archive_.Write("a/table.tsv", "country\tyear\n");
  archive_.Write("b/table.txt", "country\tyear\n");
  const IndexSummary s = Run(/*retry_failed=*/false, /*jobs=*/1);
  EXPECT_EQ(s.skipped, 1u);
  EXPECT_EQ(s.indexed, 1u);
  EXPECT_EQ(s.documents, 1u);
  EXPECT_EQ(Hits("country"), 1u);
}

// A failure of the bytes themselves (Poppler cannot open them) would be
// the copy's too.
class IndexerBrokenCopiesTest : public IndexerTest {
 protected:
  // a/broken.pdf and b/broken.pdf, the same bytes Poppler cannot open:
  // extracted once, and both listed failed with the one reason.
  void ExpectBothBrokenPdfsFailedFromOneExtraction() {
    const IndexSummary s = Run(/*retry_failed=*/false, /*jobs=*/1);
    EXPECT_EQ(s.analysed, 1u);
    EXPECT_EQ(s.failed, 2u);
    ASSERT_EQ(Failures().size(), 2u);
    for (const writer::FailureRecord& failure : Failures()) {
      EXPECT_EQ(failure.reason, "cannot open PDF broken.pdf") << failure.path;
    }
  }
};

TEST_F(IndexerBrokenCopiesTest, ACopyOfAFileThatFailedFailsTheSameWayWithoutASecondExtraction) {
  archive_.Write("a/broken.pdf", "not a pdf at all");
  archive_.Write("b/broken.pdf", "not a pdf at all");
  ExpectBothBrokenPdfsFailedFromOneExtraction();
}

// A crash says nothing of the copy's bytes (it may have been the OOM
// killer, or a worker killed under load): the copy is extracted itself,
// and indexed, as if the first file were not there. The crash hook works
// only in a worker forked while ARCHIVIST_TEST_HOOKS=1. With one reading
// thread the copy is left to the writing thread (its content is claimed),
// and the worker that crashed is forked again only when the copy is
// tried: the hook is unset once the first file has failed, so the same
// bytes then extract as plain text, as they would once the moment passed.
TEST_F(IndexerTest, ACopyOfAFileThatCrashedIsExtractedAndIndexedItself) {
  const auto first = archive_.Write("a/crashy.txt", "ARCHIVIST-TEST-HOOK:abort\n");
  archive_.Write("b/crashy.txt", "ARCHIVIST-TEST-HOOK:abort\n");
  IndexOptions options;
  options.jobs = 1;
  options.db_path = (db_.path() / "index").string();
  options.roots = {archive_.path()};
  options.on_progress = [](const IndexSummary& so_far, std::size_t) {
    if (so_far.failed > 0) unsetenv("ARCHIVIST_TEST_HOOKS");
  };
  setenv("ARCHIVIST_TEST_HOOKS", "1", 1);
  const IndexSummary s = RunIndex(options);
  unsetenv("ARCHIVIST_TEST_HOOKS");
  EXPECT_EQ(s.analysed, 2u);
  EXPECT_EQ(s.failed, 1u);
  EXPECT_EQ(s.indexed, 1u);
  EXPECT_EQ(s.documents, 1u);
  ASSERT_EQ(Failures().size(), 1u);
  EXPECT_EQ(Failures()[0].path, first.string());
  EXPECT_EQ(Failures()[0].reason, "extractor crashed (signal 6)");
  const DocumentRecord record = OnlyRecord();
  EXPECT_EQ(record.path, "b/crashy.txt");
  EXPECT_TRUE(record.copies.empty());
}

// A broken sidecar fails its own file (kCorrupt, as damaged bytes would);
// the copy has none, and is indexed.
TEST_F(IndexerTest, ABrokenSidecarFailsItsFileAndNotItsCopy) {
  const auto first = archive_.Write("a/report.txt", "same bytes, curated in one place");
  archive_.Write("a/report.txt.meta.json", "{\"title\": ");
  archive_.Write("b/report.txt", "same bytes, curated in one place");
  const IndexSummary s = Run(/*retry_failed=*/false, /*jobs=*/1);
  EXPECT_EQ(s.failed, 1u);
  EXPECT_EQ(s.indexed, 1u);
  ASSERT_EQ(Failures().size(), 1u);
  EXPECT_EQ(Failures()[0].path, first.string());
  EXPECT_NE(Failures()[0].reason.find("meta.json"), std::string::npos) << Failures()[0].reason;
  const DocumentRecord record = OnlyRecord();
  EXPECT_EQ(record.path, "b/report.txt");
  EXPECT_EQ(Hits("curated"), 1u);
}

// A sound sidecar does not make the failure of damaged bytes the file's
// own: the copy, without one, fails the same way unextracted.
TEST_F(IndexerBrokenCopiesTest, DamagedBytesWithASoundSidecarFailTheirCopyToo) {
  archive_.Write("a/broken.pdf", "not a pdf at all");
  archive_.Write("a/broken.pdf.meta.json", "{\"title\": \"Curated title\"}");
  archive_.Write("b/broken.pdf", "not a pdf at all");
  ExpectBothBrokenPdfsFailedFromOneExtraction();
}

TEST_F(IndexerTest, EditingOneOfTwoCopiesSplitsThem) {
  archive_.Write("a.txt", "shared words");
  const auto b = archive_.Write("b.txt", "shared words");
  Run();
  archive_.Write("b.txt", "different words now");
  Touch(b, 2000000000);
  const IndexSummary s = Run();
  EXPECT_EQ(s.indexed, 1u);
  EXPECT_EQ(s.documents, 2u);
  EXPECT_EQ(Hits("shared"), 1u);
  EXPECT_EQ(Hits("different"), 1u);
}

}  // namespace
}  // namespace archivist
