// SPDX-License-Identifier: GPL-2.0-or-later
// The writer's stemming memo: whatever it remembers or forgets, a word's
// stem is the wrapped Snowball stemmer's, and once full it keeps the words
// asked for most.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "indexer/writer/stem_memo.h"

namespace archivist::writer {
namespace {

// Words with stems of every length, some repeated, some sharing a hash
// bucket's neighbourhood by their count alone: the memo's table is a few
// hundred slots here.
std::vector<std::string> Words() {
  std::vector<std::string> words = {"running", "runs", "ran", "nationalisation", "connections",
                                    "généralement", "", "a", "universités", "caresses"};
  for (int k = 0; k < 600; ++k) {
    words.push_back("word" + std::to_string(k) + (k % 3 == 0 ? "ing" : k % 3 == 1 ? "ed" : "s"));
  }
  return words;
}

TEST(StemMemoTest, GivesTheStemmersStemsThroughEvictions) {
  for (const char* language : {"english", "french"}) {
    Xapian::Stem plain(language);
    // Small enough to fill many times over the words below.
    StemMemo memo(Xapian::Stem(language), 50, 10);
    for (int pass = 0; pass < 3; ++pass) {
      for (const std::string& word : Words()) {
        ASSERT_EQ(memo(word), plain(word)) << language << " " << word << " pass " << pass;
        ASSERT_LE(memo.size(), 50u);
      }
    }
  }
}

TEST(StemMemoTest, KeepsTheWordsAskedForMostWhenFull) {
  // A stemmer that counts its calls: a remembered word costs none.
  struct Counting : Xapian::StemImplementation {
    int* calls;
    explicit Counting(int* c) : calls(c) {}
    std::string operator()(const std::string& word) override {
      ++*calls;
      return word + "~";
    }
    std::string get_description() const override { return "counting"; }
  };
  int calls = 0;
  StemMemo memo(Xapian::Stem(new Counting(&calls)), 20, 5);
  for (int k = 0; k < 10; ++k) memo("common");
  EXPECT_EQ(calls, 1);
  for (int k = 0; k < 100; ++k) EXPECT_EQ(memo("rare" + std::to_string(k)), "rare" + std::to_string(k) + "~");
  EXPECT_EQ(calls, 101);
  EXPECT_EQ(memo("common"), "common~");
  EXPECT_EQ(calls, 101) << "the most asked word was forgotten when the memo filled";
  // At most 20 of the words asked once are still remembered.
  for (int k = 0; k < 100; ++k) memo("rare" + std::to_string(k));
  EXPECT_GE(calls, 101 + 80);
}

}  // namespace
}  // namespace archivist::writer
