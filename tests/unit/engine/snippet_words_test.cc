// SPDX-License-Identifier: GPL-2.0-or-later
// Issue 17: the snippets' words are the indexer's terms. The whole-text
// path (the document view, indexes from before text layouts) split "2.3",
// "children's", "AT&T" and "C++" where Xapian's term generator keeps one
// term, so it marked a query term "3" in "2.3" that the positions path, led
// by the index's positions, did not (found by fuzz_stored_snippet, seed
// number-infix-differs).
#include "engine/snippet_words.h"

#include <algorithm>
#include <map>
#include <ostream>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "core/analysis.h"
#include "core/text.h"
#include "engine/hits.h"
#include "engine/snippet.h"
#include "engine/stored_text.h"
#include "indexer/writer/document_builder.h"
#include "tests/support/temp_dir.h"

namespace archivist {
namespace {

using archivist::testing::TempDir;

// The terms the writer's term generator gives `text` (folded first, as the
// writer folds it), in the order of their positions.
std::vector<std::string> IndexedTerms(std::string_view text) {
  Xapian::Document doc;
  Xapian::TermGenerator generator;
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  generator.set_document(doc);
  generator.index_text(FoldText(text));
  std::map<Xapian::termpos, std::string> by_position;
  for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
    for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) {
      by_position[*pos] = *term;
    }
  }
  std::vector<std::string> terms;
  for (const auto& [position, term] : by_position) terms.push_back(term);
  return terms;
}

// The terms SplitWords's words stand for, as the snippets match them.
std::vector<std::string> SplitTerms(std::string_view text) {
  std::vector<std::string> terms;
  std::size_t last_end = 0;
  for (const TextWord& word : SplitWords(text)) {
    EXPECT_LE(last_end, word.begin) << "words overlap in " << text;
    EXPECT_LT(word.begin, word.end) << text;
    last_end = word.end;
    if (!word.indexed) continue;
    const std::string_view written = text.substr(word.begin, word.end - word.begin);
    terms.push_back(word.respelled ? TermOfWord(written) : FoldWord(written));
  }
  return terms;
}

struct SplitCase {
  const char* name;
  const char* text;
};

void PrintTo(const SplitCase& c, std::ostream* os) { *os << c.name; }

class SplitWordsTest : public ::testing::TestWithParam<SplitCase> {};

TEST_P(SplitWordsTest, GivesTheTermGeneratorsTerms) {
  const std::string text = GetParam().text;
  EXPECT_EQ(SplitTerms(text), IndexedTerms(text)) << text;
}

const std::string kLongWord(70, 'x');

