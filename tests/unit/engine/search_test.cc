// SPDX-License-Identifier: GPL-2.0-or-later
// Every search test runs on both ways of counting facets: a local database
// (bitmaps) and two remote shards (match spies), with the same totals,
// hits and counts expected (tests/unit/engine/search_fixture.h).
#include "engine/search.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "core/schema.h"
#include "engine/search_cache.h"
#include "engine/search_request.h"
#include "engine/user_query.h"
#include "tests/unit/engine/search_fixture.h"

namespace archivist {
namespace {

class SearchTest : public SearchIndexTest, public ::testing::WithParamInterface<Layout> {
 protected:
  Layout layout() const override { return GetParam(); }
};

INSTANTIATE_TEST_SUITE_P(BothFacetCounters, SearchTest,
                         ::testing::Values(Layout::kLocal, Layout::kRemoteShards), LayoutName);

TEST_P(SearchTest, FindsByStemAndRanksTitleMatchesFirst) {
  SearchRequest request;
  request.query = "grooming";
  const SearchPage page = Search(request);
  EXPECT_EQ(page.total, 2u);
  ASSERT_FALSE(page.hits.empty());
  EXPECT_EQ(page.hits[0].record.id, "a1");
  EXPECT_NE(page.hits[0].snippet.find("<mark>grooming</mark>"), std::string::npos);
}

TEST_P(SearchTest, AccentsAndElisionsMatchBothWays) {
  for (const char* query : {"kaka", "Kaká", "exploitation", "bresil"}) {
    SearchRequest request;
    request.query = query;
    const auto ids = Ids(Search(request));
    EXPECT_NE(std::find(ids.begin(), ids.end(), "a2"), ids.end()) << query;
  }
}

// Issue 4: a French query reaches French text through French stems, with
// French stop words ("les") dropped from the French reading.
TEST_P(SearchTest, FrenchInflectionsFindTheFrenchPostFirst) {
  SearchRequest request;
  request.query = "les exploitations sexuelles";
  const auto ids = Ids(Search(request));
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids.front(), "a2");
}

TEST_P(SearchTest, AQueryOfStopWordsOnlyIsStillSearched) {
  SearchRequest request;
  request.query = "des";  // a French stop word, and all the query is
  request.query_language = "fr";
  EXPECT_EQ(Ids(Search(request)), std::vector<std::string>{"a2"});
}

// Issue 18: a lower-case "and" is not a search word in any reading (a Dutch
// page quoting English held it as a Dutch stem), while "AND" stays an
// operator.
TEST_P(SearchTest, ALowerCaseAndIsNoSearchWordButAndIsAnOperator) {
  {
    auto writer = OpenWriter();
    DocumentRecord r;
    r.id = "b1";
    r.root = "/archive";
    r.path = "b1.html";
    r.title = "Handleiding";
    r.language = "nl";
    r.type = "web_page";
    writer->Put(BuildIndexableDocument(r, {"Run make and make install, and then reboot."}));
    writer->Commit();
  }
  SearchRequest request;
  request.query = "grooming and brazil";
  const auto ids = Ids(Search(request));
  EXPECT_EQ(std::find(ids.begin(), ids.end(), "b1"), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "a1"), ids.end());
  request.query = "grooming AND children";
  EXPECT_EQ(Ids(Search(request)), std::vector<std::string>{"a1"});
}

// Issue 18: a document holding every word of a query ranks above one
// holding one of them many times.
TEST_P(SearchTest, DocumentsHoldingEveryWordRankFirst) {
  std::string long_text;
  for (int i = 0; i < 40; ++i) long_text += "The committee met again to discuss the budget. ";
  AddDocument("c1", "Zebra crossings and grooming. " + long_text);
  AddDocument("c2", "Zebra zebra zebra zebra zebra zebra zebra zebra.");
  AddDocument("c3", "Zebra zebra in the zoo.");
  SearchRequest request;
  request.query = "zebra grooming";
  const auto ids = Ids(Search(request));
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids.front(), "c1");
}

TEST_P(SearchTest, UnknownLanguageDocumentsMatchUnstemmedWords) {
  SearchRequest request;
  request.query = "mensenhandel";
  EXPECT_EQ(Ids(Search(request)), std::vector<std::string>{"a4"});
}

