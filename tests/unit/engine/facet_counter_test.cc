// SPDX-License-Identifier: GPL-2.0-or-later
// The two ways of counting facets (engine/facet_counter.h): both on one
// database, where they must agree, and what only one of them does: on a
// local database, caching per revision, matching in halves, spelling
// suggestions and counts beyond the value slots; over remote shards, counts
// from the value slots alone.
#include "engine/facet_counter.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "core/schema.h"
#include "engine/doc_set.h"
#include "engine/facet_filters.h"
#include "engine/search.h"
#include "engine/user_query.h"
#include "engine/word_pairs.h"
#include "tests/unit/engine/search_fixture.h"

namespace archivist {
namespace {

class LocalSearchTest : public SearchIndexTest {
 protected:
  Layout layout() const override { return Layout::kLocal; }
};

class RemoteShardsSearchTest : public SearchIndexTest {
 protected:
  Layout layout() const override { return Layout::kRemoteShards; }
};

// The requests both counters answer below: text and browsing, filters on
// one facet and on several, a year range, every order, two pages.
std::vector<SearchRequest> AgreementRequests() {
  std::vector<SearchRequest> requests;
  for (const char* query : {"", "grooming OR brazil", "children -brazil", "\"sexual exploitation\"",
                            "gro*", "(children OR kinderen) AND exploitation"}) {
    for (SortOrder sort : {SortOrder::kRelevance, SortOrder::kNewest, SortOrder::kOldest}) {
      for (int filters = 0; filters < 4; ++filters) {
        for (Xapian::doccount offset : {0u, 2u}) {
          SearchRequest request;
          request.query = query;
          request.sort = sort;
          request.offset = offset;
          request.limit = 2;
          if (filters == 1) request.countries = {"BR"};
          if (filters == 2) {
            request.languages = {"en", "fr"};
            request.countries = {"BE"};
          }
          if (filters == 3) request.year_from = 2013;
          requests.push_back(request);
        }
      }
    }
  }
  return requests;
}

// One interface, two implementations: on the same database, bitmaps and
// match spies find the same total, the same page with the same weights,
// and the same counts (no document here has more countries than the value
// slots hold).
TEST_F(LocalSearchTest, BothCountersAgreeOnOneDatabase) {
  const Xapian::Database db(IndexFolder().string());
  const std::shared_ptr<const RevisionSets> sets = RevisionSets::Build(db);
  const auto bitmaps = NewBitmapFacetCounter(db, *sets, [] { return nullptr; });
  const auto spies = NewSpyFacetCounter(db);
  for (const SearchRequest& request : AgreementRequests()) {
    const std::string what = request.query + " sort " +
                             std::to_string(static_cast<int>(request.sort)) + " offset " +
                             std::to_string(request.offset) + " key " + AnswerKey(request);
    const Xapian::Query matched = WithWordPairs(ParseUserQuery(db, request), db);
    const CountedMatches a = bitmaps->Match(matched, request);
    const CountedMatches b = spies->Match(matched, request);
    EXPECT_EQ(a.total, b.total) << what;
    ASSERT_EQ(a.page.size(), b.page.size()) << what;
    for (std::size_t i = 0; i < a.page.size(); ++i) {
      EXPECT_EQ(a.page[i].document.get_docid(), b.page[i].document.get_docid()) << what;
      EXPECT_EQ(a.page[i].weight, b.page[i].weight) << what;
    }
    ASSERT_EQ(a.facets.size(), b.facets.size()) << what;
    for (std::size_t f = 0; f < a.facets.size(); ++f) {
      ASSERT_EQ(a.facets[f].values.size(), b.facets[f].values.size()) << what;
      for (std::size_t v = 0; v < a.facets[f].values.size(); ++v) {
        EXPECT_EQ(a.facets[f].values[v].value, b.facets[f].values[v].value) << what;
        EXPECT_EQ(a.facets[f].values[v].count, b.facets[f].values[v].count) << what;
        EXPECT_EQ(a.facets[f].values[v].selected, b.facets[f].values[v].selected) << what;
      }
    }
  }
}

// The bitmap counter hands back every match under the filters (what the
// page's other editions are looked up in, issue 19): exactly the documents
// Xapian's matcher finds for the query and the filters; the spy counter has
// no such set.
TEST_F(LocalSearchTest, TheBitmapCounterGivesEveryMatchUnderTheFilters) {
  const Xapian::Database db(IndexFolder().string());
  const std::shared_ptr<const RevisionSets> sets = RevisionSets::Build(db);
  const auto bitmaps = NewBitmapFacetCounter(db, *sets, [] { return nullptr; });
  for (const SearchRequest& request : AgreementRequests()) {
    const std::string what = request.query + " key " + AnswerKey(request);
    const Xapian::Query matched = WithWordPairs(ParseUserQuery(db, request), db);
    const CountedMatches found = bitmaps->Match(matched, request);
    ASSERT_TRUE(found.matches) << what;
    Xapian::Enquire enquire(db);
    const Xapian::Query filters = CombinedFilter(request, std::nullopt);
    enquire.set_query(filters.empty() ? matched : Filtered(matched, filters));
    const Xapian::MSet all = enquire.get_mset(0, db.get_doccount());
    std::vector<Xapian::docid> expected(all.begin(), all.end());
    std::sort(expected.begin(), expected.end());
    std::vector<Xapian::docid> listed;
    for (Xapian::docid id = found.matches->NextFrom(1); id != 0;
         id = found.matches->NextFrom(id + 1)) {
      listed.push_back(id);
    }
    EXPECT_EQ(listed, expected) << what;
  }
  EXPECT_FALSE(NewSpyFacetCounter(db)->Match(Xapian::Query("brazil"), SearchRequest{}).matches);
}

// Xapian offers a more frequent neighbour even for a word the index holds;
// only words the index lacks are corrected.
TEST_F(LocalSearchTest, AWordTheIndexHoldsIsNeverCorrected) {
  for (int i = 0; i < 5; ++i) {
    AddDocument("00000000000005a" + std::to_string(i),
                "children sexually exploited, sexually abused");
  }
  AddDocument("00000000000005b0", "exploitation sexuelle des enfants");
  SearchRequest request;
  request.with_snippets = true;
  request.query = "sexuelle";
  EXPECT_EQ(Search(request).spelling_suggestion, "");
  request.query = "exploitation sexuelle";
  EXPECT_EQ(Search(request).spelling_suggestion, "");
  request.query = "sexuele";
  EXPECT_EQ(Search(request).spelling_suggestion, "sexuelle");
  request.query = "\"children sexualy\"";
  EXPECT_EQ(Search(request).spelling_suggestion, "\"children sexually\"");
}

// Puts a web page of `text` in `language` under `id` (16 hex digits).
void PutWebPage(writer::IndexWriter& writer, const std::string& id, const std::string& language,
                const std::string& text) {
  DocumentRecord r;
  r.id = id;
  r.root = "/archive";
  r.path = id + ".html";
  r.language = language;
  r.type = "web_page";
  writer.Put(BuildIndexableDocument(r, {text}));
}

// Issue 18: a word the index holds in a page or two, one edit from a word
// it holds in many, was likely misspelt there too.
TEST_F(LocalSearchTest, ARareWordNextToAFrequentOneIsCorrected) {
  auto writer = OpenWriter();
  for (int i = 0; i < 25; ++i) {
    PutWebPage(*writer, "000000000000060" + std::to_string(i % 10) + std::to_string(i / 10), "en",
               "Trafficking in persons and trafficking of children.");
  }
  PutWebPage(*writer, "0000000000000700", "en", "Human trafficing is a crime. Zebras are not.");
  writer->Commit();
  SearchRequest request;
  request.with_snippets = true;
  request.query = "trafficing";
  EXPECT_EQ(Search(request).spelling_suggestion, "trafficking");
  request.query = "human trafficing";
  EXPECT_EQ(Search(request).spelling_suggestion, "human trafficking");
  // Rare, but nothing much more frequent is one edit away.
  request.query = "zebras";
  EXPECT_EQ(Search(request).spelling_suggestion, "");
  request.query = "trafficking";
  EXPECT_EQ(Search(request).spelling_suggestion, "");
}

// A word only removed documents held is not offered, as it would find
// nothing: the writer counts their words out of the spelling data.
TEST_F(LocalSearchTest, AWordOfRemovedDocumentsOnlyIsNotOffered) {
  auto writer = OpenWriter();
  for (int i = 0; i < 3; ++i) {
    PutWebPage(*writer, "000000000000080" + std::to_string(i), "en",
               "Zanzibarian archives and Zanzibarian records.");
  }
  PutWebPage(*writer, "0000000000000810", "en", "Records of the Zanzibar archives.");
  writer->Commit();
  SearchRequest request;
  request.query = "zanzibarain";
  EXPECT_EQ(Search(request).spelling_suggestion, "zanzibarian");
  for (int i = 0; i < 3; ++i) writer->Remove("000000000000080" + std::to_string(i));
  writer->Commit();
  EXPECT_EQ(Search(request).spelling_suggestion, "");
  request.query = "zanzibarain records";
  EXPECT_EQ(Search(request).spelling_suggestion, "");
}

// Nor when the spelling data still holds it, as an index written before
// the writer counted words out does (Xapian counts them in, never out).
TEST_F(LocalSearchTest, AWordTheSpellingDataHoldsAndNoDocumentDoesIsNotOffered) {
  auto writer = OpenWriter();
  PutWebPage(*writer, "0000000000000820", "en", "Records of the Zanzibar archives.");
  writer->Commit();
  writer.reset();
  {
    Xapian::WritableDatabase db(IndexFolder().string(), Xapian::DB_OPEN);
    db.add_spelling("zanzibarian", 6);
    db.commit();
    ASSERT_EQ(db.get_spelling_suggestion("zanzibarain"), "zanzibarian");
  }
  SearchRequest request;
  request.query = "zanzibarain";
  EXPECT_EQ(Search(request).spelling_suggestion, "");
  request.query = "zanzibarain records";
  EXPECT_EQ(Search(request).spelling_suggestion, "");
}

// Issue 18: a misspelt word of a field ("title:traficking") is corrected
// as a word of the body is ("traficking"), but to a word the field holds:
// Xapian's query parser corrects no prefixed word, and its spelling data is
// one list for every field.
TEST_F(LocalSearchTest, AMisspeltWordOfAFieldIsCorrectedInTheFieldsTerms) {
  auto writer = OpenWriter();
  for (int i = 0; i < 25; ++i) {
    DocumentRecord r;
    r.id = "00000000000006a" + std::to_string(i % 10) + std::to_string(i / 10);
    r.root = "/archive";
    r.path = r.id + ".html";
    r.language = "en";
    r.type = "web_page";
    r.title = "Trafficking in persons";
    writer->Put(BuildIndexableDocument(r, {"Zebras and lions of the savannah."}));
  }
  writer->Commit();
  SearchRequest request;
  request.with_snippets = true;
  request.query = "traficking";
  EXPECT_EQ(Search(request).spelling_suggestion, "trafficking");
  request.query = "title:traficking";
  EXPECT_EQ(Search(request).spelling_suggestion, "title:trafficking");
  request.query = "title:traficking persons";
  EXPECT_EQ(Search(request).spelling_suggestion, "title:trafficking persons");
  request.query = "title:trafficking";
  EXPECT_EQ(Search(request).spelling_suggestion, "");
  // "zebras" is in every body and no title: the body's word is offered for
  // the body, not for the title.
  request.query = "zebra";
  EXPECT_EQ(Search(request).spelling_suggestion, "zebras");
  request.query = "title:zebra";
  EXPECT_EQ(Search(request).spelling_suggestion, "");
  // Boolean filters are no words to correct.
  request.query = "country:xx traficking";
  EXPECT_EQ(Search(request).spelling_suggestion, "country:xx trafficking");
  // Every word of a field's phrase or group is the field's, not only the
  // first: "zebras" is no title's word, so a title's "zebra" is left be.
  request.query = "title:\"persons traficking\"";
  EXPECT_EQ(Search(request).spelling_suggestion, "title:\"persons trafficking\"");
  request.query = "title:\"trafficking zebra\"";
  EXPECT_EQ(Search(request).spelling_suggestion, "");
  request.query = "title:(trafficking zebra) lions";
  EXPECT_EQ(Search(request).spelling_suggestion, "");
  request.query = "zebra title:(persons traficking)";
  EXPECT_EQ(Search(request).spelling_suggestion, "zebras title:(persons trafficking)");
}

// A piece joined by a hyphen is several words to the query parser: each is
// judged as a word of its own. "apt-get" was offered as "apt-et" because
// the index does not hold "apt-get" as one word and Xapian offers its more
// frequent neighbour "et" for "get" (a word the index holds).
TEST_F(LocalSearchTest, AHyphenatedPieceOfWordsTheIndexHoldsIsNotCorrected) {
  auto writer = OpenWriter();
  for (int i = 0; i < 30; ++i) {
    PutWebPage(*writer, "000000000000080" + std::to_string(i % 10) + std::to_string(i / 10),
               i < 6 ? "en" : "fr",
               i < 6 ? "Run apt-get install to get the package and install it."
                     : "Le rapport et la lettre et le paquet et la note.");
  }
  writer->Commit();
  SearchRequest request;
  request.with_snippets = true;
  request.query = "apt-get install";
  EXPECT_EQ(Search(request).spelling_suggestion, "");
  request.query = "apt-get instal";
  EXPECT_EQ(Search(request).spelling_suggestion, "apt-get install");
}

// A piece holding words the index lacks takes Xapian's offer word by word:
// a word of three letters is never corrected ("apt" → "act"), so on an
// archive without "apt-get" the offer for "apt-get instal" keeps "apt-get".
TEST_F(LocalSearchTest, AShortWordTheIndexLacksIsNotCorrected) {
  auto writer = OpenWriter();
  for (int i = 0; i < 30; ++i) {
    PutWebPage(*writer, "000000000000090" + std::to_string(i % 10) + std::to_string(i / 10), "en",
               "An act on the installation, the first act and the act of the installer.");
  }
  writer->Commit();
  SearchRequest request;
  request.with_snippets = true;
  request.query = "apt instalation";
  EXPECT_EQ(Search(request).spelling_suggestion, "apt installation");
  request.query = "apt";
  EXPECT_EQ(Search(request).spelling_suggestion, "");
}

// Matching in two halves on two cores (large indexes) must give exactly
// the answers of one pass: totals, facets, and pages in Xapian's order,
// ties of weight and date included; collapsing works too, a work's
// editions on both sides of the middle (issue 15, works15).
TEST_F(LocalSearchTest, MatchingInHalvesGivesTheAnswersOfOnePass) {
  {
    auto writer = OpenWriter();
    for (int i = 0; i < 40; ++i) {
      DocumentRecord r;
      r.id = "c" + std::to_string(i);  // hex digits, as real ids
      r.root = "/archive";
      r.path = r.id + ".html";
      r.title = "Note " + std::to_string(i % 4);  // equal titles and texts: equal weights
      r.language = i % 3 == 0 ? "fr" : "en";
      r.type = "news_post";
      if (i % 5 != 0) r.date = "201" + std::to_string(i % 3) + "-01-0" + std::to_string(1 + i % 2);
      r.countries = {i % 2 == 0 ? "BR" : "BE"};
      if (i % 6 != 5) r.work = "work-" + std::to_string(i % 6);
      std::string text = i % 4 == 0 ? "Grooming online, and sexual exploitation. "
                                    : "Sexual exploitation of children online. ";
      if (i % 7 == 0) text += "Sexual exploitation again.";
      writer->Put(BuildIndexableDocument(r, {text}));
    }
    writer->Commit();
  }
  auto one_pass = OpenSearcher();
  auto in_halves = OpenSearcher();
  ASSERT_TRUE(one_pass.ok() && in_halves.ok());
  one_pass.value()->SplitMatchesFrom(1000000);
  in_halves.value()->SplitMatchesFrom(1);
  for (const char* query : {"\"sexual exploitation\"", "gro*", "\"online grooming\" OR brazil",
                            "\"exploitation of children\" -grooming"}) {
    for (SortOrder sort : {SortOrder::kRelevance, SortOrder::kNewest, SortOrder::kOldest}) {
      for (const bool filtered : {false, true}) {
        for (Xapian::doccount offset = 0; offset < 48; offset += 7) {
          for (const bool collapse : {false, true}) {
            SearchRequest request;
            request.query = query;
            request.sort = sort;
            request.offset = offset;
            request.limit = 7;
            request.collapse_works = collapse;
            if (filtered) request.countries = {"BR"};
            const std::string what = std::string(query) + " sort " +
                                     std::to_string(static_cast<int>(sort)) + " offset " +
                                     std::to_string(offset) + (filtered ? " BR" : "") +
                                     (collapse ? " collapsed" : "");
            Result<SearchPage> a = one_pass.value()->Search(request);
            Result<SearchPage> b = in_halves.value()->Search(request);
            ASSERT_TRUE(a.ok() && b.ok()) << what;
            EXPECT_EQ(a.value().total, b.value().total) << what;
            EXPECT_EQ(Ids(a.value()), Ids(b.value())) << what;
            for (std::size_t i = 0; i < a.value().hits.size() && i < b.value().hits.size(); ++i) {
              EXPECT_EQ(a.value().hits[i].weight, b.value().hits[i].weight) << what;
            }
            for (Facet facet : kAllFacets) {
              for (const std::string value : {"BR", "BE", "en", "fr", "2010", "2011", "2012"}) {
                EXPECT_EQ(Count(a.value(), facet, value), Count(b.value(), facet, value)) << what;
              }
            }
          }
        }
      }
    }
  }
  // Both really ran: the query matches on both sides of the middle id.
  SearchRequest all;
  all.query = "\"sexual exploitation\"";
  all.limit = 100;
  EXPECT_EQ(in_halves.value()->Search(all).value().total, 41u);  // 40 notes and a3
}

TEST_F(LocalSearchTest, WithAnAllowanceTheEarlierAnswerIsServedUntilSearchedAtTheLatestCommit) {
  auto cache = std::make_shared<SearchCache>(16, std::chrono::hours(1));
  auto searcher = OpenSearcher(cache);
  ASSERT_TRUE(searcher.ok());
  SearchRequest request;
  request.query = "grooming";
  ASSERT_EQ(searcher.value()->Search(request).value().total, 2u);

  AddDocument("a6", "More on grooming, from the Netherlands.", {"NL"});
  Result<SearchPage> stale = searcher.value()->Search(request);
  ASSERT_TRUE(stale.ok());
  EXPECT_TRUE(stale.value().from_earlier_commit);
  EXPECT_EQ(stale.value().total, 2u);
  Result<SearchPage> latest = searcher.value()->SearchLatest(request);
  ASSERT_TRUE(latest.ok());
  EXPECT_FALSE(latest.value().from_earlier_commit);
  EXPECT_EQ(latest.value().total, 3u);
  Result<SearchPage> after = searcher.value()->Search(request);
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(after.value().from_earlier_commit);
  EXPECT_EQ(after.value().total, 3u);
  EXPECT_EQ(Count(after.value(), Facet::kCountry, "NL"), 1u);
}

// Value slots hold at most kMaxCountries countries; counts come from the
// filter terms, which hold them all, so a count is what selecting it gives.
TEST_F(LocalSearchTest, EveryCountryOfADocumentIsCountedBeyondTheValueSlots) {
  std::vector<std::string> countries = {"AR", "AT", "AU", "BG", "CA", "CH", "CL", "CN", "CO", "CZ"};
  ASSERT_GT(countries.size(), static_cast<std::size_t>(schema::kMaxCountries));
  AddDocument("a7", "A report covering ten countries.", countries);
  SearchRequest request;
  request.query = "countries";
  const SearchPage page = Search(request);
  for (const std::string& country : countries) {
    EXPECT_EQ(Count(page, Facet::kCountry, country), 1u) << country;
    SearchRequest narrowed = request;
    narrowed.countries = {country};
    EXPECT_EQ(Search(narrowed).total, 1u) << country;
  }
}

// Xapian's remote backend offers no spelling data (XAPIAN.md): over shards
// a misspelt query is searched as typed, without a suggestion.
TEST_F(RemoteShardsSearchTest, NoSpellingSuggestionComesThroughTheRemoteBackend) {
  for (int i = 0; i < 5; ++i) {
    AddDocument("00000000000005a" + std::to_string(i),
                "children sexually exploited, sexually abused");
  }
  SearchRequest request;
  request.with_snippets = true;
  request.query = "\"children sexualy\"";
  EXPECT_EQ(Search(request).spelling_suggestion, "");
}

// Match spies count value slots, which hold a document's first
// kMaxCountries countries: the rest are found by selecting them (filter
// terms) but not counted. The local database counts them all
// (LocalSearchTest.EveryCountryOfADocumentIsCountedBeyondTheValueSlots).
TEST_F(RemoteShardsSearchTest, CountsOnlyTheCountriesTheValueSlotsHold) {
  std::vector<std::string> countries = {"AR", "AT", "AU", "BG", "CA", "CH", "CL", "CN", "CO", "CZ"};
  AddDocument("a7", "A report covering ten countries.", countries);
  SearchRequest request;
  request.query = "countries";
  const SearchPage page = Search(request);
  int counted = 0;
  for (const std::string& country : countries) {
    counted += static_cast<int>(Count(page, Facet::kCountry, country));
    SearchRequest narrowed = request;
    narrowed.countries = {country};
    EXPECT_EQ(Search(narrowed).total, 1u) << country;
  }
  EXPECT_EQ(counted, schema::kMaxCountries);
}

}  // namespace
}  // namespace archivist
