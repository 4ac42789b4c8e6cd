// SPDX-License-Identifier: GPL-2.0-or-later
// Web pages analysed again at the end of a run (issue 18), once its writes
// and removals are done: pages moved to another folder, whose template
// blocks were counted in the old one, and pages whose blocks became their
// folder's furniture or stopped being it. Each is analysed again from its
// first file, on reading threads as in the run, and written from the
// calling thread.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include "indexer/run/commit_policy.h"
#include "indexer/run/locations.h"
#include "indexer/worker/extract_pool.h"
#include "indexer/writer/index_writer.h"

namespace archivist::run {

// What the pass works with: the run's parts and what it noted while it
// wrote. Everything referred to outlives the pass.
struct ReanalysisRequest {
  writer::IndexWriter& writer;
  // Documents are found in it, and written again through it.
  LocationBook& locations;
  // Its uncommitted changes are committed before pages are judged.
  const CommitPolicy& commits;
  worker::ExtractPool& pool;
  // The time the reading threads wait for extraction workers, added to.
  std::atomic<std::int64_t>& extraction_ns;
  std::size_t jobs;  // reading threads
  // Web pages a file joined in this run: moved there, perhaps, from
  // another folder.
  const std::set<std::string>& joined_pages;
  // The folder keys of the web pages the run wrote; the pass adds those of
  // the pages it writes.
  std::set<std::string>& written_folders;
  // Counts each document analysed again as it is written, so that a run
  // the index fails during the pass still reports those written before.
  std::size_t& analysed_again;
};

// Analyses the moved pages again, then the pages whose furniture changed
// (template_furniture.h: PagesToAnalyseAgain), and writes them through the
// location book. A file that no longer reads keeps its document as it was.
//
// Errors: throws archivist::Exception when the index fails (a full disk, a
// damaged table), as the run's reads and writes do; a failure on a reading
// thread (a judgment reads the index) is thrown on the calling thread.
void AnalysePagesAgain(const ReanalysisRequest& request);

}  // namespace archivist::run
