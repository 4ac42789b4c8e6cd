// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/works.h"

#include <string>
#include <unordered_map>
#include <unordered_set>
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
                           std::vector<RankedDocument>& page) {
  if (!request.collapse_works || request.prefer_language.empty()) return;
  const Xapian::Query filters = CombinedFilter(request, std::nullopt);
  for (RankedDocument& hit : page) {
    if (hit.document.get_value(schema::kSlotWork).empty() ||
        hit.document.get_value(schema::kSlotLanguage) == request.prefer_language) {
      continue;
    }
    // The editions in the reader's language, as the hit's record lists them.
    Result<DocumentRecord> record = RecordFromJson(hit.document.get_data());
    if (!record.ok()) continue;
    std::vector<std::string> preferred;
    for (const auto* editions : {&record.value().translations, &record.value().versions}) {
      for (const RelatedEdition& edition : *editions) {
        if (edition.language == request.prefer_language) preferred.push_back(edition.id);
      }
    }
    // With every match at hand, a work none of whose preferred editions
    // matched keeps its hit without a ranking pass of its own (most hits'
    // works, on a page of fifteen-language handbook chapters).
    if (matches) {
      std::erase_if(preferred, [&](const std::string& id) {
        const std::string term = schema::IdTerm(id);
        const Xapian::PostingIterator post = db.postlist_begin(term);
        return post == db.postlist_end(term) || !matches->Contains(*post);
      });
    }
    if (preferred.empty()) continue;
    Xapian::Query edition = AnyOf(preferred);
    if (!filters.empty()) edition = Xapian::Query(Xapian::Query::OP_AND, filters, edition);
    Xapian::Enquire enquire = RankingEnquire(db, Filtered(matched, edition), request.sort);
    const Xapian::MSet best = enquire.get_mset(0, 1);
    if (!best.empty()) hit = {best.begin().get_document(), best.begin().get_weight()};
  }
}

void MarkEditionsAlsoMatched(const Xapian::Database& db, const Xapian::Query& matched,
                             const SearchRequest& request, const DocSet* matches,
                             std::vector<SearchHit>& hits) {
  std::vector<std::string> editions;
  std::unordered_set<std::string> seen;
  for (const SearchHit& hit : hits) {
    for (const auto* editions_of : {&hit.record.translations, &hit.record.versions}) {
      for (const RelatedEdition& edition : *editions_of) {
        if (seen.insert(edition.id).second) editions.push_back(edition.id);
      }
    }
  }
  if (editions.empty()) return;
  // Which documents match: the counter's bitmap when it has one, else a
  // match over the page's editions alone. The bitmap costs nothing more;
  // the match opened a posting list for each edition's id term (fifteen
  // translations for each hit of a Debian handbook page: a third of such
  // a search).
  std::unordered_set<Xapian::docid> matching;
  if (!matches) {
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
        const std::string term = schema::IdTerm(edition.id);
        const Xapian::PostingIterator post = db.postlist_begin(term);
        if (post != db.postlist_end(term) && matched_id(*post)) {
          hit.also_matched.push_back(edition.id);
        }
      }
    }
  }
}

}  // namespace archivist
