// SPDX-License-Identifier: GPL-2.0-or-later
// The stored record: each Xapian document's data is this struct as JSON, so
// any tool can read the index and a hit needs no other lookup to be shown.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/language.h"
#include "core/schema.h"

namespace archivist {

// One place a document's content is found, with what change detection needs.
struct FileLocation {
  std::string root;  // absolute archive root the file was found under
  std::string path;  // path relative to root, '/'-separated
  std::uint64_t size = 0;
  std::int64_t mtime = 0;          // seconds since the epoch
  std::int64_t sidecar_mtime = 0;  // of FILE.meta.json; 0 when there is none

  std::string AbsolutePath() const { return root + "/" + path; }
  bool operator==(const FileLocation&) const = default;
};

// Another edition of the same work (issue 15): a translation (another
// language) or a version (the same language, nearly the same text).
struct RelatedEdition {
  std::string id;
  std::string language;
  std::string title;
  bool operator==(const RelatedEdition&) const = default;
};

// A document is one content: identical bytes at several paths are one
// document, found at its primary location (root, path) and at its copies.
struct DocumentRecord {
  std::string id;        // 16 hex digits of the content's SHA-256
  std::string root;      // primary location: absolute archive root
  std::string path;      // primary location: path relative to root, '/'-separated
  std::string title;
  std::string language;  // ISO 639-1, or "und"
  // One language per page when a long document's pages differ (its pages
  // are stemmed each in its own language); empty otherwise.
  std::vector<std::string> page_languages;
  // A one-page document's stretches of text in languages of their own
  // (a web page partly left untranslated, a bilingual statute in
  // alternating blocks), in text order, as byte ranges of its text
  // (DetectSectionLanguages); each is stemmed in its own language. Empty
  // when the page is in one language.
  std::vector<TextLanguageSection> section_languages;
  std::vector<std::string> countries;  // ISO 3166 alpha-2, most important first
  // The legal order legislation belongs to (ISO 3166 alpha-2), "" for
  // anything else; kept apart from the countries a text is about. The
  // country facet counts both (CountryFacetValues).
  std::string jurisdiction;
  std::vector<std::string> topics;     // topic slugs
  std::string date;                    // "YYYY-MM-DD", "YYYY-MM" or empty
  int year = 0;                        // 0 when unknown
  std::string type;                    // document type slug
  std::string format;                  // "pdf", "html", "xml", "text"
  int pages = 0;
  // The pages (1-based) whose text came from OCR, and Tesseract's mean
  // confidence over them (0-100); empty and 0 for a document read from its
  // text alone.
  std::vector<int> ocr_pages;
  int ocr_confidence = 0;
  int chars = 0;                   // characters of extracted text, title excluded
  std::string language_source;     // "sidecar", "file", "detected" or "" (unknown)
  // Where the title came from: "sidecar", "metadata", "heading", "opening"
  // (a first line that reads as a title), "first-sentence" (a text with no
  // title, described by its opening), "filename" (made readable), or "" in
  // records written before it was kept.
  std::string title_source;
  // "sidecar", "file" (the file's metadata), "statement" (a sentence saying
  // when it was made, adopted, signed, published or spoken), "instrument"
  // (the adoption of the instrument its title names), "text" (a
  // dateline or cover), "filename", "folder", "text-body" (a date further
  // into the text) or "text-year" (the latest year the text names) or "".
  // The last two are weak evidence (IsWeakDateSource).
  std::string date_source;
  std::uint64_t size = 0;          // bytes
  std::int64_t mtime = 0;          // primary location's, for change detection only
  std::int64_t sidecar_mtime = 0;  // primary location's FILE.meta.json; 0 when none
  std::string hash;                // SHA-256 of the content, hex
  std::vector<FileLocation> copies;  // other locations of the same content
  // The work this document is an edition of: a key shared by every member
  // of its group of translations and versions, "" when it has no other
  // edition. Kept up to date by the indexer's linking pass, which also
  // fills the two lists below (never this document itself).
  std::string work;
  std::vector<RelatedEdition> translations;  // other languages
  std::vector<RelatedEdition> versions;      // same language

  bool operator==(const DocumentRecord&) const = default;
};

// The values a document has in the country facet and its filter: its
// jurisdiction first, then the countries it is about, each once.
std::vector<std::string> CountryFacetValues(const DocumentRecord& record);

// True when a date from `date_source` is a guess a reader should see as
// such ("text-body", "text-year"): the text names the year, but nothing
// says it is when the document was made.
bool IsWeakDateSource(std::string_view date_source);

// The primary location followed by the copies.
std::vector<FileLocation> Locations(const DocumentRecord& record);

// Makes locations[0] the primary location and the rest the copies.
// `locations` must not be empty.
void SetLocations(DocumentRecord& record, const std::vector<FileLocation>& locations);

// A compact, length-prefixed encoding of a document's id and locations,
// kept in its own value slot so that a run can learn every known file's
// stamp by streaming one slot instead of parsing every record.
std::string PackLocations(const DocumentRecord& record);

struct PackedLocations {
  std::string id;
  std::vector<FileLocation> locations;
};
// kCorrupt when `packed` is not PackLocations output.
Result<PackedLocations> UnpackLocations(std::string_view packed);

// The whole record as JSON, editions included: what tools and tests read.
std::string ToJson(const DocumentRecord& record);

// Parses a record's JSON (ToJson's or StoredJson's); kCorrupt when the
// data is not such a record. A document's stored record: StoredRecordOf.
Result<DocumentRecord> RecordFromJson(std::string_view json);

// The record as a document's data keeps it: ToJson without the
// translations and versions, which a grouped document keeps packed in
// schema::kSlotEditions (PackEditions). A page of hits reads ten records
// and writes each one's editions; kept in the JSON, a handbook chapter's
// fifteen editions were most of what its record cost to inflate and parse.
std::string StoredJson(const DocumentRecord& record);

// The record's translations and versions, packed compactly (length-prefixed
// fields, no JSON): the value of schema::kSlotEditions; "" when it has none.
std::string PackEditions(const DocumentRecord& record);

// Sets record.translations and record.versions from PackEditions output
// ("" gives none); false, the lists then in any state, for anything else.
bool UnpackEditions(std::string_view packed, DocumentRecord& record);

// The record a Xapian document stores (`Document` is Xapian::Document, or
// anything with its get_data() and get_value(slot)): its data, and, for a
// grouped document whose JSON lists no edition, the editions of
// schema::kSlotEditions, read only then, so that an ungrouped document
// costs no value lookup. A record written before the slot lists its
// editions in its JSON and reads as it did. kCorrupt when the data or the
// editions cannot be read. Throws what Xapian throws.
template <typename Document>
Result<DocumentRecord> StoredRecordOf(const Document& doc) {
  Result<DocumentRecord> record = RecordFromJson(doc.get_data());
  if (!record.ok()) return record;
  DocumentRecord& r = record.value();
  if (r.work.empty() || !r.translations.empty() || !r.versions.empty()) return record;
  if (!UnpackEditions(doc.get_value(schema::kSlotEditions), r)) {
    return Error{ErrorCode::kCorrupt, "bad editions stored with document " + r.id};
  }
  return record;
}

}  // namespace archivist