INSTANTIATE_TEST_SUITE_P(
    Infixes, SplitWordsTest,
    ::testing::Values(
        SplitCase{"DecimalPoint", "2.3 billion, 1,000 people; 10;20 and 3.4.5 or 2. 3"},
        SplitCase{"DigitInfixOnlyBetweenDigits", "a.b 2.x x.2 2,,3 2.,3"},
        SplitCase{"OtherDigitInfixes", "1\u20442 3\u037e4 5\u00b76"},
        SplitCase{"Apostrophes", "children's toys, the girls' rights, don\u2019t 'quoted'"},
        SplitCase{"ReversedApostrophe", "it\u201bs"},
        SplitCase{"InfixCharacters", "AT&T, M&S, a\u00b7b, c\u2027d & e"},
        SplitCase{"FrenchElisions",
                  "l'enfant d'abord, qu'il, jusqu'ici, lorsqu'on, puisqu'il, quoiqu'elle, "
                  "L\u2019\u00c9tat, c'\u00e9tait, aujourd'hui, s'est, 5l'enfant, \u00abl'x"},
        SplitCase{"ElisionBeforeNonLetter", "l'5 l' x qu'"},
        SplitCase{"Initials", "the U.N. report, P.T.O, U.S.A.x, A.b, I. and U.N"},
        SplitCase{"FoldedInitials", "\u00c9.U. and \u00c9.U"},
        SplitCase{"Suffixes", "C++ and C# and F#, fish+chips, C+++++ x++y a+ b#"},
        SplitCase{"ZeroWidth", "foo\u200bbar, zero\u200dwidth, 1\u20602, edge\u200b"},
        SplitCase{"Connector", "snake_case __init__"},
        SplitCase{"Compatibility", "Xapian\u2122 x\u00b2 \u2474 \u00bd H\u2082O \ufb01ne"},
        SplitCase{"Marks", "cafe\u0301 \u0301alone na\u00efve"},
        SplitCase{"Scripts",
                  "\u0431\u0435\u0437\u043e\u043f\u0430\u0441\u043d\u043e\u0441\u0442\u0438 "
                  "\u6771\u4eac\u3001\u30d1\u30c3\u30b1\u30fc\u30b8"},
        SplitCase{"InvalidUtf8", "x\xff\xfey \xc3 \xe2\x82 z\xc3"},
        SplitCase{"LongWord",
                  "short xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                  "xxxxxxxxxx after"}),
    [](const ::testing::TestParamInfo<SplitCase>& param) { return std::string(param.param.name); });

// The one exception: a character folded into two words (U+33C2 into
// "a.m.", U+2100 into "a/c") gives its first word only, so that no two
// words share bytes of the text (a snippet draws each word once).
TEST(SplitWordsTest, OneCharacterFoldedIntoTwoWordsGivesTheFirst) {
  const std::string text = "8 \u33c2 9 \u2100x";
  EXPECT_EQ(IndexedTerms(text), (std::vector<std::string>{"8", "a", "m", "9", "a", "cx"}));
  EXPECT_EQ(SplitTerms(text), (std::vector<std::string>{"8", "a", "9", "a"}));
}

// Texts drawn at random from the characters the rules above are about:
// every one splits into the term generator's terms.
TEST(SplitWordsTest, RandomTextsGiveTheTermGeneratorsTerms) {
  const std::vector<std::string> pieces = {
      "a",      "b",      "l",      "d",      "qu",     "U",      "N",      "C",      "2",
      "3",      "0",      ".",      ",",      ";",      "'",      "\u2019", "\u201b", "&",
      "+",      "#",      " ",      "\n",     "_",      "-",      "\u00e9", "\u00c9", "\u00b7",
      "\u200b", "\u2044", "\u00bd", "\u2122", "\u2474", "\u0301", "\u00ab", "\u00a0", "\xff"};
  std::mt19937 random(17);
  for (int n = 0; n < 3000; ++n) {
    std::string text;
    const std::size_t length = 1 + random() % 24;
    for (std::size_t k = 0; k < length; ++k) text += pieces[random() % pieces.size()];
    ASSERT_EQ(SplitTerms(text), IndexedTerms(text)) << "text \"" << text << "\"";
  }
}

std::string Snippet(std::string_view text, std::unordered_set<std::string> terms,
                    const char* language = "en") {
  SnippetRequest request{&terms, StemmerFor(language)};
  return MakeSnippet(text, request);
}

TEST(SnippetWordsTest, MarksWholeTermsOnly) {
  EXPECT_EQ(Snippet("2.3 billion people", {"3"}), "2.3 billion people");
  EXPECT_EQ(Snippet("2.3 billion people", {"2.3"}), "<mark>2.3</mark> billion people");
  EXPECT_EQ(Snippet("the children's rights", {"Zchildren"}),
            "the <mark>children&#39;s</mark> rights");
  EXPECT_EQ(Snippet("AT&T and C++ at the U.N. today", {"at&t", "c++", "un"}),
            "<mark>AT&amp;T</mark> and <mark>C++</mark> at the <mark>U.N</mark>. today");
  EXPECT_EQ(Snippet("l'enfant et l\u2019enfance", {"enfant", "l"}, "fr"),
            "<mark>l</mark>&#39;<mark>enfant</mark> et <mark>l</mark>\u2019enfance");
}

TEST(SnippetWordsTest, PagesMatchOnlyWholeTerms) {
  std::unordered_set<std::string> terms = {"3"};
  SnippetRequest request{&terms, StemmerFor("en")};
  EXPECT_EQ(PagesMatching("2.3 billion\fpage 3", request), (std::vector<int>{2}));
}

// Words that straddle the pieces LazyWords reads the stored text in, and
// the sections the positions point to, must give what the whole text
// gives: the section path and the whole-text path agree.
TEST(SnippetWordsTest, SectionsAndWholeTextAgreeOnJoinedWords) {
  const std::vector<std::string> words = {
      "2.3",   "billion",    "law",       "children",   "children's", "l'enfant", "qu'il",
      "AT&T",  "U.N.",       "C++",       "fish+chips", "3",          "s",        "1,000",
      "U.S.A", "x\u200by",   "\u00c9.U.", kLongWord,    "enfant",     "un",       "at",
      "t",     "na\u00efve", "\u2474",    "filler",     "words",      "of",       "the"};
  const std::vector<std::vector<std::string>> queries = {
      {"law", "children", "3"},    {"s", "t", "un"},  {"enfant", "l"},     {"c++", "c", "at&t"},
      {"Zchildren", "1,000", "1"}, {"2.3", "x", "y"}, {"xy", "u.n", "eu"}, {kLongWord, "fish"}};
  TempDir dir;
  Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE_OR_OPEN);
  std::mt19937 random(17);
  for (int d = 0; d < 30; ++d) {
    DocumentRecord record;
    record.id = std::to_string(1700000000000000 + d);
    record.title = "Document";
    record.language = d % 2 == 0 ? "en" : "fr";
    std::vector<std::string> pages(1 + random() % 4);
    for (std::string& page : pages) {
      const std::size_t count = random() % 3 == 0 ? 20 : 700;
      for (std::size_t w = 0; w < count; ++w) {
        if (!page.empty()) page += random() % 7 == 0 ? "\n" : " ";
        page += words[random() % words.size()];
      }
    }
    record.pages = static_cast<int>(pages.size());
    db.add_document(writer::BuildIndexableDocument(record, pages).xapian);
  }
  db.commit();
  std::size_t marked = 0;
  for (const std::vector<std::string>& terms : queries) {
    std::vector<Xapian::Query> parts(terms.begin(), terms.end());
    const Xapian::Query query(Xapian::Query::OP_OR, parts.begin(), parts.end());
    std::vector<RankedDocument> ranked;
    for (Xapian::docid did = 1; did <= db.get_lastdocid(); ++did) {
      ranked.push_back({db.get_document(did), 1.0});
    }
    const std::vector<SearchHit> hits = HitsOf(db, ranked, query, SearchRequest{});
    ASSERT_EQ(hits.size(), ranked.size());
    const std::unordered_set<std::string> query_terms(terms.begin(), terms.end());
    for (std::size_t i = 0; i < hits.size(); ++i) {
      const std::string text = StoredTextOf(ranked[i].document);
      const SnippetRequest request = SnippetRequestFor(&query_terms, hits[i].record);
      EXPECT_EQ(hits[i].snippet, MakeSnippet(text, request))
          << "query " << terms[0] << ", document " << i + 1;
      if (hits[i].record.pages > 1) {
        EXPECT_EQ(hits[i].matching_pages, PagesMatching(text, request))
            << "query " << terms[0] << ", document " << i + 1;
      }
      if (hits[i].snippet.find("<mark>") != std::string::npos) ++marked;
    }
  }
  EXPECT_GT(marked, 100u);
}

}  // namespace
}  // namespace archivist
