// SPDX-License-Identifier: GPL-2.0-or-later
// The export listing: every document a request matches, as ids that stay
// good across commits, and their records read later.
#include <vector>

#include "engine/facet_filters.h"
#include "engine/guarded.h"
#include "engine/hits.h"
#include "engine/search.h"
#include "engine/user_query.h"
#include "engine/word_pairs.h"
#include "engine/works.h"

namespace archivist {

Result<std::vector<Xapian::docid>> Searcher::MatchingIds(const SearchRequest& request) {
  return GuardedAtLatest<std::vector<Xapian::docid>>(db_, [&] {
    Xapian::Enquire enquire(db_);
    const Xapian::Query text = WithWordPairs(ParseUserQuery(db_, request), db_);
    enquire.set_query(Filtered(text, CombinedFilter(request, std::nullopt)));
    RankOrderOf(request.sort).ApplyTo(enquire);
    // One row per work, as the search shows it: its best-ranked edition,
    // or its edition in the preferred language when that one matched.
    if (request.collapse_works) CollapseWorks(enquire);
    // No time limit: a matcher cut short would drop rows from an export
    // without a word.
    const Xapian::MSet mset = enquire.get_mset(0, db_.get_doccount());
    std::vector<Xapian::docid> ids;
    ids.reserve(mset.size());
    if (request.collapse_works && !request.prefer_language.empty()) {
      std::vector<RankedDocument> shown;
      shown.reserve(mset.size());
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        shown.push_back({it.get_document(), it.get_weight()});
      }
      ShowPreferredEditions(db_, text, request, /*matches=*/nullptr, /*sets=*/nullptr, shown);
      for (const RankedDocument& hit : shown) ids.push_back(hit.document.get_docid());
      return ids;
    }
    for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(*it);
    return ids;
  });
}

Result<std::vector<DocumentRecord>> Searcher::Records(std::span<const Xapian::docid> ids) {
  return GuardedAtLatest<std::vector<DocumentRecord>>(
      db_, [&]() -> Result<std::vector<DocumentRecord>> {
        std::vector<DocumentRecord> records;
        records.reserve(ids.size());
        for (Xapian::docid id : ids) {
          Xapian::Document doc;
          try {
            doc = db_.get_document(id);
          } catch (const Xapian::DocNotFoundError&) {
            continue;  // deleted since the ids were read
          }
          Result<DocumentRecord> record = StoredRecordOf(doc);
          if (!record.ok()) return record.error();
          records.push_back(std::move(record).value());
        }
        return records;
      });
}

}  // namespace archivist
