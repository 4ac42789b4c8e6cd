// SPDX-License-Identifier: GPL-2.0-or-later
// Issue 15's search half: each work once (collapse_works), shown in the
// reader's language when it has an edition in it, with exact totals and
// stable pages; and issue 14's documents without a year, counted and let
// through a year filter on request. On both facet paths.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "core/record.h"
#include "core/schema.h"
#include "engine/search.h"
#include "engine/works.h"
#include "tests/unit/engine/search_fixture.h"

namespace archivist {
namespace {

struct Edition {
  const char* id;
  const char* work;  // "" for none
  const char* language;
  int year;
  const char* date;
  const char* text;
};

// A press release in three languages (one work: ae01 English, af01 French,
// ad01 Dutch), a report in two (be02, bf02), and two documents of no work
// (c0e1, c0f2 without a year); ids are hex, as the writer's sharding wants; every text names
// "Zorblax", as a proper name survives translation.
const std::vector<Edition> kEditions = {
    {"ae01", "work-press", "en", 2014, "2014-05-01",
     "Zorblax campaign: the press release about the World Cup campaign against child sex tourism."},
    {"af01", "work-press", "fr", 2014, "2014-05-02",
     "Zorblax campagne : le communiqué sur la campagne de la Coupe du Monde contre le tourisme."},
    {"ad01", "work-press", "nl", 2014, "2014-05-03",
     "Zorblax campagne: het persbericht over de campagne tijdens het WK tegen sekstoerisme."},
    {"be02", "work-report", "en", 2010, "2010-01-01",
     "Zorblax annual report on trafficking, with the figures of the year."},
    {"bf02", "work-report", "fr", 2010, "2010-01-02",
     "Zorblax rapport annuel sur la traite, avec les chiffres de l'année."},
    {"c0e1", "", "en", 2012, "2012-06-01", "Zorblax newsletter of June, alone in its language."},
    {"c0f2", "", "fr", 0, "", "Zorblax note sans date, seule de son espèce."},
};

class WorksSearchTest : public SearchIndexTest, public ::testing::WithParamInterface<Layout> {
 protected:
  Layout layout() const override { return GetParam(); }

  void SetUp() override {
    SearchIndexTest::SetUp();
    // Linked as the indexer's linking pass leaves them: the work key on
    // every edition, the others listed in each record.
    auto writer = OpenWriter();
    for (const Edition& e : kEditions) {
      DocumentRecord r;
      r.id = e.id;
      r.root = "/archive";
      r.path = std::string(e.id) + ".html";
      r.title = std::string("Title of ") + e.id;
      r.language = e.language;
      r.type = "press_release";
      r.year = e.year;
      r.date = e.date;
      r.work = e.work;
      for (const Edition& other : kEditions) {
        if (std::string(e.work).empty() || std::string(other.work) != e.work || other.id == e.id) {
          continue;
        }
        RelatedEdition edition{other.id, other.language, std::string("Title of ") + other.id};
        (std::string(other.language) == e.language ? r.versions : r.translations)
            .push_back(edition);
      }
      writer->Put(BuildIndexableDocument(r, {e.text}));
    }
    writer->Commit();
  }

  static SearchRequest Zorblax() {
    SearchRequest request;
    request.query = "zorblax";
    request.limit = 20;
    return request;
  }

  // The languages of the translations the one Dutch hit for "zorblax"
  // carries, sorted; empty unless there is exactly one such hit.
  std::vector<std::string> TranslationLanguagesOfTheDutchHit() {
    SearchRequest request = Zorblax();
    request.languages = {"nl"};
    const SearchPage page = Search(request);
    std::vector<std::string> languages;
    if (page.hits.size() != 1) return languages;
    for (const RelatedEdition& e : page.hits[0].record.translations) {
      languages.push_back(e.language);
    }
    std::sort(languages.begin(), languages.end());
    return languages;
  }

  static std::string LanguageOf(const std::string& id) {
    for (const Edition& e : kEditions) {
      if (id == e.id) return e.language;
    }
    return "";
  }

