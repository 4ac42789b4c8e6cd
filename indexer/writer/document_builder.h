// SPDX-License-Identifier: GPL-2.0-or-later
// The indexing side of the schema: a record and its text turned into the
// Xapian document that searchd will find, with every term and value
// core/schema.h names. The writer's own header (its internal view): the
// program hands text over through prepared_document.h and never sees a
// Xapian type; tests that look at a built document's terms link
// archivist_writer_internals.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "core/record.h"
#include "indexer/writer/prepared_document.h"

namespace archivist::writer {

// A record and the Xapian document made of it and its text. The document
// holds the record too (StoreRecord): change one, store it again.
struct IndexableDocument {
  DocumentRecord record;
  Xapian::Document xapian;
};

// Analyses `pages`, the record's title and `described` with the record's
// language and builds the document. Pure: runs on any thread; costs the
// analysis, which is most of an indexer's CPU time, so that callers can
// spread it over cores.
IndexableDocument BuildIndexableDocument(DocumentRecord record,
                                         const std::vector<std::string>& pages,
                                         const DescriptiveText& described = {});

// (Re)writes what `doc` says of its record: the stored JSON (StoredJson),
// one path term per location, the packed locations, the work (kSlotWork)
// and its other editions (kSlotEditions). Text terms
// and facet values stay: moving a file or finding a copy changes no
// analysis. A stored document's terms are changed only when its locations
// changed, so rewriting a record's links costs its data and values only.
void StoreRecord(const DocumentRecord& record, Xapian::Document& doc);

// The built document inside `prepared`, for the writer to finish and write.
IndexableDocument TakeDocument(PreparedDocument prepared);

}  // namespace archivist::writer
