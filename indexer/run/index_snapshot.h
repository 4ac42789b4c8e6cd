// SPDX-License-Identifier: GPL-2.0-or-later
// What the index held when a run started: its files with their stamps, its
// documents, its recorded failures, the analysis it was made with. Read
// once, while the crawl walks the disk; every decision of the run starts
// from it (change detection, locations, failure memory).
#pragma once

#include <filesystem>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/record.h"
#include "indexer/writer/index_writer.h"

namespace archivist::run {

// One file the index listed at the start of the run.
struct KnownFile {
  std::string id;         // of the document listing it
  FileLocation location;  // with the stamps the index holds
  bool seen = false;      // found by this run's crawl (change_detection.h marks it)
};

// Written while the crawl's files are marked seen, before any worker thread
// starts; read-only afterwards, so worker threads may read it.
struct IndexSnapshot {
  std::unordered_map<std::string, KnownFile> files;  // by absolute path
  std::unordered_set<std::string> ids;
  // Paths listed by more than one document (left by a crash between two
  // shards' commits, see writer/index_writer.h): the ids besides the one in
  // `files`. The run keeps one.
  std::unordered_map<std::string, std::vector<std::string>> other_owners;
  // The documents come from an older analysis (schema::kAnalysisVersion):
  // every file is analysed again in this run.
  bool reanalyse = false;
  std::vector<writer::FailureRecord> failures;
};

// Reads the snapshot through `writer`, which nothing else may use meanwhile.
// Throws archivist::Exception as the writer's reads do.
IndexSnapshot ReadSnapshot(writer::IndexWriter& writer);

// Whether `root` (as stored) is one of the roots the crawl walked to the
// end: only there may a file the crawl did not find be taken as gone (an
// unmounted root must not empty the index). Compares strings, not paths:
// this runs once per known file.
bool UnderWalkedRoot(const std::string& root,
                     const std::vector<std::filesystem::path>& complete_roots);

}  // namespace archivist::run