  static std::string WorkOf(const std::string& id) {
    for (const Edition& e : kEditions) {
      if (id == e.id) return std::string(e.work).empty() ? id : e.work;
    }
    return id;
  }
};

INSTANTIATE_TEST_SUITE_P(BothFacetCounters, WorksSearchTest,
                         ::testing::Values(Layout::kLocal, Layout::kRemoteShards), LayoutName);

TEST_P(WorksSearchTest, CollapsingShowsEachWorkOnceAndCountsWorks) {
  SearchRequest request = Zorblax();
  const SearchPage documents = Search(request);
  EXPECT_EQ(documents.total, kEditions.size());
  EXPECT_EQ(documents.total_documents, kEditions.size());

  request.collapse_works = true;
  const SearchPage works = Search(request);
  EXPECT_EQ(works.total, 4u) << "two works and two documents of no work";
  EXPECT_EQ(works.total_documents, kEditions.size());
  std::set<std::string> seen;
  for (const std::string& id : Ids(works)) {
    EXPECT_TRUE(seen.insert(WorkOf(id)).second) << id << " repeats its work";
  }
  EXPECT_EQ(seen.size(), 4u);
  // Facets count documents: every edition is in its language.
  EXPECT_EQ(Count(works, Facet::kLanguage, "fr"), 3u);
  EXPECT_EQ(Count(works, Facet::kLanguage, "nl"), 1u);
}

TEST_P(WorksSearchTest, AWorkIsShownInThePreferredLanguageWhenItHasAnEdition) {
  SearchRequest request = Zorblax();
  request.collapse_works = true;
  for (const char* language : {"fr", "nl", "en"}) {
    request.prefer_language = language;
    const std::vector<std::string> ids = Ids(Search(request));
    const auto press = std::find_if(
        ids.begin(), ids.end(), [](const std::string& id) { return WorkOf(id) == "work-press"; });
    ASSERT_NE(press, ids.end()) << language;
    EXPECT_EQ(LanguageOf(*press), language);
  }
  // The report has no Dutch edition: it stays in its best one.
  request.prefer_language = "nl";
  const std::vector<std::string> ids = Ids(Search(request));
  EXPECT_EQ(std::count_if(ids.begin(), ids.end(),
                          [](const std::string& id) { return WorkOf(id) == "work-report"; }),
            1);
}

TEST_P(WorksSearchTest, ThePreferredEditionMustPassTheFilters) {
  SearchRequest request = Zorblax();
  request.collapse_works = true;
  request.prefer_language = "fr";
  request.languages = {"en"};
  const std::vector<std::string> ids = Ids(Search(request));
  EXPECT_NE(std::find(ids.begin(), ids.end(), "ae01"), ids.end());
  EXPECT_EQ(std::find(ids.begin(), ids.end(), "af01"), ids.end());
}

// Issue 19 (speed10): a filter only removes documents, so under a facet
// filter each work is shown as its best edition of the unfiltered ranking
// among those the filter lets through, with its unfiltered weight.
TEST_P(WorksSearchTest, UnderAFilterAWorkIsItsBestEditionOfTheUnfilteredRanking) {
  for (const char* query : {"zorblax", "zorblax campaign report", "campagne rapport zorblax"}) {
    SearchRequest unfiltered = Zorblax();
    unfiltered.query = query;
    unfiltered.limit = 100;
    const SearchPage all = Search(unfiltered);
    for (const std::vector<std::string>& languages :
         std::vector<std::vector<std::string>>{{"en"}, {"fr"}, {"fr", "nl"}}) {
      std::vector<std::pair<std::string, double>> expected;
      std::set<std::string> works;
      for (const SearchHit& hit : all.hits) {
        const std::string& language = hit.record.language;
        if (std::find(languages.begin(), languages.end(), language) == languages.end()) continue;
        if (works.insert(hit.record.work.empty() ? hit.record.id : hit.record.work).second) {
          expected.emplace_back(hit.record.id, hit.weight);
        }
      }
      SearchRequest filtered = unfiltered;
      filtered.languages = languages;
      filtered.collapse_works = true;
      const SearchPage page = Search(filtered);
      std::vector<std::pair<std::string, double>> shown;
      for (const SearchHit& hit : page.hits) shown.emplace_back(hit.record.id, hit.weight);
      std::string listed;
      for (const auto& [id, weight] : shown) listed += id + " ";
      ASSERT_EQ(shown.size(), expected.size()) << query << ", " << languages[0] << ": " << listed;
      for (std::size_t i = 0; i < shown.size(); ++i) {
        EXPECT_EQ(shown[i].first, expected[i].first) << query << ", " << languages[0] << ", " << i;
        EXPECT_NEAR(shown[i].second, expected[i].second, 1e-9 * expected[i].second)
            << query << ", " << languages[0] << ", " << shown[i].first;
      }
    }
  }
}

TEST_P(WorksSearchTest, CollapsedPagesNeverRepeatAWork) {
  for (SortOrder sort : {SortOrder::kRelevance, SortOrder::kNewest, SortOrder::kOldest}) {
    for (const char* query : {"zorblax", ""}) {
      SearchRequest all = Zorblax();
      all.query = query;
      all.sort = sort;
      all.collapse_works = true;
      all.limit = 100;
      const SearchPage full = Search(all);
      ASSERT_EQ(full.hits.size(), full.total) << query;
      std::vector<std::string> paged;
      for (Xapian::doccount offset = 0; offset < full.total; offset += 2) {
        SearchRequest page = all;
        page.offset = offset;
        page.limit = 2;
        for (const std::string& id : Ids(Search(page))) paged.push_back(WorkOf(id));
      }
      std::vector<std::string> expected;
      for (const std::string& id : Ids(full)) expected.push_back(WorkOf(id));
      EXPECT_EQ(paged, expected) << "query '" << query << "', sort " << static_cast<int>(sort);
      std::set<std::string> distinct(paged.begin(), paged.end());
      EXPECT_EQ(distinct.size(), paged.size());
    }
  }
}

TEST_P(WorksSearchTest, WithoutCollapsingAnswersAreUnchanged) {
  SearchRequest request = Zorblax();
  request.prefer_language = "nl";  // means nothing without collapsing
  SearchRequest plain = Zorblax();
  EXPECT_EQ(Ids(Search(request)), Ids(Search(plain)));
  EXPECT_EQ(AnswerKey(request), AnswerKey(plain));
  request.collapse_works = true;
  EXPECT_NE(AnswerKey(request), AnswerKey(plain));
  SearchRequest other_language = request;
  other_language.prefer_language = "fr";
  EXPECT_NE(AnswerKey(request), AnswerKey(other_language));
}

TEST_P(WorksSearchTest, HitsCarryTheirTranslationsAndVersions) {
  EXPECT_EQ(TranslationLanguagesOfTheDutchHit(), (std::vector<std::string>{"en", "fr"}));
}

// An index written before the editions had their value slot lists them in
// each record's JSON: its hits carry them as they did.
TEST_P(WorksSearchTest, HitsOfRecordsListingTheirEditionsInTheirJsonCarryThem) {
  std::vector<std::filesystem::path> databases = {IndexFolder()};
  if (layout() == Layout::kRemoteShards) {
    databases.clear();
    for (int k = 0; k < kShards; ++k)
      databases.push_back(IndexFolder() / ("shard-" + std::to_string(k)));
  }
  for (const std::filesystem::path& path : databases) {
    Xapian::WritableDatabase db(path.string(), Xapian::DB_OPEN);
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      Xapian::Document doc = db.get_document(*it);
      Result<DocumentRecord> record = StoredRecordOf(doc);
      ASSERT_TRUE(record.ok());
      doc.set_data(ToJson(record.value()));
      doc.add_value(schema::kSlotEditions, "");
      db.replace_document(*it, doc);
    }
    db.commit();
  }
  EXPECT_EQ(TranslationLanguagesOfTheDutchHit(), (std::vector<std::string>{"en", "fr"}));
  // The reader's language is found from the record's list too.
  SearchRequest request = Zorblax();
  request.collapse_works = true;
  request.prefer_language = "nl";
  std::set<std::string> shown;
  for (const SearchHit& hit : Search(request).hits) shown.insert(hit.record.id);
  EXPECT_TRUE(shown.count("ad01"));
}

// Issue 14: documents without a year are counted beside the years, and a
// year filter lets them through on request.
TEST_P(WorksSearchTest, UndatedDocumentsAreCountedAndCanBeIncluded) {
  SearchRequest request = Zorblax();
  const SearchPage all = Search(request);
  const auto year_facet = [](const SearchPage& page) {
    for (const FacetCounts& counts : page.facets) {
      if (counts.facet == Facet::kYear) return counts;
    }
    return FacetCounts{Facet::kYear, {}, 0};
  };
  EXPECT_EQ(year_facet(all).missing, 1u) << "c0f2 has no year";

  request.year_from = 2011;
  request.year_to = 2014;
  const SearchPage ranged = Search(request);
  EXPECT_EQ(ranged.total, 4u);  // ae01, af01, ad01, c0e1
  EXPECT_EQ(year_facet(ranged).missing, 1u) << "counted as the years are, without their filter";
  std::vector<std::string> ids = Ids(ranged);
  EXPECT_EQ(std::find(ids.begin(), ids.end(), "c0f2"), ids.end());

  request.include_undated = true;
  const SearchPage with_undated = Search(request);
  EXPECT_EQ(with_undated.total, 5u);
  ids = Ids(with_undated);
  EXPECT_NE(std::find(ids.begin(), ids.end(), "c0f2"), ids.end());
  EXPECT_EQ(std::find(ids.begin(), ids.end(), "be02"), ids.end()) << "2010 is out of range";
  // The other facets count what the filter lets through.
  EXPECT_EQ(Count(with_undated, Facet::kLanguage, "fr"), 2u);  // af01, c0f2
  SearchRequest without = request;
  without.include_undated = false;
  EXPECT_NE(AnswerKey(request), AnswerKey(without));

  // Selected years too.
  SearchRequest years = Zorblax();
  years.years = {"2010"};
  years.include_undated = true;
  ids = Ids(Search(years));
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"be02", "bf02", "c0f2"}));
  // Without a year filter it changes nothing.
  SearchRequest unfiltered = Zorblax();
  unfiltered.include_undated = true;
  EXPECT_EQ(Search(unfiltered).total, kEditions.size());
}

