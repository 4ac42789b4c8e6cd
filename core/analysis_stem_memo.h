// SPDX-License-Identifier: GPL-2.0-or-later
// Stemmers that remember their answers. Xapian's TermGenerator stems every
// occurrence of a word, Snowball's stemmers were a tenth of all indexing
// instructions, and a text repeats its words: with a memo most are stemmed
// once per thread. searchd stems the index's words that start like a query
// term to find a hit's matches (engine/query_positions.h), thousands a
// search for a short stem, and the same words again in the next search.
// The memo was an unordered_map<string, string>, whose node per word and
// prime-modulo buckets were the analysis threads' largest self time of our
// own code (issue 19); this one is one flat table of open addressing over
// a single byte store.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace archivist {

// Gives exactly the wrapped stemmer's stems. Not thread-safe: one per thread
// (and language), kept across documents.
class StemMemo : public Xapian::StemImplementation {
 public:
  // Remembers at most `capacity` words; when full, keeps the
  // `kept_when_full` most asked for (a thread's vocabulary over a whole
  // archive is large: names, numbers, typos; its common words are few and
  // come back in every document) and forgets the rest.
  explicit StemMemo(Xapian::Stem stem, std::size_t capacity = 100000,
                    std::size_t kept_when_full = 8192);

  std::string operator()(const std::string& word) override;
  std::string get_description() const override;

  // How many words it remembers now (for tests).
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::uint64_t hash;
    std::uint32_t offset;      // in bytes_: the word, then its stem
    std::uint32_t word_size;
    std::uint32_t stem_size;
    std::uint32_t asked;       // times looked up, to keep the common words
  };
  static constexpr std::uint32_t kEmpty = UINT32_MAX;

  // The slot holding `word`, or the empty slot where it would go.
  std::size_t SlotOf(std::string_view word, std::uint64_t hash) const;
  std::string_view WordOf(const Entry& e) const { return {bytes_.data() + e.offset, e.word_size}; }
  void Remember(std::string_view word, std::uint64_t hash, const std::string& stem);
  void KeepMostAsked();
  // Places every entry again in a table of `slots` (a power of two).
  void Reslot(std::size_t slots);

  Xapian::Stem stem_;
  std::size_t capacity_;
  std::size_t kept_when_full_;
  std::string bytes_;                 // words and stems, back to back
  std::vector<Entry> entries_;        // in the order they came
  // Index into entries_, or kEmpty; a power of two at most half full,
  // grown with the entries: a table sized for the capacity from the start
  // (a megabyte) missed the cache on nearly every look, which cost
  // searchd, whose memos hold a few thousand words, more than stemming.
  std::vector<std::uint32_t> slots_;
};

// A StemMemo any thread may ask, one lock around each word: searchd's
// workers share what each has stemmed. Its stemmer is used under the lock
// only, and never handed out (Xapian counts a stemmer's references without
// atomics).
class SharedStemMemo {
 public:
  explicit SharedStemMemo(Xapian::Stem stem, std::size_t capacity = 100000,
                          std::size_t kept_when_full = 8192)
      : memo_(std::move(stem), capacity, kept_when_full) {}

  std::string operator()(const std::string& word) {
    const std::lock_guard<std::mutex> lock(mutex_);
    return memo_(word);
  }

 private:
  std::mutex mutex_;
  StemMemo memo_;  // guarded by mutex_
};

}  // namespace archivist
