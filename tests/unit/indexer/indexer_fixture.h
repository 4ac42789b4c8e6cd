// SPDX-License-Identifier: GPL-2.0-or-later
// An archive folder and an index folder, and what the indexer's tests read
// back from the index a run left: shared by the tests of a run and of the
// copies in it.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <utime.h>
#include <xapian.h>

#include "core/record.h"
#include "indexer/indexer.h"
#include "indexer/writer/index_writer.h"
#include "tests/support/temp_dir.h"

namespace archivist {

class IndexerTest : public ::testing::Test {
 protected:
  IndexSummary Run(bool retry_failed = false, std::size_t jobs = 2) {
    IndexOptions options;
    options.jobs = jobs;
    options.db_path = (db_.path() / "index").string();
    options.roots = {archive_.path()};
    options.retry_failed = retry_failed;
    return RunIndex(options);
  }

  std::vector<writer::FailureRecord> Failures() {
    auto failures = writer::ReadFailures((db_.path() / "index").string());
    EXPECT_TRUE(failures.ok());
    return failures.ok() ? failures.value() : std::vector<writer::FailureRecord>{};
  }

  // Documents whose text holds `term` (a word as indexed, or a prefixed
  // term: "S" + a title word), read from the index itself: the indexer's
  // tests need no read engine.
  Xapian::doccount Hits(const std::string& term) {
    Xapian::Database db((db_.path() / "index").string());
    return db.get_termfreq(term);
  }

  DocumentRecord OnlyRecord() {
    Xapian::Database db((db_.path() / "index").string());
    EXPECT_EQ(db.get_doccount(), 1u);
    Result<DocumentRecord> record =
        RecordFromJson(db.get_document(*db.postlist_begin("")).get_data());
    EXPECT_TRUE(record.ok());
    return record.ok() ? record.value() : DocumentRecord{};
  }

  // What a reader keys on: the database (a compaction makes a new one) and
  // its revision (every commit moves it on).
  using IndexState = std::pair<std::string, Xapian::rev>;
  IndexState State() {
    Xapian::Database db((db_.path() / "index").string());
    return {db.get_uuid(), db.get_revision()};
  }

  static std::uintmax_t FolderBytes(const std::filesystem::path& folder) {
    std::uintmax_t bytes = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
      if (entry.is_regular_file()) bytes += entry.file_size();
    }
    return bytes;
  }

  // Moves a file's modification time, as an edit a second later would.
  static void Touch(const std::filesystem::path& file, time_t when) {
    const utimbuf times{when, when};
    ASSERT_EQ(utime(file.c_str(), &times), 0);
  }

  testing::TempDir archive_;
  testing::TempDir db_;
};

}  // namespace archivist
