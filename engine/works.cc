// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/works.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/record.h"
#include "core/schema.h"
#include "engine/facet_filters.h"
#include "engine/hits.h"

namespace archivist {

std::vector<std::uint32_t> ReadWorkOrdinals(const Xapian::Database& db, Xapian::docid last_docid) {
  std::vector<std::uint32_t> ordinals(static_cast<std::size_t>(last_docid) + 1, 0);
  // Only grouped documents have a value in the slot (an empty one is none).
  std::unordered_map<std::string, std::uint32_t> ordinal_of;
  for (auto v = db.valuestream_begin(schema::kSlotWork); v != db.valuestream_end(schema::kSlotWork);
       ++v) {
    if (v.get_docid() > last_docid) continue;
    const auto next = static_cast<std::uint32_t>(ordinal_of.size() + 1);
    ordinals[v.get_docid()] = ordinal_of.emplace(*v, next).first->second;
  }
  return ordinals;
}

namespace {

// A record's id, 16 hex digits, as a number; nothing for any other id.
std::optional<std::uint64_t> IdNumber(std::string_view id) {
  if (id.size() != 16) return std::nullopt;
  std::uint64_t number = 0;
  for (char c : id) {
    int digit;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      digit = c - 'a' + 10;
    } else {
      return std::nullopt;  // upper case too: the id term is the id as written
    }
    number = number << 4 | static_cast<std::uint64_t>(digit);
  }
  return number;
}

// The document an edition's id names: from the revision's sets when they
// are at hand and hold it, else from its id term (0 when none).
Xapian::docid EditionDocid(const Xapian::Database& db, const RevisionSets* sets,
                           const std::string& id) {
  if (sets) {
    if (const std::optional<std::uint64_t> number = IdNumber(id)) {
      const auto& editions = sets->edition_docids;
      const auto it = std::lower_bound(editions.begin(), editions.end(),
                                       std::pair<std::uint64_t, Xapian::docid>{*number, 0});
      if (it != editions.end() && it->first == *number) return it->second;
    }
  }
  // Not a grouped document's id at this revision (a record listing an
  // edition since ungrouped, say): the id term says which document it is.
  const std::string term = schema::IdTerm(id);
  const Xapian::PostingIterator post = db.postlist_begin(term);
  return post == db.postlist_end(term) ? 0 : *post;
}

}  // namespace

std::vector<std::pair<std::uint64_t, Xapian::docid>> ReadEditionDocids(const Xapian::Database& db,
                                                                       Xapian::docid last_docid) {
  std::vector<std::pair<std::uint64_t, Xapian::docid>> editions;
  // Both streams run in document id order: the locations stream skips to
  // each grouped document in turn.
  Xapian::ValueIterator location = db.valuestream_begin(schema::kSlotLocations);
  const Xapian::ValueIterator no_location = db.valuestream_end(schema::kSlotLocations);
  for (auto v = db.valuestream_begin(schema::kSlotWork); v != db.valuestream_end(schema::kSlotWork);
       ++v) {
    const Xapian::docid docid = v.get_docid();
    if (docid > last_docid) break;
    if (location == no_location) break;
    location.skip_to(docid);
    if (location == no_location) break;
    if (location.get_docid() != docid) continue;
    Result<PackedLocations> packed = UnpackLocations(*location);
    if (!packed.ok()) continue;
    if (const std::optional<std::uint64_t> number = IdNumber(packed.value().id)) {
      editions.emplace_back(*number, docid);
    }
  }
  std::sort(editions.begin(), editions.end());
  return editions;
}

Xapian::doccount CountWorks(const DocSet& docs, const RevisionSets& sets) {
  std::vector<bool> seen;
  Xapian::doccount works = 0;
  for (Xapian::docid id = docs.NextFrom(1); id != 0; id = docs.NextFrom(id + 1)) {
    const std::uint32_t work = id < sets.work_of.size() ? sets.work_of[id] : 0;
    if (work == 0) {
      ++works;
      continue;
    }
    if (work >= seen.size()) seen.resize(work + 1, false);
    if (!seen[work]) {
      seen[work] = true;
      ++works;
    }
  }
  return works;
}

Xapian::doccount CountWorks(const Xapian::ValueCountMatchSpy& work_spy,
                            Xapian::doccount documents) {
  Xapian::doccount grouped = 0;
  Xapian::doccount works = 0;
  for (auto it = work_spy.values_begin(); it != work_spy.values_end(); ++it) {
    grouped += it.get_termfreq();
    ++works;
  }
  return documents - grouped + works;
}

void CollapseWorks(Xapian::Enquire& enquire) {
  // Xapian never collapses documents whose key is empty: the ungrouped.
  enquire.set_collapse_key(schema::kSlotWork);
}

