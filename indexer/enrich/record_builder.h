// SPDX-License-Identifier: GPL-2.0-or-later
// From what a file says (extraction) and what the archivist says (sidecar)
// to the stored record. Sidecar values win; detection fills the rest.
#pragma once

#include <optional>
#include <string>

#include "core/record.h"
#include "indexer/enrich/sidecar.h"
#include "indexer/extract/extractor.h"

namespace archivist::enrich {

// The longest title a record holds, whatever gave it (a sidecar, a PDF's
// Info, an HTML <title>): a longer one is cut after a word and ends in "…".
// Every results page shows every hit's title.
inline constexpr std::size_t kMaxTitleBytes = 512;

// 16 hex digits naming a document by its content hash (ContentHash), so that
// identical bytes at two paths are one document and a moved file keeps its id.
std::string DocumentIdFor(const std::string& content_hash);

// SHA-256 of `bytes`, hex.
std::string ContentHash(std::string_view bytes);

// Builds the record of one file, found at `file` (its root, root-relative
// path and stamps, as the crawl saw them), whose content hash is `hash`.
DocumentRecord BuildRecord(const FileLocation& file, const extract::ExtractedDoc& doc,
                           const std::optional<Sidecar>& sidecar, const std::string& hash);

}  // namespace archivist::enrich
