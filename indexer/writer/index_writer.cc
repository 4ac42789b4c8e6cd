// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/writer/index_writer.h"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>

#include "core/error.h"
#include "core/schema.h"
#include "core/text.h"

namespace archivist::writer {
namespace {

// Title words count as much as this many occurrences in the body.
constexpr Xapian::termcount kTitleWeight = 5;

// "2014-05-30" → "20140530"; "2013-03" → "20130300"; year only → "20140000".
std::string DateKey(const DocumentRecord& r) {
  std::string key;
  for (char c : r.date) {
    if (c != '-') key += c;
  }
  if (key.empty() && r.year > 0) key = std::to_string(r.year);
  if (key.empty()) return "";
  key.resize(8, '0');
  return key;
}

std::string JoinPages(const std::vector<std::string>& pages) {
  std::string text;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (i > 0) text += schema::kPageBreak;
    text += pages[i];
  }
  return text;
}

Xapian::Document BuildDocument(const DocumentRecord& r, const std::vector<std::string>& pages) {
  Xapian::Document doc;
  doc.set_data(ToJson(r));

  Xapian::TermGenerator terms;
  terms.set_stemmer(StemmerFor(r.language));
  terms.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  terms.set_document(doc);
  const std::string title = FoldText(r.title);
  terms.index_text(title, 1, std::string(schema::kTitlePrefix));
  terms.index_text(title, kTitleWeight);
  for (const std::string& page : pages) {
    terms.increase_termpos();  // no phrase spans a page break
    terms.index_text(FoldText(page));
  }

  doc.add_boolean_term(schema::IdTerm(r.id));
  doc.add_boolean_term(schema::LanguageTerm(r.language));
  doc.add_boolean_term(schema::TypeTerm(r.type));
  doc.add_value(schema::kSlotLanguage, r.language);
  doc.add_value(schema::kSlotType, r.type);
  if (r.year > 0) {
    doc.add_boolean_term(schema::YearTerm(r.year));
    doc.add_value(schema::kSlotYear, std::to_string(r.year));
  }
  if (const std::string date = DateKey(r); !date.empty()) doc.add_value(schema::kSlotDate, date);
  for (std::size_t k = 0; k < r.countries.size(); ++k) {
    doc.add_boolean_term(schema::CountryTerm(r.countries[k]));
    if (k < schema::kMaxCountries) doc.add_value(schema::kSlotCountryFirst + k, r.countries[k]);
  }
  for (std::size_t k = 0; k < r.topics.size(); ++k) {
    doc.add_boolean_term(schema::TopicTerm(r.topics[k]));
    if (k < schema::kMaxTopics) doc.add_value(schema::kSlotTopicFirst + k, r.topics[k]);
  }
  doc.add_value(schema::kSlotText, JoinPages(pages));
  return doc;
}

std::string NowIso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::string FailureKey(const std::string& id) {
  return std::string(schema::kFailureKeyPrefix) + id;
}

std::string FailureToJson(const FailureRecord& f) {
  return nlohmann::json{{"id", f.id},       {"root", f.root},   {"path", f.path},
                        {"size", f.size},   {"mtime", f.mtime}, {"sidecar_mtime", f.sidecar_mtime},
                        {"reason", f.reason}}
      .dump();
}

std::optional<FailureRecord> FailureFromJson(const std::string& data) {
  const nlohmann::json j = nlohmann::json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return std::nullopt;
  try {
    return FailureRecord{j.at("id").get<std::string>(),     j.at("root").get<std::string>(),
                         j.at("path").get<std::string>(),   j.at("size").get<std::uint64_t>(),
                         j.at("mtime").get<std::int64_t>(), j.at("sidecar_mtime").get<std::int64_t>(),
                         j.at("reason").get<std::string>()};
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;  // an entry from another version: ignored, rewritten on failure
  }
}

template <typename Db>
std::vector<FailureRecord> FailuresIn(Db& db) {
  std::vector<FailureRecord> failures;
  const std::string prefix(schema::kFailureKeyPrefix);
  for (auto key = db.metadata_keys_begin(prefix); key != db.metadata_keys_end(prefix); ++key) {
    if (auto failure = FailureFromJson(db.get_metadata(*key))) {
      failures.push_back(std::move(*failure));
    }
  }
  std::sort(failures.begin(), failures.end(),
            [](const FailureRecord& a, const FailureRecord& b) { return a.path < b.path; });
  return failures;
}

[[noreturn]] void Rethrow(const Xapian::Error& e) {
  throw Exception(ErrorCode::kUnavailable, "index: " + e.get_description());
}

class XapianIndexWriter : public IndexWriter {
 public:
  explicit XapianIndexWriter(Xapian::WritableDatabase db) : db_(std::move(db)) {}

