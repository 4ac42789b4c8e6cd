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
    Counts& counts = words_[term];
    counts.wdf += t.get_wdf();
    ++counts.documents;
  }
}

// In the words' order: Xapian looks each word up in its spelling table, a
// B-tree, where words in order fall in the blocks the previous ones read
// (the hash map's order scattered them; about a tenth of the writer's time).
void SpellingBatch::AddTo(Xapian::WritableDatabase& db) const {
  std::vector<const std::pair<const std::string, Counts>*> in_order;
  in_order.reserve(words_.size());
  for (const auto& entry : words_) in_order.push_back(&entry);
  std::sort(in_order.begin(), in_order.end(),
            [](const auto* a, const auto* b) { return a->first < b->first; });
  for (const auto* entry : in_order) {
    const std::string& word = entry->first;
    const Counts& counts = entry->second;
    // Xapian: a writable database's frequencies count the changes not yet
    // committed, this batch's documents among them (and Xapian 1.4 cannot
    // say whether the spelling data holds a word, so the documents tell).
    const Xapian::doccount documents = db.get_termfreq(word);
    if (documents < 2) continue;
    if (documents - std::min(documents, counts.documents) >= 2) {
      db.add_spelling(word, counts.wdf);  // in since an earlier batch
    } else {
      // Enters now, with its share of the documents before this batch.
      db.add_spelling(word, db.get_collection_freq(word));
    }
  }
}

}  // namespace archivist::writer
