// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/works.h"

#include <set>
#include <string>
#include <unordered_set>

#include "core/schema.h"
#include "engine/facet_filters.h"
#include "engine/hits.h"

namespace archivist {

std::vector<std::uint32_t> ReadWorkOrdinals(const Xapian::Database& db,
                                            Xapian::docid last_docid) {
  std::vector<std::uint32_t> ordinals(static_cast<std::size_t>(last_docid) + 1, 0);
  const std::string prefix(schema::kWorkPrefix);
  std::uint32_t next = 0;
  for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
    ++next;
    for (auto post = db.postlist_begin(*term); post != db.postlist_end(*term); ++post) {
      if (*post <= last_docid) ordinals[*post] = next;
    }
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

void ShowPreferredEditions(const Xapian::Database& db, const Xapian::Query& matched,
                           const SearchRequest& request, std::vector<RankedDocument>& page) {
  if (!request.collapse_works || request.prefer_language.empty()) return;
  const Xapian::Query filters = CombinedFilter(request, std::nullopt);
  const Xapian::Query language(schema::LanguageTerm(request.prefer_language));
  for (RankedDocument& hit : page) {
    const std::string work = hit.document.get_value(schema::kSlotWork);
    if (work.empty() || hit.document.get_value(schema::kSlotLanguage) == request.prefer_language) {
      continue;
    }
    Xapian::Query edition(Xapian::Query::OP_AND, Xapian::Query(schema::WorkTerm(work)), language);
    if (!filters.empty()) edition = Xapian::Query(Xapian::Query::OP_AND, filters, edition);
    Xapian::Enquire enquire = RankingEnquire(db, Filtered(matched, edition), request.sort);
    const Xapian::MSet best = enquire.get_mset(0, 1);
    if (!best.empty()) hit = {best.begin().get_document(), best.begin().get_weight()};
  }
}

void MarkEditionsAlsoMatched(const Xapian::Database& db, const Xapian::Query& matched,
                             const SearchRequest& request, std::vector<SearchHit>& hits) {
  std::vector<Xapian::Query> works;
  std::set<std::string> seen;
  std::size_t editions = 0;
  for (const SearchHit& hit : hits) {
    if (hit.record.work.empty() || !seen.insert(hit.record.work).second) continue;
    works.emplace_back(schema::WorkTerm(hit.record.work));
    editions += 1 + hit.record.translations.size() + hit.record.versions.size();
  }
  if (works.empty()) return;
  Xapian::Query scope(Xapian::Query::OP_OR, works.begin(), works.end());
  const Xapian::Query filters = CombinedFilter(request, std::nullopt);
  if (!filters.empty()) scope = Xapian::Query(Xapian::Query::OP_AND, filters, scope);
  Xapian::Enquire enquire(db);
  enquire.set_query(Filtered(matched, scope));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::MSet found = enquire.get_mset(0, static_cast<Xapian::doccount>(editions));
  // Which of the page's editions are among them, by document id: each
  // edition's id term names its one document. Reading the matches' ids
  // from their term lists instead walked every term of each (a 400-page
  // manual holds tens of thousands).
  std::unordered_set<Xapian::docid> matching(found.begin(), found.end());
  for (SearchHit& hit : hits) {
    for (const auto* editions_of : {&hit.record.translations, &hit.record.versions}) {
      for (const RelatedEdition& edition : *editions_of) {
        const std::string term = schema::IdTerm(edition.id);
        const Xapian::PostingIterator post = db.postlist_begin(term);
        if (post != db.postlist_end(term) && matching.count(*post)) {
          hit.also_matched.push_back(edition.id);
        }
      }
    }
  }
}

}  // namespace archivist