TEST_P(SearchTest, NothingMatchesGivesAnEmptyPage) {
  SearchRequest request;
  request.query = "zzzqqqxxx";
  const SearchPage page = Search(request);
  EXPECT_EQ(page.total, 0u);
  EXPECT_TRUE(page.hits.empty());
}

TEST_P(SearchTest, UnparsableQueryIsInvalidArgumentWithXapiansMessage) {
  SearchRequest request;
  request.query = "grooming AND";
  Result<SearchPage> page = searcher_->Search(request);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(page.error().message.find("Syntax: <expression> AND <expression>"), std::string::npos)
      << page.error().message;
}

// Issue 17's wildcard bomb: each wildcard expanded to its own 500 terms,
// so 399 of them ORed took 19 s and 300 MB. Over kMaxWildcardsPerQuery the
// query is refused, saying which limit; at the limit it is answered.
std::string OredWildcards(std::size_t count) {
  std::string query = "groom*";
  for (std::size_t i = 1; i < count; ++i) query += " OR zq" + std::to_string(i) + "*";
  return query;
}

TEST_P(SearchTest, AQueryOfTooManyWildcardsIsRefusedSayingWhichLimit) {
  SearchRequest request;
  request.query = OredWildcards(399);
  Result<SearchPage> page = searcher_->Search(request);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(page.error().message.find("too many wildcards: 399 (at most 32 per query)"),
            std::string::npos)
      << page.error().message;
}

TEST_P(SearchTest, WildcardsUpToTheLimitAreAnswered) {
  for (const std::size_t count : {std::size_t{1}, kMaxWildcardsPerQuery}) {
    SearchRequest request;
    request.query = OredWildcards(count);
    const SearchPage page = Search(request);
    EXPECT_EQ(page.total, 2u) << count;  // "grooming", as the stem search finds
    const auto ids = Ids(page);
    EXPECT_NE(std::find(ids.begin(), ids.end(), "a1"), ids.end()) << count;
  }
  EXPECT_EQ(WildcardExpansionFor(1), kMaxWildcardExpansion);
  EXPECT_EQ(WildcardExpansionFor(kMaxWildcardsPerQuery),
            kMaxExpandedTermsPerQuery / kMaxWildcardsPerQuery);
}

TEST_P(SearchTest, FacetsAreDisjunctiveWithinAndConjunctiveAcross) {
  SearchRequest request;  // browse everything
  request.countries = {"BR"};
  const SearchPage page = Search(request);
  EXPECT_EQ(page.total, 2u);  // a2, a3
  // Country is counted without its own filter: every country stays visible.
  EXPECT_EQ(Count(page, Facet::kCountry, "BE"), 2u);
  EXPECT_EQ(Count(page, Facet::kCountry, "BR"), 2u);
  EXPECT_EQ(Count(page, Facet::kCountry, "NL"), 1u);
  // Other facets are counted within the selection.
  EXPECT_EQ(Count(page, Facet::kLanguage, "fr"), 1u);
  EXPECT_EQ(Count(page, Facet::kLanguage, "en"), 1u);
  EXPECT_EQ(Count(page, Facet::kLanguage, "nl"), 0u);

  request.countries = {"BR", "NL"};  // OR within the facet
  EXPECT_EQ(Search(request).total, 3u);
  request.languages = {"en"};  // AND across facets
  EXPECT_EQ(Ids(Search(request)), std::vector<std::string>{"a3"});
}

// The query syntax names the language as the filter parameter does
// ("language"); "lang", its older name, stays an alias.
TEST_P(SearchTest, TheLanguageFieldOfAQueryMatchesTheLanguageFilter) {
  SearchRequest filtered;
  filtered.languages = {"fr"};
  const std::vector<std::string> expected = Ids(Search(filtered));
  ASSERT_FALSE(expected.empty());
  for (const char* query : {"language:fr", "lang:fr"}) {
    SearchRequest request;
    request.query = query;
    EXPECT_EQ(Ids(Search(request)), expected) << query;
  }
}

