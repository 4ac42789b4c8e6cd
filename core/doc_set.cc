// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/doc_set.h"

#include <algorithm>
#include <bit>

#include "core/schema.h"

namespace archivist {

DocSet::DocSet(Xapian::docid last_docid) : words_(last_docid / 64 + 1, 0) {}

std::size_t DocSet::Count() const {
  std::size_t n = 0;
  for (std::uint64_t w : words_) n += static_cast<std::size_t>(std::popcount(w));
  return n;
}

std::size_t DocSet::CountIntersection(const DocSet& other) const {
  const std::size_t size = std::min(words_.size(), other.words_.size());
  std::size_t n = 0;
  for (std::size_t i = 0; i < size; ++i) {
    n += static_cast<std::size_t>(std::popcount(words_[i] & other.words_[i]));
  }
  return n;
}

DocSet& DocSet::operator&=(const DocSet& other) {
  const std::size_t size = std::min(words_.size(), other.words_.size());
  for (std::size_t i = 0; i < size; ++i) words_[i] &= other.words_[i];
  std::fill(words_.begin() + static_cast<std::ptrdiff_t>(size), words_.end(), 0);
  return *this;
}

DocSet& DocSet::operator|=(const DocSet& other) {
  if (other.words_.size() > words_.size()) words_.resize(other.words_.size(), 0);
  for (std::size_t i = 0; i < other.words_.size(); ++i) words_[i] |= other.words_[i];
  return *this;
}

DocSet& DocSet::operator-=(const DocSet& other) {
  const std::size_t size = std::min(words_.size(), other.words_.size());
  for (std::size_t i = 0; i < size; ++i) words_[i] &= ~other.words_[i];
  return *this;
}

namespace {

FacetValueSets ReadFacet(const Xapian::Database& db, std::string_view prefix,
                         Xapian::docid last_docid) {
  FacetValueSets facet{std::string(prefix), {}};
  for (auto term = db.allterms_begin(facet.term_prefix); term != db.allterms_end(facet.term_prefix);
       ++term) {
    DocSet docs(last_docid);
    for (auto post = db.postlist_begin(*term); post != db.postlist_end(*term); ++post) {
      docs.Insert(*post);
    }
    facet.by_value.emplace((*term).substr(prefix.size()), std::move(docs));
  }
  return facet;
}

// Document ids ordered by the value in `slot` (ascending or descending),
// equal values by ascending id.
std::vector<Xapian::docid> OrderedBy(const Xapian::Database& db, Xapian::valueno slot,
                                     bool descending) {
  std::vector<std::pair<std::string, Xapian::docid>> keyed;
  auto value = db.valuestream_begin(slot);
  for (auto post = db.postlist_begin(""); post != db.postlist_end(""); ++post) {
    if (value != db.valuestream_end(slot) && value.get_docid() < *post) value.skip_to(*post);
    const bool has = value != db.valuestream_end(slot) && value.get_docid() == *post;
    keyed.emplace_back(has ? *value : std::string(), *post);
  }
  std::stable_sort(keyed.begin(), keyed.end(), [descending](const auto& a, const auto& b) {
    return descending ? a.first > b.first : a.first < b.first;
  });
  std::vector<Xapian::docid> order;
  order.reserve(keyed.size());
  for (const auto& [key, id] : keyed) order.push_back(id);
  return order;
}

}  // namespace

std::shared_ptr<const RevisionSets> RevisionSets::Build(const Xapian::Database& db) {
  auto sets = std::make_shared<RevisionSets>();
  sets->last_docid = db.get_lastdocid();
  sets->all = DocSet(sets->last_docid);
  // Xapian: the empty term's posting list is every document.
  for (auto post = db.postlist_begin(""); post != db.postlist_end(""); ++post) sets->all.Insert(*post);
  // Prefixes do not nest (no prefix is the start of another facet's), so
  // each facet's terms are exactly those under its prefix.
  sets->language = ReadFacet(db, schema::kLanguagePrefix, sets->last_docid);
  sets->type = ReadFacet(db, schema::kTypePrefix, sets->last_docid);
  sets->year = ReadFacet(db, schema::kYearPrefix, sets->last_docid);
  sets->country = ReadFacet(db, schema::kCountryPrefix, sets->last_docid);
  sets->topic = ReadFacet(db, schema::kTopicPrefix, sets->last_docid);
  sets->newest_first = OrderedBy(db, schema::kSlotDate, /*descending=*/true);
  sets->oldest_first = OrderedBy(db, schema::kSlotDateOldestFirst, /*descending=*/false);
  return sets;
}

}  // namespace archivist
