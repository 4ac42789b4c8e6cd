// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/word_pairs.h"

#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "core/schema.h"
#include "engine/search.h"
#include "engine/user_query.h"
#include "indexer/writer/document_builder.h"
#include "indexer/writer/index_writer.h"
#include "indexer/writer/pair_terms.h"
#include "tests/support/temp_dir.h"

namespace archivist {

// The writer builds the documents these tests search, as the indexer does.
using writer::BuildIndexableDocument;
using writer::IndexableDocument;

namespace {

DocumentRecord RecordOf(const std::string& id) {
  DocumentRecord r;
  r.id = id;
  r.root = "/archive";
  r.path = id + ".txt";
  r.title = "Note";
  r.language = "en";
  r.type = "news_post";
  return r;
}

std::set<std::string> TermsWithPrefix(const Xapian::Document& doc, std::string_view prefix) {
  std::set<std::string> terms;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    if ((*t).rfind(prefix, 0) == 0) terms.insert(*t);
  }
  return terms;
}

PairWords WordsOf(const std::vector<std::vector<std::string>>& generations) {
  PairWords words;
  for (const auto& generation : generations) words.AddGeneration(generation);
  return words;
}

TEST(WordPairsTest, PairsAreFrequentWordsSideBySideWithinAPage) {
  IndexableDocument doc = BuildIndexableDocument(
      RecordOf("a1"), {"alpha beta gamma beta alpha alpha beta", "beta gamma alpha"});
  AddWordPairs(doc.xapian, WordsOf({{"alpha", "beta"}}));
  // Not "beta gamma" (gamma is not frequent), nor the last word of a page
  // with the first of the next ("beta beta" across the break).
  EXPECT_EQ(TermsWithPrefix(doc.xapian, schema::kWordPairPrefix),
            (std::set<std::string>{"XWalpha beta", "XWbeta alpha", "XWalpha alpha"}));
  EXPECT_EQ(TermsWithPrefix(doc.xapian, schema::kPairGenerationPrefix),
            std::set<std::string>{"XG1"});
}

TEST(WordPairsTest, WithoutFrequentWordsADocumentCarriesGenerationZero) {
  IndexableDocument doc = BuildIndexableDocument(RecordOf("a1"), {"alpha beta"});
  AddWordPairs(doc.xapian, PairWords());
  EXPECT_TRUE(TermsWithPrefix(doc.xapian, schema::kWordPairPrefix).empty());
  EXPECT_EQ(TermsWithPrefix(doc.xapian, schema::kPairGenerationPrefix),
            std::set<std::string>{"XG0"});
}

TEST(WordPairsTest, TheListRoundTripsAndSkipsWhatItCannotRead) {
  const PairWords words = PairWords::Parse("1 child\n1 children\n2 report\nbad\nx y\n0 zero\n3 \n");
  EXPECT_EQ(words.GenerationOf("child"), 1);
  EXPECT_EQ(words.GenerationOf("children"), 1);
  EXPECT_EQ(words.GenerationOf("report"), 2);
  EXPECT_EQ(words.GenerationOf("bad"), -1);
  EXPECT_EQ(words.GenerationOf("zero"), -1);
  EXPECT_EQ(words.generation(), 2);
  EXPECT_EQ(words.size(), 3u);

  PairWords grown = PairWords::Parse(words.Serialise());
  EXPECT_EQ(grown.Serialise(), words.Serialise());
  grown.AddGeneration({"child", "law", "Zstem"});  // one new word; stems are no words
  EXPECT_EQ(grown.generation(), 3);
  EXPECT_EQ(grown.GenerationOf("law"), 3);
  EXPECT_EQ(grown.GenerationOf("child"), 1);
  EXPECT_EQ(grown.GenerationOf("Zstem"), -1);
  grown.AddGeneration({"law"});  // nothing new: no new generation
  EXPECT_EQ(grown.generation(), 3);
}

TEST(WordPairsTest, FrequentWordsAreInHalfTheDocuments) {
  archivist::testing::TempDir dir;
  Xapian::WritableDatabase db(dir.path().string(), Xapian::DB_CREATE);
  for (int i = 0; i < 10; ++i) {
    std::string text = "common";
    if (i < 5) text += " half";
    if (i < 4) text += " few";
    db.add_document(BuildIndexableDocument(RecordOf("d" + std::to_string(i)), {text}).xapian);
  }
  db.commit();
  std::vector<std::string> found = NewFrequentWords(db, PairWords(), 10);
  // "note" is every document's title. No stems ("Zcommon"), titles
  // ("Scommon") or filters.
  EXPECT_EQ(std::set<std::string>(found.begin(), found.end()),
            (std::set<std::string>{"common", "half", "note"}));
  found = NewFrequentWords(db, WordsOf({{"common", "note"}}), 10);
  EXPECT_EQ(found, std::vector<std::string>{"half"});
  EXPECT_TRUE(NewFrequentWords(db, PairWords(), 11).empty());
}

// An index whose documents were analysed in three generations: none, then
// "child children report", then "law online" too; random texts over a few
// words, so that every phrase below occurs in some documents and not in
// others.
class PairedIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::vector<std::string> vocabulary = {"child",  "children", "report", "law",
                                                 "online", "brazil",   "zeta"};
    const PairWords first = WordsOf({{"child", "children", "report"}});
    const PairWords second = WordsOf({{"child", "children", "report"}, {"law", "online"}});
    std::mt19937 random(7);
    Xapian::WritableDatabase db(dir_.path().string(), Xapian::DB_CREATE);
    for (int i = 0; i < 300; ++i) {
      std::vector<std::string> pages(1 + i % 2);
      for (std::string& page : pages) {
        const int length = 3 + static_cast<int>(random() % 30);
        for (int w = 0; w < length; ++w) page += vocabulary[random() % vocabulary.size()] + " ";
      }
      IndexableDocument doc = BuildIndexableDocument(RecordOf("d" + std::to_string(i)), pages);
      AddWordPairs(doc.xapian, i < 100 ? PairWords() : i < 200 ? first : second);
      db.add_document(doc.xapian);
    }
    db.set_metadata(std::string(schema::kPairWordsKey), second.Serialise());
    db.commit();
    db_ = Xapian::Database(dir_.path().string());
  }

  Xapian::Query Parse(const std::string& query) const {
    Xapian::QueryParser parser;
    parser.set_database(db_);
    return parser.parse_query(query);
  }

  // Every match with its weight.
  std::map<Xapian::docid, double> Matches(const Xapian::Query& query) const {
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    const Xapian::MSet mset = enquire.get_mset(0, db_.get_doccount());
    std::map<Xapian::docid, double> matches;
    for (auto it = mset.begin(); it != mset.end(); ++it) matches[*it] = it.get_weight();
    return matches;
  }

  void ExpectSameMatchesAndWeights(const std::string& text, bool rewritten) {
    SCOPED_TRACE(text);
    const Xapian::Query query = Parse(text);
    const Xapian::Query with_pairs = WithWordPairs(query, db_);
    EXPECT_EQ(with_pairs.get_description().find("XW") != std::string::npos, rewritten)
        << with_pairs.get_description();
    const std::map<Xapian::docid, double> expected = Matches(query);
    const std::map<Xapian::docid, double> actual = Matches(with_pairs);
    ASSERT_EQ(actual.size(), expected.size());
    EXPECT_FALSE(expected.empty());
    for (const auto& [docid, weight] : expected) {
      ASSERT_TRUE(actual.count(docid)) << "missing document " << docid;
      EXPECT_NEAR(actual.at(docid), weight, 1e-9) << "document " << docid;
    }
  }

  archivist::testing::TempDir dir_;
  Xapian::Database db_;
};

