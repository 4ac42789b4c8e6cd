// SPDX-License-Identifier: GPL-2.0-or-later
// The stemming memos: whatever they remember or forget, a word's stem is
// the wrapped Snowball stemmer's, once full they keep the words asked for
// most, and the shared one gives every thread the stemmer's stems.
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "core/analysis.h"
#include "core/analysis_stem_memo.h"

namespace archivist {
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

TEST(StemMemoTest, SharedByThreadsGivesEveryThreadTheStemmersStems) {
  // Four threads asking the same words in different orders while the memo
  // fills and forgets (capacity 50): each must get the stemmer's stem.
  SharedStemMemo memo(Xapian::Stem("english"), 50, 10);
  const std::vector<std::string> words = Words();
  std::vector<std::vector<std::string>> stems(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < stems.size(); ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t k = 0; k < words.size(); ++k) {
        stems[t].push_back(memo(words[(k * (t + 1)) % words.size()]));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  Xapian::Stem plain("english");
  for (std::size_t t = 0; t < stems.size(); ++t) {
    ASSERT_EQ(stems[t].size(), words.size());
    for (std::size_t k = 0; k < words.size(); ++k) {
      ASSERT_EQ(stems[t][k], plain(words[(k * (t + 1)) % words.size()])) << "thread " << t;
    }
  }
}

TEST(StemMemoTest, TheProgramsSharedMemoStemsAsStemmerForDoes) {
  for (const char* language : {"en", "fr", "nl", "pt", "es", "de"}) {
    SharedStemMemo* memo = SharedStemMemoFor(language);
    ASSERT_NE(memo, nullptr) << language;
    EXPECT_EQ(memo, SharedStemMemoFor(language)) << "one memo per language";
    const Xapian::Stem plain = StemmerFor(language);
    for (const std::string& word : Words()) EXPECT_EQ((*memo)(word), plain(word)) << language;
  }
  EXPECT_EQ(SharedStemMemoFor("ru"), nullptr);
  EXPECT_EQ(SharedStemMemoFor("und"), nullptr);
}

}  // namespace
}  // namespace archivist
