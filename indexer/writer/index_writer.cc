// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/writer/index_writer.h"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>

#include <ctime>
#include <filesystem>
#include <fstream>

#include "core/clock.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/schema.h"

namespace archivist::writer {
namespace {

// One metadata entry per failed file, keyed by a hash of its path (keys,
// like terms, have a length limit that paths do not).
std::string FailureKey(const std::string& absolute_path) {
  return std::string(schema::kFailureKeyPrefix) + Sha256Hex(absolute_path).substr(0, 16);
}

std::string FailureToJson(const FailureRecord& f) {
  return nlohmann::json{{"root", f.root},   {"path", f.path},
                        {"size", f.size},   {"mtime", f.mtime},
                        {"sidecar_mtime", f.sidecar_mtime}, {"reason", f.reason}}
      .dump();
}

std::optional<FailureRecord> FailureFromJson(const std::string& data) {
  const nlohmann::json j = nlohmann::json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return std::nullopt;
  try {
    return FailureRecord{j.at("root").get<std::string>(),     j.at("path").get<std::string>(),
                         j.at("size").get<std::uint64_t>(),   j.at("mtime").get<std::int64_t>(),
                         j.at("sidecar_mtime").get<std::int64_t>(),
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

std::optional<DocumentRecord> FirstRecord(Xapian::WritableDatabase& db, const std::string& term) {
  Xapian::PostingIterator it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return std::nullopt;
  Result<DocumentRecord> record = RecordFromJson(db.get_document(*it).get_data());
  if (!record.ok()) return std::nullopt;  // unreadable: treat as absent and rewrite
  return std::move(record).value();
}

// Every indexed word also feeds Xapian's spelling data, from which searchd
// suggests corrections ("did you mean"). It is added here, on the writer's
// thread, rather than by the TermGenerator, which would need the database
// and so could not analyse documents on other threads. Xapian never removes
// entries when a document goes, so words of deleted files may still be
// suggested.
void AddSpellings(Xapian::WritableDatabase& db, const Xapian::Document& doc) {
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string& term = *t;
    // Unprefixed terms are words; prefixes (stems, filters) are upper case.
    if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) continue;
    db.add_spelling(term, t.get_wdf());
  }
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

  void Put(const IndexableDocument& document) override {
    try {
      Xapian::WritableDatabase& shard = ShardOf(document.record.id);
      shard.replace_document(schema::IdTerm(document.record.id), document.xapian);
      AddSpellings(shard, document.xapian);
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
      StoreRecord(record, doc);
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

  void PutFailure(const FailureRecord& failure) override {
    try {
      shards_.front().set_metadata(FailureKey(failure.path), FailureToJson(failure));
    } catch (const Xapian::Error& e) {
      Rethrow(e);
    }
  }

  void RemoveFailure(const std::string& absolute_path) override {
    try {
      // Xapian: setting a metadata value to "" deletes the entry.
      Xapian::WritableDatabase& first = shards_.front();
      if (!first.get_metadata(FailureKey(absolute_path)).empty()) {
        first.set_metadata(FailureKey(absolute_path), "");
      }
    } catch (const Xapian::Error& e) {
      Rethrow(e);
    }
  }

  std::vector<FailureRecord> AllFailures() override {
    try {
      return FailuresIn(shards_.front());
    } catch (const Xapian::Error& e) {
      Rethrow(e);
    }
  }

  std::vector<PackedLocations> AllLocations() override {
    std::vector<PackedLocations> all;
    try {
      for (Xapian::WritableDatabase& shard : shards_) {
        for (auto v = shard.valuestream_begin(schema::kSlotLocations);
             v != shard.valuestream_end(schema::kSlotLocations); ++v) {
          Result<PackedLocations> packed = UnpackLocations(*v);
          if (packed.ok()) all.push_back(std::move(packed).value());
        }
      }
    } catch (const Xapian::Error& e) {
      Rethrow(e);
    }
    return all;
  }

  void Commit() override {
    try {
      const std::string now = NowUtcRfc3339();
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

Result<std::vector<FailureRecord>> ReadFailures(const std::string& path) {
  if (!std::filesystem::exists(path)) return Error{ErrorCode::kNotFound, "no index at " + path};
  try {
    // Over a sharded folder, Xapian reads metadata from the first shard,
    // which is where the writer keeps failures.
    Xapian::Database db(path);
    return FailuresIn(db);
  } catch (const Xapian::Error& e) {
    return Error{ErrorCode::kCorrupt, "cannot read index at " + path + ": " + e.get_description()};
  }
}

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
