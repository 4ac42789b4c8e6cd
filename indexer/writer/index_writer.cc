// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/writer/index_writer.h"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "core/clock.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/schema.h"
#include "indexer/writer/document_builder.h"
#include "indexer/writer/pair_terms.h"

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

// A Xapian failure as people read it: the system's word for the cause when
// there was one ("no space left on device", "file too large"), then
// Xapian's own description. Xapian: get_error_string() is strerror(errno)
// of the system call that failed, or null.
std::string Described(const Xapian::Error& e) {
  const char* cause = e.get_error_string();
  if (!cause || !*cause) return e.get_description();
  std::string lower(cause);
  lower[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(lower[0])));
  return lower + " (" + e.get_description() + ")";
}

std::optional<DocumentRecord> FirstRecord(Xapian::WritableDatabase& db, const std::string& term) {
  Xapian::PostingIterator it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return std::nullopt;
  Result<DocumentRecord> record = RecordFromJson(db.get_document(*it).get_data());
  if (!record.ok()) return std::nullopt;  // unreadable: treat as absent and rewrite
  return std::move(record).value();
}

// Every indexed word also feeds Xapian's spelling data, from which searchd
// suggests corrections ("did you mean"). It is gathered here rather than by
// the TermGenerator, which would need the database and so could not analyse
// documents on other threads. Xapian never removes entries when a document
// goes, so words of deleted files may still be suggested.
//
// A batch's words are counted by the thread that queues the documents (the
// shard's own thread is the busiest of a run) and handed to Xapian once per
// distinct word with the batch's commit (add_spelling's frequency increment
// allows it): the same frequencies, for less of the writer's time.
class SpellingBatch {
 public:
  void Add(const Xapian::Document& doc) {
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      const std::string& term = *t;
      if (!schema::IsWordTerm(term)) continue;
      frequencies_[term] += t.get_wdf();
    }
  }

  // On the shard's thread, before its commit.
  void AddTo(Xapian::WritableDatabase& db) const {
    for (const auto& [word, frequency] : frequencies_) db.add_spelling(word, frequency);
  }

 private:
  std::unordered_map<std::string, Xapian::termcount> frequencies_;
};

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
    db.set_metadata(std::string(schema::kAnalysisVersionKey),
                    std::to_string(schema::kAnalysisVersion));
    db.commit();
  } else if (version != ours) {
    throw Exception(ErrorCode::kCorrupt, "index at " + path + " has schema version '" + version +
                                             "', this indexer writes " + ours +
                                             ": remove it and index again");
  }
  return db;
}

// One shard's database and the thread that writes it. Changes are queued
// (Post) and applied in order on the shard's own thread, so N shards are
// written on N threads while the caller goes on deciding what to write;
// reads (Read) wait until every change queued before them is applied, so
// the caller always sees its own writes. The caller is a single thread.
class ShardThread {
 public:
  using Change = std::function<void(Xapian::WritableDatabase&)>;

  // `path` names the shard's database in errors.
  ShardThread(Xapian::WritableDatabase db, std::string path)
      : db_(std::move(db)), path_(std::move(path)), thread_([this] { Loop(); }) {}

