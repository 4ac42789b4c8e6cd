// SPDX-License-Identifier: GPL-2.0-or-later
// What the indexer does with a file's extraction after the extractor
// returns, for the fuzz targets of the extractors: the reply crosses the
// worker protocol, the record is built (enrichment: dates, countries,
// topics, type, language), stored as JSON and read back, and the text is
// analysed into a Xapian document. A hostile file reaches all of these, so
// each extractor's target carries its output through them, and checks the
// two round trips on the way.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/log.h"
#include "core/record.h"
#include "indexer/enrich/record_builder.h"
#include "indexer/extract/extractor.h"
#include "indexer/worker/protocol.h"
#include "indexer/writer/prepared_document.h"

namespace archivist::fuzz {

// A broken invariant: print it and abort, so libFuzzer keeps the input.
[[noreturn]] inline void Fail(std::string_view what) {
  std::fprintf(stderr, "fuzz invariant broken: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

inline bool SameDoc(const extract::ExtractedDoc& a, const extract::ExtractedDoc& b) {
  return a.format == b.format && a.title == b.title && a.language == b.language && a.date == b.date &&
         a.modified == b.modified && a.author == b.author && a.description == b.description &&
         a.keywords == b.keywords && a.no_text_layer == b.no_text_layer && a.note == b.note &&
         a.pages == b.pages;
}

// Runs `extracted` (what an extractor made of `bytes`) through the rest of
// the indexer's pipeline.
inline void RunPipeline(std::string_view bytes, const Result<extract::ExtractedDoc>& extracted) {
  const Result<extract::ExtractedDoc> reply = worker::DecodeReply(worker::EncodeReply(extracted));
  if (reply.ok() != extracted.ok()) Fail("worker protocol changed success into failure");
  if (!extracted.ok()) {
    if (reply.error().code != extracted.error().code ||
        reply.error().message != extracted.error().message) {
      Fail("worker protocol changed an error");
    }
    return;
  }
  if (!SameDoc(extracted.value(), reply.value())) Fail("worker protocol changed a document");

  FileLocation location{"/archive", "folder/file", bytes.size(), 0, 0};
  const std::string hash = enrich::ContentHash(bytes);
  const DocumentRecord record =
      enrich::BuildRecord(location, extracted.value(), std::nullopt, hash);
  const Result<DocumentRecord> stored = RecordFromJson(ToJson(record));
  if (!stored.ok()) Fail("a built record does not read back: " + stored.error().message);
  if (!(stored.value() == record)) Fail("a built record reads back different");

  const extract::ExtractedDoc& doc = extracted.value();
  const writer::PreparedDocument prepared =
      writer::PrepareDocument(record, doc.pages, {doc.author, doc.description, doc.keywords});
  (void)prepared.record();
}

// LLVMFuzzerInitialize of the extractors' targets: errors only in the log
// (libFuzzer's own output stays readable), the parsers' libraries set up.
inline int InitExtraction() {
  SetLogLevel(LogLevel::kError);
  extract::InitExtractors();
  return 0;
}

// `data` extracted as the file `path` (whose extension some extractors
// read), then carried through the rest of the pipeline.
inline void ExtractAndRun(const extract::Extractor& extractor, std::string_view path,
                          const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  RunPipeline(bytes, extractor.Extract(std::filesystem::path(path), bytes));
}

}  // namespace archivist::fuzz
