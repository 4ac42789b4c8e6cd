// SPDX-License-Identifier: GPL-2.0-or-later
// Opening the index, keeping to its latest commit, and searching it: the
// query parsed (engine/user_query.h), matched and counted
// (engine/facet_counter.h), the page drawn as hits (engine/hits.h).
#include "engine/search.h"

#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <unordered_set>

#include "core/schema.h"
#include "engine/candidate_matches.h"
#include "engine/facet_counter.h"
#include "engine/guarded.h"
#include "engine/hits.h"
#include "engine/snippet.h"
#include "engine/spelling.h"
#include "engine/stored_text.h"
#include "engine/user_query.h"
#include "engine/word_pairs.h"
#include "engine/works.h"

namespace archivist {

Searcher::Searcher(std::string path, Xapian::Database db, std::shared_ptr<SearchCache> cache)
    : path_(std::move(path)), db_(std::move(db)), cache_(std::move(cache)) {
  if (!cache_) cache_ = std::make_shared<SearchCache>(kDefaultCachedAnswers);
  // Xapian reports a revision for exactly one local chert or glass
  // database and throws for shards and remote ones.
  try {
    db_.get_revision();
    single_local_ = true;
  } catch (const Xapian::Error&) {
    single_local_ = false;
  }
}

Result<std::unique_ptr<Searcher>> Searcher::Open(const std::string& path,
                                                 std::shared_ptr<SearchCache> cache) {
  // Opening reads the version metadata, which a commit can discard under us:
  // Xapian's advice holds here too, open again and repeat.
  for (int attempt = 1;; ++attempt) {
    try {
      return OpenOnce(path, cache);
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt == kMaxAttempts) {
        return Error{ErrorCode::kUnavailable,
                     "index at " + path + " keeps changing: " + e.get_msg()};
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(attempt - 1));
    }
  }
}

Result<std::unique_ptr<Searcher>> Searcher::OpenOnce(const std::string& path,
                                                     std::shared_ptr<SearchCache> cache) {
  try {
    Xapian::Database db(path);
    const std::string version = db.get_metadata(std::string(schema::kVersionKey));
    if (version != std::to_string(schema::kVersion)) {
      return Error{ErrorCode::kCorrupt, "index at " + path + " has schema version '" + version +
                                            "', this program reads " +
                                            std::to_string(schema::kVersion) +
                                            ": re-index it with archivist-index"};
    }
    return std::unique_ptr<Searcher>(new Searcher(path, std::move(db), std::move(cache)));
  } catch (const Xapian::DatabaseOpeningError& e) {
    return Error{ErrorCode::kUnavailable, "cannot open index at " + path + ": " + e.get_msg()};
  } catch (const Xapian::DatabaseModifiedError&) {
    throw;  // Open() repeats
  } catch (const Xapian::Error& e) {
    return Error{ErrorCode::kUnavailable,
                 "cannot open index at " + path + ": " + e.get_description()};
  }
}

void Searcher::SplitMatchesFrom(Xapian::doccount documents) { split_from_ = documents; }

const Xapian::Database* Searcher::Twin() {
  static const bool several_cores = std::thread::hardware_concurrency() > 1;
  if (!several_cores || db_.get_doccount() < split_from_) return nullptr;
  // A second handle, opened the first time a large pass needs it, reading
  // the revision db_ reads; when a commit comes between the two, this
  // search runs on one core rather than mix revisions.
  if (!twin_) twin_.emplace(path_);
  if (twin_->get_revision() != db_.get_revision()) twin_->reopen();
  if (twin_->get_revision() != db_.get_revision()) return nullptr;
  return &*twin_;
}

Result<Xapian::doccount> Searcher::DocumentCount() {
  try {
    db_.reopen();
    return db_.get_doccount();
  } catch (const Xapian::Error& e) {
    return Error{ErrorCode::kUnavailable, e.get_description()};
  }
}

Result<Xapian::rev> Searcher::PrepareLatest() {
  try {
    db_.reopen();
    const std::optional<IndexState> state = LocalState();
    if (!state) return Xapian::rev{0};
    cache_->Sets(db_, *state);
    return state->revision;
  } catch (const Xapian::Error& e) {
    return Error{ErrorCode::kUnavailable, e.get_description()};
  }
}

Result<SearchPage> Searcher::Search(const SearchRequest& request) {
  return SearchCached(request, /*accept_stale=*/true);
}

Result<SearchPage> Searcher::SearchLatest(const SearchRequest& request) {
  return SearchCached(request, /*accept_stale=*/false);
}

Result<SearchPage> Searcher::SearchUncached(const SearchRequest& request) {
  return Guarded<SearchPage>(
      db_, [&] { return MoveOnBeforeSearch(); }, [&] { return SearchOnce(request); });
}

bool Searcher::MoveOnBeforeSearch() const {
  const std::optional<IndexState> state = LocalState();
  return !state || cache_->ShouldReopen(*state);
}