// Issue 14: "country:BR" in a query matched nothing (the query is folded
// to lower case; country terms are upper case). It matches what the
// country filter does, written in either case.
TEST_P(SearchTest, TheCountryFieldOfAQueryMatchesTheCountryFilter) {
  SearchRequest filtered;
  filtered.countries = {"BR"};
  const std::vector<std::string> expected = Ids(Search(filtered));
  ASSERT_FALSE(expected.empty());
  for (const char* query : {"country:BR", "country:br"}) {
    SearchRequest request;
    request.query = query;
    EXPECT_EQ(Ids(Search(request)), expected) << query;
  }
}

// Issue 14: a document opened from a search lists the words that search
// matched, as the server matches them: stemmed ("protections" finds
// "protect") and accent-folded ("securite" finds "Sécurité"), each once.
TEST_P(SearchTest, ADocumentOpenedFromASearchListsTheWordsItMatched) {
  AddDocument("c1", "Laws to protect children. Sécurité first; protect them.", {"BE"});
  Result<StoredDocument> document = searcher_->Document("c1", "protections securite");
  ASSERT_TRUE(document.ok()) << document.error().message;
  EXPECT_EQ(document.value().matched_words, (std::vector<std::string>{"protect", "Sécurité"}));
  EXPECT_EQ(document.value().matching_pages, std::vector<int>{1});
  Result<StoredDocument> plain = searcher_->Document("c1");
  ASSERT_TRUE(plain.ok());
  EXPECT_TRUE(plain.value().matched_words.empty());
  Result<StoredDocument> bad = searcher_->Document("c1", "a AND");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
}

// "children's" is one word, as Xapian reads it, not "children" and "s":
// split in two, the query took the lone "s" of a statute's "c. 27, s. 30"
// for one of its words and marked it in the snippet.
TEST(QueryWordsTest, AnApostropheOrAmpersandInsideAWordKeepsItWhole) {
  EXPECT_EQ(QueryWords("children's rights"), (std::vector<std::string>{"children's", "rights"}));
  EXPECT_EQ(QueryWords("at&t"), (std::vector<std::string>{"at&t"}));
  EXPECT_EQ(QueryWords("'quoted' & more"), (std::vector<std::string>{"quoted", "more"}));
  EXPECT_EQ(QueryWords("apt-get o'brien's'"),
            (std::vector<std::string>{"apt", "get", "o'brien's"}));
}

TEST_P(SearchTest, AWordWithAnApostropheMarksNoLoneLetterOfIt) {
  AddDocument("c2", "Amended by c. 27, s. 30 and by c. 1, s. 206; "
                    "an Act for the protection of children.");
  SearchRequest request;
  request.query = "children's";
  const SearchPage page = Search(request);
  bool found = false;
  for (const SearchHit& hit : page.hits) {
    if (hit.record.id != "c2") continue;
    found = true;
    EXPECT_EQ(hit.snippet.find("<mark>s</mark>"), std::string::npos) << hit.snippet;
    EXPECT_NE(hit.snippet.find("<mark>children</mark>"), std::string::npos) << hit.snippet;
  }
  EXPECT_TRUE(found) << "\"children's\" finds the document by its stem";
}

// With a filter, the text's matches are read part by part: the words
// from bitmaps, then the phrase only among the documents they leave.
TEST_P(SearchTest, APhraseBesideOtherWordsMatchesExactlyUnderAFilter) {
  AddDocument("b1", "alpha beta gamma", {"BE"});
  AddDocument("b2", "alpha beta", {"BE"});
  AddDocument("b3", "beta alpha gamma", {"BE"});
  AddDocument("b4", "alpha beta gamma", {"NL"});
  AddDocument("b5", "gamma alpha delta beta", {"BE"});
  SearchRequest request;
  request.countries = {"BE"};
  request.query = "\"alpha beta\" AND gamma";
  // The total and the facets come from the bitmaps, the page from Xapian's
  // matcher: both are checked.
  SearchPage page = Search(request);
  EXPECT_EQ(page.total, 1u);
  EXPECT_EQ(Ids(page), std::vector<std::string>{"b1"});
  EXPECT_EQ(Count(page, Facet::kCountry, "NL"), 1u);  // counted without its own filter

  request.query = "gamma -\"alpha beta\"";
  page = Search(request);
  EXPECT_EQ(page.total, 2u);
  std::vector<std::string> ids = Ids(page);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"b3", "b5"}));

  request.query = "\"alpha beta\" OR \"alpha delta\"";
  EXPECT_EQ(Search(request).total, 3u);  // b1, b2, b5
  request.query = "(\"alpha beta\" OR \"beta alpha\") -\"beta gamma\"";
  page = Search(request);
  EXPECT_EQ(page.total, 2u);
  ids = Ids(page);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"b2", "b3"}));  // not b1
}

