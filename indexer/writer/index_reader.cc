// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/writer/index_reader.h"

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <xapian.h>

#include "core/error.h"
#include "core/schema.h"
#include "indexer/writer/shard_reads.h"
#include "indexer/writer/shard_thread.h"

namespace archivist::writer {

std::size_t ShardIndexOf(const std::string& id, std::size_t shards) {
  const unsigned long value = std::stoul(id.substr(0, 8), nullptr, 16);
  return value % shards;
}

const std::string& IdOfDocid(const Xapian::Database& db, Xapian::docid docid,
                             std::unordered_map<Xapian::docid, std::string>& known) {
  auto known_id = known.find(docid);
  if (known_id == known.end()) {
    Xapian::TermIterator t = db.termlist_begin(docid);
    t.skip_to(std::string(schema::kIdPrefix));
    std::string id;
    if (t != db.termlist_end(docid) && (*t).rfind(schema::kIdPrefix, 0) == 0) {
      id = (*t).substr(schema::kIdPrefix.size());
    }
    known_id = known.emplace(docid, std::move(id)).first;
  }
  return known_id->second;
}

void AddDocumentsWithTerms(const Xapian::Database& db, std::size_t shard,
                           const std::vector<std::string>& terms, std::size_t limit,
                           std::vector<std::vector<std::uint64_t>>& keys) {
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const std::string& term = terms[i];
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
      if (keys[i].size() >= limit) break;
      keys[i].push_back(DocKeyOf(shard, *p));
    }
  }
}

std::string ValueIn(const Xapian::Database& db, const std::string& id, unsigned slot) {
  const std::string id_term = schema::IdTerm(id);
  Xapian::PostingIterator it = db.postlist_begin(id_term);
  if (it == db.postlist_end(id_term)) return std::string();
  return db.get_document(*it).get_value(slot);
}

std::vector<std::vector<std::string>> IndexReader::IdsWithTerms(
    const std::vector<std::string>& terms, std::size_t limit) {
  const std::vector<std::vector<DocKey>> holders = DocumentsWithTerms(terms, limit);
  std::vector<DocKey> keys;
  for (const std::vector<DocKey>& term_holders : holders) {
    keys.insert(keys.end(), term_holders.begin(), term_holders.end());
  }
  const std::vector<std::string> named = IdsOf(keys);
  std::vector<std::vector<std::string>> ids(terms.size());
  std::size_t next = 0;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    for (std::size_t k = 0; k < holders[i].size(); ++k, ++next) {
      if (!named[next].empty()) ids[i].push_back(named[next]);
    }
  }
  return ids;
}

namespace {

// Runs `read`; Xapian's errors become ours here, as the shard threads' do.
template <typename Read>
auto Guarded(const std::vector<std::string>& paths, Read read) {
  try {
    return read();
  } catch (const Xapian::Error& e) {
    const std::string where = paths.empty() ? std::string() : paths.front();
    throw Exception(ErrorCode::kUnavailable,
                    "cannot read the index at " + where + ": " + Described(e));
  }
}

// Each shard opened read-only at its last commit. Nothing writes through
// it, and the writer's later commits are not seen: a reader that outlives
// a commit by two more may get Xapian's DatabaseModifiedError, an
// index-level failure here (the linking pass reads only between commits).
class CommittedReader : public IndexReader {
 public:
  CommittedReader(std::vector<Xapian::Database> shards, std::vector<std::string> paths)
      : shards_(std::move(shards)), paths_(std::move(paths)), known_(shards_.size()) {}

  std::size_t DocumentCount() override {
    return Guarded(paths_, [&] {
      std::size_t count = 0;
      for (const Xapian::Database& db : shards_) count += db.get_doccount();
      return count;
    });
  }

  std::string ValueOf(const std::string& id, unsigned slot) override {
    return Guarded(paths_,
                   [&] { return ValueIn(shards_[ShardIndexOf(id, shards_.size())], id, slot); });
  }

  std::vector<std::size_t> TermFrequencies(const std::vector<std::string>& terms) override {
    return Guarded(paths_, [&] {
      std::vector<std::size_t> counts(terms.size(), 0);
      for (const Xapian::Database& db : shards_) {
        for (std::size_t i = 0; i < terms.size(); ++i) counts[i] += db.get_termfreq(terms[i]);
      }
      return counts;
    });
  }

  std::vector<std::vector<DocKey>> DocumentsWithTerms(const std::vector<std::string>& terms,
                                                      std::size_t limit) override {
    return Guarded(paths_, [&] {
      std::vector<std::vector<DocKey>> keys(terms.size());
      for (std::size_t k = 0; k < shards_.size(); ++k) {
        AddDocumentsWithTerms(shards_[k], k, terms, limit, keys);
      }
      return keys;
    });
  }

  std::vector<std::string> IdsOf(const std::vector<DocKey>& keys) override {
    return Guarded(paths_, [&] {
      std::vector<std::string> ids;
      ids.reserve(keys.size());
      for (const DocKey key : keys) {
        const std::size_t k = ShardOfKey(key);
        ids.push_back(IdOfDocid(shards_[k], DocidOfKey(key), known_[k]));
      }
      return ids;
    });
  }

 private:
  std::vector<Xapian::Database> shards_;
  const std::vector<std::string> paths_;
  std::vector<std::unordered_map<Xapian::docid, std::string>> known_;  // per shard: docid → id
};

}  // namespace

std::unique_ptr<IndexReader> OpenCommittedReader(const std::vector<std::string>& shard_paths) {
  std::vector<Xapian::Database> shards;
  try {
    for (const std::string& path : shard_paths) shards.emplace_back(path);
  } catch (const Xapian::Error& e) {
    throw Exception(ErrorCode::kUnavailable, "cannot open the index for reading: " + Described(e));
  }
  return std::make_unique<CommittedReader>(std::move(shards), shard_paths);
}

}  // namespace archivist::writer
