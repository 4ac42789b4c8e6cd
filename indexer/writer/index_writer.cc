// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/writer/index_writer.h"

#include <xapian.h>

#include <ctime>
#include <filesystem>
#include <fstream>

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
  for (const FileLocation& location : Locations(r)) {
    doc.add_boolean_term(schema::PathTerm(location.AbsolutePath()));
  }
  doc.add_boolean_term(schema::LanguageTerm(r.language));
  doc.add_boolean_term(schema::TypeTerm(r.type));
  doc.add_value(schema::kSlotLanguage, r.language);
  doc.add_value(schema::kSlotType, r.type);
  if (r.year > 0) {
    doc.add_boolean_term(schema::YearTerm(r.year));
    doc.add_value(schema::kSlotYear, std::to_string(r.year));
  }
  const std::string date = DateKey(r);
  if (!date.empty()) doc.add_value(schema::kSlotDate, date);
  doc.add_value(schema::kSlotDateOldestFirst, date.empty() ? "~" : date);
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

[[noreturn]] void Rethrow(const Xapian::Error& e) {
  throw Exception(ErrorCode::kUnavailable, "index: " + e.get_description());
}

std::optional<DocumentRecord> FirstRecord(Xapian::WritableDatabase& db, const std::string& term) {
  Xapian::PostingIterator it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return std::nullopt;
  Result<DocumentRecord> record = RecordFromJson(db.get_document(*it).get_data());
  if (!record.ok()) return std::nullopt;  // unreadable: treat as absent and rewrite
  return std::move(record).value();
}

std::string ShardName(int k) { return "shard-" + std::to_string(k); }

// Shard count of an existing index at `path`: 1 for a single database, the
// stub's line count for a sharded folder, 0 when there is no index yet.
int ExistingShards(const std::filesystem::path& path) {
  std::ifstream stub(path / std::string(kStubFileName));
  if (stub) {
    int lines = 0;
    std::string line;
    while (std::getline(stub, line)) lines += line.empty() ? 0 : 1;
    return lines;
  }
  std::error_code ec;
  if (std::filesystem::exists(path / "iamglass", ec)) return 1;
  return 0;
}

Xapian::WritableDatabase OpenShard(const std::string& path) {
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
  return db;
}

class XapianIndexWriter : public IndexWriter {
 public:
  explicit XapianIndexWriter(std::vector<Xapian::WritableDatabase> shards)
      : shards_(std::move(shards)) {}

  std::optional<DocumentRecord> FindByPath(const std::string& absolute_path) override {
    try {
      const std::string term = schema::PathTerm(absolute_path);
      for (Xapian::WritableDatabase& shard : shards_) {
        if (auto record = FirstRecord(shard, term)) return record;
      }
      return std::nullopt;
    } catch (const Xapian::Error& e) {
      Rethrow(e);
    }
  }

  std::optional<DocumentRecord> FindById(const std::string& id) override {
    try {
      return FirstRecord(ShardOf(id), schema::IdTerm(id));
    } catch (const Xapian::Error& e) {
      Rethrow(e);
    }
  }

  void Put(const DocumentRecord& record, const std::vector<std::string>& pages) override {
    try {
      ShardOf(record.id).replace_document(schema::IdTerm(record.id), BuildDocument(record, pages));
    } catch (const Xapian::Error& e) {
      Rethrow(e);
    }
  }

  void UpdateRecord(const DocumentRecord& record) override {
    try {
      Xapian::WritableDatabase& shard = ShardOf(record.id);
      const std::string id_term = schema::IdTerm(record.id);
      Xapian::PostingIterator it = shard.postlist_begin(id_term);
      if (it == shard.postlist_end(id_term)) return;
      const Xapian::docid docid = *it;
      Xapian::Document doc = shard.get_document(docid);
      const std::string prefix(schema::kPathPrefix);
      std::vector<std::string> old_paths;
      Xapian::TermIterator t = doc.termlist_begin();
      for (t.skip_to(prefix); t != doc.termlist_end(); ++t) {
        if ((*t).compare(0, prefix.size(), prefix) != 0) break;
        old_paths.push_back(*t);
      }
      for (const std::string& term : old_paths) doc.remove_term(term);
      for (const FileLocation& location : Locations(record)) {
        doc.add_boolean_term(schema::PathTerm(location.AbsolutePath()));
      }
      doc.set_data(ToJson(record));
      shard.replace_document(docid, doc);
    } catch (const Xapian::Error& e) {
      Rethrow(e);
    }
  }