namespace {

// Documents `ids` name (their id terms), as one query.
Xapian::Query AnyOf(const std::vector<std::string>& ids) {
  std::vector<Xapian::Query> terms;
  terms.reserve(ids.size());
  for (const std::string& id : ids) terms.emplace_back(schema::IdTerm(id));
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// A hit's other editions (translations and versions; nothing else of the
// record is filled in). A grouped document written since kSlotEditions
// keeps them there alone, and its JSON record need not be parsed; any
// other is read as StoredRecordOf reads it, which finds them in the JSON
// of a record written before the slot.
Result<DocumentRecord> StoredEditionsOf(const Xapian::Document& doc) {
  const std::string packed = doc.get_value(schema::kSlotEditions);
  if (packed.empty()) return StoredRecordOf(doc);
  DocumentRecord editions;
  if (!UnpackEditions(packed, editions)) {
    return Error{ErrorCode::kCorrupt, "bad editions stored with a document"};
  }
  return editions;
}

}  // namespace

Xapian::doccount ShowPreferredEditions(const Xapian::Database& db, const Xapian::Query& matched,
                                       const SearchRequest& request, const DocSet* matches,
                                       const RevisionSets* sets,
                                       std::vector<RankedDocument>& page) {
  if (!request.collapse_works || request.prefer_language.empty()) return 0;
  // Each preferred edition the page's hits could be shown as, by document
  // id, with the hit it would stand in for (an edition is of one work, and
  // a collapsed page shows a work once).
  std::unordered_map<Xapian::docid, std::size_t> stands_for;
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < page.size(); ++i) {
    const Xapian::Document& hit = page[i].document;
    if (hit.get_value(schema::kSlotWork).empty() ||
        hit.get_value(schema::kSlotLanguage) == request.prefer_language) {
      continue;
    }
    Result<DocumentRecord> editions = StoredEditionsOf(hit);
    if (!editions.ok()) continue;
    for (const auto* listed : {&editions.value().translations, &editions.value().versions}) {
      for (const RelatedEdition& edition : *listed) {
        if (edition.language != request.prefer_language) continue;
        const Xapian::docid docid = EditionDocid(db, sets, edition.id);
        // With every match at hand, an edition that did not match is
        // passed over without ranking it (most hits' works, on a page of
        // fifteen-language handbook chapters).
        if (docid == 0 || (matches && !matches->Contains(docid))) continue;
        if (stands_for.emplace(docid, i).second) ids.push_back(edition.id);
      }
    }
  }
  if (ids.empty()) return 0;
  // One ranking of every hit's preferred editions: the first of a hit's in
  // it is its best, ranked as the page is (a filter takes no part in a
  // weight), for no more than one hit's ranking costs.
  Xapian::Query editions = AnyOf(ids);
  const Xapian::Query filters = CombinedFilter(request, std::nullopt);
  if (!filters.empty()) editions = Xapian::Query(Xapian::Query::OP_AND, filters, editions);
  Xapian::Enquire enquire = RankingEnquire(db, Filtered(matched, editions), request.sort);
  std::vector<bool> replaced(page.size(), false);
  // ExactPage's match, read here by the MSet's document ids: over shards
  // a document's own get_docid() is its shard's, not the combined one.
  const Xapian::MSet ranked =
      enquire.get_mset(0, static_cast<Xapian::doccount>(ids.size()), db.get_doccount());
  for (auto it = ranked.begin(); it != ranked.end(); ++it) {
    const auto wanted = stands_for.find(*it);
    if (wanted == stands_for.end() || replaced[wanted->second]) continue;
    replaced[wanted->second] = true;
    page[wanted->second] = {it.get_document(), it.get_weight()};
  }
  return 1;
}

void MarkEditionsAlsoMatched(const Xapian::Database& db, const Xapian::Query& matched,
                             const SearchRequest& request, const DocSet* matches,
                             const RevisionSets* sets, std::vector<SearchHit>& hits) {
  const bool any_edition = std::any_of(hits.begin(), hits.end(), [](const SearchHit& hit) {
    return !hit.record.translations.empty() || !hit.record.versions.empty();
  });
  if (!any_edition) return;
  // Which documents match: the counter's bitmap when it has one, else a
  // match over the page's editions alone. The bitmap costs nothing more;
  // the match opened a posting list for each edition's id term (fifteen
  // translations for each hit of a Debian handbook page: a third of such
  // a search).
  std::unordered_set<Xapian::docid> matching;
  if (!matches) {
    // The page's editions, each once (a work's editions are listed by
    // each of its hits).
    std::vector<std::string> editions;
    std::unordered_set<std::string> seen;
    for (const SearchHit& hit : hits) {
      for (const auto* editions_of : {&hit.record.translations, &hit.record.versions}) {
        for (const RelatedEdition& edition : *editions_of) {
          if (seen.insert(edition.id).second) editions.push_back(edition.id);
        }
      }
    }
    Xapian::Query scope = AnyOf(editions);
    const Xapian::Query filters = CombinedFilter(request, std::nullopt);
    if (!filters.empty()) scope = Xapian::Query(Xapian::Query::OP_AND, filters, scope);
    Xapian::Enquire enquire(db);
    enquire.set_query(Filtered(matched, scope));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::MSet found = enquire.get_mset(0, static_cast<Xapian::doccount>(editions.size()));
    matching.insert(found.begin(), found.end());
  }
  const auto matched_id = [&](Xapian::docid id) {
    return matches ? matches->Contains(id) : matching.count(id) > 0;
  };
  // Which of the page's editions are among them, by document id: each
  // edition's id term names its one document. Reading the matches' ids
  // from their term lists instead walked every term of each (a 400-page
  // manual holds tens of thousands).
  for (SearchHit& hit : hits) {
    for (const auto* editions_of : {&hit.record.translations, &hit.record.versions}) {
      for (const RelatedEdition& edition : *editions_of) {
        const Xapian::docid docid = EditionDocid(db, sets, edition.id);
        if (docid != 0 && matched_id(docid)) hit.also_matched.push_back(edition.id);
      }
    }
  }
}

}  // namespace archivist
