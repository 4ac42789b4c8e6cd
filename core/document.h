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

// What a file says of itself besides its title (a PDF's Info and XMP, HTML
// <meta>, office core properties): searchable as free text, the author also
// under its own prefix ("author:name"). Not part of the stored record.
struct DescriptiveText {
  std::string author;
  std::string description;
  std::string keywords;
};

// Analyses `pages`, the record's title and `described` with the record's
// language and builds the document. Pure: runs on any thread; costs the
// analysis, which is most of an indexer's CPU time, so that callers can
// spread it over cores.
IndexableDocument BuildIndexableDocument(DocumentRecord record,
                                         const std::vector<std::string>& pages,
                                         const DescriptiveText& described = {});

// (Re)writes what `doc` says of its record: the stored JSON, one path term
// per location and the packed locations. Text terms and facet values stay:
// moving a file or finding a copy changes no analysis.
void StoreRecord(const DocumentRecord& record, Xapian::Document& doc);

}  // namespace archivist
