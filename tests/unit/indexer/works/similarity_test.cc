// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/works/similarity.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace archivist::works {
namespace {

// Every anchor weighs the same: the verdicts below do not hang on rarity.
double Flat(const std::string&) { return 3.0; }

std::vector<std::string> Range(int from, int to) {
  std::vector<std::string> out;
  for (int k = from; k <= to; ++k) out.push_back(std::to_string(k));
  return out;
}

WorkFeatures Doc(const std::string& language, std::vector<std::string> numbers,
                 std::vector<std::string> anchors, std::uint32_t chars = 10000) {
  WorkFeatures f;
  f.language = language;
  f.pages = 1;
  f.chars = chars;
  f.numbers = std::move(numbers);
  f.anchors = std::move(anchors);
  return f;
}

Edition Verdict(const WorkFeatures& a, const WorkFeatures& b) {
  return Judge(a, b, Compare(a, b, Flat));
}

TEST(SimilarityTest, CommonSubsequence) {
  EXPECT_EQ(CommonSubsequence({"1", "2", "3", "4"}, {"1", "3", "9", "4"}), 3u);
  EXPECT_EQ(CommonSubsequence({}, {"1"}), 0u);
}

// The quadratic textbook recurrence, against which the bit-parallel one is
// checked on sequences spanning several machine words (carries between them).
std::size_t TextbookSubsequence(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::vector<std::size_t>> t(a.size() + 1, std::vector<std::size_t>(b.size() + 1, 0));
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      t[i][j] = a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 : std::max(t[i - 1][j], t[i][j - 1]);
    }
  }
  return t[a.size()][b.size()];
}

TEST(SimilarityTest, CommonSubsequenceAgreesWithTheRecurrenceOnLongSequences) {
  std::mt19937 random(15);
  for (const std::size_t alphabet : {3, 20, 400}) {
    for (const auto& [la, lb] : std::vector<std::pair<std::size_t, std::size_t>>{
             {63, 64}, {64, 65}, {130, 400}, {400, 129}, {257, 257}}) {
      std::uniform_int_distribution<std::size_t> value(0, alphabet - 1);
      std::vector<std::string> a(la);
      std::vector<std::string> b(lb);
      for (std::string& x : a) x = std::to_string(value(random));
      for (std::string& x : b) x = std::to_string(value(random));
      EXPECT_EQ(CommonSubsequence(a, b), TextbookSubsequence(a, b))
          << "alphabet " << alphabet << ", lengths " << la << " and " << lb;
    }
  }
}

// The compact form a linking pass keeps (ComparableFeatures) must judge as
// the features themselves: numbers by their keys, anchors by theirs.
TEST(SimilarityTest, NumberKeysAreEqualExactlyWhenTheNumbersAre) {
  EXPECT_EQ(NumberKey("1948"), NumberKey("1948"));
  EXPECT_NE(NumberKey("7"), NumberKey("07"));
  EXPECT_NE(NumberKey("07"), NumberKey("007"));
  EXPECT_NE(NumberKey("10"), NumberKey("1"));
  EXPECT_NE(NumberKey("999999999999"), NumberKey("99999999999"));
  EXPECT_NE(NumberKey("0"), NumberKey(""));
}

TEST(SimilarityTest, TheComparableFormGivesTheSameEvidence) {
  std::mt19937 random(7);
  std::uniform_int_distribution<int> value(0, 60);
  std::vector<std::string> numbers_a;
  std::vector<std::string> numbers_b;
  for (int k = 0; k < 300; ++k) numbers_a.push_back(std::to_string(value(random)));
  for (int k = 0; k < 280; ++k) numbers_b.push_back(std::to_string(value(random)));
  numbers_b[3] = "007";  // not "7"
  const WorkFeatures a = Doc("en", numbers_a, {"i:2012-c25", "w:canada", "u:laws.gc.ca", "n:1948"});
  const WorkFeatures b = Doc("fr", numbers_b, {"w:canada", "i:2012-c25", "e:info@x.org"});
  const auto weight = [](const std::string& anchor) {
    return static_cast<double>(anchor.size());  // unequal weights, known sums
  };
  const PairEvidence evidence = Compare(MakeComparable(a, weight), MakeComparable(b, weight));
  EXPECT_EQ(evidence.common_numbers, CommonSubsequence(numbers_a, numbers_b));
  EXPECT_DOUBLE_EQ(evidence.shared_anchor_weight, 10 + 8);   // "i:2012-c25", "w:canada"
  EXPECT_DOUBLE_EQ(evidence.anchors, 18.0 / (10 + 8 + 12));  // over b's total
}

