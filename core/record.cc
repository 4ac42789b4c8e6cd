// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/record.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/compact_record.h"

namespace archivist {

std::vector<std::string> CountryFacetValues(const DocumentRecord& r) {
  std::vector<std::string> values;
  if (!r.jurisdiction.empty()) values.push_back(r.jurisdiction);
  for (const std::string& country : r.countries) {
    if (std::find(values.begin(), values.end(), country) == values.end()) values.push_back(country);
  }
  return values;
}

bool IsWeakDateSource(std::string_view date_source) {
  return date_source == "text-body" || date_source == "text-year";
}

std::vector<FileLocation> Locations(const DocumentRecord& r) {
  std::vector<FileLocation> all = {{r.root, r.path, r.size, r.mtime, r.sidecar_mtime}};
  all.insert(all.end(), r.copies.begin(), r.copies.end());
  return all;
}

void SetLocations(DocumentRecord& r, const std::vector<FileLocation>& locations) {
  const FileLocation& primary = locations.front();
  r.root = primary.root;
  r.path = primary.path;
  r.size = primary.size;
  r.mtime = primary.mtime;
  r.sidecar_mtime = primary.sidecar_mtime;
  r.copies.assign(locations.begin() + 1, locations.end());
}

namespace {

void PutField(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

// Reads one "LENGTH:BYTES" field from the front of `in`.
bool TakeField(std::string_view& in, std::string_view& field) {
  const auto colon = in.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 10) return false;
  std::size_t length = 0;
  for (char c : in.substr(0, colon)) {
    if (c < '0' || c > '9') return false;
    length = length * 10 + static_cast<std::size_t>(c - '0');
  }
  if (in.size() - colon - 1 < length) return false;
  field = in.substr(colon + 1, length);
  in.remove_prefix(colon + 1 + length);
  return true;
}

template <typename Integer>
bool TakeInteger(std::string_view& in, Integer& value) {
  std::string_view field;
  if (!TakeField(in, field)) return false;
  try {
    value = static_cast<Integer>(std::stoll(std::string(field)));
  } catch (const std::exception&) {
    return false;
  }
  return true;
}

}  // namespace

std::string PackLocations(const DocumentRecord& record) {
  std::string out;
  PutField(out, record.id);
  for (const FileLocation& l : Locations(record)) {
    PutField(out, l.root);
    PutField(out, l.path);
    PutField(out, std::to_string(l.size));
    PutField(out, std::to_string(l.mtime));
    PutField(out, std::to_string(l.sidecar_mtime));
  }
  return out;
}

Result<PackedLocations> UnpackLocations(std::string_view packed) {
  PackedLocations out;
  std::string_view id;
  if (!TakeField(packed, id)) return Error{ErrorCode::kCorrupt, "bad packed locations"};
  out.id = std::string(id);
  while (!packed.empty()) {
    FileLocation l;
    std::string_view root, path;
    if (!TakeField(packed, root) || !TakeField(packed, path) || !TakeInteger(packed, l.size) ||
        !TakeInteger(packed, l.mtime) || !TakeInteger(packed, l.sidecar_mtime)) {
      return Error{ErrorCode::kCorrupt, "bad packed locations"};
    }
    l.root = std::string(root);
    l.path = std::string(path);
    out.locations.push_back(std::move(l));
  }
  return out;
}

namespace {

nlohmann::json EditionsJson(const std::vector<RelatedEdition>& editions) {
  nlohmann::json out = nlohmann::json::array();
  for (const RelatedEdition& e : editions) {
    out.push_back({{"id", e.id}, {"language", e.language}, {"title", e.title}});
  }
  return out;
}

std::vector<RelatedEdition> EditionsFromJson(const nlohmann::json& editions) {
  std::vector<RelatedEdition> out;
  for (const auto& e : editions) {
    out.push_back({e.value("id", ""), e.value("language", ""), e.value("title", "")});
  }
  return out;
}

}  // namespace

namespace {

// The record's JSON, its editions included or not (StoredJson).
std::string RecordJson(const DocumentRecord& r, bool with_editions) {
  nlohmann::json copies = nlohmann::json::array();
  for (const FileLocation& c : r.copies) {
    copies.push_back({{"root", c.root}, {"path", c.path}, {"size", c.size}, {"mtime", c.mtime},
                      {"sidecar_mtime", c.sidecar_mtime}});
  }
  nlohmann::json j = {
      {"id", r.id},         {"root", r.root},     {"path", r.path},     {"title", r.title},
      {"language", r.language}, {"countries", r.countries}, {"topics", r.topics},
      {"date", r.date},     {"year", r.year},     {"type", r.type},     {"format", r.format},
      {"pages", r.pages},   {"chars", r.chars},
      {"language_source", r.language_source}, {"date_source", r.date_source},
      {"title_source", r.title_source},
      {"size", r.size},     {"mtime", r.mtime},   {"sidecar_mtime", r.sidecar_mtime}, {"hash", r.hash}, {"copies", copies},
  };
  // Most documents are in one language: the field is left out for them.
  if (!r.page_languages.empty()) j["page_languages"] = r.page_languages;
  if (!r.section_languages.empty()) {
    nlohmann::json sections = nlohmann::json::array();
    for (const TextLanguageSection& s : r.section_languages) {
      sections.push_back({{"start", s.start}, {"end", s.end}, {"language", s.language}});
    }
    j["section_languages"] = std::move(sections);
  }
  // Only scans and images have OCR text.
  if (!r.ocr_pages.empty()) {
    j["ocr_pages"] = r.ocr_pages;
    j["ocr_confidence"] = r.ocr_confidence;
  }
  // And only legislation has a jurisdiction.
  if (!r.jurisdiction.empty()) j["jurisdiction"] = r.jurisdiction;
  // Only documents with other editions belong to a work.
  if (!r.work.empty()) {
    j["work"] = r.work;
    if (with_editions) {
      j["translations"] = EditionsJson(r.translations);
      j["versions"] = EditionsJson(r.versions);
    }
  }
  return j.dump();
}

}  // namespace

std::string ToJson(const DocumentRecord& r) { return RecordJson(r, /*with_editions=*/true); }

std::string StoredJson(const DocumentRecord& r) { return RecordJson(r, /*with_editions=*/false); }

namespace {

void PutEditions(std::string& out, const std::vector<RelatedEdition>& editions) {
  PutField(out, std::to_string(editions.size()));
  for (const RelatedEdition& e : editions) {
    PutField(out, e.id);
    PutField(out, e.language);
    PutField(out, e.title);
  }
}

// A count written by PutEditions, without the allocation TakeInteger makes.
bool TakeCount(std::string_view& in, std::size_t& count) {
  std::string_view field;
  if (!TakeField(in, field) || field.empty() || field.size() > 9) return false;
  count = 0;
  for (char c : field) {
    if (c < '0' || c > '9') return false;
    count = count * 10 + static_cast<std::size_t>(c - '0');
  }
  return true;
}

bool TakeEditions(std::string_view& in, std::vector<RelatedEdition>& editions) {
  std::size_t count = 0;
  // Each edition takes three fields of two bytes at least: a count larger
  // than what is left is damage, not a reason to reserve.
  if (!TakeCount(in, count) || count > in.size() / 6) return false;
  editions.clear();
  editions.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    std::string_view id, language, title;
    if (!TakeField(in, id) || !TakeField(in, language) || !TakeField(in, title)) return false;
    editions.push_back({std::string(id), std::string(language), std::string(title)});
  }
  return true;
}

}  // namespace