TEST_F(PairedIndexTest, TheIndexKnowsEachDocumentsGeneration) {
  const PairIndex pairs = PairIndex::Read(db_);
  EXPECT_TRUE(pairs.every_document_tagged);
  EXPECT_EQ(pairs.documents_by_generation,
            (std::map<int, Xapian::doccount>{{0, 100}, {1, 100}, {2, 100}}));
  EXPECT_EQ(pairs.words.GenerationOf("online"), 2);
}

TEST_F(PairedIndexTest, PhrasesOfFrequentWordsMatchAndWeighAsBefore) {
  ExpectSameMatchesAndWeights("\"child children\"", true);
  ExpectSameMatchesAndWeights("\"children child\"", true);
  ExpectSameMatchesAndWeights("\"child child\"", true);
  ExpectSameMatchesAndWeights("\"child children report\"", true);
  ExpectSameMatchesAndWeights("\"law online\"", true);  // documents of generation 2 only
  ExpectSameMatchesAndWeights("\"report law online\"", true);
  ExpectSameMatchesAndWeights("\"child children\" brazil", true);
  ExpectSameMatchesAndWeights("brazil -\"child children\"", true);
  ExpectSameMatchesAndWeights("\"online law\" OR \"children report\"", true);
  ExpectSameMatchesAndWeights("\"child children zeta\"", true);  // only its first pair
  // "zeta" and "brazil" are not frequent: nothing to read from pairs.
  ExpectSameMatchesAndWeights("\"child zeta\"", false);
  ExpectSameMatchesAndWeights("\"brazil zeta\"", false);
  ExpectSameMatchesAndWeights("child NEAR children", false);
}

