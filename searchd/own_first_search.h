// SPDX-License-Identifier: GPL-2.0-or-later
// searchd's own first search. What a process builds on first use (the stop
// word lists and stemmers of the query's readings, the names of the facets'
// languages and countries, the answer's writers) and the reader's first
// look at its tables made the first search after a start cost twice a
// later one (issue 19: 8-10 ms against 5 for `package` on the bench
// corpus). searchd answers one search of its own, for a word many
// documents hold, once the first facet sets are built and before it takes
// connections (SetsWarmer's first look), and keeps nothing of its answer.
// Started before its index exists, searchd makes that search when the
// index's first commit is built.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace archivist::searchd {

class ReaderPool;  // searchd/reader_pool.h

struct OwnSearch {
  std::string word;       // what it searched for (Searcher::FrequentWord)
  std::size_t hits = 0;   // hits on its page
  std::size_t bytes = 0;  // its answer's JSON, written and thrown away
};

// Searches, with a reader borrowed from `readers`, for a frequent word of
// the index, at the default page size and UI language, and writes the
// answer as /api/search would, then drops it; the answer cache is left
// as it was, and the search has the default time budget (5 s). Nothing
// when there is no index, no such word, or the search fails (logged).
std::optional<OwnSearch> AnswerOwnFirstSearch(ReaderPool& readers);

}  // namespace archivist::searchd
