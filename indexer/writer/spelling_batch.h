// SPDX-License-Identifier: GPL-2.0-or-later
// The words a shard's documents give Xapian's spelling data, from which
// searchd suggests corrections ("did you mean"); the writer's internals.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace archivist::writer {

// Words longer than this many characters are kept out of the spelling data.
inline constexpr std::size_t kMaxSpellingWordChars = 24;

// Whether an indexed word term (schema::IsWordTerm) may be offered as a
// correction: it holds no digit (a number, a version, a hash, a page
// reference: "2.5.0a1", "1d464", "0,1,0,1"; changing one of its digits is
// not a spelling fix) and is at most kMaxSpellingWordChars characters (an
// identifier joined by underscores, a run of Japanese or Chinese text that
// the tokeniser keeps as one word, which no one types). Pure.
bool IsSpellingCandidate(std::string_view word);

// One batch's words for one shard, counted on the thread that queues the
// documents and handed to Xapian on the shard's thread before its commit.
// Not thread-safe: filled on one thread, then read on another after a
// hand-over (the writer moves it into the shard's queued change).
class SpellingBatch {
 public:
  // Counts the candidate words (IsSpellingCandidate) of `doc`, each with
  // its within-document frequency.
  void Add(const Xapian::Document& doc);

  // Counts out the candidate words of the document `docid` of `db`, about
  // to be replaced or deleted: Xapian's spelling data counts words in and
  // never out, so a word no document holds any longer would go on being
  // offered as a correction. A document rewritten with the same words
  // comes out even, and its words cost the spelling data nothing.
  void Withdraw(const Xapian::Database& db, Xapian::docid docid);

  // Adds the batch's words to `db`'s spelling data, and takes out those it
  // counts out more often than in, on the shard's thread,
  // after the batch's documents were queued to it (so that `db` counts
  // them). A word enters the spelling data once it occurs twice in the
  // shard, with its frequency so far (Xapian's collection frequency); once
  // in, each batch adds its own frequency, as before. A word that occurs
  // once in the whole index, most often a typo or a one-off token, is never
  // offered as a correction: they are the largest share of an archive's
  // distinct words (118,537 of 267,314 on the bench corpus of issue 19),
  // and each new word costs Xapian a set insertion per letter trigram, the
  // largest part of the writer's time. A word of a single document that it
  // repeats ("grooming" in the demo corpus's post on it) is kept.
  void AddTo(Xapian::WritableDatabase& db) const;

  // Adds `later`'s counts to this batch's: several commits' batches, to
  // be added to the spelling data as one.
  void Merge(const SpellingBatch& later);

  // The batch as text ("word\tcount" lines; terms hold no tab or line
  // break), and back: what a pending batch leaves in the index's metadata.
  // Lines that do not parse are skipped.
  std::string Serialise() const;
  static SpellingBatch Parse(std::string_view text);

  std::size_t size() const { return changes_.size(); }
  bool empty() const { return changes_.empty(); }

 private:
  // Per word, the within-document frequencies counted in less those
  // counted out.
  std::unordered_map<std::string, std::int64_t> changes_;
};

// Batches committed but not yet added to one shard's spelling data. Adding
// a batch's words costs Xapian, at the commit, a rewrite of every letter
// trigram list the batch's new words touch, each compressed again by zlib
// (its tables reset for each list): on the web pages of the bench corpus of
// issue 19, most of what the writer's commits cost. Lists touched
// by several batches are rewritten once for all of them when the batches
// are added together, so the writer adds them every few commits
// (kSpellingFlushEveryCommits). In between, each commit carries its batch's
// words as a metadata record (schema::kSpellingPendingKeyPrefix), and the
// commit that adds them deletes the records: a run killed in between leaves
// them, and the next writer of the shard picks them up (Recover). Searches
// made while a run goes on may miss a suggestion from its last few batches.
// Used on the shard's thread only.
class PendingSpellings {
 public:
  // The batches a killed run left in `db`, to be added with the next flush.
  static PendingSpellings Recover(const Xapian::Database& db);

  // Keeps `batch` and records it in `db`'s metadata, to go with the commit
  // that follows.
  void Keep(const SpellingBatch& batch, Xapian::WritableDatabase& db);

  // Adds `batch` and every kept batch to `db`'s spelling data and deletes
  // their records, to go with the commit that follows.
  void Flush(const SpellingBatch& batch, Xapian::WritableDatabase& db);

  // Counts out the words of the document holding `id_term` in `db`, if
  // any, before it is replaced or deleted (SpellingBatch::Withdraw): kept
  // with the next batch.
  void Withdraw(Xapian::WritableDatabase& db, const std::string& id_term);

  bool empty() const { return words_.empty() && withdrawn_.empty() && records_.empty(); }

 private:
  SpellingBatch words_;
  SpellingBatch withdrawn_;           // since the last Keep or Flush
  std::vector<std::string> records_;  // the metadata keys of the kept batches
  std::uint64_t next_record_ = 0;
};

}  // namespace archivist::writer
