// SPDX-License-Identifier: GPL-2.0-or-later
// Showing each work once (issue 15): the editions of one work (translations
// and versions, DocumentRecord::work, the value in kSlotWork) are one hit.
// Xapian collapses the page itself (Enquire::set_collapse_key); what is
// here counts works exactly, on either facet path, and puts in each work's
// place its edition in the reader's language. Internal to the engine.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include <xapian.h>

#include "engine/doc_set.h"
#include "engine/search_request.h"
#include "engine/split_match.h"

namespace archivist {

// Every document's work as a small number, by document id (0: none), read
// from kSlotWork; what RevisionSets keeps to count works on bitmaps.
std::vector<std::uint32_t> ReadWorkOrdinals(const Xapian::Database& db, Xapian::docid last_docid);

// Every edition of a work up to `last_docid` (a document with a value in
// kSlotWork): its id, read from kSlotLocations, as a number, and its
// document id; sorted. A document whose id is not 16 hex digits is left
// out (EditionDocid then answers 0 for it). What RevisionSets keeps.
std::vector<std::pair<std::uint64_t, Xapian::docid>> ReadEditionDocids(const Xapian::Database& db,
                                                                       Xapian::docid last_docid);

// The works among `docs`: each document without a work, plus each work
// holding one of them once.
Xapian::doccount CountWorks(const DocSet& docs, const RevisionSets& sets);

// The same count from a ValueCountMatchSpy on kSlotWork that saw all
// `documents` (it ignores empty values: those are the works of one document).
Xapian::doccount CountWorks(const Xapian::ValueCountMatchSpy& work_spy, Xapian::doccount documents);

// Makes `enquire` show each work once, keeping the best-ranked edition.
void CollapseWorks(Xapian::Enquire& enquire);

// For a request that collapses works and prefers a language: each hit of
// `page` that is an edition of a work, in another language, is replaced by
// the best-ranked edition in the preferred language among those `matched`
// and the request's filters let through, when there is one. `matches`,
// when not null, is every document those let through (CountedMatches::
// matches, a bitmap of `db`'s revision): editions outside it are passed
// over without ranking them. The page's order (the works') is unchanged.
// `sets`, when not null, is `db`'s revision's: editions are found by their
// id in it instead of by their id terms. The preferred editions of every
// hit are ranked together: returns the ranking passes run, 0 or 1. Throws
// what Xapian throws.
Xapian::doccount ShowPreferredEditions(const Xapian::Database& db, const Xapian::Query& matched,
                                       const SearchRequest& request, const DocSet* matches,
                                       const RevisionSets* sets, std::vector<RankedDocument>& page);

// For each hit of `hits` that is an edition of a work: which of its other
// editions (record.translations and versions) the search matched too, with
// the request's filters, into SearchHit::also_matched: looked up in
// `matches`, every document the search matched under its filters, when the
// facet counter has them (CountedMatches::matches, a bitmap of `db`'s
// revision); else found by one match over the page's editions only.
// Nothing for a page without works. `sets`, when not null, is the
// revision's of `matches`: editions are found by their id in it instead of
// by their id terms. Throws what Xapian throws.
void MarkEditionsAlsoMatched(const Xapian::Database& db, const Xapian::Query& matched,
                             const SearchRequest& request, const DocSet* matches,
                             const RevisionSets* sets, std::vector<SearchHit>& hits);

}  // namespace archivist