  // Applies what is still queued (unless a change failed), then stops. As
  // before threads, the database is then closed, and Xapian's close commits.
  ~ShardThread() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }

  ShardThread(const ShardThread&) = delete;
  ShardThread& operator=(const ShardThread&) = delete;

  // Queues `change` and returns; blocks while kMaxQueued changes or
  // kMaxQueuedBytes of their text wait, so a slow disk holds back the caller
  // rather than filling memory. `text_bytes` is what the change holds of a
  // document's text. A failure is thrown by the next Post(), Run() or
  // Wait(), so a run stops soon after its index fails rather than queueing
  // what cannot be written; later changes are dropped.
  void Post(Change change, std::size_t text_bytes = 0) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] {
      return queue_.empty() || (queue_.size() < kMaxQueued && queued_bytes_ < kMaxQueuedBytes);
    });
    if (failure_) throw Exception(failure_->code, failure_->message);
    Enqueue(lock, std::move(change), text_bytes);
  }

  // Post() that never throws, for a destructor or a change that refers to
  // the caller's frame; after a failure, the change is dropped like every
  // other and the failure is thrown by the next Run() or Wait().
  void PostNoThrow(Change change) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] {
      return queue_.empty() || (queue_.size() < kMaxQueued && queued_bytes_ < kMaxQueuedBytes);
    });
    Enqueue(lock, std::move(change), 0);
  }

  // Waits until everything queued is applied; throws the first failure.
  void Wait() {
    std::unique_lock lock(mutex_);
    IdleOrThrow(lock);
  }

  // Runs `read` on the caller's thread once everything queued is applied;
  // the shard's thread is idle meanwhile and nothing else can queue.
  template <typename Read>
  auto Run(Read read) {
    std::unique_lock lock(mutex_);
    IdleOrThrow(lock);
    try {
      return read(db_);
    } catch (const Xapian::Error& e) {
      throw Exception(ErrorCode::kUnavailable,
                      "cannot read the index at " + path_ + ": " + Described(e));
    }
  }

 private:
  // Room for the documents analysed while a commit runs (a commit of a
  // batch takes as long as analysing several dozen documents), so the
  // analysis threads go on meanwhile; bounded by text too, since an
  // analysed document takes several times its text in memory (terms,
  // positions, the stored text) and long reports would otherwise pile up.
  static constexpr std::size_t kMaxQueued = 96;
  static constexpr std::size_t kMaxQueuedBytes = 8u << 20;

  void Enqueue(std::unique_lock<std::mutex>& lock, Change change, std::size_t text_bytes) {
    queue_.push_back({std::move(change), text_bytes});
    queued_bytes_ += text_bytes;
    lock.unlock();
    changed_.notify_all();
  }

  struct Queued {
    Change change;
    std::size_t text_bytes = 0;
  };

  // The shard's first failure, an Error made on its own thread, is thrown
  // to the caller here as the Exception the IndexWriter contract promises.
  void IdleOrThrow(std::unique_lock<std::mutex>& lock) {
    changed_.wait(lock, [this] { return queue_.empty() && !busy_; });
    if (failure_) throw Exception(failure_->code, failure_->message);
  }

  void Loop() {
    while (true) {
      Change change;
      bool apply = false;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping, and nothing left to apply
        change = std::move(queue_.front().change);
        queued_bytes_ -= queue_.front().text_bytes;
        queue_.pop_front();
        busy_ = true;
        apply = !failure_;
      }
      changed_.notify_all();  // room in the queue
      if (apply) Apply(change);
      {
        std::lock_guard lock(mutex_);
        busy_ = false;
      }
      changed_.notify_all();
    }
  }

  // Every exception of a change stops here, on the shard's thread, where it
  // was raised: one escaping the thread would terminate the process (a full
  // disk once aborted the indexer, issue 17).
  void Apply(const Change& change) {
    std::optional<Error> failure;
    try {
      change(db_);
    } catch (const Xapian::Error& e) {
      failure = Error{ErrorCode::kUnavailable,
                      "cannot write the index at " + path_ + ": " + Described(e)};
    } catch (const Exception& e) {
      failure = Error{e.code(), e.what()};
    } catch (const std::exception& e) {
      failure = Error{ErrorCode::kInternal, "cannot write the index at " + path_ + ": " + e.what()};
    }
    if (failure) {
      std::lock_guard lock(mutex_);
      if (!failure_) failure_ = std::move(failure);
    }
  }

  Xapian::WritableDatabase db_;  // used by the shard's thread, or by Run() while it is idle
  const std::string path_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Queued> queue_;     // guarded by mutex_
  std::size_t queued_bytes_ = 0;  // guarded by mutex_: text held by queue_
  bool busy_ = false;            // guarded by mutex_: a change is being applied
  bool stopping_ = false;        // guarded by mutex_
  std::optional<Error> failure_;  // guarded by mutex_: the first change that failed
  std::thread thread_;           // last: starts once everything above exists
};

class XapianIndexWriter : public IndexWriter {
 public:
  // `paths[k]` is where shard k's database lives.
  XapianIndexWriter(std::vector<Xapian::WritableDatabase> shards,
                    const std::vector<std::string>& paths) {
    for (std::size_t k = 0; k < shards.size(); ++k) {
      shards_.push_back(std::make_unique<ShardThread>(std::move(shards[k]), paths[k]));
    }
    spellings_.resize(shards_.size());
    id_of_docid_.resize(shards_.size());
    pair_words_ = PairWords::Parse(shards_.front()->Run(
        [](auto& db) { return db.get_metadata(std::string(schema::kPairWordsKey)); }));
    documents_ = DocumentCount();
    next_pair_review_ = std::max(std::size_t{kFrequentWordMinDocuments}, documents_);
  }

