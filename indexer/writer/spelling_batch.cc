// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/writer/spelling_batch.h"

#include <algorithm>
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
    frequencies_[term] += t.get_wdf();
  }
}

// In the words' order: Xapian looks each word up in its spelling table, a
// B-tree, where words in order fall in the blocks the previous ones read
// (the hash map's order scattered them; about a tenth of the writer's time).
void SpellingBatch::AddTo(Xapian::WritableDatabase& db) const {
  std::vector<const std::pair<const std::string, Xapian::termcount>*> in_order;
  in_order.reserve(frequencies_.size());
  for (const auto& entry : frequencies_) in_order.push_back(&entry);
  std::sort(in_order.begin(), in_order.end(),
            [](const auto* a, const auto* b) { return a->first < b->first; });
  for (const auto* entry : in_order) {
    const std::string& word = entry->first;
    const Xapian::termcount in_batch = entry->second;
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

}  // namespace archivist::writer