TEST(SimilarityTest, NumbersInOrderAndSharedIdentifiersMakeATranslation) {
  std::vector<std::string> numbers = Range(1, 40);
  numbers.insert(numbers.begin(), {"2012", "31", "150000"});
  const WorkFeatures en = Doc("en", numbers, {"i:c-38", "w:ottawa", "n:150000", "w:her"});
  const WorkFeatures fr = Doc("fr", numbers, {"i:c-38", "w:ottawa", "n:150000", "w:sa"}, 11500);
  EXPECT_EQ(Verdict(en, fr), Edition::kTranslation);
}

TEST(SimilarityTest, TwoStatutesOfOneYearAreNotEditions) {
  // The same year and boilerplate numbering, but their own sections,
  // amounts and bill numbers.
  std::vector<std::string> a = {"2012", "1", "2", "3", "45", "17", "250000", "4", "5"};
  std::vector<std::string> b = {"2012", "1", "2", "88", "3", "1200", "9", "61", "6"};
  const WorkFeatures first = Doc("en", a, {"n:2012", "i:c-38", "w:canada"});
  const WorkFeatures second = Doc("fr", b, {"n:2012", "i:c-45", "w:canada"});
  EXPECT_EQ(Verdict(first, second), Edition::kNone);
}

TEST(SimilarityTest, ALongSequenceAlmostWholeIsEnoughAlone) {
  // A declaration's 30 articles, one edition numbering paragraphs too.
  std::vector<std::string> with_paragraphs;
  for (int article = 1; article <= 30; ++article) {
    with_paragraphs.push_back(std::to_string(article));
    if (article % 3 == 0) with_paragraphs.insert(with_paragraphs.end(), {"1", "2"});
  }
  EXPECT_EQ(Verdict(Doc("da", with_paragraphs, {}), Doc("en", Range(1, 30), {})),
            Edition::kTranslation);
  EXPECT_EQ(Verdict(Doc("da", Range(1, 6), {}), Doc("en", Range(1, 6), {})), Edition::kNone)
      << "a short list of 1..6 is any numbered text's";
}

// Issue 15: with one language unknown, shared anchors are no translation.
// LaTeX's lineno demo (a page of formulas CLD2 cannot place) and
// l3pdffield's manual share macro names and 215 line and page numbers, half
// of the longer sequence; the polyglossia collection holds its Arabic
// example's words. Two texts in one language share such tokens by their
// subject. Known and different languages, the same evidence is a translation.
TEST(SimilarityTest, AnchorsProveNothingWhenALanguageIsUnknown) {
  std::vector<std::string> shared;
  for (int k = 0; k < 12; ++k) shared.push_back("w:macro" + std::to_string(k));
  std::vector<std::string> numbers = Range(1, 40);
  std::vector<std::string> more = Range(1, 40);
  const std::vector<std::string> pages = Range(100, 169);  // numbered past the demo's
  more.insert(more.end(), pages.begin(), pages.end());
  const WorkFeatures demo = Doc("und", numbers, shared, 12000);
  const WorkFeatures manual = Doc("en", more, shared, 16000);
  const PairEvidence evidence = Compare(demo, manual, Flat);
  ASSERT_GE(evidence.anchors, 0.6);  // what anchors alone need
  EXPECT_EQ(Judge(demo, manual, evidence), Edition::kNone);
  const WorkFeatures french = Doc("fr", numbers, shared, 12000);
  EXPECT_EQ(Judge(french, manual, Compare(french, manual, Flat)), Edition::kTranslation);
}

// Issue 15: a side holding a few anchors proves little by sharing them
// all. The Korean and Thai examples of one LaTeX package (the bench
// corpus) share only their template's English lines: "Some English to
// begin with.1", a date, a footnote "Blabla"; their numbers, ten and
// twelve, half disagree. With a fifth anchor shared, or the numbers in
// order, the same anchors are a translation again.
TEST(SimilarityTest, AFewAnchorsWithNumbersThatDisagreeAreNoTranslation) {
  const std::vector<std::string> template_anchors = {"w:english", "i:with.1", "n:2022", "w:blabla"};
  std::vector<std::string> thai_anchors = template_anchors;
  for (const char* more : {"w:world", "w:wide", "w:web", "w:second"}) thai_anchors.push_back(more);
  const std::vector<std::string> korean_numbers = {"1",  "1",  "1",    "2022", "11",
                                                   "29", "29", "2022", "1",    "1"};
  const std::vector<std::string> thai_numbers = {"1", "2", "29", "0", "29", "2022",
                                                 "1", "2", "3",  "1", "2",  "1"};
  const WorkFeatures korean = Doc("ko", korean_numbers, template_anchors, 190);
  const WorkFeatures thai = Doc("th", thai_numbers, thai_anchors, 1047);
  const PairEvidence evidence = Compare(korean, thai, Flat);
  ASSERT_EQ(evidence.shared_anchors, 4u);
  ASSERT_GE(evidence.anchors, 0.99);               // every anchor of the Korean
  ASSERT_GE(evidence.shared_anchor_weight, 12.0);  // rare enough to count
  ASSERT_LT(evidence.numbers, 0.6);                // half the numbers disagree
  EXPECT_EQ(Judge(korean, thai, evidence), Edition::kNone);

  std::vector<std::string> five = template_anchors;
  five.push_back("w:seoul");
  thai_anchors.push_back("w:seoul");
  const WorkFeatures named = Doc("ko", korean_numbers, five, 190);
  const WorkFeatures thai_named = Doc("th", thai_numbers, thai_anchors, 1047);
  EXPECT_EQ(Verdict(named, thai_named), Edition::kTranslation);

  const WorkFeatures in_order = Doc("th", korean_numbers, thai_anchors, 1047);
  EXPECT_EQ(Verdict(korean, in_order), Edition::kTranslation);
}

