// SPDX-License-Identifier: GPL-2.0-or-later
// Sets of document ids as bitmaps, and the per-revision sets of every facet
// value. Counting a facet by intersecting bitmaps costs a few microseconds
// per value, where reading value slots costs a B-tree lookup per matched
// document and slot; and a facet counted "with every filter but its own"
// becomes a bitmap AND instead of another pass of the matcher.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

namespace archivist {

// A set of document ids of one database, 1..last_docid. Not thread-safe for
// writing; const sets may be shared between threads.
class DocSet {
 public:
  DocSet() = default;
  // An empty set able to hold ids 1..last_docid.
  explicit DocSet(Xapian::docid last_docid);

  void Insert(Xapian::docid id) {
    const std::size_t word = id / 64;
    if (word < words_.size()) words_[word] |= std::uint64_t{1} << (id % 64);
  }
  bool Contains(Xapian::docid id) const {
    const std::size_t word = id / 64;
    return word < words_.size() && (words_[word] >> (id % 64) & 1) != 0;
  }
  // The smallest id in the set that is at least `id`, or 0 for none.
  Xapian::docid NextFrom(Xapian::docid id) const;
  // The (n+1)-th smallest id in the set, or 0 when it has n ids or fewer.
  Xapian::docid NthSmallest(std::size_t n) const;
  std::size_t Count() const;
  // |*this ∩ other| without building the intersection.
  std::size_t CountIntersection(const DocSet& other) const;
  DocSet& operator&=(const DocSet& other);
  DocSet& operator|=(const DocSet& other);
  DocSet& operator-=(const DocSet& other);  // removes other's ids

 private:
  std::vector<std::uint64_t> words_;
};

// Every value of one facet with the documents holding it, read from the
// facet's boolean filter terms, so a count always equals the total of the
// search that filters on that value.
struct FacetValueSets {
  std::string term_prefix;
  std::map<std::string, DocSet> by_value;  // value (term without prefix) → documents
};

// The documents of every facet value at one revision of one database.
// Immutable once built; shared between threads.
struct RevisionSets {
  Xapian::docid last_docid = 0;
  DocSet all;  // every document
  FacetValueSets language, type, year, country, topic;
  // Every document in the order Xapian's sort by date gives when weights
  // tie (browsing): newest first (kSlotDate descending, "" last), oldest
  // first (kSlotDateOldestFirst ascending); equal dates by document id.
  std::vector<Xapian::docid> newest_first, oldest_first;
  // Each document's work (issue 15) as a number, by id: 0 for a document
  // that is no edition of a work, else the same number for every edition
  // of one work (engine/works.h).
  std::vector<std::uint32_t> work_of;
  // Each edition of a work: its record's id (16 hex digits) as a number,
  // with its document id, in that order, so that the editions a hit lists
  // are found without a look at the index (ReadEditionDocids).
  std::vector<std::pair<std::uint64_t, Xapian::docid>> edition_docids;

  // Reads the facets' boolean terms of `db` (a few hundred thousand postings
  // for 50,000 documents). Throws Xapian errors, DatabaseModifiedError
  // included, for the caller to retry.
  static std::shared_ptr<const RevisionSets> Build(const Xapian::Database& db);
};

// A match spy that records the id of every document the matcher sees.
// Local databases only: xapian-tcpsrv cannot rebuild unregistered spies.
class DocIdCollector : public Xapian::MatchSpy {
 public:
  explicit DocIdCollector(DocSet* out) : out_(out) {}
  void operator()(const Xapian::Document& doc, double) override { out_->Insert(doc.get_docid()); }

 private:
  DocSet* out_;
};

// A filter made of a set: its documents, in id order, without weight. Lets
// the matcher skip straight to the documents every facet filter allows,
// where the same filter as a query merges the values' posting lists and
// reads the year slot of every candidate for a range. Local databases only
// (document ids are the set's), one search at a time.
class DocSetPostingSource : public Xapian::PostingSource {
 public:
  explicit DocSetPostingSource(std::shared_ptr<const DocSet> docs);

  Xapian::doccount get_termfreq_min() const override { return count_; }
  Xapian::doccount get_termfreq_est() const override { return count_; }
  Xapian::doccount get_termfreq_max() const override { return count_; }
  void init(const Xapian::Database& db) override;
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return current_ == 0 && started_; }
  Xapian::docid get_docid() const override { return current_; }
  std::string get_description() const override;

 private:
  std::shared_ptr<const DocSet> docs_;
  Xapian::doccount count_;
  Xapian::docid current_ = 0;  // 0 before the start and past the end
  bool started_ = false;
};

}  // namespace archivist
