// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/hits.h"

#include <algorithm>
#include <numeric>
#include <optional>
#include <string>
#include <unordered_set>

#include "core/schema.h"
#include "core/text_sections.h"
#include "engine/query_positions.h"
#include "engine/snippet.h"
#include "engine/stored_text.h"

namespace archivist {
namespace {

std::unordered_set<std::string> TermsOf(const Xapian::Query& query) {
  return {query.get_unique_terms_begin(), query.get_unique_terms_end()};
}

// The stored record of a hit's document; a record that cannot be read is a
// damaged index.
DocumentRecord RecordOf(const Xapian::Document& doc) {
  Result<DocumentRecord> record = StoredRecordOf(doc);
  if (!record.ok()) throw Xapian::DatabaseCorruptError(record.error().message);
  return std::move(record).value();
}

// One hit, with a snippet drawn with the query's terms: from the sections
// their positions point to when the document has sections (`layout`, its
// kSlotTextSections), else by reading its text. `later_alike` as
// QueryPositions::In takes it.
SearchHit HitOf(const Xapian::Document& doc, double weight, DocumentRecord record,
                std::string layout, const std::unordered_set<std::string>& query_terms,
                QueryPositions* positions, const std::vector<Xapian::docid>& later_alike,
                WordMatchMemo& memo, const SearchRequest& request) {
  SearchHit hit;
  hit.record = std::move(record);
  hit.weight = weight;
  if (!request.with_snippets) return hit;
  const SnippetRequest snippet = SnippetRequestFor(&query_terms, hit.record, &memo);
  const std::optional<TextSectionTable> sections = TextSectionTable::Read(std::move(layout));
  if (sections && !sections->empty()) {
    std::vector<MatchedPosition> matches;
    if (positions) {
      matches = positions->In(doc.get_docid(), hit.record, *sections, later_alike);
    }
    StoredTextReader text(doc, sections->text_size());
    hit.snippet = MakeSnippetInSections(text, *sections, matches, snippet);
    if (hit.record.pages > 1) hit.matching_pages = PagesOfPositions(*sections, matches);
    return hit;
  }
  // An index written before text layouts: the whole text, in one value.
  const std::string doc_text = doc.get_value(schema::kSlotText);
  hit.snippet = MakeSnippet(doc_text, snippet);
  if (hit.record.pages > 1) hit.matching_pages = PagesMatching(doc_text, snippet);
  return hit;
}

}  // namespace

RankOrder RankOrderOf(SortOrder sort) {
  // Undated documents go last either way: "" sorts last when reversed, and
  // the oldest-first slot holds "~" for them.
  if (sort == SortOrder::kNewest) return {schema::kSlotDate, /*reverse=*/true};
  if (sort == SortOrder::kOldest) return {schema::kSlotDateOldestFirst, /*reverse=*/false};
  return {};
}

Xapian::Enquire RankingEnquire(const Xapian::Database& db, const Xapian::Query& query,
                               SortOrder sort) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_time_limit(kQueryTimeLimitSeconds);
  RankOrderOf(sort).ApplyTo(enquire);
  return enquire;
}

std::vector<RankedDocument> RankedOf(const Xapian::MSet& mset) {
  std::vector<RankedDocument> ranked;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    ranked.push_back({it.get_document(), it.get_weight()});
  }
  return ranked;
}

std::vector<RankedDocument> ExactPage(Xapian::Enquire& enquire, const Xapian::Database& db,
                                      Xapian::doccount first, Xapian::doccount count) {
  // check_at_least covering the database: the matcher never raises the
  // weight a candidate must reach, so no operator is narrowed.
  return RankedOf(enquire.get_mset(first, count, db.get_doccount()));
}

std::vector<SearchHit> HitsOf(const Xapian::Database& db, const std::vector<RankedDocument>& ranked,
                              const Xapian::Query& text, const SearchRequest& request,
                              const SharedMatches& shared) {
  std::vector<SearchHit> hits;
  // A blank query (Xapian::Query of the empty term) has no terms: pages
  // browsed without a query get the start of their text.
  const std::unordered_set<std::string> query_terms =
      request.with_snippets ? TermsOf(text) : std::unordered_set<std::string>{};
  std::optional<QueryPositions> positions;
  if (!query_terms.empty()) positions.emplace(db, query_terms, shared);
  // The hits of a page share their words' matches: most of a page is in
  // one or two languages.
  WordMatchMemo memo;
  // Xapian reads every value slot through one cursor, which keeps the
  // blocks it read last; each hit's section table and text blocks lie in
  // other slots. Read slot by slot and in document order, a page's values
  // re-read fewer blocks than hit by hit (the record, section table and
  // first text block of ten hits: 49-58 block reads against 69-77).
  std::vector<std::size_t> order(ranked.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return ranked[a].document.get_docid() < ranked[b].document.get_docid();
  });
  std::vector<DocumentRecord> records(ranked.size());
  for (const std::size_t i : order) records[i] = RecordOf(ranked[i].document);
  std::vector<std::string> layouts(ranked.size());
  if (request.with_snippets) {
    for (const std::size_t i : order) {
      layouts[i] = ranked[i].document.get_value(schema::kSlotTextSections);
    }
  }
  if (positions) {
    std::vector<Xapian::docid> page;
    page.reserve(ranked.size());
    for (const RankedDocument& r : ranked) page.push_back(r.document.get_docid());
    positions->ForPage(std::move(page));
  }
  hits.resize(ranked.size());
  std::vector<Xapian::docid> later_alike;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t i = order[k];
    // The hits drawn after this one in its language, which stemming the
    // query's candidates once would serve as well as this one.
    later_alike.clear();
    for (std::size_t l = k + 1; l < order.size(); ++l) {
      if (records[order[l]].language == records[i].language) {
        later_alike.push_back(ranked[order[l]].document.get_docid());
      }
    }
    hits[i] =
        HitOf(ranked[i].document, ranked[i].weight, std::move(records[i]), std::move(layouts[i]),
              query_terms, positions ? &*positions : nullptr, later_alike, memo, request);
  }
  return hits;
}

}  // namespace archivist
