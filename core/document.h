// SPDX-License-Identifier: GPL-2.0-or-later
// The indexing side of the schema: a record and its text turned into the
// Xapian document that searchd will find, with every term and value
// core/schema.h names.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "core/record.h"

namespace archivist {

struct IndexableDocument {
  DocumentRecord record;
  Xapian::Document xapian;
};

// Analyses `pages` (and the record's title) with the record's language and
// builds the document. Pure: runs on any thread; costs the analysis, which
// is most of an indexer's CPU time, so that callers can spread it over cores.
IndexableDocument BuildIndexableDocument(DocumentRecord record,
                                         const std::vector<std::string>& pages);

// (Re)writes what `doc` says of its record: the stored JSON, one path term
// per location and the packed locations. Text terms and facet values stay:
// moving a file or finding a copy changes no analysis.
void StoreRecord(const DocumentRecord& record, Xapian::Document& doc);

}  // namespace archivist
