// SPDX-License-Identifier: GPL-2.0-or-later
// From what a file says (extraction) and what the archivist says (sidecar)
// to the stored record. Sidecar values win; detection fills the rest.
#pragma once

#include <optional>
#include <string>

#include "core/record.h"
#include "indexer/crawl/crawler.h"
#include "indexer/enrich/sidecar.h"
#include "indexer/extract/extractor.h"

namespace archivist::enrich {

// 16 hex digits naming the file at `absolute_path`; stable across runs.
std::string DocumentIdFor(const std::string& absolute_path);

// SHA-256 of `bytes`, hex.
std::string ContentHash(std::string_view bytes);

// Builds the record of one file. `hash` is its content hash.
DocumentRecord BuildRecord(const crawl::FoundFile& file, const extract::ExtractedDoc& doc,
                           const std::optional<Sidecar>& sidecar, const std::string& hash);

}  // namespace archivist::enrich
