// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/search_params.h"

#include <gtest/gtest.h>

namespace archivist::searchd {
namespace {

struct BadParams {
  const char* name;
  QueryParams params;
  const char* named;  // the parameter the error must name
};

// gtest prints parameters in test names; a name reads better than bytes.
void PrintTo(const BadParams& params, std::ostream* os) { *os << params.name; }

class RejectedParamsTest : public ::testing::TestWithParam<BadParams> {};

TEST_P(RejectedParamsTest, IsInvalidArgumentNamingTheParameter) {
  Result<SearchRequest> request = ParseSearchParams(GetParam().params);
  ASSERT_FALSE(request.ok());
  EXPECT_EQ(request.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(request.error().message.rfind(std::string(GetParam().named) + ":", 0), 0u)
      << request.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RejectedParamsTest,
    ::testing::Values(
        BadParams{"PageZero", {{"page", "0"}}, "page"},
        BadParams{"PageNegative", {{"page", "-1"}}, "page"},
        BadParams{"PageNotANumber", {{"page", "two"}}, "page"},
        BadParams{"PageHuge", {{"page", "99999999999999999999"}}, "page"},
        BadParams{"PageTooDeep", {{"page", "1001"}, {"per_page", "10"}}, "page"},
        BadParams{"PerPageZero", {{"per_page", "0"}}, "per_page"},
        BadParams{"PerPageTooLarge", {{"per_page", "100000"}}, "per_page"},
        BadParams{"PerPageFraction", {{"per_page", "1.5"}}, "per_page"},
        BadParams{"UnknownSort", {{"sort", "random"}}, "sort"},
        BadParams{"CollapseOnSomethingElse", {{"collapse", "title"}}, "collapse"},
        BadParams{"CollapseEmpty", {{"collapse", ""}}, "collapse"},
        BadParams{"PreferLangNotACode", {{"collapse", "work"}, {"prefer_lang", "French"}},
                  "prefer_lang"},
        BadParams{"PreferLangWithoutCollapse", {{"prefer_lang", "FR"}}, "prefer_lang"},
        BadParams{"IncludeUndatedWord", {{"include_undated", "yes"}}, "include_undated"},
        BadParams{"LowerCaseCountry", {{"country", "br"}}, "country"},
        BadParams{"CountryName", {{"country", "Brazil"}}, "country"},
        BadParams{"LanguageName", {{"language", "French"}}, "language"},
        BadParams{"LanguageNameInTheAlias", {{"lang", "French"}}, "lang"},
        BadParams{"BadYear", {{"year", "14"}}, "year"},
        BadParams{"YearOfFiveDigits", {{"year", "20150"}}, "year"},
        BadParams{"CountryOfThreeLetters", {{"country", "BRA"}}, "country"},
        BadParams{"LanguageOfFourLetters", {{"language", "fran"}}, "language"},
        BadParams{"LanguageEmpty", {{"language", ""}}, "language"},
        BadParams{"TopicUpperCase", {{"topic", "Child-Labour"}}, "topic"},
        BadParams{"TopicTooLong", {{"topic", std::string(65, 'a')}}, "topic"},
        BadParams{"TypeWithSpace", {{"type", "press release"}}, "type"},
        BadParams{"UiLangOneLetter", {{"ui_lang", "f"}}, "ui_lang"},
        BadParams{"YearFromText", {{"year_from", "soon"}}, "year_from"},
        BadParams{"YearsReversed", {{"year_from", "2015"}, {"year_to", "2010"}}, "year_from"},
        BadParams{"UnknownQueryLanguage", {{"query_lang", "xx"}}, "query_lang"},
        BadParams{"QueryTooLong", {{"q", std::string(5000, 'a')}}, "q"}),
    [](const ::testing::TestParamInfo<BadParams>& param_info) { return param_info.param.name; });

TEST(SearchParamsTest, Defaults) {
  Result<SearchRequest> request = ParseSearchParams({{"q", "grooming"}});
  ASSERT_TRUE(request.ok());
  EXPECT_EQ(request.value().query, "grooming");
  EXPECT_EQ(request.value().offset, 0u);
  EXPECT_EQ(request.value().limit, 10u);
  EXPECT_EQ(request.value().sort, SortOrder::kRelevance);
}

TEST(SearchParamsTest, EmptyQueryBrowsesNewestFirst) {
  Result<SearchRequest> request = ParseSearchParams({{"q", ""}});
  ASSERT_TRUE(request.ok());
  EXPECT_EQ(request.value().sort, SortOrder::kNewest);
}

TEST(SearchParamsTest, PagingAndRepeatedFilters) {
  Result<SearchRequest> request = ParseSearchParams({{"page", "3"},
                                                     {"per_page", "100"},
                                                     {"country", "BR"},
                                                     {"country", "BE"},
                                                     {"country", "BR"},
                                                     {"lang", "fr"},
                                                     {"topic", "child-sex-tourism"},
                                                     {"type", "press_release"},
                                                     {"year_from", "2010"},
                                                     {"year_to", "2014"},
                                                     {"sort", "oldest"},
                                                     {"query_lang", "fr"}});
  ASSERT_TRUE(request.ok()) << request.error().message;
  const SearchRequest& r = request.value();
  EXPECT_EQ(r.offset, 200u);
  EXPECT_EQ(r.limit, 100u);
  EXPECT_EQ(r.countries, (std::vector<std::string>{"BR", "BE"}));
  EXPECT_EQ(r.languages, std::vector<std::string>{"fr"});
  EXPECT_EQ(r.topics, std::vector<std::string>{"child-sex-tourism"});
  EXPECT_EQ(r.types, std::vector<std::string>{"press_release"});
  EXPECT_EQ(r.year_from, 2010);
  EXPECT_EQ(r.year_to, 2014);
  EXPECT_EQ(r.sort, SortOrder::kOldest);
  EXPECT_EQ(r.query_language, "fr");
}

// Issue 13: the language facet is filtered by its own name, `language`;
// `lang` stays an alias, and both together fill one filter.
TEST(SearchParamsTest, LanguageFilterByItsNameOrItsAlias) {
  for (const char* name : {"language", "lang"}) {
    Result<SearchRequest> request = ParseSearchParams({{name, "fr"}, {name, "nl"}});
    ASSERT_TRUE(request.ok()) << name;
    EXPECT_EQ(request.value().languages, (std::vector<std::string>{"fr", "nl"})) << name;
  }
  Result<SearchRequest> both =
      ParseSearchParams({{"language", "fr"}, {"lang", "fr"}, {"lang", "en"}});
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both.value().languages, (std::vector<std::string>{"fr", "en"}));
  EXPECT_FALSE(CheckKnownParams({{"language", "fr"}, {"lang", "en"}}, kSearchParamNames));
}

// Issue 17: names and ids a client sent are echoed in JSON error messages,
// so bytes that are not UTF-8 must be refused or escaped before they get there.
// Issue 15: one hit per work, in the reader's language unless told another.
TEST(SearchParamsTest, CollapsePrefersTheInterfaceLanguageUnlessToldAnother) {
  Result<SearchRequest> plain = ParseSearchParams({{"ui_lang", "fr"}});
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE(plain.value().collapse_works);
  EXPECT_EQ(plain.value().prefer_language, "") << "no preference without collapsing";
  Result<SearchRequest> collapsed = ParseSearchParams({{"collapse", "work"}, {"ui_lang", "fr"}});
  ASSERT_TRUE(collapsed.ok());
  EXPECT_TRUE(collapsed.value().collapse_works);
  EXPECT_EQ(collapsed.value().prefer_language, "fr");
  Result<SearchRequest> told =
      ParseSearchParams({{"collapse", "work"}, {"ui_lang", "fr"}, {"prefer_lang", "nl"}});
  ASSERT_TRUE(told.ok());
  EXPECT_EQ(told.value().prefer_language, "nl");
  Result<SearchRequest> neither = ParseSearchParams({{"collapse", "work"}});
  ASSERT_TRUE(neither.ok());
  EXPECT_EQ(neither.value().prefer_language, "en");
}

// Issue 14: documents without a year, let through a year filter on request.
TEST(SearchParamsTest, IncludeUndatedIsZeroOrOne) {
  EXPECT_FALSE(ParseSearchParams({}).value().include_undated);
  EXPECT_TRUE(ParseSearchParams({{"include_undated", "1"}}).value().include_undated);
  EXPECT_FALSE(ParseSearchParams({{"include_undated", "0"}}).value().include_undated);
}

TEST(CheckKnownParamsTest, NamesAnUnknownParameterAsInAUrl) {
  auto unknown = CheckKnownParams({{"q", "a"}, {"a\xff b", "1"}}, kSearchParamNames);
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(unknown->message, "a%FF%20b: unknown parameter");
  unknown = CheckKnownParams({{"contry", "BR"}}, kSearchParamNames);
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->message, "contry: unknown parameter");
}

// Issue 17, found by fuzzing (tests/fuzz/fuzz_search.cc): a query that is
// not UTF-8 was accepted and echoed in the answer, whose JSON writer threw.
TEST(CheckKnownParamsTest, RefusesValuesThatAreNotUtf8) {
  EXPECT_FALSE(CheckKnownParams({{"q", "caf\xc3\xa9"}}, kSearchParamNames));
  for (const char* bad : {"\xd8"
                          "22child",
                          "\xff", "a\xed\xa0\x80", "\xc0\xaf"}) {
    auto error = CheckKnownParams({{"country", "BR"}, {"q", bad}}, kSearchParamNames);
    ASSERT_TRUE(error) << bad;
    EXPECT_EQ(error->code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(error->message, "q: not valid UTF-8");
  }
}

TEST(CheckDocumentIdTest, RefusesIdsThatAreNotUtf8) {
  EXPECT_FALSE(CheckDocumentId("0123456789abcdef"));
  EXPECT_FALSE(CheckDocumentId("caf\xc3\xa9"));  // not an id, but the index may say so
  for (const char* bad :
       {"\xff", "\xc3\x28", "\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80", "a\xe2\x82"}) {
    auto error = CheckDocumentId(bad);
    ASSERT_TRUE(error) << bad;
    EXPECT_EQ(error->code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(error->message, "id: not valid UTF-8");
  }
}

}  // namespace
}  // namespace archivist::searchd