std::string PackEditions(const DocumentRecord& record) {
  if (record.translations.empty() && record.versions.empty()) return {};
  std::string out;
  PutEditions(out, record.translations);
  PutEditions(out, record.versions);
  return out;
}

bool UnpackEditions(std::string_view packed, DocumentRecord& record) {
  if (packed.empty()) {
    record.translations.clear();
    record.versions.clear();
    return true;
  }
  return TakeEditions(packed, record.translations) && TakeEditions(packed, record.versions) &&
         packed.empty();
}

namespace {

// What a record means whatever its shape: through nlohmann's tree, whose
// conversions decide what a value of an unexpected type gives.
Result<DocumentRecord> RecordFromJsonTree(std::string_view json) {
  const nlohmann::json j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return Error{ErrorCode::kCorrupt, "document data is not a JSON record"};
  DocumentRecord r;
  try {
    r.id = j.value("id", "");
    r.root = j.value("root", "");
    r.path = j.value("path", "");
    r.title = j.value("title", "");
    r.language = j.value("language", "");
    r.page_languages = j.value("page_languages", std::vector<std::string>{});
    for (const auto& s : j.value("section_languages", nlohmann::json::array())) {
      r.section_languages.push_back({s.value("start", std::size_t{0}),
                                     s.value("end", std::size_t{0}), s.value("language", "")});
    }
    r.countries = j.value("countries", std::vector<std::string>{});
    r.jurisdiction = j.value("jurisdiction", "");
    r.topics = j.value("topics", std::vector<std::string>{});
    r.date = j.value("date", "");
    r.year = j.value("year", 0);
    r.type = j.value("type", "");
    r.format = j.value("format", "");
    r.pages = j.value("pages", 0);
    r.ocr_pages = j.value("ocr_pages", std::vector<int>{});
    r.ocr_confidence = j.value("ocr_confidence", 0);
    r.chars = j.value("chars", 0);
    r.language_source = j.value("language_source", "");
    r.date_source = j.value("date_source", "");
    r.title_source = j.value("title_source", "");
    r.size = j.value("size", std::uint64_t{0});
    r.mtime = j.value("mtime", std::int64_t{0});
    r.sidecar_mtime = j.value("sidecar_mtime", std::int64_t{0});
    r.hash = j.value("hash", "");
    for (const auto& c : j.value("copies", nlohmann::json::array())) {
      r.copies.push_back({c.value("root", ""), c.value("path", ""), c.value("size", std::uint64_t{0}),
                          c.value("mtime", std::int64_t{0}), c.value("sidecar_mtime", std::int64_t{0})});
    }
    r.work = j.value("work", "");
    r.translations = EditionsFromJson(j.value("translations", nlohmann::json::array()));
    r.versions = EditionsFromJson(j.value("versions", nlohmann::json::array()));
  } catch (const nlohmann::json::exception& e) {
    return Error{ErrorCode::kCorrupt, std::string("bad field in document record: ") + e.what()};
  }
  if (r.id.empty()) return Error{ErrorCode::kCorrupt, "document record has no id"};
  return r;
}

}  // namespace

Result<DocumentRecord> RecordFromJson(std::string_view json) {
  // The shape ToJson writes, straight from its bytes; any other shape (a
  // record written by hand or by another tool) through the tree, which
  // decides what it means.
  DocumentRecord r;
  if (!ReadCompactRecord(json, r)) return RecordFromJsonTree(json);
  if (r.id.empty()) return Error{ErrorCode::kCorrupt, "document record has no id"};
  return r;
}

}  // namespace archivist
