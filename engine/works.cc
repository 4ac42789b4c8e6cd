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

}  // namespace

void ShowPreferredEditions(const Xapian::Database& db, const Xapian::Query& matched,
                           const SearchRequest& request, const DocSet* matches,
                           const RevisionSets* sets, std::vector<RankedDocument>& page) {
  if (!request.collapse_works || request.prefer_language.empty()) return;
  const Xapian::Query filters = CombinedFilter(request, std::nullopt);
  for (RankedDocument& hit : page) {
    if (hit.document.get_value(schema::kSlotWork).empty() ||
        hit.document.get_value(schema::kSlotLanguage) == request.prefer_language) {
      continue;
    }
    // The editions in the reader's language, as the hit's editions slot
    // lists them (or, written before it, its record).
    DocumentRecord record;
    const std::string packed = hit.document.get_value(schema::kSlotEditions);
    if (packed.empty()) {
      Result<DocumentRecord> stored = StoredRecordOf(hit.document);
      if (!stored.ok()) continue;
      record = std::move(stored).value();
    } else if (!UnpackEditions(packed, record)) {
      continue;
    }
    std::vector<std::string> preferred;
    for (const auto* editions : {&record.translations, &record.versions}) {
      for (const RelatedEdition& edition : *editions) {
        if (edition.language == request.prefer_language) preferred.push_back(edition.id);
      }
    }
    // With every match at hand, a work none of whose preferred editions
    // matched keeps its hit without a ranking pass of its own (most hits'
    // works, on a page of fifteen-language handbook chapters).
    if (matches) {
      std::erase_if(preferred, [&](const std::string& id) {
        const Xapian::docid docid = EditionDocid(db, sets, id);
        return docid == 0 || !matches->Contains(docid);
      });
    }
    if (preferred.empty()) continue;
    Xapian::Query edition = AnyOf(preferred);
    if (!filters.empty()) edition = Xapian::Query(Xapian::Query::OP_AND, filters, edition);
    Xapian::Enquire enquire = RankingEnquire(db, Filtered(matched, edition), request.sort);
    // A few editions at most: the exact match costs nothing more.
    const std::vector<RankedDocument> best = ExactPage(enquire, db, 0, 1);
    if (!best.empty()) hit = best.front();
  }
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