  void Remove(const std::string& id) override {
    try {
      ShardOf(id).delete_document(schema::IdTerm(id));
    } catch (const Xapian::Error& e) {
      Rethrow(e);
    }
  }

  std::vector<DocumentRecord> AllRecords() override {
    std::vector<DocumentRecord> records;
    try {
      const std::string prefix(schema::kIdPrefix);
      for (Xapian::WritableDatabase& shard : shards_) {
        for (auto t = shard.allterms_begin(prefix); t != shard.allterms_end(prefix); ++t) {
          for (auto p = shard.postlist_begin(*t); p != shard.postlist_end(*t); ++p) {
            Result<DocumentRecord> record = RecordFromJson(shard.get_document(*p).get_data());
            if (record.ok()) records.push_back(std::move(record).value());
          }
        }
      }
    } catch (const Xapian::Error& e) {
      Rethrow(e);
    }
    return records;
  }

  void Commit() override {
    try {
      const std::string now = NowIso8601();
      for (Xapian::WritableDatabase& shard : shards_) {
        shard.set_metadata(std::string(schema::kLastIndexedKey), now);
        shard.commit();
      }
    } catch (const Xapian::Error& e) {
      Rethrow(e);
    }
  }

  std::size_t DocumentCount() override {
    try {
      std::size_t count = 0;
      for (Xapian::WritableDatabase& shard : shards_) count += shard.get_doccount();
      return count;
    } catch (const Xapian::Error& e) {
      Rethrow(e);
    }
  }

 private:
  // Ids are hex digits of a content hash, so their value spreads documents
  // evenly; the same content always lands in the same shard.
  Xapian::WritableDatabase& ShardOf(const std::string& id) {
    const unsigned long value = std::stoul(id.substr(0, 8), nullptr, 16);
    return shards_[value % shards_.size()];
  }

  std::vector<Xapian::WritableDatabase> shards_;
};

}  // namespace

std::unique_ptr<IndexWriter> IndexWriter::Open(const std::string& path, int shards) {
  if (shards < 1) throw Exception(ErrorCode::kInvalidArgument, "shards: want at least 1");
  const std::filesystem::path folder(path);
  const int existing = ExistingShards(folder);
  if (existing != 0 && existing != shards) {
    throw Exception(ErrorCode::kInvalidArgument,
                    "index at " + path + " has " + std::to_string(existing) +
                        " shard(s), not " + std::to_string(shards) +
                        ": index into a new folder to change the layout");
  }
  try {
    std::vector<Xapian::WritableDatabase> databases;
    if (shards == 1) {
      databases.push_back(OpenShard(path));
    } else {
      std::filesystem::create_directories(folder);
      std::string stub;
      for (int k = 0; k < shards; ++k) {
        databases.push_back(OpenShard((folder / ShardName(k)).string()));
        stub += "auto " + ShardName(k) + "\n";  // relative to the stub's folder
      }
      if (existing == 0) {
        // Written last, so a folder with a stub always has all its shards.
        const std::filesystem::path temporary = folder / (std::string(kStubFileName) + ".tmp");
        std::ofstream(temporary) << stub;
        std::filesystem::rename(temporary, folder / std::string(kStubFileName));
      }
    }
    return std::make_unique<XapianIndexWriter>(std::move(databases));
  } catch (const Xapian::DatabaseLockError& e) {
    throw Exception(ErrorCode::kUnavailable,
                    "index at " + path + " is locked by another writer: " + e.get_msg());
  } catch (const Xapian::Error& e) {
    throw Exception(ErrorCode::kUnavailable, "cannot open index at " + path + ": " +
                                                 e.get_description());
  } catch (const std::filesystem::filesystem_error& e) {
    throw Exception(ErrorCode::kUnavailable, "cannot create index at " + path + ": " + e.what());
  }
}

}  // namespace archivist::writer
