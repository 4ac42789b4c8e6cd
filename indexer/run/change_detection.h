// SPDX-License-Identifier: GPL-2.0-or-later
// What changed since the index saw a file, in two looks. The first is a
// stat (size, mtime, sidecar time) against the index's snapshot, and is the
// whole cost of a file in a no-change re-run. A file that fails it gets the
// second: its content hash, which tells a touched or copied file (same
// content, nothing to extract) from a changed one.
#pragma once

#include <optional>
#include <string>

#include "core/error.h"
#include "indexer/crawl/crawler.h"
#include "indexer/run/index_snapshot.h"

namespace archivist::run {

// The first look. Marks `file` seen in the snapshot, then says whether the
// index lists it with the same stamps, no other document claims it and its
// analysis is current: then there is nothing to do. Before the worker
// threads start (it writes the snapshot).
bool UnchangedByStat(IndexSnapshot& snapshot, const crawl::FoundFile& file);

// The second look at a file that failed the first.
struct ContentCheck {
  std::optional<Error> read_error;  // the file could not be read: no hash
  std::string hash;                 // SHA-256 of the content, hex
  std::string id;                   // of the document that content makes
  // False when the index held this content at the start of the run, its
  // sidecar has not changed and its analysis is current: the file only
  // joins (or stays in) that document, and extraction would be wasted.
  bool needs_analysis = true;
  // The file's sidecar changed since the index saw it at this path.
  bool sidecar_changed = false;
};

// Reads and hashes `file`. Reads the snapshot only: runs on any thread once
// the first looks are done.
ContentCheck CheckContent(const IndexSnapshot& snapshot, const crawl::FoundFile& file);

}  // namespace archivist::run
