// SPDX-License-Identifier: GPL-2.0-or-later
// Makes documents of an index editions of one work, as the indexer's linking
// pass does (issue 15): the work key on each record, the others listed as
// its translations (another language) or versions (the same), each record
// stored again with the writer's StoreRecord. For search tests that need
// linked documents whatever the linker decides. Links the writer's
// internals (archivist_writer_internals). Throws std::runtime_error for an
// id the index does not hold or a record it cannot read, and Xapian's errors.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include <xapian.h>

#include "core/record.h"
#include "core/schema.h"
#include "indexer/writer/document_builder.h"

namespace archivist::testing {

inline void LinkEditions(const std::string& index_path, const std::vector<std::string>& ids,
                         const std::string& work) {
  Xapian::WritableDatabase db(index_path, Xapian::DB_OPEN);
  std::vector<Xapian::docid> docids;
  std::vector<DocumentRecord> records;
  for (const std::string& id : ids) {
    const std::string term = schema::IdTerm(id);
    Xapian::PostingIterator post = db.postlist_begin(term);
    if (post == db.postlist_end(term)) throw std::runtime_error("no document " + id);
    docids.push_back(*post);
    Result<DocumentRecord> record = StoredRecordOf(db.get_document(*post));
    if (!record.ok()) throw std::runtime_error(record.error().message);
    records.push_back(std::move(record).value());
  }
  for (std::size_t i = 0; i < records.size(); ++i) {
    DocumentRecord& record = records[i];
    record.work = work;
    record.translations.clear();
    record.versions.clear();
    for (std::size_t k = 0; k < records.size(); ++k) {
      if (k == i) continue;
      const RelatedEdition other{records[k].id, records[k].language, records[k].title};
      (other.language == record.language ? record.versions : record.translations).push_back(other);
    }
    Xapian::Document doc = db.get_document(docids[i]);
    writer::StoreRecord(record, doc);
    db.replace_document(docids[i], doc);
  }
  db.commit();
}

}  // namespace archivist::testing
