// SPDX-License-Identifier: GPL-2.0-or-later
// One indexing run: crawl the roots, extract and enrich what changed, write
// it, drop what disappeared, commit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "indexer/worker/extract_pool.h"

namespace archivist {

struct IndexSummary;

struct IndexOptions {
  std::string db_path;
  std::vector<std::filesystem::path> roots;
  int shards = 1;  // for a new index; an existing one keeps its layout
  // Threads that read, extract and analyse files; the writer adds one per
  // shard, and one thread decides what to write.
  std::size_t jobs = 2;
  // Commit after this many changed documents, so an interrupted run keeps
  // most of its work and memory stays bounded.
  std::size_t commit_every = 200;
  // ... or after this many characters of text, whichever comes first.
  std::size_t commit_bytes = 64u << 20;
  // Called after each file with the summary so far and the number of files
  // the crawl found; for progress reports. May be empty.
  std::function<void(const IndexSummary&, std::size_t total_files)> on_progress;
  // Extraction runs in worker processes with these limits per file; there
  // are `jobs` of them (PoolOptions::workers is ignored).
  worker::PoolOptions extraction;
  // Also retry files whose failure is recorded although they did not change.
  bool retry_failed = false;
  // Link translations and versions after writing (issue 15); off only to
  // measure what the linking costs (--no-link-works).
  bool link_works = true;
  // Compact the index at the end of a run that wrote at least half of it
  // (off with --no-compact): a first run leaves its B-trees half empty, and
  // compacted the index takes less than half the room. The copy is a new
  // database (a new UUID, its revision restarting at 1); readers key on
  // UUID and revision together and notice the folder was replaced; see
  // IndexWriter::CompactAndClose.
  bool compact = true;
};

enum class FileOutcome { kIndexed, kUnchanged, kLinked, kSkipped, kFailed };

// "indexed", "unchanged", "linked", "skipped", "failed".
std::string_view ToString(FileOutcome outcome);

struct FileReport {
  std::string path;  // absolute
  FileOutcome outcome;
  // Why a file was skipped or failed; for an indexed file, a note worth
  // acting on ("no text layer": a scan, indexed by its metadata only).
  std::string reason;
};

// Where a run's time went, stage by stage, to find what the pipeline waits
// on (issue 19). Milliseconds of wall-clock time, summed over a stage's
// threads; set by a run that analysed files (all zero otherwise).
struct PipelineTimes {
  // The reading threads: reading, extracting and analysing files, of which
  // waiting for the extraction worker processes; and held back by the
  // bounds on what may wait analysed for the deciding thread.
  std::int64_t reading_busy_ms = 0;
  std::int64_t reading_extraction_ms = 0;
  std::int64_t reading_held_ms = 0;
  // The deciding thread waiting for the next file's analysis, and for the
  // writer (room in a shard's queue, the changes before a read or commit).
  std::int64_t deciding_waited_for_reading_ms = 0;
  std::int64_t deciding_waited_for_writer_ms = 0;
  // The shards' writer threads applying changes, of which handing words to
  // the spelling data and committing.
  std::int64_t writer_busy_ms = 0;
  std::int64_t writer_spelling_ms = 0;
  std::int64_t writer_commit_ms = 0;
  // The run's tail: web pages analysed again once the run's writes are
  // counted (moved pages, template furniture; on the reading threads),
  // the linking pass (deciding thread) and the compaction.
  std::int64_t analysing_again_ms = 0;
  std::int64_t linking_ms = 0;
  std::int64_t compaction_ms = 0;
};

struct IndexSummary {
  std::size_t indexed = 0;    // extracted and written
  std::size_t unchanged = 0;  // nothing to do (a stat, or a hash when only the time moved)
  std::size_t linked = 0;     // moved, renamed or duplicate content: joined its document
  std::size_t skipped = 0;
  std::size_t failed = 0;
  std::size_t removed = 0;    // documents whose every file is gone
  std::size_t documents = 0;  // in the index after the run
  // Files extracted and analysed in the run (a copy of content that an
  // earlier file of the run analyses only joins its document).
  std::size_t analysed = 0;
  // Web pages written again after the run's writes, moved to another
  // folder or with their folder's template furniture judged anew.
  std::size_t analysed_again = 0;
  // Pages read by OCR in this run, and pages whose OCR text the cache had
  // (a re-run over the same scans: all hits, no OCR).
  std::size_t ocr_pages = 0;
  std::size_t ocr_cache_hits = 0;
  // Every skipped and failed file, and every indexed file with a note.
  std::vector<FileReport> problems;
  std::vector<std::string> root_errors;
  // Why the run stopped early, when the index failed once it had begun (a
  // full disk, say): what it committed before is kept, the counts are those
  // of the files done until then, and `documents` is not counted (0).
  std::optional<Error> error;
  PipelineTimes pipeline;

  std::size_t files_done() const { return indexed + unchanged + linked + skipped + failed; }
};

// Runs one indexing pass. Per-file problems are reported in the summary and
// never stop the run. Failures are also recorded in the index
// (writer::ReadFailures lists them); a failed file is extracted again only
// when its size or mtime changed, or with `retry_failed`. A failed file that
// is not retried still counts as failed, with its recorded reason.
// Throws archivist::Exception when the index cannot be opened or no
// extraction worker can be started. An index that fails once the run has
// begun (cannot be written or committed) stops the run, which returns its
// summary so far with `error` set.
IndexSummary RunIndex(const IndexOptions& options);

}  // namespace archivist
