// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/doc_set.h"
#include "engine/works.h"

#include <algorithm>
#include <bit>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "core/schema.h"

namespace archivist {

DocSet::DocSet(Xapian::docid last_docid) : words_(last_docid / 64 + 1, 0) {}

// Counting is most of a facet count. Built for plain x86-64, std::popcount
// is a library call per word; the CPU's own instruction, where it has one
// (every x86-64 CPU since about 2008), is chosen when the program loads.
// Not under the sanitizers: the loader runs the instrumented choosing
// function before their runtime is ready (ThreadSanitizer builds crashed at
// start). GCC only: clang 14 emits the clones of an out-of-line member
// function but not the symbol its callers link to (the fuzz build did not
// link).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && \
    !defined(__SANITIZE_THREAD__) && !defined(__SANITIZE_ADDRESS__)
#define ARCHIVIST_POPCOUNT_CLONES __attribute__((target_clones("popcnt", "default")))
#else
#define ARCHIVIST_POPCOUNT_CLONES
#endif

Xapian::docid DocSet::NextFrom(Xapian::docid id) const {
  std::size_t word = id / 64;
  if (word >= words_.size()) return 0;
  // The bits of the first word below `id` do not count.
  std::uint64_t bits = words_[word] & (~std::uint64_t{0} << (id % 64));
  while (bits == 0) {
    if (++word == words_.size()) return 0;
    bits = words_[word];
  }
  return static_cast<Xapian::docid>(word * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
}

ARCHIVIST_POPCOUNT_CLONES Xapian::docid DocSet::NthSmallest(std::size_t n) const {
  for (std::size_t word = 0; word < words_.size(); ++word) {
    std::uint64_t bits = words_[word];
    const auto here = static_cast<std::size_t>(std::popcount(bits));
    if (n >= here) {
      n -= here;
      continue;
    }
    for (; n > 0; --n) bits &= bits - 1;  // drops the lowest set bit
    return static_cast<Xapian::docid>(word * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
  }
  return 0;
}

ARCHIVIST_POPCOUNT_CLONES std::size_t DocSet::Count() const {
  std::size_t n = 0;
  for (std::uint64_t w : words_) n += static_cast<std::size_t>(std::popcount(w));
  return n;
}

ARCHIVIST_POPCOUNT_CLONES std::size_t DocSet::CountIntersection(const DocSet& other) const {
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

// A value as a number that sorts as the string does, for values of at most
// eight bytes (dates are "YYYYMMDD"): big-endian bytes padded with zeros,
// then the length ("ab" before "ab\0").
struct PackedValue {
  std::uint64_t bytes = 0;
  std::uint8_t length = 0;
  auto operator<=>(const PackedValue&) const = default;
};

constexpr std::size_t kPackedBytes = 8;

PackedValue Pack(const std::string& value) {
  PackedValue packed;
  for (std::size_t i = 0; i < kPackedBytes; ++i) {
    packed.bytes <<= 8;
    if (i < value.size()) packed.bytes |= static_cast<unsigned char>(value[i]);
  }
  packed.length = static_cast<std::uint8_t>(value.size());
  return packed;
}

// Document ids ordered by the value in `slot` (ascending or descending),
// equal values by ascending id. Values that fit in eight bytes are sorted
// as numbers: sorting (string, id) pairs was two thirds of building a
// revision's sets. `make_key` returns no key for a value it cannot take.
template <typename Key, typename MakeKey>
std::optional<std::vector<Xapian::docid>> OrderedByKey(const Xapian::Database& db,
                                                       Xapian::valueno slot, bool descending,
                                                       MakeKey make_key) {
  std::vector<std::pair<Key, Xapian::docid>> keyed;
  keyed.reserve(db.get_doccount());
  auto value = db.valuestream_begin(slot);
  for (auto post = db.postlist_begin(""); post != db.postlist_end(""); ++post) {
    if (value != db.valuestream_end(slot) && value.get_docid() < *post) value.skip_to(*post);
    const bool has = value != db.valuestream_end(slot) && value.get_docid() == *post;
    std::optional<Key> key = make_key(has ? *value : std::string());
    if (!key) return std::nullopt;
    keyed.emplace_back(std::move(*key), *post);
  }
  std::sort(keyed.begin(), keyed.end(), [descending](const auto& a, const auto& b) {
    if (a.first != b.first) return descending ? b.first < a.first : a.first < b.first;
    return a.second < b.second;
  });
  std::vector<Xapian::docid> order;
  order.reserve(keyed.size());
  for (const auto& [key, id] : keyed) order.push_back(id);
  return order;
}

std::vector<Xapian::docid> OrderedBy(const Xapian::Database& db, Xapian::valueno slot,
                                     bool descending) {
  const auto packed = [](const std::string& value) -> std::optional<PackedValue> {
    if (value.size() > kPackedBytes) return std::nullopt;
    return Pack(value);
  };
  if (auto order = OrderedByKey<PackedValue>(db, slot, descending, packed)) return *order;
  const auto whole = [](const std::string& value) { return std::optional<std::string>(value); };
  return *OrderedByKey<std::string>(db, slot, descending, whole);
}

}  // namespace

DocSetPostingSource::DocSetPostingSource(std::shared_ptr<const DocSet> docs)
    : docs_(std::move(docs)), count_(static_cast<Xapian::doccount>(docs_->Count())) {}

void DocSetPostingSource::init(const Xapian::Database&) {
  current_ = 0;
  started_ = false;
}

void DocSetPostingSource::next(double) {
  current_ = docs_->NextFrom(started_ ? current_ + 1 : 1);
  started_ = true;
}

void DocSetPostingSource::skip_to(Xapian::docid did, double) {
  if (started_ && (current_ == 0 || current_ >= did)) return;
  current_ = docs_->NextFrom(std::max<Xapian::docid>(did, 1));
  started_ = true;
}

std::string DocSetPostingSource::get_description() const {
  return "DocSetPostingSource(" + std::to_string(count_) + " documents)";
}

std::shared_ptr<const RevisionSets> RevisionSets::Build(const Xapian::Database& db) {
  auto sets = std::make_shared<RevisionSets>();
  sets->last_docid = db.get_lastdocid();
  sets->all = DocSet(sets->last_docid);
  // Xapian: the empty term's posting list is every document.
  for (auto post = db.postlist_begin(""); post != db.postlist_end(""); ++post)
    sets->all.Insert(*post);
  // Prefixes do not nest (no prefix is the start of another facet's), so
  // each facet's terms are exactly those under its prefix.
  sets->language = ReadFacet(db, schema::kLanguagePrefix, sets->last_docid);
  sets->type = ReadFacet(db, schema::kTypePrefix, sets->last_docid);
  sets->year = ReadFacet(db, schema::kYearPrefix, sets->last_docid);
  sets->country = ReadFacet(db, schema::kCountryPrefix, sets->last_docid);
  sets->topic = ReadFacet(db, schema::kTopicPrefix, sets->last_docid);
  sets->newest_first = OrderedBy(db, schema::kSlotDate, /*descending=*/true);
  sets->oldest_first = OrderedBy(db, schema::kSlotDateOldestFirst, /*descending=*/false);
  sets->work_of = ReadWorkOrdinals(db, sets->last_docid);
  sets->edition_docids = ReadEditionDocids(db, sets->last_docid);
  return sets;
}

}  // namespace archivist