  // The shards' threads apply what is queued and Xapian's close commits it:
  // the words gathered since the last commit go with it.
  ~XapianIndexWriter() override {
    for (std::size_t k = 0; k < shards_.size(); ++k) {
      shards_[k]->PostNoThrow([batch = TakeSpellings(k)](Xapian::WritableDatabase& db) {
        batch->AddTo(db);
      });
    }
  }

  std::optional<DocumentRecord> FindByPath(const std::string& absolute_path) override {
    const std::string term = schema::PathTerm(absolute_path);
    for (const auto& shard : shards_) {
      if (auto record = shard->Run([&](auto& db) { return FirstRecord(db, term); })) return record;
    }
    return std::nullopt;
  }

  std::optional<DocumentRecord> FindById(const std::string& id) override {
    return ShardOf(id).Run([&](auto& db) { return FirstRecord(db, schema::IdTerm(id)); });
  }

  void Put(PreparedDocument prepared) override {
    IndexableDocument document = TakeDocument(std::move(prepared));
    if (documents_ >= next_pair_review_) ReviewPairWords();
    ++documents_;  // or replaced: the count only paces the reviews
    AddWordPairs(document.xapian, pair_words_);
    const std::size_t k = ShardIndexOf(document.record.id);
    ShardThread& shard = *shards_[k];
    spellings_[k].Add(document.xapian);
    // The document moves into the change: a Xapian::Document's reference
    // count is not atomic, so no handle on it may stay on this thread.
    const auto text_bytes = static_cast<std::size_t>(document.record.chars);
    auto owned = std::make_shared<IndexableDocument>(std::move(document));
    shard.Post(
        [owned](Xapian::WritableDatabase& db) {
          db.replace_document(schema::IdTerm(owned->record.id), owned->xapian);
        },
        text_bytes);
  }

  void UpdateRecord(const DocumentRecord& record) override {
    ShardOf(record.id).Post([record](Xapian::WritableDatabase& db) {
      const std::string id_term = schema::IdTerm(record.id);
      Xapian::PostingIterator it = db.postlist_begin(id_term);
      if (it == db.postlist_end(id_term)) return;
      const Xapian::docid docid = *it;
      Xapian::Document doc = db.get_document(docid);
      StoreRecord(record, doc);
      db.replace_document(docid, doc);
    });
  }

  void Remove(const std::string& id) override {
    ShardOf(id).Post(
        [term = schema::IdTerm(id)](Xapian::WritableDatabase& db) { db.delete_document(term); });
  }

  void PutFailure(const FailureRecord& failure) override {
    shards_.front()->Post(
        [key = FailureKey(failure.path), json = FailureToJson(failure)](
            Xapian::WritableDatabase& db) { db.set_metadata(key, json); });
  }

  void RemoveFailure(const std::string& absolute_path) override {
    shards_.front()->Post([key = FailureKey(absolute_path)](Xapian::WritableDatabase& db) {
      // Xapian: setting a metadata value to "" deletes the entry.
      if (!db.get_metadata(key).empty()) db.set_metadata(key, "");
    });
  }

  std::vector<FailureRecord> AllFailures() override {
    return shards_.front()->Run([](auto& db) { return FailuresIn(db); });
  }

  int AnalysisVersion() override {
    const std::string stored = shards_.front()->Run([](auto& db) {
      return db.get_metadata(std::string(schema::kAnalysisVersionKey));
    });
    if (stored.empty()) return 1;
    try {
      return std::stoi(stored);
    } catch (const std::exception&) {
      return 0;  // unreadable: analyse everything again
    }
  }

  void SetAnalysisVersion(int version) override {
    for (const auto& shard : shards_) {
      shard->Post([version](Xapian::WritableDatabase& db) {
        db.set_metadata(std::string(schema::kAnalysisVersionKey), std::to_string(version));
      });
    }
  }

