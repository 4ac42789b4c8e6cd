// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/phrases.h"

#include <string>

#include <gtest/gtest.h>

namespace archivist::enrich {
namespace {

TEST(SplitFoldedWordsTest, WordsAreLettersDigitsAndNonAsciiBytes) {
  const std::string text = "thank you, mr. president: 2014 \xce\xb5\xce\xbb";
  const auto words = SplitFoldedWords(text);
  ASSERT_EQ(words.size(), 6u);
  EXPECT_EQ(words[0].text, "thank");
  EXPECT_EQ(words[3].text, "president");
  EXPECT_EQ(text[words[3].end], ':');
  EXPECT_EQ(words[4].text, "2014");
  EXPECT_EQ(words[5].text, "\xce\xb5\xce\xbb");
}

TEST(PhraseSetTest, MatchesWholeWordsAcrossPunctuation) {
  const PhraseSet phrases = {"mr president", "thank you mr", "excellencies"};
  const std::string text = "i thank you, mr. president and excellencies";
  const auto words = SplitFoldedWords(text);
  EXPECT_EQ(phrases.MatchAt(words, 1), 1);  // "thank you, mr"
  EXPECT_EQ(phrases.MatchAt(words, 3), 0);  // "mr. president"
  EXPECT_EQ(phrases.MatchAt(words, 6), 2);
  EXPECT_EQ(phrases.MatchAt(words, 0), -1);
  EXPECT_EQ(phrases.MatchAt(words, 99), -1);
}

TEST(PhraseSetTest, NoPartialWordsAndNoRunningOffTheEnd) {
  const PhraseSet phrases = {"mr president", "press release"};
  const std::string presidential = "mr presidential";
  EXPECT_FALSE(phrases.FoundIn(SplitFoldedWords(presidential)));
  const std::string cut = "the press";
  EXPECT_FALSE(phrases.FoundIn(SplitFoldedWords(cut)));
  const std::string whole = "a press release";
  EXPECT_TRUE(phrases.FoundIn(SplitFoldedWords(whole)));
}

TEST(PhraseSetTest, TheLongestPhraseWins) {
  const PhraseSet phrases = {"on his election", "on his unanimous election", "on"};
  const std::string text = "on his unanimous election";
  EXPECT_EQ(phrases.MatchAt(SplitFoldedWords(text), 0), 1);
}

}  // namespace
}  // namespace archivist::enrich
