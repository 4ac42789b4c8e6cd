// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/writer/prepared_document.h"

#include <utility>

#include "core/schema.h"
#include "indexer/writer/document_builder.h"

namespace archivist::writer {

PreparedDocument::PreparedDocument(IndexableDocument document)
    : document_(std::make_unique<IndexableDocument>(std::move(document))) {}

PreparedDocument::PreparedDocument(PreparedDocument&& other) noexcept = default;
PreparedDocument& PreparedDocument::operator=(PreparedDocument&& other) noexcept = default;
PreparedDocument::~PreparedDocument() = default;

const DocumentRecord& PreparedDocument::record() const { return document_->record; }

void PreparedDocument::SetLocations(const std::vector<FileLocation>& locations) {
  archivist::SetLocations(document_->record, locations);
  StoreRecord(document_->record, document_->xapian);
}

void PreparedDocument::SetWorkFeatures(const std::vector<std::string>& terms,
                                       const std::string& packed) {
  for (const std::string& term : terms) {
    document_->xapian.add_boolean_term(std::string(schema::kWorkFeaturePrefix) + term);
  }
  document_->xapian.add_value(schema::kSlotWorkFeatures, packed);
}

void PreparedDocument::SetTemplateBlocks(const std::string& folder_key,
                                         const std::vector<std::string>& held,
                                         const std::vector<std::string>& furniture) {
  document_->xapian.add_boolean_term(std::string(schema::kTemplateFolderPrefix) + folder_key);
  for (const std::string& key : held) {
    document_->xapian.add_boolean_term(std::string(schema::kTemplateBlockPrefix) + folder_key +
                                       key);
  }
  for (const std::string& key : furniture) {
    document_->xapian.add_boolean_term(std::string(schema::kFurnitureBlockPrefix) + folder_key +
                                       key);
  }
}

IndexableDocument TakeDocument(PreparedDocument prepared) { return std::move(*prepared.document_); }

PreparedDocument PrepareDocument(DocumentRecord record, const std::vector<std::string>& pages,
                                 const DescriptiveText& described) {
  return BuildIndexableDocument(std::move(record), pages, described);
}

}  // namespace archivist::writer