TEST_P(SearchTest, EveryFacetCountEqualsTheTotalOfSelectingIt) {
  SearchRequest base;
  base.query = "children OR grooming OR enfants OR kinderen";
  const SearchPage page = Search(base);
  for (const FacetCounts& counts : page.facets) {
    for (const FacetCount& value : counts.values) {
      SearchRequest narrowed = base;
      switch (counts.facet) {
        case Facet::kLanguage:
          narrowed.languages = {value.value};
          break;
        case Facet::kType:
          narrowed.types = {value.value};
          break;
        case Facet::kYear:
          narrowed.years = {value.value};
          break;
        case Facet::kCountry:
          narrowed.countries = {value.value};
          break;
        case Facet::kTopic:
          narrowed.topics = {value.value};
          break;
      }
      EXPECT_EQ(Search(narrowed).total, value.count)
          << FacetName(counts.facet) << "=" << value.value;
    }
  }
}

TEST_P(SearchTest, YearRangeFilters) {
  SearchRequest request;
  request.year_from = 2013;
  request.year_to = 2014;
  const auto ids = Ids(Search(request));
  EXPECT_EQ(ids.size(), 3u);
  EXPECT_EQ(std::count(ids.begin(), ids.end(), "a3"), 0);
}

TEST_P(SearchTest, NewestAndOldestPutUndatedLast) {
  SearchRequest request;
  request.sort = SortOrder::kNewest;
  EXPECT_EQ(Ids(Search(request)), (std::vector<std::string>{"a1", "a2", "a4", "a3", "a5"}));
  request.sort = SortOrder::kOldest;
  EXPECT_EQ(Ids(Search(request)), (std::vector<std::string>{"a3", "a4", "a2", "a1", "a5"}));
}

TEST_P(SearchTest, PagesConcatenateToTheFullList) {
  SearchRequest all;
  all.sort = SortOrder::kNewest;
  const auto full = Ids(Search(all));
  std::vector<std::string> paged;
  for (Xapian::doccount offset = 0; offset < full.size(); offset += 2) {
    SearchRequest page = all;
    page.offset = offset;
    page.limit = 2;
    for (const auto& id : Ids(Search(page))) paged.push_back(id);
  }
  EXPECT_EQ(paged, full);
}

TEST_P(SearchTest, PinnedQueryLanguageUsesOnlyThatStemmer) {
  SearchRequest request;
  request.query = "sexuelle";
  request.query_language = "en";  // English stems it "sexuell", French "sexuel"
  EXPECT_EQ(Search(request).total, 0u);
  request.query_language = "fr";
  EXPECT_EQ(Ids(Search(request)), std::vector<std::string>{"a2"});
}

TEST(SearcherOpenTest, MissingIndexIsUnavailable) {
  archivist::testing::TempDir dir;
  Result<std::unique_ptr<Searcher>> searcher = Searcher::Open((dir.path() / "none").string());
  ASSERT_FALSE(searcher.ok());
  EXPECT_EQ(searcher.error().code, ErrorCode::kUnavailable);
}

TEST_P(SearchTest, DocumentGivesTheRecordAndItsPages) {
  Result<StoredDocument> doc = searcher_->Document("a1");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc.value().record.title, "Online grooming in Belgium");
  ASSERT_EQ(doc.value().pages.size(), 1u);
  EXPECT_EQ(doc.value().pages[0], "New law against online grooming of children.");
  for (const char* unknown : {"zz", "", "a1 OR a2"}) {
    Result<StoredDocument> missing = searcher_->Document(unknown);
    ASSERT_FALSE(missing.ok()) << unknown;
    EXPECT_EQ(missing.error().code, ErrorCode::kNotFound) << unknown;
  }
}

