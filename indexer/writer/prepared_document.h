// SPDX-License-Identifier: GPL-2.0-or-later
// What the program hands the writer for one file: a record and its text,
// already analysed into terms and values. Analysis is most of an indexer's
// CPU time, so it runs here, on the caller's threads, and the writer only
// finishes and writes what it is given. No Xapian type appears: the terms
// are made and edited in the writer's part alone.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/record.h"

namespace archivist::writer {

// What a file says of itself besides its title (a PDF's Info and XMP, HTML
// <meta>, office core properties): searchable as free text, the author also
// under its own prefix ("author:name"). Not part of the stored record.
struct DescriptiveText {
  std::string author;
  std::string description;
  std::string keywords;
};

struct IndexableDocument;  // document_builder.h, the writer's own

// An analysed document, ready for IndexWriter::Put. Opaque: only its record
// can be read, and only its locations changed. Movable, not copyable; a
// moved-from PreparedDocument may only be destroyed or assigned to.
//
// Thread safety: one thread at a time. It may be made on one thread and
// handed to another (the writer's caller), as long as no other handle on it
// stays behind.
class PreparedDocument {
 public:
  // Wraps a document built by the writer's builder (document_builder.h).
  PreparedDocument(IndexableDocument document);  // NOLINT(google-explicit-constructor)
  PreparedDocument(PreparedDocument&& other) noexcept;
  PreparedDocument& operator=(PreparedDocument&& other) noexcept;
  ~PreparedDocument();

  const DocumentRecord& record() const;

  // Lists the document at `locations` (the first is its primary one): the
  // stored record and its path terms change, its analysis does not. For a
  // content analysed again while it is also found elsewhere.
  void SetLocations(const std::vector<FileLocation>& locations);

  // Gives the document its work features (issue 15, indexer/works/):
  // `terms` become boolean terms under schema::kWorkFeaturePrefix (the
  // prefix is added here), `packed` the value of schema::kSlotWorkFeatures.
  void SetWorkFeatures(const std::vector<std::string>& terms, const std::string& packed);

  // Files the document as a page of the folder keyed `folder_key` holding
  // the template blocks `held` (keys, core/template_blocks.h), and records
  // that it was analysed with `furniture` judged its folder's furniture
  // (left out of its text, unless that would have left too little of it):
  // the terms under schema::kTemplateFolderPrefix, kTemplateBlockPrefix and
  // kFurnitureBlockPrefix.
  void SetTemplateBlocks(const std::string& folder_key, const std::vector<std::string>& held,
                         const std::vector<std::string>& furniture);

 private:
  friend IndexableDocument TakeDocument(PreparedDocument prepared);

  std::unique_ptr<IndexableDocument> document_;
};

// Analyses `pages` (one string per page, in order), the record's title and
// `described` in the record's language (each page in its own when
// record.page_languages names one per page) and builds the document, its
// record stored in it. Pure: runs on any thread, so callers can spread it
// over cores. Throws nothing but std::bad_alloc.
PreparedDocument PrepareDocument(DocumentRecord record, const std::vector<std::string>& pages,
                                 const DescriptiveText& described = {});

}  // namespace archivist::writer
