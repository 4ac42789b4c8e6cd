// SPDX-License-Identifier: GPL-2.0-or-later
// What the indexer does with a document after its extractor returns: the
// record is built (enrichment: dates, countries, topics, type, language),
// stored as JSON and read back, and the text analysed into a Xapian
// document. fuzz_pipeline runs it on documents made from its input; the
// extractors' targets stop at extraction.h's cheap checks.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/record.h"
#include "indexer/enrich/record_builder.h"
#include "indexer/extract/extractor.h"
#include "indexer/writer/prepared_document.h"
#include "tests/fuzz/extraction.h"

namespace archivist::fuzz {

// Runs `doc`, found as a file whose content is `bytes`, through the rest of
// the indexer's pipeline: the record reads back from its JSON equal.
inline void RunPipeline(std::string_view bytes, const extract::ExtractedDoc& doc) {
  const FileLocation location{"/archive", "folder/file", bytes.size(), 0, 0};
  const std::string hash = enrich::ContentHash(bytes);
  const DocumentRecord record = enrich::BuildRecord(location, doc, std::nullopt, hash);
  const Result<DocumentRecord> stored = RecordFromJson(ToJson(record));
  if (!stored.ok()) Fail("a built record does not read back: " + stored.error().message);
  if (!(stored.value() == record)) Fail("a built record reads back different");

  const writer::PreparedDocument prepared =
      writer::PrepareDocument(record, doc.pages, {doc.author, doc.description, doc.keywords});
  (void)prepared.record();
}

}  // namespace archivist::fuzz
