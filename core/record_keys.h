// SPDX-License-Identifier: GPL-2.0-or-later
// The keys of a stored record as ToJson writes them, for the readers that
// number them (core/record.cc's event reader, core/compact_record.cc): one
// list, so a field added to the record is added to both.
#pragma once

#include <string_view>

namespace archivist::record_keys {

inline constexpr std::string_view kRecord[] = {"id",
                                               "root",
                                               "path",
                                               "title",
                                               "language",
                                               "page_languages",
                                               "countries",
                                               "jurisdiction",
                                               "topics",
                                               "date",
                                               "year",
                                               "type",
                                               "format",
                                               "pages",
                                               "ocr_pages",
                                               "ocr_confidence",
                                               "chars",
                                               "language_source",
                                               "date_source",
                                               "title_source",
                                               "size",
                                               "mtime",
                                               "sidecar_mtime",
                                               "hash",
                                               "copies",
                                               "work",
                                               "translations",
                                               "versions"};

// One of a record's copies (FileLocation).
inline constexpr std::string_view kCopy[] = {"root", "path", "size", "mtime", "sidecar_mtime"};

// One of its translations or versions (RelatedEdition).
inline constexpr std::string_view kEdition[] = {"id", "language", "title"};

}  // namespace archivist::record_keys