// The search's own query (ParseUserQuery, then WithWordPairs, as
// Searcher::SearchOnce runs it) reads a phrase of frequent words from pair
// terms in its rank-first parts too: a body-word phrase is left only where
// documents analysed without pairs (XG0) need it. Left in a scaled part, it
// had its positions checked in every document the rest matched.
TEST_F(PairedIndexTest, TheSearchsRankFirstPartsReadPhrasesFromPairs) {
  SearchRequest request;
  request.query = "\"child children\"";
  const Xapian::Query text = ParseUserQuery(db_, request);
  const Xapian::Query matched = WithWordPairs(text, db_);
  const std::string description = matched.get_description();
  const auto count = [&](const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = description.find(needle); at != std::string::npos;
         at = description.find(needle, at + 1)) {
      ++n;
    }
    return n;
  };
  const std::string phrase = "(child@1 PHRASE 2 children@2)";
  EXPECT_GE(count(phrase), 1u) << description;
  EXPECT_EQ(count(phrase), count(phrase + " FILTER XG0")) << description;
  const std::map<Xapian::docid, double> expected = Matches(text);
  const std::map<Xapian::docid, double> actual = Matches(matched);
  ASSERT_EQ(actual.size(), expected.size());
  EXPECT_FALSE(expected.empty());
  for (const auto& [docid, weight] : expected) {
    ASSERT_TRUE(actual.count(docid)) << "missing document " << docid;
    EXPECT_NEAR(actual.at(docid), weight, 1e-9) << "document " << docid;
  }
}

// The parts on the right of an AND_MAYBE in `query` that check positions
// without CheckedOncePerDocument's wrapper, described.
void CollectUnwrapped(const Xapian::Query& query, std::vector<std::string>& out) {
  if (query.get_type() == Xapian::Query::OP_AND_MAYBE) {
    for (std::size_t i = 1; i < query.get_num_subqueries(); ++i) {
      Xapian::Query right = query.get_subquery(i);
      while (right.get_type() == Xapian::Query::OP_SCALE_WEIGHT) right = right.get_subquery(0);
      const bool wrapped =
          right.get_type() == Xapian::Query::OP_AND_MAYBE && right.get_num_subqueries() == 2 &&
          right.get_subquery(1).get_type() == Xapian::Query::OP_SCALE_WEIGHT &&
          right.get_subquery(1).get_subquery(0).get_type() == Xapian::Query::LEAF_MATCH_ALL;
      if (!wrapped && HoldsPositional(right)) out.push_back(right.get_description());
    }
  }
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    CollectUnwrapped(query.get_subquery(i), out);
  }
}

