// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/writer/index_writer.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <stdio.h>
#include <xapian.h>

#include "core/clock.h"
#include "core/error.h"
#include "core/freed_memory.h"
#include "core/schema.h"
#include "indexer/writer/document_builder.h"
#include "indexer/writer/pair_terms.h"
#include "indexer/writer/shard_files.h"
#include "indexer/writer/shard_reads.h"
#include "indexer/writer/shard_thread.h"
#include "indexer/writer/spelling_batch.h"

namespace archivist::writer {
namespace {

std::optional<DocumentRecord> FirstRecord(Xapian::WritableDatabase& db, const std::string& term) {
  Xapian::PostingIterator it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return std::nullopt;
  Result<DocumentRecord> record = StoredRecordOf(db.get_document(*it));
  if (!record.ok()) return std::nullopt;  // unreadable: treat as absent and rewrite
  return std::move(record).value();
}

// Every indexed word that may be a correction also feeds Xapian's spelling
// data (spelling_batch.h). It is gathered here rather than by the
// TermGenerator, which would need the database and so could not analyse
// documents on other threads. Xapian never removes entries when a document
// goes, so the words of a document replaced or deleted are counted out on
// the shard's thread, which reads them from the index. A batch's words
// are counted by the thread that queues the documents (the shard's own
// thread is the busiest of a run) and handed to Xapian once per distinct
// word with the batch's commit.

// After a commit, when a batch's postings, positions and spelling changes
// have just been freed. glibc keeps what a program frees in its arenas
// (one per thread that allocated: the reading threads', the shards') for
// later allocations, and the pieces of one batch seldom fit the next
// one's: on the bench corpus of issue 19 the indexer's RSS grew from 136
// to 317 MiB over the analysis for a heap in use of about 70 MiB (the
// run's peak). A trim hands the free pages back (core/freed_memory.h); it
// runs when the process grew by this much since the shard's last one, not
// after every commit, since each trim's pages are faulted in again by the
// next batch.
constexpr std::size_t kTrimAfterGrowthBytes = 32u << 20;

// A run's batches reach the spelling data together, every this many
// commits (spelling_batch.h's PendingSpellings): the trigram lists their new
// words share are rewritten once for all of them. On the web pages of the
// bench corpus of issue 19 (PostgreSQL's manual, 1,169 pages, one writer),
// callgrind counted the indexer's commits at 5,811 M instructions adding
// each batch at its commit and 3,192 M adding them every 8 commits and at
// each Commit() (2,205 M adding them all at the close). Most of that is
// zlib clearing its tables before each compression, a `rep stosb` that
// callgrind counts byte by byte: as CPU time the indexer spends 5 % less
// on those pages.
constexpr std::size_t kSpellingFlushEveryCommits = 8;
// ... or sooner, once the kept batches hold this many words (counted per
// batch, so a word of several batches counts several times): what they
// hold stays in memory until added.
constexpr std::size_t kMaxPendingSpellingWords = 200'000;

// What the shards' threads spend on the spelling data and on commits, added
// on those threads and read on the caller's.
struct BatchClock {
  std::atomic<std::int64_t> spelling_ns{0};
  std::atomic<std::int64_t> commit_ns{0};

  // Runs `step`, adding its wall-clock time to `total`.
  template <typename Step>
  static void Timed(std::atomic<std::int64_t>& total, Step step) {
    const auto started = std::chrono::steady_clock::now();
    step();
    total += std::chrono::duration_cast<std::chrono::nanoseconds>(
                 std::chrono::steady_clock::now() - started)
                 .count();
  }
};

class XapianIndexWriter : public IndexWriter {
 public:
  // `paths[k]` is where shard k's database lives.
  XapianIndexWriter(std::vector<Xapian::WritableDatabase> shards,
                    const std::vector<std::string>& paths)
      : paths_(paths) {
    for (std::size_t k = 0; k < shards.size(); ++k) {
      shards_.push_back(std::make_unique<ShardThread>(std::move(shards[k]), paths[k]));
    }
    spellings_.resize(shards_.size());
    for (const auto& shard : shards_) {
      // A killed run's kept batches, added with this run's first flush.
      auto pending = std::make_shared<PendingSpellings>(
          shard->Run([](auto& db) { return PendingSpellings::Recover(db); }));
      if (!pending->empty()) commits_since_spelling_ = 1;
      pending_spellings_.push_back(std::move(pending));
    }
    id_of_docid_.resize(shards_.size());
    for (std::size_t k = 0; k < shards_.size(); ++k) {
      trimmers_.push_back(std::make_shared<FreedMemoryTrimmer>(kTrimAfterGrowthBytes));
    }
    pair_words_ = PairWords::Parse(shards_.front()->Run(
        [](auto& db) { return db.get_metadata(std::string(schema::kPairWordsKey)); }));
    documents_ = DocumentCount();
    next_pair_review_ = std::max(std::size_t{kFrequentWordMinDocuments}, documents_);
  }