TEST(SimilarityTest, LengthsOutOfProportionAreNoTranslation) {
  const WorkFeatures en = Doc("en", Range(1, 40), {"i:c-38"}, 10000);
  const WorkFeatures fr = Doc("fr", Range(1, 40), {"i:c-38"}, 40000);
  EXPECT_EQ(Verdict(en, fr), Edition::kNone);
}

TEST(SimilarityTest, NearlyTheSameTextIsAVersionButAChapterIsNot) {
  WorkFeatures a = Doc("pt", {}, {});
  a.sketch.assign(kSketchSize, 7);
  WorkFeatures b = a;
  for (std::size_t k = 0; k < kSketchSize / 5; ++k) b.sketch[k] = 9;  // 80% alike
  EXPECT_EQ(Verdict(a, b), Edition::kVersion);
  b.chars = a.chars * 5 / 4;  // one holds a quarter more: a chapter and its law
  EXPECT_EQ(Verdict(a, b), Edition::kNone);
}

TEST(SimilarityTest, PagesOfOneTemplateWithTheirOwnTitlesAreNotVersions) {
  WorkFeatures a = Doc("en", {}, {});
  a.sketch.assign(kSketchSize, 7);
  a.title_words = {"commit", "prepared"};
  WorkFeatures b = a;
  for (std::size_t k = 0; k < kSketchSize / 5; ++k) b.sketch[k] = 9;
  EXPECT_EQ(Verdict(a, b), Edition::kVersion) << "the same title";
  b.title_words = {"commit", "prepared", "corrected"};
  EXPECT_EQ(Verdict(a, b), Edition::kVersion) << "a title grown by a word";
  b.title_words = {"rollback", "prepared"};
  EXPECT_EQ(Verdict(a, b), Edition::kNone);
  b.language = "und";  // nor when a language is unknown
  EXPECT_EQ(Verdict(a, b), Edition::kNone);
}

TEST(SimilarityTest, TitlesOfDifferentVersionNumbersAreDifferentWorks) {
  std::vector<std::string> numbers = Range(1, 40);
  WorkFeatures en = Doc("en", numbers, {"i:c-38", "w:ottawa", "n:150000"});
  WorkFeatures fr = Doc("fr", numbers, {"i:c-38", "w:ottawa", "n:150000"});
  en.title_numbers = {"2.30"};
  fr.title_numbers = {"2.30"};
  EXPECT_EQ(Verdict(en, fr), Edition::kTranslation);
  fr.title_numbers = {"2.31"};
  EXPECT_EQ(Verdict(en, fr), Edition::kNone);
  WorkFeatures en2 = en;
  en.sketch.assign(kSketchSize, 7);
  en2.sketch.assign(kSketchSize, 7);
  en2.title_numbers = {"2.31"};
  EXPECT_EQ(Verdict(en, en2), Edition::kNone) << "the same text under another version";
  en2.declared = en.declared = {"work=notes"};
  EXPECT_EQ(Verdict(en, en2), Edition::kVersion) << "unless the archivist says so";
}

TEST(SimilarityTest, ADeclaredWorkLinksWhatSharesNothingElse) {
  WorkFeatures en = Doc("en", {}, {}, 100);
  WorkFeatures nl = Doc("nl", {}, {}, 5000);
  en.declared = {"press-2014-06"};
  nl.declared = {"press-2014-06"};
  EXPECT_EQ(Verdict(en, nl), Edition::kTranslation);
  nl.language = "en";
  EXPECT_EQ(Verdict(en, nl), Edition::kVersion);
}

}  // namespace
}  // namespace archivist::works
