// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/writer/spelling_batch.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <utility>
#include <vector>

#include "core/schema.h"

namespace archivist::writer {

bool IsSpellingCandidate(std::string_view word) {
  std::size_t chars = 0;
  for (const char byte : word) {
    if (byte >= '0' && byte <= '9') return false;
    // UTF-8: every byte but a continuation byte (10xxxxxx) starts a character.
    if ((static_cast<unsigned char>(byte) & 0xC0) != 0x80) ++chars;
  }
  return chars > 0 && chars <= kMaxSpellingWordChars;
}

void SpellingBatch::Add(const Xapian::Document& doc) {
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string& term = *t;
    if (!schema::IsWordTerm(term) || !IsSpellingCandidate(term)) continue;
    changes_[term] += t.get_wdf();
  }
}

void SpellingBatch::Withdraw(const Xapian::Database& db, Xapian::docid docid) {
  for (auto t = db.termlist_begin(docid); t != db.termlist_end(docid); ++t) {
    const std::string& term = *t;
    if (!schema::IsWordTerm(term) || !IsSpellingCandidate(term)) continue;
    changes_[term] -= t.get_wdf();
  }
}

// In the words' order: Xapian looks each word up in its spelling table, a
// B-tree, where words in order fall in the blocks the previous ones read
// (the hash map's order scattered them; about a tenth of the writer's time).
void SpellingBatch::AddTo(Xapian::WritableDatabase& db) const {
  std::vector<const std::pair<const std::string, std::int64_t>*> in_order;
  in_order.reserve(changes_.size());
  for (const auto& entry : changes_) in_order.push_back(&entry);
  std::sort(in_order.begin(), in_order.end(),
            [](const auto* a, const auto* b) { return a->first < b->first; });
  for (const auto* entry : in_order) {
    const std::string& word = entry->first;
    if (entry->second < 0) {
      // Xapian takes a word out once its frequency reaches 0, and ignores
      // a word it does not hold (one that never occurred twice).
      db.remove_spelling(word, static_cast<Xapian::termcount>(-entry->second));
      continue;
    }
    if (entry->second == 0) continue;
    const auto in_batch = static_cast<Xapian::termcount>(entry->second);
    // Xapian: a writable database's frequencies count the changes not yet
    // committed, this batch's documents among them (and Xapian 1.4 cannot
    // say whether the spelling data holds a word, so the postings tell).
    const Xapian::termcount in_shard = db.get_collection_freq(word);
    if (in_shard < 2) continue;
    if (in_shard - std::min(in_shard, in_batch) >= 2) {
      db.add_spelling(word, in_batch);  // in since an earlier batch
    } else {
      // Enters now, with its occurrence before this batch, if any.
      db.add_spelling(word, in_shard);
    }
  }
}

void SpellingBatch::Merge(const SpellingBatch& later) {
  for (const auto& [word, change] : later.changes_) changes_[word] += change;
}

std::string SpellingBatch::Serialise() const {
  std::string text;
  for (const auto& [word, change] : changes_) {
    text += word;
    text += '\t';
    text += std::to_string(change);
    text += '\n';
  }
  return text;
}

SpellingBatch SpellingBatch::Parse(std::string_view text) {
  SpellingBatch batch;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    const std::size_t tab = line.find('\t');
    if (tab == 0 || tab == std::string_view::npos) continue;
    std::int64_t change = 0;
    const std::string_view digits = line.substr(tab + 1);
    const auto [rest, error] =
        std::from_chars(digits.data(), digits.data() + digits.size(), change);
    if (error != std::errc() || rest != digits.data() + digits.size() || change == 0) continue;
    batch.changes_[std::string(line.substr(0, tab))] += change;
  }
  return batch;
}

namespace {

// A record's key: the prefix and a sequence number, zero-padded so that
// keys sort in the order they were written.
std::string RecordKey(std::uint64_t number) {
  char digits[24];
  std::snprintf(digits, sizeof digits, "%016llu", static_cast<unsigned long long>(number));
  return std::string(schema::kSpellingPendingKeyPrefix) + digits;
}

}  // namespace

PendingSpellings PendingSpellings::Recover(const Xapian::Database& db) {
  PendingSpellings pending;
  const std::string prefix(schema::kSpellingPendingKeyPrefix);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    // The iterator hands out a string of its own each time: kept here, as
    // the digits below are a view into it.
    std::string key = *it;
    pending.words_.Merge(SpellingBatch::Parse(db.get_metadata(key)));
    std::uint64_t number = 0;
    const std::string_view digits = std::string_view(key).substr(prefix.size());
    std::from_chars(digits.data(), digits.data() + digits.size(), number);
    pending.next_record_ = std::max(pending.next_record_, number + 1);
    pending.records_.push_back(std::move(key));
  }
  return pending;
}

void PendingSpellings::Keep(const SpellingBatch& batch, Xapian::WritableDatabase& db) {
  SpellingBatch kept = std::move(withdrawn_);
  withdrawn_ = SpellingBatch();
  kept.Merge(batch);
  if (kept.empty()) return;
  std::string key = RecordKey(next_record_++);
  db.set_metadata(key, kept.Serialise());
  records_.push_back(std::move(key));
  words_.Merge(kept);
}

void PendingSpellings::Flush(const SpellingBatch& batch, Xapian::WritableDatabase& db) {
  words_.Merge(withdrawn_);
  words_.Merge(batch);
  words_.AddTo(db);
  // Xapian: setting a metadata value to "" deletes the entry.
  for (const std::string& key : records_) db.set_metadata(key, "");
  *this = PendingSpellings();
}

void PendingSpellings::Withdraw(Xapian::WritableDatabase& db, const std::string& id_term) {
  Xapian::PostingIterator it = db.postlist_begin(id_term);
  if (it != db.postlist_end(id_term)) withdrawn_.Withdraw(db, *it);
}

}  // namespace archivist::writer