// A phrase or NEAR that adds weight is asked for one candidate at a time
// (engine/user_query.h): the title phrase, the words near each other and
// the quoted phrase's plain reading all sit on the right of AND_MAYBEs.
TEST_F(PairedIndexTest, TheSearchsPositionalRankFirstPartsAreCheckedOncePerCandidate) {
  for (const char* text : {"\"child children\"", "online law report", "\"zeta law\" brazil"}) {
    SCOPED_TRACE(text);
    SearchRequest request;
    request.query = text;
    const Xapian::Query matched = WithWordPairs(ParseUserQuery(db_, request), db_);
    ASSERT_TRUE(HoldsPositional(matched)) << matched.get_description();
    std::vector<std::string> unwrapped;
    CollectUnwrapped(matched, unwrapped);
    EXPECT_TRUE(unwrapped.empty()) << unwrapped.front() << "\nin " << matched.get_description();
  }
}

// A quoted phrase's every match holds every word: its all-words boost is
// its own weight again, so the search matches the phrase once (scaled),
// not a second time for the boost.
TEST_F(PairedIndexTest, AQuotedPhraseIsMatchedOnce) {
  SearchRequest request;
  request.query = "\"child children\"";
  const std::string description =
      WithWordPairs(ParseUserQuery(db_, request), db_).get_description();
  const std::string pair_term = "XWchild children";
  const std::size_t first = description.find(pair_term);
  ASSERT_NE(first, std::string::npos) << description;
  EXPECT_EQ(description.find(pair_term, first + 1), std::string::npos) << description;
  EXPECT_NE(description.find("11 * "), std::string::npos) << description;
}

// The wrapper changes no match and no weight, for a phrase and for a NEAR,
// scaled or not; a part without positions is left as it is.
TEST_F(PairedIndexTest, APositionalPartCheckedOncePerCandidateWeighsAsBefore) {
  const Xapian::Query left = Parse("child OR law OR zeta");
  const std::map<Xapian::docid, double> unraised = Matches(left);
  for (const char* text : {"\"zeta law\"", "online NEAR/3 brazil"}) {
    SCOPED_TRACE(text);
    const Xapian::Query part = Parse(text);
    ASSERT_TRUE(HoldsPositional(part)) << part.get_description();
    for (const double factor : {1.0, 3.0}) {
      const auto scaled = [&](const Xapian::Query& q) {
        return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, factor);
      };
      const std::map<Xapian::docid, double> expected =
          Matches(Xapian::Query(Xapian::Query::OP_AND_MAYBE, left, scaled(part)));
      const std::map<Xapian::docid, double> actual = Matches(
          Xapian::Query(Xapian::Query::OP_AND_MAYBE, left, scaled(CheckedOncePerDocument(part))));
      ASSERT_EQ(actual.size(), expected.size());
      std::size_t raised = 0;
      for (const auto& [docid, weight] : expected) {
        ASSERT_TRUE(actual.count(docid)) << "missing document " << docid;
        EXPECT_NEAR(actual.at(docid), weight, 1e-9) << "document " << docid;
        raised += unraised.at(docid) < weight - 1e-9;
      }
      EXPECT_GT(raised, 0u) << "the part added weight to no document";
    }
  }
  const Xapian::Query words = Parse("zeta law");
  EXPECT_EQ(CheckedOncePerDocument(words).get_description(), words.get_description());
}

TEST_F(PairedIndexTest, AnIndexWithUntaggedDocumentsKeepsItsPhrases) {
  {
    Xapian::WritableDatabase db(dir_.path().string());
    db.add_document(BuildIndexableDocument(RecordOf("old"), {"child children"}).xapian);
    db.commit();
  }
  db_.reopen();
  const Xapian::Query query = Parse("\"child children\"");
  EXPECT_FALSE(PairIndex::Read(db_).every_document_tagged);
  EXPECT_EQ(WithWordPairs(query, db_).get_description(), query.get_description());
}