// Issue 15 (works15): a collapsed page, however it is ranked (one pass
// noting every match, the bounded NEAR bonus of a query of several words,
// a phrase, under a filter or not, by relevance or by date, any page of
// it), is each work's first edition in the uncollapsed ranking, in that
// order and with that weight.
TEST_P(WorksSearchTest, ACollapsedPageIsEachWorksFirstEditionInTheFullRanking) {
  struct Page {
    Xapian::doccount offset, limit;
  };
  for (const char* query :
       {"zorblax", "zorblax campaign", "campagne zorblax rapport", "\"zorblax campaign\""}) {
    for (SortOrder sort : {SortOrder::kRelevance, SortOrder::kNewest, SortOrder::kOldest}) {
      for (const std::vector<std::string>& languages :
           std::vector<std::vector<std::string>>{{}, {"en", "fr"}}) {
        SearchRequest uncollapsed = Zorblax();
        uncollapsed.query = query;
        uncollapsed.sort = sort;
        uncollapsed.languages = languages;
        uncollapsed.limit = 100;
        std::vector<std::pair<std::string, double>> expected;
        std::set<std::string> works;
        for (const SearchHit& hit : Search(uncollapsed).hits) {
          if (works.insert(WorkOf(hit.record.id)).second) {
            expected.emplace_back(hit.record.id, hit.weight);
          }
        }
        const std::string what = std::string(query) + ", sort " +
                                 std::to_string(static_cast<int>(sort)) + ", " +
                                 std::to_string(languages.size()) + " languages";
        for (const Page& wanted : {Page{0, 100}, Page{0, 1}, Page{1, 2}, Page{2, 2}}) {
          SearchRequest collapsed = uncollapsed;
          collapsed.collapse_works = true;
          collapsed.offset = wanted.offset;
          collapsed.limit = wanted.limit;
          const SearchPage page = Search(collapsed);
          EXPECT_EQ(page.total, expected.size()) << what;
          std::vector<std::pair<std::string, double>> slice;
          for (std::size_t i = wanted.offset;
               i < expected.size() && i < std::size_t{wanted.offset} + wanted.limit; ++i) {
            slice.push_back(expected[i]);
          }
          ASSERT_EQ(page.hits.size(), slice.size()) << what << ", offset " << wanted.offset;
          for (std::size_t i = 0; i < slice.size(); ++i) {
            EXPECT_EQ(page.hits[i].record.id, slice[i].first)
                << what << ", offset " << wanted.offset << ", " << i;
            EXPECT_NEAR(page.hits[i].weight, slice[i].second, 1e-9 * slice[i].second) << what;
          }
        }
      }
    }
  }
}

