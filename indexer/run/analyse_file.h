// SPDX-License-Identifier: GPL-2.0-or-later
// One file made ready to write: extracted in a worker process, its
// folder's template furniture left out, enriched into a record, its work
// features computed and its text prepared for the writer. None of it reads
// the index, so a run does it on its reading threads.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/record.h"
#include "indexer/crawl/crawler.h"
#include "indexer/enrich/sidecar.h"
#include "indexer/run/template_furniture.h"
#include "indexer/worker/extract_pool.h"
#include "indexer/writer/prepared_document.h"

namespace archivist::run {

// Where a found file is, as the record keeps it.
FileLocation LocationOf(const crawl::FoundFile& file);

// What analysing one file gives: the document, and a note worth reporting
// even though it was indexed ("no text layer": a scan, found by metadata only).
struct Analysed {
  writer::PreparedDocument document;
  std::string note;
  std::size_t ocr_recognised = 0;  // pages Tesseract read
  std::size_t ocr_cache_hits = 0;  // pages the OCR cache had
  // A web page's folder key (core/template_blocks.h), "" for any other
  // document.
  std::string template_folder;
};

// Called with the bytes of a file's extracted text once it is extracted,
// before it is enriched and analysed, which take many times the text in
// memory for a while (about 20 times for a manual of thousands of pages):
// where a run holds a long document back until it fits its budget.
using BeforeAnalysis = std::function<void(std::size_t text_bytes)>;

// What a file's sidecar and folder manifests say of it, nullopt when none
// of them exists.
using Curation = std::optional<enrich::Sidecar>;

// Reads the curation of `file`. A broken sidecar or manifest fails the file
// (kCorrupt): a person must fix it, and indexing the file without it would
// silently publish wrong metadata. Such a failure is the file's own: a copy
// of its bytes elsewhere has its own curation (copy_claims.h).
Result<Curation> CurationOf(const crawl::FoundFile& file);

// What analysing a file gives: the analysis, or the failure of whichever
// step failed first. `curation_failed` says the failure was the curation's,
// the file's own, which a copy of its bytes does not share; any other is of
// the content (copy_claims.h).
struct FileAnalysis {
  Result<Analysed> analysed;
  bool curation_failed = false;
};

// Reads the curation of `file` (CurationOf), then extracts it (in a worker
// process of `pool`), enriches and analyses it under that curation:
// everything that needs no index access, so it runs on the worker threads.
// Adds the time spent waiting for the worker process to `extraction_ns`.
// `before_analysis`, when given, is called between extraction and the rest.
FileAnalysis Analyse(const crawl::FoundFile& file, const std::string& hash,
                     worker::ExtractPool& pool, std::atomic<std::int64_t>& extraction_ns,
                     const FurnitureJudge* judge = nullptr,
                     const BeforeAnalysis& before_analysis = nullptr);

// The bytes of text an analysis holds, 0 for none or a failed one: what a
// document waiting for the writer weighs against the reading threads'
// budget (reading_threads.h kAheadTextBytes).
std::size_t TextBytesOf(const std::optional<Result<Analysed>>& analysed);

}  // namespace archivist::run