TEST_P(SearchTest, SimilarNeverReturnsTheDocumentItself) {
  Result<std::vector<SearchHit>> similar = searcher_->Similar("a3", 10);
  ASSERT_TRUE(similar.ok()) << similar.error().message;
  for (const SearchHit& hit : similar.value()) EXPECT_NE(hit.record.id, "a3");
  Result<std::vector<SearchHit>> unknown = searcher_->Similar("zz", 10);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_P(SearchTest, SuggestCompletesTheWordBeingTyped) {
  Result<Suggestions> typed = searcher_->Suggest("online gro", 5);
  ASSERT_TRUE(typed.ok()) << typed.error().message;
  const auto& completions = typed.value().completions;
  EXPECT_NE(std::find(completions.begin(), completions.end(), "online grooming"),
            completions.end());
  ASSERT_FALSE(typed.value().titles.empty());
  EXPECT_EQ(typed.value().titles[0].id, "a1");
  // After a space nothing is being typed: no completion, titles still.
  Result<Suggestions> finished = searcher_->Suggest("grooming ", 5);
  ASSERT_TRUE(finished.ok());
  EXPECT_TRUE(finished.value().completions.empty());
}

TEST_P(SearchTest, StatsCountTheWholeIndex) {
  Result<IndexStats> stats = searcher_->Stats();
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  EXPECT_EQ(stats.value().documents, Documents().size());
  EXPECT_FALSE(stats.value().last_indexed.empty());
  ASSERT_EQ(stats.value().facets.size(), std::size(kAllFacets));
  Xapian::doccount languages = 0;
  for (const FacetCount& c : stats.value().facets[0].values) languages += c.count;
  EXPECT_EQ(languages, Documents().size());
}

TEST_P(SearchTest, MatchingIdsOutliveTheCommitsAfterThem) {
  SearchRequest request;
  request.query = "";
  request.sort = SortOrder::kNewest;
  request.limit = 100;
  const SearchPage before = Search(request);
  Result<std::vector<Xapian::docid>> ids = searcher_->MatchingIds(request);
  ASSERT_TRUE(ids.ok()) << ids.error().message;
  ASSERT_EQ(ids.value().size(), before.total);

  // Xapian keeps two revisions readable: three commits overwrite the one
  // the ids were read at.
  AddDocument("a6", "Added after the ids were read.");
  AddDocument("a7", "Added later still.");
  {
    auto writer = OpenWriter();
    writer->Remove(before.hits[1].record.id);
    writer->Commit();
  }
  Result<std::vector<DocumentRecord>> records = searcher_->Records(ids.value());
  ASSERT_TRUE(records.ok()) << records.error().message;
  std::vector<std::string> expected;
  for (const SearchHit& hit : before.hits) {
    if (hit.record.id != before.hits[1].record.id) expected.push_back(hit.record.id);
  }
  std::vector<std::string> got;
  for (const DocumentRecord& record : records.value()) got.push_back(record.id);
  EXPECT_EQ(got, expected) << "the documents listed, in order, without the deleted one";
}

// Facets and totals come from bitmaps on a local database and from the
// matcher alone without facets: both must agree on every kind of query.
TEST_P(SearchTest, BitmapTotalsAgreeWithTheMatcher) {
  for (const char* query :
       {"grooming", "grooming OR brazil", "children -brazil", "children AND NOT brazil",
        "\"sexual exploitation\"", "title:brazil", "gro*", "kaka", "nowhere", "-grooming",
        "grooming brazil", "(children OR kinderen) AND exploitation"}) {
    SearchRequest request;
    request.query = query;
    request.limit = 100;
    request.with_facets = true;
    const SearchPage with_bitmaps = Search(request);
    request.with_facets = false;
    const SearchPage with_matcher = Search(request);
    EXPECT_EQ(with_bitmaps.total, with_matcher.total) << query;
    EXPECT_EQ(Ids(with_bitmaps), Ids(with_matcher)) << query;
    EXPECT_EQ(with_bitmaps.total, with_bitmaps.hits.size()) << query;
  }
  // Browsing reads pages from the revision's date order: the same pages,
  // undated documents last, as Xapian's sort by date; a second undated
  // document ties with a5.
  AddDocument("a8", "Another note without a date.");
  for (SortOrder sort : {SortOrder::kNewest, SortOrder::kOldest}) {
    for (Xapian::doccount offset : {0u, 1u, 3u, 4u}) {
      SearchRequest request;
      request.sort = sort;
      request.offset = offset;
      request.limit = 2;
      const SearchPage with_bitmaps = Search(request);
      request.with_facets = false;
      EXPECT_EQ(Ids(with_bitmaps), Ids(Search(request)))
          << "sort " << static_cast<int>(sort) << " offset " << offset;
      request.languages = {"en"};
      request.with_facets = true;
      const SearchPage filtered = Search(request);
      request.with_facets = false;
      EXPECT_EQ(Ids(filtered), Ids(Search(request)));
    }
  }
}

TEST_P(SearchTest, CachedAnswersGiveWayToANewCommit) {
  auto cache = std::make_shared<SearchCache>(16);
  auto first = OpenSearcher(cache);
  auto second = OpenSearcher(cache);
  ASSERT_TRUE(first.ok() && second.ok());
  SearchRequest request;
  request.query = "grooming";
  Result<SearchPage> before = first.value()->Search(request);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before.value().total, 2u);
  // The same answer again, now from the cache.
  EXPECT_EQ(second.value()->Search(request).value().total, 2u);

  AddDocument("a6", "More on grooming, from the Netherlands.", {"NL"});
  for (Searcher* searcher : {first.value().get(), second.value().get()}) {
    Result<SearchPage> after = searcher->Search(request);
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after.value().total, 3u);
    EXPECT_EQ(Count(after.value(), Facet::kCountry, "NL"), 1u);
  }
}