// Issue 15 (works15): the preferred editions of a whole page are ranked in
// one pass, not one pass per hit, and each hit is still shown as its own
// work's best edition in the reader's language.
TEST_P(WorksSearchTest, ThePreferredEditionsOfAPageAreRankedInOnePass) {
  const Xapian::Database db(
      (layout() == Layout::kLocal ? IndexFolder() : RemoteStubPath()).string());
  const auto document = [&db](const std::string& id) {
    const std::string term = schema::IdTerm(id);
    return db.get_document(*db.postlist_begin(term));
  };
  const auto ids = [](const std::vector<RankedDocument>& page) {
    std::vector<std::string> out;
    for (const RankedDocument& hit : page) out.push_back(StoredRecordOf(hit.document).value().id);
    return out;
  };
  const Xapian::Query matched("zorblax");
  SearchRequest request = Zorblax();
  request.collapse_works = true;
  struct Case {
    const char* language;
    Xapian::doccount passes;
    std::vector<std::string> shown;
  };
  for (const Case& c :
       {Case{"fr", 1, {"af01", "bf02", "c0e1"}}, Case{"nl", 1, {"ad01", "be02", "c0e1"}},
        Case{"de", 0, {"ae01", "be02", "c0e1"}}}) {
    request.prefer_language = c.language;
    std::vector<RankedDocument> page = {
        {document("ae01"), 1.0}, {document("be02"), 1.0}, {document("c0e1"), 1.0}};
    EXPECT_EQ(ShowPreferredEditions(db, matched, request, nullptr, nullptr, page), c.passes)
        << c.language;
    EXPECT_EQ(ids(page), c.shown) << c.language;
  }
}