  // The shards' threads apply what is queued and Xapian's close commits it:
  // the words gathered since the last commit, and the kept batches, go
  // with it.
  ~XapianIndexWriter() override {
    for (std::size_t k = 0; k < shards_.size(); ++k) {
      shards_[k]->PostNoThrow([batch = TakeSpellings(k), pending = pending_spellings_[k]](
                                  Xapian::WritableDatabase& db) { pending->Flush(*batch, db); });
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
    const std::size_t k = ShardIndexOf(document.record.id, shards_.size());
    ShardThread& shard = *shards_[k];
    spellings_[k].Add(document.xapian);
    // The document moves into the change: a Xapian::Document's reference
    // count is not atomic, so no handle on it may stay on this thread.
    const auto text_bytes = static_cast<std::size_t>(document.record.chars);
    auto owned = std::make_shared<IndexableDocument>(std::move(document));
    shard.Post(
        [owned, pending = pending_spellings_[k]](Xapian::WritableDatabase& db) {
          const std::string id_term = schema::IdTerm(owned->record.id);
          pending->Withdraw(db, id_term);
          db.replace_document(id_term, owned->xapian);
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
    const std::size_t k = ShardIndexOf(id, shards_.size());
    shards_[k]->Post(
        [term = schema::IdTerm(id), pending = pending_spellings_[k]](Xapian::WritableDatabase& db) {
          pending->Withdraw(db, term);
          db.delete_document(term);
        });
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
    QueueCommit(/*add_spelling=*/true);
    WaitForAll();
  }

  void StartCommit() override { QueueCommit(/*add_spelling=*/false); }

  // Every shard commits on its own thread at the same point of the stream
  // of changes: each shard is atomic, and a crash between two shards'
  // commits is healed by the next run (see index_writer.h). The batches'
  // words go to the spelling data when `add_spelling` says so or their
  // turn has come; else they are kept, in memory and in the commit.
  void QueueCommit(bool add_spelling) {
    for (const SpellingBatch& batch : spellings_) pending_spelling_words_ += batch.size();
    ++commits_since_spelling_;
    const bool flush = add_spelling || commits_since_spelling_ >= kSpellingFlushEveryCommits ||
                       pending_spelling_words_ >= kMaxPendingSpellingWords;
    if (flush) {
      commits_since_spelling_ = 0;
      pending_spelling_words_ = 0;
    }
    const std::string now = NowUtcRfc3339();
    for (std::size_t k = 0; k < shards_.size(); ++k) {
      shards_[k]->Post([now, flush, spellings = TakeSpellings(k), pending = pending_spellings_[k],
                        clock = clock_, trimmer = trimmers_[k]](Xapian::WritableDatabase& db) {
        BatchClock::Timed(clock->spelling_ns, [&] {
          if (flush) {
            pending->Flush(*spellings, db);
          } else {
            pending->Keep(*spellings, db);
          }
        });
        db.set_metadata(std::string(schema::kLastIndexedKey), now);
        BatchClock::Timed(clock->commit_ns, [&] { db.commit(); });
        trimmer->TrimIfGrown();
      });
    }
  }

  std::vector<std::vector<DocKey>> DocumentsWithTerms(const std::vector<std::string>& terms,
                                                      std::size_t limit) override {
    std::vector<std::vector<DocKey>> keys(terms.size());
    for (std::size_t k = 0; k < shards_.size(); ++k) {
      shards_[k]->Run([&](auto& db) {
        AddDocumentsWithTerms(db, k, terms, limit, keys);
        return 0;
      });
    }
    return keys;
  }

  // One wait per shard, as for the many-term reads. A docid keeps its
  // document while this writer lives (Xapian never reuses one, and a
  // replacement by id term keeps it).
  std::vector<std::string> IdsOf(const std::vector<DocKey>& keys) override {
    std::vector<std::string> ids(keys.size());
    for (std::size_t k = 0; k < shards_.size(); ++k) {
      shards_[k]->Run([&, &known = id_of_docid_[k]](auto& db) {
        for (std::size_t i = 0; i < keys.size(); ++i) {
          if (ShardOfKey(keys[i]) == k) ids[i] = IdOfDocid(db, DocidOfKey(keys[i]), known);
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

  std::vector<std::string> TermsWithPrefix(const std::string& prefix) override {
    std::set<std::string> terms;
    for (const auto& shard : shards_) {
      shard->Run([&](auto& db) {
        for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
          terms.insert(*t);
        }
        return 0;
      });
    }
    return {terms.begin(), terms.end()};
  }

  std::string ValueOf(const std::string& id, unsigned slot) override {
    return ShardOf(id).Run([&](auto& db) { return ValueIn(db, id, slot); });
  }

  void MarkLinksPending(const std::string& id) override {
    ShardOf(id).Post([key = PendingKey("written:", id)](Xapian::WritableDatabase& db) {
      db.set_metadata(key, "1");
    });
  }

  void MarkEditionLeft(const std::string& edition_id, const std::string& leaving_id) override {
    ShardOf(leaving_id).Post([key = PendingKey("left:", edition_id)](Xapian::WritableDatabase& db) {
      db.set_metadata(key, "1");
    });
  }

  PendingLinks ReadPendingLinks() override {
    std::set<std::string> written;
    std::set<std::string> left;
    const std::string prefix(schema::kLinksPendingKeyPrefix);
    for (const auto& shard : shards_) {
      shard->Run([&](auto& db) {
        for (auto key = db.metadata_keys_begin(prefix); key != db.metadata_keys_end(prefix);
             ++key) {
          const std::string name = *key;  // the iterator gives a temporary
          const std::string_view mark = std::string_view(name).substr(prefix.size());
          if (mark.starts_with("written:")) written.emplace(mark.substr(8));
          if (mark.starts_with("left:")) left.emplace(mark.substr(5));
        }
        return 0;
      });
    }
    return {{written.begin(), written.end()}, {left.begin(), left.end()}};
  }

  void ClearPendingLinks() override {
    for (const auto& shard : shards_) {
      shard->Post([](Xapian::WritableDatabase& db) {
        const std::string prefix(schema::kLinksPendingKeyPrefix);
        std::vector<std::string> keys;
        for (auto key = db.metadata_keys_begin(prefix); key != db.metadata_keys_end(prefix);
             ++key) {
          keys.push_back(*key);
        }
        // Xapian: setting a metadata value to "" deletes the entry.
        for (const std::string& key : keys) db.set_metadata(key, "");
      });
    }
  }

  std::unique_ptr<IndexReader> ReaderOfLastCommit() override {
    WaitForAll();  // a commit started before is part of the last one
    return OpenCommittedReader(paths_);
  }

  std::size_t DocumentCount() override {
    std::size_t count = 0;
    for (const auto& shard : shards_) {
      count += shard->Run([](auto& db) { return std::size_t{db.get_doccount()}; });
    }
    return count;
  }

  WriterTimes Times() override {
    WriterTimes times;
    for (const auto& shard : shards_) {
      const ShardThread::Times shard_times = shard->times();
      times.busy += shard_times.busy;
      times.caller_waited += shard_times.caller_waited;
    }
    times.spelling = std::chrono::nanoseconds(clock_->spelling_ns.load());
    times.commit = std::chrono::nanoseconds(clock_->commit_ns.load());
    return times;
  }

  std::optional<Error> CompactAndClose() override {
    WaitForAll();
    std::vector<std::string> copies;
    const auto discard = [&copies] {
      std::error_code ignored;
      for (const std::string& copy : copies) std::filesystem::remove_all(copy, ignored);
    };
    try {
      // The copy is of the last commit: the kept spelling words go in first.
      const bool words_waiting =
          commits_since_spelling_ > 0 ||
          std::any_of(spellings_.begin(), spellings_.end(),
                      [](const SpellingBatch& batch) { return !batch.empty(); });
      if (words_waiting) Commit();
      for (std::size_t k = 0; k < shards_.size(); ++k) {
        copies.push_back(CompactionCopyOf(paths_[k]));
        // From the last commit, on a reader of its own; the shard's thread
        // is idle meanwhile and its lock keeps other writers out.
        // Errors are caught inside: Run() would call any Xapian error a
        // failure to read, and compacting fails mostly on writing the copy.
        shards_[k]->Run([&](Xapian::WritableDatabase&) {
          try {
            Xapian::Database(paths_[k]).compact(copies.back(), Xapian::DBCOMPACT_NO_RENUMBER);
          } catch (const Xapian::Error& e) {
            throw Exception(ErrorCode::kUnavailable, "cannot compact the index at " + paths_[k] +
                                                         " into " + copies.back() + ": " +
                                                         Described(e));
          }
          return 0;
        });
      }
    } catch (const Exception& e) {
      discard();
      return Error{e.code(), e.what()};
    } catch (const Xapian::Error& e) {
      discard();
      return Error{ErrorCode::kUnavailable, "cannot compact the index: " + Described(e)};
    } catch (const std::filesystem::filesystem_error& e) {
      discard();
      return Error{ErrorCode::kUnavailable, std::string("cannot compact the index: ") + e.what()};
    }
    std::optional<Error> failure;
    for (std::size_t k = 0; k < shards_.size(); ++k) {
      // Each shard is whole before and after, with the same documents under
      // the same ids: a shard left uncompacted by a failure here is sound.
      if (renameat2(AT_FDCWD, copies[k].c_str(), AT_FDCWD, paths_[k].c_str(), RENAME_EXCHANGE) !=
              0 &&
          !failure) {
        failure = Error{ErrorCode::kUnavailable, "cannot put the compacted index at " +
                                                     paths_[k] + ": " + std::strerror(errno)};
      }
    }
    shards_.clear();  // closes the databases, whose files are now the copies'
    discard();
    return failure;
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

  ShardThread& ShardOf(const std::string& id) { return *shards_[ShardIndexOf(id, shards_.size())]; }

  static std::string PendingKey(std::string_view kind, const std::string& id) {
    return std::string(schema::kLinksPendingKeyPrefix) + std::string(kind) + id;
  }

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

  const std::vector<std::string> paths_;  // shard k's database
  std::vector<std::unique_ptr<ShardThread>> shards_;
  std::shared_ptr<BatchClock> clock_ = std::make_shared<BatchClock>();
  std::vector<SpellingBatch> spellings_;  // one per shard; the caller's thread only
  // One per shard, used by that shard's thread only; and, on the caller's
  // thread, the commits since their words were last added and how many
  // words (summed over batches) they hold.
  std::vector<std::shared_ptr<PendingSpellings>> pending_spellings_;
  std::size_t commits_since_spelling_ = 0;
  std::size_t pending_spelling_words_ = 0;
  // One per shard, used by that shard's thread only (after its commits).
  std::vector<std::shared_ptr<FreedMemoryTrimmer>> trimmers_;
  // Per shard, each docid's document id, as IdsOf learns them.
  std::vector<std::unordered_map<Xapian::docid, std::string>> id_of_docid_;
  PairWords pair_words_;                  // what documents are analysed with now
  std::size_t documents_ = 0;             // in the index, about: at open, plus every Put
  std::size_t next_pair_review_ = 0;      // review pair words once documents_ reaches it
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
    // Only now, holding every shard's lock: no other writer is compacting.
    for (const std::string& shard : paths) std::filesystem::remove_all(CompactionCopyOf(shard));
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