Result<SearchPage> Searcher::SearchCached(const SearchRequest& request, bool accept_stale) {
  // Whoever asks for the latest answer gets it; a search that may be
  // answered from an earlier commit may also be read at one, the newest
  // whose facet sets are built, when they are built in the background.
  const auto reopen_first = [&] { return !accept_stale || MoveOnBeforeSearch(); };
  return Guarded<SearchPage>(db_, reopen_first, [&] {
    const std::optional<IndexState> state = LocalState();
    if (!state) return SearchOnce(request);
    std::shared_ptr<SearchPage> computed;
    SearchCache::Answer answer = cache_->FindOrCompute(
        *state, AnswerKey(request),
        [&] {
          computed = std::make_shared<SearchPage>(SearchOnce(request));
          return computed;
        },
        accept_stale);
    // An answer computed here that the cache did not keep (the answer
    // cache off, or a reader behind the times) is nobody else's: it is
    // moved out rather than copied, hit by hit with each hit's editions
    // (issue 15: a copy of ten handbook chapters' pages is a hundred and
    // fifty editions).
    if (computed && answer.page == computed) answer.page.reset();
    SearchPage page = answer.page                 ? *answer.page
                      : computed.use_count() == 1 ? std::move(*computed)
                                                  : *computed;
    page.from_earlier_commit = answer.stale;
    return page;
  });
}

std::optional<IndexState> Searcher::LocalState() const {
  if (!single_local_) return std::nullopt;
  return IndexState{db_.get_uuid(), db_.get_revision()};
}

SearchPage Searcher::SearchOnce(const SearchRequest& request) {
  // `text` as the user wrote it draws the snippets; `matched`, the same
  // matches and weights with phrases of frequent words read from pair
  // terms, is what the matcher runs. Every shard holds the same pair words
  // (the writer gives them all).
  const Xapian::Query text = ParseUserQuery(db_, request);
  const Xapian::Query matched = WithWordPairs(text, db_);
  // Without facets the matcher alone counts the total; the sets would only
  // cost their building (exports read pinned, older revisions).
  const std::optional<IndexState> local = LocalState();
  const std::optional<IndexState> state = request.with_facets ? local : std::nullopt;
  std::shared_ptr<const RevisionSets> sets;
  std::unique_ptr<FacetCounter> counter;
  if (state) {
    sets = cache_->Sets(db_, *state);
    counter = NewBitmapFacetCounter(db_, *sets, [this] { return Twin(); });
  } else {
    counter = NewSpyFacetCounter(db_);
  }
  CountedMatches found = counter->Match(matched, request);
  ShowPreferredEditions(db_, matched, request, found.matches.get(), sets.get(), found.page);

  SearchPage page;
  page.total = found.total;
  page.total_documents = found.total_documents;
  SharedMatches shared;
  if (local) shared = {&cache_->candidate_matches(), local->uuid, local->revision};
  page.hits = HitsOf(db_, found.page, text, request, shared);
  MarkEditionsAlsoMatched(db_, matched, request, found.matches.get(), sets.get(), page.hits);
  if (request.with_snippets) page.spelling_suggestion = SpellingSuggestion(db_, request);
  page.facets = std::move(found.facets);
  return page;
}

Xapian::Document Searcher::FindDocument(const std::string& id) {
  const std::string term = schema::IdTerm(id);
  Xapian::PostingIterator it = db_.postlist_begin(term);
  if (it == db_.postlist_end(term)) throw Xapian::DocNotFoundError("no document " + id);
  return db_.get_document(*it);
}

Result<StoredDocument> Searcher::Document(const std::string& id, const std::string& query) {
  return GuardedAtLatest<StoredDocument>(db_, [&]() -> Result<StoredDocument> {
    const std::string term = schema::IdTerm(id);
    if (id.empty() || db_.get_termfreq(term) == 0) {
      return Error{ErrorCode::kNotFound, "no document with id " + id};
    }
    const Xapian::Document doc = FindDocument(id);
    Result<DocumentRecord> record = StoredRecordOf(doc);
    if (!record.ok()) return record.error();
    StoredDocument stored;
    stored.record = std::move(record).value();
    const std::string text = StoredTextOf(doc);
    std::size_t begin = 0;
    while (true) {
      const std::size_t end = text.find(schema::kPageBreak, begin);
      stored.pages.push_back(text.substr(begin, end == std::string::npos ? end : end - begin));
      if (end == std::string::npos) break;
      begin = end + 1;
    }
    SearchRequest parsed;
    parsed.query = query;
    const Xapian::Query text_query = ParseUserQuery(db_, parsed);
    const std::unordered_set<std::string> terms(text_query.get_unique_terms_begin(),
                                                text_query.get_unique_terms_end());
    const SnippetRequest snippet = SnippetRequestFor(&terms, stored.record);
    stored.snippet = MakeSnippet(text, snippet);
    if (!terms.empty()) {
      stored.matched_words = WordsMatching(text, snippet);
      stored.matching_pages = PagesMatching(text, snippet, text.size(), text.size());
    }
    return stored;
  });
}

}  // namespace archivist
