// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/text.h"

#include <gtest/gtest.h>

namespace archivist {
namespace {

struct FoldCase {
  const char* name;
  const char* input;
  const char* folded;
};

void PrintTo(const FoldCase& fold_case, std::ostream* os) { *os << fold_case.name; }

class FoldTextTest : public ::testing::TestWithParam<FoldCase> {};

TEST_P(FoldTextTest, Folds) { EXPECT_EQ(FoldText(GetParam().input), GetParam().folded); }

INSTANTIATE_TEST_SUITE_P(
    Cases, FoldTextTest,
    ::testing::Values(
        FoldCase{"AcuteAccent", "Kaká", "Kaka"},
        FoldCase{"FrenchAccents", "sécurité à l’école", "securite a l ecole"},
        FoldCase{"Cedilla", "garçon français", "garcon francais"},
        FoldCase{"Tilde", "exploração infantil", "exploracao infantil"},
        FoldCase{"SpanishEnye", "niños", "ninos"},
        FoldCase{"Uppercase", "ÉTAT", "ETAT"},
        FoldCase{"SharpS", "Straße", "Strasse"},
        FoldCase{"Ligatures", "œuvre ﬁnale", "oeuvre finale"},
        FoldCase{"Stroke", "Łódź Ørsted", "Lodz Orsted"},
        FoldCase{"ElisionArticle", "l'exploitation", "l exploitation"},
        FoldCase{"ElisionTypographic", "d’enfants", "d enfants"},
        FoldCase{"ElisionQu", "qu'il", "qu il"},
        FoldCase{"ElisionJusqu", "jusqu’à", "jusqu a"},
        FoldCase{"ElisionCapital", "L'Europe", "L Europe"},
        FoldCase{"NoElisionInsideWord", "aujourd'hui", "aujourd'hui"},
        FoldCase{"EnglishContractionKept", "don't", "don't"},
        FoldCase{"EnglishPossessiveKept", "children's rights", "children's rights"},
        FoldCase{"AsciiUnchanged", "OP3CRC 2014", "OP3CRC 2014"}),
    [](const ::testing::TestParamInfo<FoldCase>& param_info) { return param_info.param.name; });

TEST(FoldWordTest, LowersAndFolds) {
  EXPECT_EQ(FoldWord("Kaká"), "kaka");
  EXPECT_EQ(FoldWord("SÉCURITÉ"), "securite");
  EXPECT_EQ(FoldWord("Grooming"), "grooming");
}

TEST(FoldTextTest, InvalidUtf8DoesNotThrow) {
  const std::string folded = FoldText("caf\xE9 ok");
  EXPECT_NE(folded.find("ok"), std::string::npos);
}

TEST(NormaliseLanguageTest, KeepsPrimarySubtag) {
  EXPECT_EQ(NormaliseLanguage("pt-BR"), "pt");
  EXPECT_EQ(NormaliseLanguage("FR"), "fr");
  EXPECT_EQ(NormaliseLanguage("nl_NL"), "nl");
  EXPECT_EQ(NormaliseLanguage(""), "und");
  EXPECT_EQ(NormaliseLanguage("12"), "und");
  EXPECT_EQ(NormaliseLanguage("english"), "und");
}

}  // namespace
}  // namespace archivist
