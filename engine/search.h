// SPDX-License-Identifier: GPL-2.0-or-later
// Searching the index: the one public class of the read engine. Query
// parsing with the shared text analysis, facet filters and exact facet
// counts, sorting, paging and snippets; documents, similar documents,
// completions, statistics and the export listing.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <xapian.h>

#include "core/error.h"
#include "core/record.h"
#include "engine/search_cache.h"
#include "engine/search_request.h"

namespace archivist {

// Answers kept by a Searcher opened without a shared cache.
inline constexpr std::size_t kDefaultCachedAnswers = 256;

// One reader of one index. Not thread-safe: give each thread its own, and
// let the threads reading one index share one SearchCache.
//
// On a single local database, facets are counted from bitmaps of each facet
// value's documents (shared per revision through the cache) and answers are
// cached per revision. On shards and remote databases, where Xapian reports
// no revision, facets are counted with Xapian's own ValueCountMatchSpy,
// which xapian-tcpsrv can run, and nothing is cached.
class Searcher {
 public:
  // Opens the index at `path` (a database directory or a stub file).
  // `cache` is shared with the other readers of the same index; without
  // one the searcher keeps its own of kDefaultCachedAnswers answers.
  // kUnavailable when there is none; kCorrupt when its schema version is not ours.
  static Result<std::unique_ptr<Searcher>> Open(const std::string& path,
                                                std::shared_ptr<SearchCache> cache = nullptr);

  // Runs one search on the latest committed state of the index or, when the
  // cache's facet sets are prepared in the background (searchd), on the
  // newest state whose sets are built (SearchCache::ShouldReopen: a search
  // right after a commit reads the one before until the new one's sets are
  // built, within the cache's stale allowance and at most
  // SearchCache::kLongestStayBehind). The answer may come
  // from the cache: one computed at that state or, within the cache's stale
  // allowance, at an earlier one (from_earlier_commit).
  // kInvalidArgument for a query Xapian cannot parse (with its message),
  // kUnavailable when the index keeps changing under the search.
  Result<SearchPage> Search(const SearchRequest& request);

  // Like Search, but always reads the latest commit (building or waiting
  // for its facet sets) and never answers from an earlier one:
  // for whoever brings a stale cached answer up to date, which it stores.
  Result<SearchPage> SearchLatest(const SearchRequest& request);

  // Like Search, but the answer is neither looked for in the cache nor
  // kept there: a search of searchd's own (searchd/own_first_search.h),
  // which must not stand in the cache for a user's.
  Result<SearchPage> SearchUncached(const SearchRequest& request);

  // Every document `request` matches, in its order, at the latest commit
  // (paging, facets and snippets aside): what an export walks. A document
  // keeps its id across commits (the indexer replaces a changed file's
  // document in place), so the ids stay good while the index changes.
  Result<std::vector<Xapian::docid>> MatchingIds(const SearchRequest& request);

  // The records of `ids` at the latest commit, in that order; the ids of
  // documents deleted since are left out.
  Result<std::vector<DocumentRecord>> Records(std::span<const Xapian::docid> ids);

  // Number of documents in the latest committed state.
  Result<Xapian::doccount> DocumentCount();

  // Moves to the latest commit and builds its facet value sets in the
  // shared cache, unless built already, so that the first search after a
  // start or a commit does not pay for them (searchd calls it from a
  // background thread). Returns the revision prepared; 0 for shards and
  // remote databases, which keep no sets.
  Result<Xapian::rev> PrepareLatest();

  // The stored record and page texts of document `id`; kNotFound when the
  // index holds no such document. With a `query`, also the words of the
  // document that match it and the pages holding them, as snippets mark
  // them (stemmed and accent-folded as the document was indexed), and the
  // snippet a hit would show;
  // kInvalidArgument for a query Xapian cannot parse.
  Result<StoredDocument> Document(const std::string& id, const std::string& query = "");

  // Up to `limit` documents most like document `id` (Xapian's relevance
  // feedback: the document's best free-text terms, ORed), best first,
  // without the document itself and without snippets. kNotFound for an
  // unknown id.
  Result<std::vector<SearchHit>> Similar(const std::string& id, Xapian::doccount limit);

  // Completions for `typed` as a user types it: the last word completed from
  // the index's words (most frequent first), and documents whose title
  // matches the words so far (the last one as a prefix). At most `limit` of each.
  Result<Suggestions> Suggest(const std::string& typed, std::size_t limit);

  // A word many documents hold, for a search of searchd's own: of the
  // first few thousand words of the index from "a" on (numbers, prefixed
  // terms, words under four letters and stop words left out), the one the
  // most documents hold. Empty when there is none.
  Result<std::string> FrequentWord();

  // An overview of the whole index: counts, every facet (unless
  // `with_facets` is false, which makes it cheap), last index time.
  Result<IndexStats> Stats(bool with_facets = true);

  // On an index of at least this many documents, a search whose matches
  // need the matcher itself (phrases, NEAR, wildcards, ranges) is matched
  // in two halves at once, on two cores. Tests lower it to see both ways.
  static constexpr Xapian::doccount kSplitMatchesFrom = 20000;
  void SplitMatchesFrom(Xapian::doccount documents);

 private:
  Searcher(std::string path, Xapian::Database db, std::shared_ptr<SearchCache> cache);
  // Throws Xapian::DatabaseModifiedError for Open() to repeat.
  static Result<std::unique_ptr<Searcher>> OpenOnce(const std::string& path,
                                                    std::shared_ptr<SearchCache> cache);
  // The state db_ is open at; nullopt for shards and remote databases.
  std::optional<IndexState> LocalState() const;
  // Whether a search moves db_ to the latest commit first
  // (SearchCache::ShouldReopen); always on shards and remote databases.
  bool MoveOnBeforeSearch() const;
  Result<SearchPage> SearchCached(const SearchRequest& request, bool accept_stale);
  // One search at the revision db_ is open at: the query parsed, the
  // matches found and facets counted by one of the two FacetCounters
  // (engine/facet_counter.h), then hits, snippets and spelling.
  SearchPage SearchOnce(const SearchRequest& request);
  Xapian::Document FindDocument(const std::string& id);
  // A second handle on the revision db_ reads, for matching in halves; null
  // when the pass is too small to split or the handle cannot follow.
  const Xapian::Database* Twin();

  std::string path_;
  Xapian::Database db_;
  std::optional<Xapian::Database> twin_;
  Xapian::doccount split_from_ = kSplitMatchesFrom;
  std::shared_ptr<SearchCache> cache_;
  bool single_local_ = false;  // one local database: it has a revision
};

}  // namespace archivist