  std::vector<PackedLocations> AllLocations() override {
    // Each shard streams its own slot on its own thread.
    std::vector<std::vector<PackedLocations>> per_shard(shards_.size());
    for (std::size_t k = 0; k < shards_.size(); ++k) {
      // Never throws: the changes refer to this frame, so a failure must
      // wait for WaitForAll(), which lets every shard finish first.
      shards_[k]->PostNoThrow([&out = per_shard[k]](Xapian::WritableDatabase& db) {
        for (auto v = db.valuestream_begin(schema::kSlotLocations);
             v != db.valuestream_end(schema::kSlotLocations); ++v) {
          Result<PackedLocations> packed = UnpackLocations(*v);
          if (packed.ok()) out.push_back(std::move(packed).value());
        }
      });
    }
    WaitForAll();
    std::vector<PackedLocations> all = std::move(per_shard.front());
    for (std::size_t k = 1; k < per_shard.size(); ++k) {
      std::move(per_shard[k].begin(), per_shard[k].end(), std::back_inserter(all));
    }
    return all;
  }

  void Commit() override {
    StartCommit();
    WaitForAll();
  }

  void StartCommit() override {
    // Every shard commits on its own thread at the same point of the stream
    // of changes: each shard is atomic, and a crash between two shards'
    // commits is healed by the next run (see index_writer.h).
    const std::string now = NowUtcRfc3339();
    for (std::size_t k = 0; k < shards_.size(); ++k) {
      shards_[k]->Post([now, spellings = TakeSpellings(k)](Xapian::WritableDatabase& db) {
        spellings->AddTo(db);
        db.set_metadata(std::string(schema::kLastIndexedKey), now);
        db.commit();
      });
    }
  }

  std::vector<std::string> IdsWithTerm(const std::string& term, std::size_t limit) override {
    return IdsWithTerms({term}, limit).front();
  }

