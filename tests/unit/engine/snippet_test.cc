// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/snippet.h"

#include <gtest/gtest.h>

#include "core/analysis.h"
#include "core/text.h"

namespace archivist {
namespace {

std::string Snippet(std::string_view text, std::unordered_set<std::string> terms,
                    const char* language = "en", std::size_t max_chars = 300) {
  SnippetRequest request{&terms, StemmerFor(language), max_chars};
  return MakeSnippet(text, request);
}

TEST(SnippetTest, HighlightsFoldedWords) {
  EXPECT_EQ(Snippet("Les joueurs Kaká et Juninho.", {"kaka"}, "fr"),
            "Les joueurs <mark>Kaká</mark> et Juninho.");
}

TEST(SnippetTest, HighlightsStemmedForms) {
  EXPECT_EQ(Snippet("Children are groomed online.", {"Zgroom"}),
            "Children are <mark>groomed</mark> online.");
}

// Words end where Xapian's term generator ends them, in ASCII and beyond
// it: accented and non-Latin letters, combining marks, digits and '_'
// belong to words; punctuation of every script does not.
TEST(SnippetTest, FindsWordsAsTheTermGeneratorDoes) {
  EXPECT_EQ(
      Snippet("«Brésil»—Kaká; 東京, snake_case x2 cafe\u0301.", {"bresil", "snake_case", "x2"},
              "fr"),
      "«<mark>Brésil</mark>»—Kaká; 東京, <mark>snake_case</mark> <mark>x2</mark> cafe\u0301.");
  EXPECT_EQ(Snippet("Ça va: ÉTÉ, Été.", {"ete"}, "fr"),
            "Ça va: <mark>ÉTÉ</mark>, <mark>Été</mark>.");
  EXPECT_EQ(Snippet("A Kaká", {"a", "kaka"}, "fr"), "<mark>A</mark> <mark>Kaká</mark>");
}

TEST(SnippetTest, EscapesMarkupFromTheDocument) {
  const std::string snippet = Snippet("<script>alert('x')</script> grooming & more", {"grooming"});
  EXPECT_EQ(snippet.find("<script"), std::string::npos);
  EXPECT_NE(snippet.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(snippet.find("&amp;"), std::string::npos);
  EXPECT_NE(snippet.find("<mark>grooming</mark>"), std::string::npos);
}

TEST(SnippetTest, PicksTheWindowWithTheMostDistinctTerms) {
  std::string text = "grooming at the start. ";
  for (int i = 0; i < 80; ++i) text += "filler ";
  text += "grooming and sexting together here.";
  for (int i = 0; i < 80; ++i) text += " filler";
  const std::string snippet = Snippet(text, {"grooming", "sexting"}, "en", 120);
  EXPECT_NE(snippet.find("<mark>sexting</mark>"), std::string::npos) << snippet;
  EXPECT_EQ(snippet.rfind("… ", 0), 0u) << snippet;  // starts mid-text
  EXPECT_NE(snippet.find(" …"), std::string::npos) << snippet;
}

TEST(SnippetTest, StartOfTextWhenNothingMatches) {
  EXPECT_EQ(Snippet("A short text\fover two pages.", {"absent"}), "A short text over two pages.");
}

TEST(SnippetTest, EmptyTextGivesEmptySnippet) { EXPECT_EQ(Snippet("", {"x"}), ""); }

std::vector<int> Pages(std::string_view text, std::unordered_set<std::string> terms) {
  SnippetRequest request{&terms, StemmerFor("en")};
  return PagesMatching(text, request);
}

TEST(PagesMatchingTest, ListsThePagesWhereTheSnippetMatcherFindsATerm) {
  EXPECT_EQ(Pages("intro\fchildren groomed\fnothing\fmore grooming", {"Zgroom"}),
            (std::vector<int>{2, 4}));
  EXPECT_EQ(Pages("Kaká\fkaka", {"kaka"}), (std::vector<int>{1, 2}));
}

TEST(PagesMatchingTest, IsEmptyWithoutTermsOrMatches) {
  EXPECT_TRUE(Pages("a\fb", {}).empty());
  EXPECT_TRUE(Pages("a\fb", {"zanzibar"}).empty());
}

TEST(TermMatcherTest, MatchesUnstemmedAndStemmedTerms) {
  std::unordered_set<std::string> terms = {"kaka", "Zgroom"};
  SnippetRequest request{&terms, StemmerFor("en")};
  TermMatcher matcher(request);
  EXPECT_GE(matcher.Match("Kaká"), 0);
  EXPECT_GE(matcher.Match("grooming"), 0);
  EXPECT_NE(matcher.Match("Kaká"), matcher.Match("grooming"));
  EXPECT_EQ(matcher.Match("football"), -1);
}

}  // namespace
}  // namespace archivist