// The writer learns the frequent words as the index grows, and searches
// see the same phrase matches before and after.
class PairWritingTest : public ::testing::TestWithParam<int> {};

TEST_P(PairWritingTest, TheWriterLearnsFrequentWordsAsTheIndexGrows) {
  const int shards = GetParam();
  archivist::testing::TempDir dir;
  constexpr int kDocuments = 2500;
  int with_phrase = 0;
  {
    auto writer = writer::IndexWriter::Open(dir.path().string(), shards);
    for (int i = 0; i < kDocuments; ++i) {
      // Ids are hex, as the writer's shards expect.
      char id[16];
      std::snprintf(id, sizeof id, "%08x", static_cast<unsigned>(i) * 2654435761u);
      // "alpha beta" side by side in two documents of three, apart in the third.
      const bool adjacent = i % 3 != 0;
      with_phrase += adjacent ? 1 : 0;
      const std::string text =
          adjacent ? "alpha beta w" + std::to_string(i) : "alpha w" + std::to_string(i) + " beta";
      writer->Put(BuildIndexableDocument(RecordOf(id), {text}));
      if (i % 500 == 499) writer->Commit();
    }
    writer->Commit();
  }
  const std::string path = dir.path().string();
  const Xapian::Database db(path);
  const PairIndex pairs = PairIndex::Read(db);
  EXPECT_TRUE(pairs.every_document_tagged);
  EXPECT_GE(pairs.words.GenerationOf("alpha"), 1);
  EXPECT_GE(pairs.words.GenerationOf("beta"), 1);
  EXPECT_EQ(pairs.words.GenerationOf("w7"), -1);
  // The first thousand documents came before the first review (with two
  // shards, the first shard may hold too few of them then).
  if (shards == 1) {
    EXPECT_EQ(pairs.documents_by_generation.at(0), 1000u);
  } else {
    EXPECT_GE(pairs.documents_by_generation.at(0), 1000u);
    EXPECT_LT(pairs.documents_by_generation.at(0), static_cast<Xapian::doccount>(kDocuments));
  }
  EXPECT_GT(db.get_termfreq("XWalpha beta"), 0u);
  EXPECT_LT(db.get_termfreq("XWalpha beta"), static_cast<Xapian::doccount>(with_phrase));
  if (shards > 1) {
    for (int k = 0; k < shards; ++k) {
      const Xapian::Database shard(path + "/shard-" + std::to_string(k));
      EXPECT_EQ(shard.get_metadata(std::string(schema::kPairWordsKey)), pairs.words.Serialise());
    }
  }

  Result<std::unique_ptr<Searcher>> searcher = Searcher::Open(path);
  ASSERT_TRUE(searcher.ok()) << searcher.error().message;
  SearchRequest request;
  request.query = "\"alpha beta\"";
  Result<SearchPage> page = searcher.value()->Search(request);
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page.value().total, static_cast<Xapian::doccount>(with_phrase));

  // A document whose pair term says what its positions do not: the phrase
  // finds it only because searches read the pair terms.
  {
    Xapian::WritableDatabase first_shard(shards == 1 ? path : path + "/shard-0");
    IndexableDocument doc = BuildIndexableDocument(RecordOf("ffffffff"), {"alpha w beta"});
    AddWordPairs(doc.xapian, pairs.words);
    doc.xapian.add_boolean_term(schema::WordPairTerm("alpha", "beta"));
    first_shard.add_document(doc.xapian);
    first_shard.commit();
  }
  page = searcher.value()->Search(request);
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page.value().total, static_cast<Xapian::doccount>(with_phrase + 1));
}

INSTANTIATE_TEST_SUITE_P(Shards, PairWritingTest, ::testing::Values(1, 2),
                         [](const ::testing::TestParamInfo<int>& shards) {
                           return shards.param == 1 ? std::string("OneShard")
                                                    : std::to_string(shards.param) + "Shards";
                         });

}  // namespace
}  // namespace archivist
