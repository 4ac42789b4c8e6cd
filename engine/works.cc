// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/works.h"

#include <string>

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

}  // namespace archivist