  std::vector<std::vector<std::string>> IdsWithTerms(const std::vector<std::string>& terms,
                                                     std::size_t limit) override {
    std::vector<std::vector<std::string>> ids(terms.size());
    for (std::size_t k = 0; k < shards_.size(); ++k) {
      shards_[k]->Run([&, &known = id_of_docid_[k]](auto& db) {
        for (std::size_t i = 0; i < terms.size(); ++i) {
          const std::string& term = terms[i];
          for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
            if (ids[i].size() >= limit) break;
            // A docid keeps its document while this writer lives (Xapian
            // never reuses one, and a replacement by id term keeps it), so
            // its id is read once: a termlist is read from its start.
            auto known_id = known.find(*p);
            if (known_id == known.end()) {
              Xapian::TermIterator t = db.termlist_begin(*p);
              t.skip_to(std::string(schema::kIdPrefix));
              std::string id;
              if (t != db.termlist_end(*p) && (*t).rfind(schema::kIdPrefix, 0) == 0) {
                id = (*t).substr(schema::kIdPrefix.size());
              }
              known_id = known.emplace(*p, std::move(id)).first;
            }
            if (!known_id->second.empty()) ids[i].push_back(known_id->second);
          }
        }
        return 0;
      });
    }
    return ids;
  }

  std::vector<std::size_t> TermFrequencies(const std::vector<std::string>& terms) override {
    std::vector<std::size_t> counts(terms.size(), 0);
    for (const auto& shard : shards_) {
      shard->Run([&](auto& db) {
        for (std::size_t i = 0; i < terms.size(); ++i) counts[i] += db.get_termfreq(terms[i]);
        return 0;
      });
    }
    return counts;
  }

  std::size_t TermFrequency(const std::string& term) override {
    std::size_t count = 0;
    for (const auto& shard : shards_) {
      count += shard->Run([&](auto& db) { return std::size_t{db.get_termfreq(term)}; });
    }
    return count;
  }

  std::string ValueOf(const std::string& id, unsigned slot) override {
    return ShardOf(id).Run([&](auto& db) {
      const std::string id_term = schema::IdTerm(id);
      Xapian::PostingIterator it = db.postlist_begin(id_term);
      if (it == db.postlist_end(id_term)) return std::string();
      return db.get_document(*it).get_value(slot);
    });
  }

  std::size_t DocumentCount() override {
    std::size_t count = 0;
    for (const auto& shard : shards_) {
      count += shard->Run([](auto& db) { return std::size_t{db.get_doccount()}; });
    }
    return count;
  }

 private:
  // Waits for every shard even when one failed (queued changes may refer to
  // the caller's frame), then throws the first failure.
  void WaitForAll() {
    std::exception_ptr first;
    for (const auto& shard : shards_) {
      try {
        shard->Wait();
      } catch (...) {
        if (!first) first = std::current_exception();
      }
    }
    if (first) std::rethrow_exception(first);
  }

  // Ids are hex digits of a content hash, so their value spreads documents
  // evenly; the same content always lands in the same shard.
  std::size_t ShardIndexOf(const std::string& id) const {
    const unsigned long value = std::stoul(id.substr(0, 8), nullptr, 16);
    return value % shards_.size();
  }

  ShardThread& ShardOf(const std::string& id) { return *shards_[ShardIndexOf(id)]; }

  // Learns the words that became frequent (indexer/writer/pair_terms.h) from the
  // first shard, whose documents are a fair sample of all (shards go by
  // content hash), and starts a generation for them. Every shard gets the
  // same list, queued before any document analysed with it, so a commit
  // never holds a document of a generation its list lacks. Reviewed again
  // each time the index has doubled: a few scans of the first shard's
  // words in all.
  void ReviewPairWords() {
    const auto min_in_first = static_cast<Xapian::doccount>(
        std::max<std::size_t>(1, kFrequentWordMinDocuments / shards_.size()));
    const std::vector<std::string> words = shards_.front()->Run(
        [&](auto& db) { return NewFrequentWords(db, pair_words_, min_in_first); });
    next_pair_review_ = std::max(std::size_t{kFrequentWordMinDocuments}, 2 * documents_);
    const int before = pair_words_.generation();
    pair_words_.AddGeneration(words);
    if (pair_words_.generation() == before) return;
    const std::string list = pair_words_.Serialise();
    for (const auto& shard : shards_) {
      shard->Post([list](Xapian::WritableDatabase& db) {
        db.set_metadata(std::string(schema::kPairWordsKey), list);
      });
    }
  }

  // Shard k's words since its last commit, handed over to go with the next.
  std::shared_ptr<const SpellingBatch> TakeSpellings(std::size_t k) {
    auto batch = std::make_shared<const SpellingBatch>(std::move(spellings_[k]));
    spellings_[k] = SpellingBatch();
    return batch;
  }

  std::vector<std::unique_ptr<ShardThread>> shards_;
  std::vector<SpellingBatch> spellings_;  // one per shard; the caller's thread only
  // Per shard, each docid's document id, as IdsWithTerm learns them.
  std::vector<std::unordered_map<Xapian::docid, std::string>> id_of_docid_;
  PairWords pair_words_;                  // what documents are analysed with now
  std::size_t documents_ = 0;             // in the index, about: at open, plus every Put
  std::size_t next_pair_review_ = 0;      // review pair words once documents_ reaches it
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
    std::vector<std::string> paths;
    if (shards == 1) {
      databases.push_back(OpenShard(path));
      paths.push_back(path);
    } else {
      std::filesystem::create_directories(folder);
      std::string stub;
      for (int k = 0; k < shards; ++k) {
        paths.push_back((folder / ShardName(k)).string());
        databases.push_back(OpenShard(paths.back()));
        stub += "auto " + ShardName(k) + "\n";  // relative to the stub's folder
      }
      if (existing == 0) {
        // Written last, so a folder with a stub always has all its shards.
        const std::filesystem::path temporary = folder / (std::string(kStubFileName) + ".tmp");
        std::ofstream(temporary) << stub;
        std::filesystem::rename(temporary, folder / std::string(kStubFileName));
      }
    }
    return std::make_unique<XapianIndexWriter>(std::move(databases), paths);
  } catch (const Xapian::DatabaseLockError& e) {
    throw Exception(ErrorCode::kUnavailable,
                    "index at " + path + " is locked by another writer: " + e.get_msg());
  } catch (const Xapian::Error& e) {
    throw Exception(ErrorCode::kUnavailable, "cannot open index at " + path + ": " + Described(e));
  } catch (const std::filesystem::filesystem_error& e) {
    throw Exception(ErrorCode::kUnavailable, "cannot create index at " + path + ": " + e.what());
  }
}

}  // namespace archivist::writer