  std::optional<DocumentRecord> Find(const std::string& id) override {
    try {
      Xapian::PostingIterator it = db_.postlist_begin(schema::IdTerm(id));
      if (it == db_.postlist_end(schema::IdTerm(id))) return std::nullopt;
      Result<DocumentRecord> record = RecordFromJson(db_.get_document(*it).get_data());
      if (!record.ok()) return std::nullopt;  // unreadable: treat as absent and rewrite
      return std::move(record).value();
    } catch (const Xapian::Error& e) {
      Rethrow(e);
    }
  }

  void Put(const DocumentRecord& record, const std::vector<std::string>& pages) override {
    try {
      db_.replace_document(schema::IdTerm(record.id), BuildDocument(record, pages));
    } catch (const Xapian::Error& e) {
      Rethrow(e);
    }
  }

  void Remove(const std::string& id) override {
    try {
      db_.delete_document(schema::IdTerm(id));
    } catch (const Xapian::Error& e) {
      Rethrow(e);
    }
  }

  std::optional<FailureRecord> FindFailure(const std::string& id) override {
    try {
      const std::string data = db_.get_metadata(FailureKey(id));
      if (data.empty()) return std::nullopt;
      return FailureFromJson(data);
    } catch (const Xapian::Error& e) {
      Rethrow(e);
    }
  }

  void PutFailure(const FailureRecord& failure) override {
    try {
      db_.set_metadata(FailureKey(failure.id), FailureToJson(failure));
    } catch (const Xapian::Error& e) {
      Rethrow(e);
    }
  }

  void RemoveFailure(const std::string& id) override {
    try {
      // Xapian: setting a metadata value to "" deletes the entry.
      if (!db_.get_metadata(FailureKey(id)).empty()) db_.set_metadata(FailureKey(id), "");
    } catch (const Xapian::Error& e) {
      Rethrow(e);
    }
  }

  std::vector<FailureRecord> AllFailures() override {
    try {
      return FailuresIn(db_);
    } catch (const Xapian::Error& e) {
      Rethrow(e);
    }
  }

  std::vector<DocumentRecord> AllRecords() override {
    std::vector<DocumentRecord> records;
    try {
      const std::string prefix(schema::kIdPrefix);
      for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t) {
        for (auto p = db_.postlist_begin(*t); p != db_.postlist_end(*t); ++p) {
          Result<DocumentRecord> record = RecordFromJson(db_.get_document(*p).get_data());
          if (record.ok()) records.push_back(std::move(record).value());
        }
      }
    } catch (const Xapian::Error& e) {
      Rethrow(e);
    }
    return records;
  }

  void Commit() override {
    try {
      db_.set_metadata(std::string(schema::kLastIndexedKey), NowIso8601());
      db_.commit();
    } catch (const Xapian::Error& e) {
      Rethrow(e);
    }
  }

  std::size_t DocumentCount() override {
    try {
      return db_.get_doccount();
    } catch (const Xapian::Error& e) {
      Rethrow(e);
    }
  }

 private:
  Xapian::WritableDatabase db_;
};

}  // namespace

Result<std::vector<FailureRecord>> ReadFailures(const std::string& path) {
  if (!std::filesystem::exists(path)) return Error{ErrorCode::kNotFound, "no index at " + path};
  try {
    Xapian::Database db(path);
    return FailuresIn(db);
  } catch (const Xapian::Error& e) {
    return Error{ErrorCode::kCorrupt, "cannot read index at " + path + ": " + e.get_description()};
  }
}

std::unique_ptr<IndexWriter> IndexWriter::Open(const std::string& path) {
  try {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
    const std::string key(schema::kVersionKey);
    const std::string version = db.get_metadata(key);
    const std::string ours = std::to_string(schema::kVersion);
    if (version.empty() && db.get_doccount() == 0) {
      db.set_metadata(key, ours);
      db.commit();
    } else if (version != ours) {
      throw Exception(ErrorCode::kCorrupt, "index at " + path + " has schema version '" + version +
                                               "', this indexer writes " + ours +
                                               ": remove it and index again");
    }
    return std::make_unique<XapianIndexWriter>(std::move(db));
  } catch (const Xapian::DatabaseLockError& e) {
    throw Exception(ErrorCode::kUnavailable,
                    "index at " + path + " is locked by another writer: " + e.get_msg());
  } catch (const Xapian::Error& e) {
    throw Exception(ErrorCode::kUnavailable, "cannot open index at " + path + ": " +
                                                 e.get_description());
  }
}

}  // namespace archivist::writer
