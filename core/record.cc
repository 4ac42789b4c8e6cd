// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/record.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/compact_record.h"
#include "core/record_keys.h"

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

std::string ToJson(const DocumentRecord& r) {
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
    j["translations"] = EditionsJson(r.translations);
    j["versions"] = EditionsJson(r.versions);
  }
  return j.dump();
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

// Reads a record straight from the parser's events into a DocumentRecord,
// with no JSON tree between: a page of hits reads ten records, and building
// each one's tree (every edition of its work, every page's language) and
// copying out of it was a fifth of a search's instructions (issue 19).
// It reads the shape ToJson writes and gives up (returns false, which stops
// the parse) at anything else: a null, a value of another type, a key given
// twice. The tree then reads the record, so a record means the same either
// way.
class RecordReader : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit RecordReader(DocumentRecord& record) : r_(record) {}

  bool null() override { return Other(); }
  bool boolean(bool) override { return Other(); }
  bool number_float(double, const std::string&) override { return Other(); }
  bool binary(binary_t&) override { return Other(); }
  bool number_integer(number_integer_t value) override { return Number(value); }
  bool number_unsigned(number_unsigned_t value) override { return Number(value); }

  bool string(string_t& value) override {
    if (skip_ > 0 || Ignored()) return true;
    std::string* target = StringField();
    if (target == nullptr) return false;
    *target = std::move(value);
    return true;
  }

  bool start_object(std::size_t) override {
    if (skip_ > 0 || Ignored()) return Skip();
    if (state_ == State::kStart) {
      state_ = State::kRecord;
      return true;
    }
    if (state_ == State::kCopies) {
      r_.copies.emplace_back();
      state_ = State::kCopy;
    } else if (state_ == State::kEditions) {
      editions_->emplace_back();
      state_ = State::kEdition;
    } else {
      return false;
    }
    element_key_.clear();
    element_seen_ = 0;
    return true;
  }

  bool end_object() override {
    if (skip_ > 0) return Unskip();
    if (state_ == State::kCopy) return Enter(State::kCopies);
    if (state_ == State::kEdition) return Enter(State::kEditions);
    if (state_ == State::kRecord) return Enter(State::kEnd);
    return false;
  }

  bool start_array(std::size_t) override {
    if (skip_ > 0 || Ignored()) return Skip();
    if (state_ != State::kRecord) return false;
    if (key_ == "ocr_pages") return Enter(State::kNumbers);
    if (key_ == "copies") return Enter(State::kCopies);
    if (key_ == "countries") return EnterStrings(r_.countries);
    if (key_ == "topics") return EnterStrings(r_.topics);
    if (key_ == "page_languages") return EnterStrings(r_.page_languages);
    if (key_ == "translations") return EnterEditions(r_.translations);
    if (key_ == "versions") return EnterEditions(r_.versions);
    return false;
  }

  bool end_array() override {
    if (skip_ > 0) return Unskip();
    if (state_ != State::kStrings && state_ != State::kNumbers && state_ != State::kCopies &&
        state_ != State::kEditions) {
      return false;
    }
    strings_ = nullptr;
    editions_ = nullptr;
    state_ = State::kRecord;
    return true;
  }

  bool key(string_t& name) override {
    if (skip_ > 0) return true;
    std::string& key = state_ == State::kRecord ? key_ : element_key_;
    key = std::move(name);
    // A key given twice: the tree keeps its last value.
    const std::uint64_t bit = KeyBit(key, state_ == State::kRecord);
    std::uint64_t& seen = state_ == State::kRecord ? seen_ : element_seen_;
    if (seen & bit) return false;
    seen |= bit;
    return true;
  }

  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

  // Whether the whole input was one record of the expected shape.
  bool complete() const { return state_ == State::kEnd; }

 private:
  enum class State {
    kStart,
    kRecord,
    kStrings,
    kNumbers,
    kCopies,
    kCopy,
    kEditions,
    kEdition,
    kEnd
  };

  // The bit of a known key (0 for a key the record does not keep).
  static std::uint64_t KeyBit(std::string_view key, bool in_record) {
    std::uint64_t bit = 1;
    const auto find = [&](const auto& keys) {
      for (std::string_view k : keys) {
        if (k == key) return true;
        bit <<= 1;
      }
      return false;
    };
    if (in_record) return find(record_keys::kRecord) ? bit : 0;
    // A copy's keys, then an edition's: one numbering for both elements.
    return find(record_keys::kCopy) || find(record_keys::kEdition) ? bit : 0;
  }

  // A value of a key the record does not keep is passed over, as the tree's
  // value() lookups pass it over.
  bool Ignored() const {
    if (state_ == State::kRecord) return KeyBit(key_, true) == 0;
    if (state_ == State::kCopy || state_ == State::kEdition)
      return KeyBit(element_key_, false) == 0;
    return false;
  }

  bool Skip() {
    ++skip_;
    return true;
  }
  bool Unskip() {
    --skip_;
    return true;
  }
  bool Enter(State state) {
    state_ = state;
    return true;
  }
  bool EnterStrings(std::vector<std::string>& strings) {
    strings_ = &strings;
    return Enter(State::kStrings);
  }
  bool EnterEditions(std::vector<RelatedEdition>& editions) {
    editions_ = &editions;
    return Enter(State::kEditions);
  }
  // A value of any other type: fine only where nothing is kept.
  bool Other() { return skip_ > 0 || Ignored(); }

  std::string* StringField() {
    if (state_ == State::kStrings) return &strings_->emplace_back();
    if (state_ == State::kCopy) {
      FileLocation& copy = r_.copies.back();
      if (element_key_ == "root") return &copy.root;
      if (element_key_ == "path") return &copy.path;
      return nullptr;
    }
    if (state_ == State::kEdition) {
      RelatedEdition& edition = editions_->back();
      if (element_key_ == "id") return &edition.id;
      if (element_key_ == "language") return &edition.language;
      if (element_key_ == "title") return &edition.title;
      return nullptr;
    }
    if (state_ != State::kRecord) return nullptr;
    for (auto [name, field] : {std::pair<std::string_view, std::string*>{"id", &r_.id},
                               {"root", &r_.root},
                               {"path", &r_.path},
                               {"title", &r_.title},
                               {"language", &r_.language},
                               {"jurisdiction", &r_.jurisdiction},
                               {"date", &r_.date},
                               {"type", &r_.type},
                               {"format", &r_.format},
                               {"language_source", &r_.language_source},
                               {"date_source", &r_.date_source},
                               {"title_source", &r_.title_source},
                               {"hash", &r_.hash},
                               {"work", &r_.work}}) {
      if (name == key_) return field;
    }
    return nullptr;
  }

  // As the tree's get<T>() converts a number: static_cast.
  template <typename N>
  bool Number(N value) {
    if (skip_ > 0 || Ignored()) return true;
    if (state_ == State::kNumbers) {
      r_.ocr_pages.push_back(static_cast<int>(value));
      return true;
    }
    if (state_ == State::kCopy) {
      FileLocation& copy = r_.copies.back();
      if (element_key_ == "size") return Set(copy.size, value);
      if (element_key_ == "mtime") return Set(copy.mtime, value);
      if (element_key_ == "sidecar_mtime") return Set(copy.sidecar_mtime, value);
      return false;
    }
    if (state_ != State::kRecord) return false;
    if (key_ == "year") return Set(r_.year, value);
    if (key_ == "pages") return Set(r_.pages, value);
    if (key_ == "ocr_confidence") return Set(r_.ocr_confidence, value);
    if (key_ == "chars") return Set(r_.chars, value);
    if (key_ == "size") return Set(r_.size, value);
    if (key_ == "mtime") return Set(r_.mtime, value);
    if (key_ == "sidecar_mtime") return Set(r_.sidecar_mtime, value);
    return false;
  }

  template <typename Field, typename N>
  static bool Set(Field& field, N value) {
    field = static_cast<Field>(value);
    return true;
  }

  DocumentRecord& r_;
  State state_ = State::kStart;
  std::string key_;          // the record's key whose value comes next
  std::string element_key_;  // the same in a copy or an edition
  std::uint64_t seen_ = 0;   // the record's keys met so far, by KeyBit
  std::uint64_t element_seen_ = 0;
  std::vector<std::string>* strings_ = nullptr;
  std::vector<RelatedEdition>* editions_ = nullptr;
  int skip_ = 0;  // depth inside a value passed over
};

}  // namespace

Result<DocumentRecord> RecordFromJson(std::string_view json) {
  // The shape ToJson writes, straight from the bytes; else the parser's
  // events; else, for a shape neither reads, the tree.
  DocumentRecord r;
  if (!ReadCompactRecord(json, r)) {
    r = DocumentRecord{};
    RecordReader reader(r);
    if (!nlohmann::json::sax_parse(json, &reader) || !reader.complete()) {
      return RecordFromJsonTree(json);
    }
  }
  if (r.id.empty()) return Error{ErrorCode::kCorrupt, "document record has no id"};
  return r;
}

}  // namespace archivist
