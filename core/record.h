// SPDX-License-Identifier: GPL-2.0-or-later
// The stored record: each Xapian document's data is this struct as JSON, so
// any tool can read the index and a hit needs no other lookup to be shown.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace archivist {

struct DocumentRecord {
  std::string id;        // 16 hex digits, stable for a file path
  std::string root;      // absolute archive root the file was found under
  std::string path;      // path relative to root, '/'-separated
  std::string title;
  std::string language;  // ISO 639-1, or "und"
  std::vector<std::string> countries;  // ISO 3166 alpha-2, most important first
  std::vector<std::string> topics;     // topic slugs
  std::string date;                    // "YYYY-MM-DD", "YYYY-MM" or empty
  int year = 0;                        // 0 when unknown
  std::string type;                    // document type slug
  std::string format;                  // "pdf", "html", "xml", "text"
  int pages = 0;
  int chars = 0;            // characters of extracted text, title excluded
  std::string language_source;  // "sidecar", "file", "detected" or "" (unknown)
  std::string date_source;      // "sidecar", "file", "text", "filename" or "" (no date)
  std::uint64_t size = 0;   // bytes
  std::int64_t mtime = 0;   // seconds since the epoch, for change detection only
  std::int64_t sidecar_mtime = 0;  // of FILE.meta.json; 0 when there is none
  std::string hash;         // SHA-256 of the file's bytes, hex

  bool operator==(const DocumentRecord&) const = default;
};

std::string ToJson(const DocumentRecord& record);

// Parses a stored record; kCorrupt when the data is not such a record.
Result<DocumentRecord> RecordFromJson(std::string_view json);

}  // namespace archivist