// The revision's list of editions (what collapsing and a hit's editions
// look documents up in instead of their id terms) names, for every grouped
// document with a 16-hex-digit id, the document its id term names, and
// nothing for the rest.
TEST(EditionDocidsTest, EachGroupedDocumentIsTheOneItsIdTermNames) {
  testing::TempDir folder;
  struct Put {
    const char* id;
    const char* work;
  };
  const std::vector<Put> puts = {
      {"00000000000000a1", "work-a"},
      {"ffffffffffffff02", "work-a"},
      {"00000000000000b3", ""},
      {"0123456789abcdef", "work-b"},
      {"ab12", "work-b"},  // not 16 hex digits: found by its id term instead
      {"00000000000000c4", "work-b"},
  };
  {
    auto writer = writer::IndexWriter::Open(folder.path().string(), 1);
    for (const Put& put : puts) {
      DocumentRecord r;
      r.id = put.id;
      r.root = "/archive";
      r.path = std::string(put.id) + ".html";
      r.title = put.id;
      r.language = "en";
      r.work = put.work;
      writer->Put(BuildIndexableDocument(r, {"Zorblax edition text."}));
    }
    writer->Commit();
  }
  const Xapian::Database db(folder.path().string());
  const auto docid_of = [&db](const std::string& id) {
    const std::string term = schema::IdTerm(id);
    const Xapian::PostingIterator post = db.postlist_begin(term);
    return post == db.postlist_end(term) ? 0u : *post;
  };
  std::vector<std::pair<std::uint64_t, Xapian::docid>> expected;
  for (const Put& put : puts) {
    if (std::string(put.work).empty() || std::string(put.id).size() != 16) continue;
    ASSERT_NE(docid_of(put.id), 0u) << put.id;
    expected.emplace_back(std::stoull(put.id, nullptr, 16), docid_of(put.id));
  }
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(ReadEditionDocids(db, db.get_lastdocid()), expected);

  // Documents after `last_docid` (added since the revision's sets were
  // built) are left out.
  const Xapian::docid first = docid_of("00000000000000a1");
  std::vector<std::pair<std::uint64_t, Xapian::docid>> up_to_first;
  for (const auto& edition : expected) {
    if (edition.second <= first) up_to_first.push_back(edition);
  }
  EXPECT_EQ(ReadEditionDocids(db, first), up_to_first);
}

}  // namespace
}  // namespace archivist
