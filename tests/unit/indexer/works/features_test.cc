// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/works/features.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace archivist::works {
namespace {

DocumentRecord Record(const std::string& language) {
  DocumentRecord r;
  r.language = language;
  r.pages = 1;
  r.chars = 1000;
  return r;
}

bool Has(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

// A paragraph of distinct words, long enough for a sketch.
std::string Prose(int seed, int words = 120) {
  std::string text;
  for (int k = 0; k < words; ++k) text += "word" + std::to_string(seed * 1000 + k) + " ";
  return text;
}

TEST(WorkFeaturesTest, NumbersKeepTheirOrderWithoutSeparators) {
  const WorkFeatures f = ComputeWorkFeatures(
      Record("en"), {"Section 12 pays $1,000.50 on 2014-05-30, and 1 000 more under C-38."},
      std::nullopt);
  EXPECT_EQ(f.numbers,
            (std::vector<std::string>{"12", "100050", "2014", "05", "30", "1", "000", "38"}));
  const WorkFeatures glued = ComputeWorkFeatures(Record("en"), {"Form A4 and c25"}, {});
  EXPECT_TRUE(glued.numbers.empty()) << "a digit glued to a letter belongs to an identifier";
}

TEST(WorkFeaturesTest, DigitsOfOtherScriptsAreTheSameNumbers) {
  // Devanagari १९४८ and Arabic-Indic ١٩٤٨ are 1948.
  const WorkFeatures hindi = ComputeWorkFeatures(Record("hi"), {"\u0967\u096F\u096A\u096E"}, {});
  const WorkFeatures arabic = ComputeWorkFeatures(Record("ar"), {"\u0661\u0669\u0664\u0668"}, {});
  EXPECT_EQ(hindi.numbers, std::vector<std::string>{"1948"});
  EXPECT_EQ(arabic.numbers, std::vector<std::string>{"1948"});
}

TEST(WorkFeaturesTest, AnchorsAreWhatATranslatorCopies) {
  const WorkFeatures f = ComputeWorkFeatures(
      Record("en"),
      {"See https://www.example.org/laws/ or write to info@example.org about 2012-c25.\n"
       "Edit debian/rules with dh_make, e.g. as Ottawa decided in 1998."},
      std::nullopt);
  EXPECT_TRUE(Has(f.anchors, "u:example.org/laws")) << "no scheme, no www., no final slash";
  EXPECT_TRUE(Has(f.anchors, "e:info@example.org"));
  EXPECT_TRUE(Has(f.anchors, "i:2012-c25"));
  EXPECT_TRUE(Has(f.anchors, "i:debian/rules"));
  EXPECT_TRUE(Has(f.anchors, "i:dh_make"));
  EXPECT_TRUE(Has(f.anchors, "w:ottawa")) << "a capital inside a sentence is a name";
  EXPECT_TRUE(Has(f.anchors, "n:1998"));
  EXPECT_FALSE(Has(f.anchors, "w:see")) << "a capital at a sentence's start is no name";
  EXPECT_FALSE(Has(f.anchors, "w:edit")) << "nor at a line's start";
  EXPECT_FALSE(Has(f.anchors, "i:e.g")) << "an abbreviation is no identifier";
}

TEST(WorkFeaturesTest, QuotesAndBracketsAroundAWordAreNotPartOfIt) {
  const WorkFeatures f = ComputeWorkFeatures(
      Record("en"),
      {"The treaties of \u00abLisbon\u00bb, \u201cMaastricht\u201d and (Rome) since "
       "\u2018Nice\u2019. Signed at \u00abAmsterdam,\u00bb in \"Brussels\"."},
      std::nullopt);
  for (const char* name : {"w:lisbon", "w:maastricht", "w:rome", "w:nice", "w:brussels"}) {
    EXPECT_TRUE(Has(f.anchors, name)) << name;
  }
  // A comma inside the guillemets stays: only the marks at the edges go.
  EXPECT_FALSE(Has(f.anchors, "w:amsterdam"));
}

TEST(WorkFeaturesTest, SameTextSameSketchShortTextNone) {
  const WorkFeatures a = ComputeWorkFeatures(Record("en"), {Prose(1)}, {});
  const WorkFeatures b = ComputeWorkFeatures(Record("en"), {Prose(1)}, {});
  const WorkFeatures other = ComputeWorkFeatures(Record("en"), {Prose(2)}, {});
  ASSERT_EQ(a.sketch.size(), kSketchSize);
  EXPECT_EQ(a.sketch, b.sketch);
  EXPECT_NE(a.sketch, other.sketch);
  EXPECT_TRUE(ComputeWorkFeatures(Record("en"), {"too short to sketch"}, {}).sketch.empty());
}

// The sketch reads folded words in lower case, whatever the pages' case,
// accents and page breaks; many short pages (each kept inside its string)
// read as one.
TEST(WorkFeaturesTest, ASketchReadsFoldedLowerCaseWordsAcrossPages) {
  std::vector<std::string> pages;
  std::string joined;
  for (int k = 0; k < 60; ++k) {
    const std::string page = "Caf\u00e9 W" + std::to_string(k);
    pages.push_back(page);
    joined += "cafe w" + std::to_string(k) + "\n";
  }
  const WorkFeatures split = ComputeWorkFeatures(Record("fr"), pages, {});
  const WorkFeatures whole = ComputeWorkFeatures(Record("fr"), {joined}, {});
  ASSERT_EQ(split.sketch.size(), kSketchSize);
  EXPECT_EQ(split.sketch, whole.sketch);
}

// Sketches are stored in the index (schema::kSlotWorkFeatures) and compared
// with those of documents indexed later: the same text must keep its
// sketch from one version of the indexer to the next.
TEST(WorkFeaturesTest, ASketchIsTheOneStoredIndexesHold) {
  const WorkFeatures f = ComputeWorkFeatures(Record("en"), {Prose(1)}, {});
  ASSERT_EQ(f.sketch.size(), kSketchSize);
  EXPECT_EQ(std::vector<std::uint32_t>(f.sketch.begin(), f.sketch.begin() + 4),
            (std::vector<std::uint32_t>{700723169, 747102791, kEmptyBin, 1330357547}));
}

TEST(WorkFeaturesTest, TermsHoldAnchorsBandsNumberRunsAndDeclaredKeys) {
  const WorkFeatures f =
      ComputeWorkFeatures(Record("en"), {Prose(3) + " 10 11 12 13 Ottawa"}, std::string("tip-2014"));
  const std::vector<std::string> terms = FeatureTerms(f);
  EXPECT_TRUE(Has(terms, "d:work=tip-2014"));
  const auto bands = std::count_if(terms.begin(), terms.end(),
                                   [](const std::string& t) { return t.starts_with("m:"); });
  EXPECT_GT(bands, 0);
  EXPECT_LE(bands, static_cast<long>(kSketchBands));
  EXPECT_TRUE(std::any_of(terms.begin(), terms.end(),
                          [](const std::string& t) { return t.starts_with("s:"); }));
  EXPECT_TRUE(std::any_of(terms.begin(), terms.end(),
                          [](const std::string& t) { return t.starts_with("t:"); }));
}

TEST(WorkFeaturesTest, HreflangAlternatesAreDeclaredWhateverTheirScheme) {
  const WorkFeatures en = ComputeWorkFeatures(
      Record("en"), {"text"}, std::nullopt,
      {"https://www.example.org/en/press/", "https://example.org/fr/press"});
  const WorkFeatures fr = ComputeWorkFeatures(
      Record("fr"), {"texte"}, std::nullopt,
      {"http://example.org/en/press", "http://example.org/fr/press/"});
  EXPECT_EQ(en.declared, fr.declared);
  EXPECT_TRUE(Has(en.declared, "hreflang=example.org/fr/press"));
}

TEST(WorkFeaturesTest, PackedFeaturesComeBackEqual) {
  DocumentRecord record = Record("fr");
  record.title = "Rapport 2.1 sur la sécurité";
  record.title_source = "heading";
  const WorkFeatures f = ComputeWorkFeatures(record, {Prose(4) + " Article 34, 2014-c25"},
                                             std::string("a work key"));
  ASSERT_FALSE(f.title_words.empty());
  ASSERT_FALSE(f.title_numbers.empty());
  Result<WorkFeatures> back = UnpackWorkFeatures(PackWorkFeatures(f));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back.value(), f);
}

TEST(WorkFeaturesTest, TitlesAreReadWhenTheDocumentDeclaresThemNeverFromItsFileName) {
  DocumentRecord declared = Record("en");
  declared.title = "Git v2.30 Release Notes";
  declared.title_source = "metadata";
  const WorkFeatures f = ComputeWorkFeatures(declared, {Prose(5)}, {}, {}, "Changes in 1.4");
  EXPECT_EQ(f.title_words, (std::vector<std::string>{"git", "v2", "30", "release", "notes"}));
  EXPECT_EQ(f.title_numbers, (std::vector<std::string>{"2.30", "1.4"}));

  DocumentRecord opening = declared;
  opening.title_source = "opening";
  const WorkFeatures g = ComputeWorkFeatures(opening, {Prose(5)}, {});
  EXPECT_TRUE(g.title_words.empty()) << "a first line is no declared title";
  EXPECT_EQ(g.title_numbers, std::vector<std::string>{"2.30"});

  DocumentRecord sentence = declared;
  sentence.title = "git; hopefully this has been fixed.";
  sentence.title_source = "first-sentence";
  const WorkFeatures k = ComputeWorkFeatures(
      sentence, {"\n  GIT v1.5.1.5 Release Notes\n=====\n\nFixes since v1.5.1.4\n" + Prose(5)}, {});
  EXPECT_EQ(k.title_numbers, std::vector<std::string>{"1.5.1.5"}) << "the text's first line";

  DocumentRecord named = declared;
  named.title = "Notes 2.31";
  named.title_source = "filename";
  const WorkFeatures h = ComputeWorkFeatures(named, {Prose(5)}, {});
  EXPECT_TRUE(h.title_words.empty());
  EXPECT_TRUE(h.title_numbers.empty()) << "file names are never read";
}

TEST(WorkFeaturesTest, ANonFeatureValueIsCorrupt) {
  EXPECT_EQ(UnpackWorkFeatures("").error().code, ErrorCode::kCorrupt);
  EXPECT_EQ(UnpackWorkFeatures("works2\nen\nx\n1\n\n\n\n\n\n").error().code, ErrorCode::kCorrupt);
  // What an older analysis stored is not read as features of this one.
  EXPECT_EQ(UnpackWorkFeatures("works1\nen\n1\n1\n\n\n\n").error().code, ErrorCode::kCorrupt);
}

}  // namespace
}  // namespace archivist::works