// searchd's own first search (searchd/own_first_search.h) asks for the
// word most documents hold, leaving out stop words and short words: a
// search for either would draw no snippet.
TEST_P(SearchTest, TheFrequentWordIsTheOneMostDocumentsHoldThatIsNoStopWord) {
  // "from" is an English stop word held by the most documents and sorts
  // first; "art" is too short.
  for (int i = 0; i < 6; ++i) {
    AddDocument("c" + std::to_string(i), "from art harvest " + std::to_string(i), {}, "Harvest");
  }
  AddDocument("c9", "from a notebook", {}, "Notes");
  Result<std::string> word = searcher_->FrequentWord();
  ASSERT_TRUE(word.ok()) << word.error().message;
  EXPECT_EQ(word.value(), "harvest");
}

TEST_P(SearchTest, AnUncachedSearchLeavesTheAnswerCacheAsItWas) {
  if (GetParam() == Layout::kRemoteShards) GTEST_SKIP() << "answers on shards are never kept";
  auto cache = std::make_shared<SearchCache>(16);
  Result<std::unique_ptr<Searcher>> searcher = OpenSearcher(cache);
  ASSERT_TRUE(searcher.ok());
  SearchRequest request;
  request.query = "grooming";
  const Xapian::Database db(IndexFolder().string());
  const IndexState state{db.get_uuid(), db.get_revision()};

  Result<SearchPage> uncached = searcher.value()->SearchUncached(request);
  ASSERT_TRUE(uncached.ok()) << uncached.error().message;
  EXPECT_EQ(uncached.value().total, 2u);
  EXPECT_EQ(cache->FindAnswer(state, AnswerKey(request)), nullptr);
  // A search of the same request keeps its answer: the key is the one looked for.
  ASSERT_TRUE(searcher.value()->Search(request).ok());
  EXPECT_NE(cache->FindAnswer(state, AnswerKey(request)), nullptr);
}

TEST(SearcherOpenTest, OtherSchemaVersionIsRefused) {
  archivist::testing::TempDir dir;
  {
    Xapian::WritableDatabase db(dir.path().string(), Xapian::DB_CREATE_OR_OPEN);
    db.set_metadata(std::string(schema::kVersionKey), "0");
    db.commit();
  }
  Result<std::unique_ptr<Searcher>> searcher = Searcher::Open(dir.path().string());
  ASSERT_FALSE(searcher.ok());
  EXPECT_EQ(searcher.error().code, ErrorCode::kCorrupt);
  EXPECT_NE(searcher.error().message.find("re-index"), std::string::npos);
}

}  // namespace
}  // namespace archivist
