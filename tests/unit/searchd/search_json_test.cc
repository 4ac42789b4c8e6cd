// SPDX-License-Identifier: GPL-2.0-or-later
// Issue 19: /api/search writes its answer without building a JSON tree
// (SearchPageJsonText); what it writes must be, byte for byte, what the
// tree (SearchPageJson) dumps as SendJson dumps it, whatever the text holds.
#include "searchd/search_json.h"

#include <string>

#include <gtest/gtest.h>

#include "searchd/json_writer.h"

namespace archivist::searchd {
namespace {

std::string Dumped(const nlohmann::json& tree) {
  return tree.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

SearchHit Hit(std::string title, std::string snippet) {
  SearchHit hit;
  hit.record.id = "0123456789abcdef";
  hit.record.path = "reports/2019/rapport \"final\".pdf";
  hit.record.title = std::move(title);
  hit.record.language = "fr";
  hit.record.countries = {"BE", "BR"};
  hit.record.jurisdiction = "BE";
  hit.record.topics = {"child-labour"};
  hit.record.date = "2019-05";
  hit.record.year = 2019;
  hit.record.type = "report";
  hit.record.format = "pdf";
  hit.record.pages = 412;
  hit.record.chars = 1234567;
  hit.record.size = 9876543210ULL;
  hit.record.language_source = "detected";
  hit.record.date_source = "folder";
  hit.record.title_source = "metadata";
  hit.record.hash = std::string(64, 'a');
  hit.record.work = "w1";
  hit.record.translations = {{"1111", "en", "Report"}, {"2222", "nl", "Verslag\t2019"}};
  hit.record.versions = {{"3333", "fr", "Rapport (v1)"}};
  hit.snippet = std::move(snippet);
  hit.weight = 12.3456789;
  hit.matching_pages = {1, 7, 412};
  hit.also_matched = {"1111"};
  return hit;
}

SearchPage Page() {
  SearchPage page;
  page.total = 3;
  page.total_documents = 4;
  page.hits.push_back(Hit("Rapport annuel — 2019", "… le <mark>travail</mark> des enfants …"));
  // Text from archived files: quotes, backslashes, control characters,
  // invalid and truncated UTF-8, a lone surrogate, a code point past U+10FFFF.
  page.hits.push_back(Hit("a \"quoted\" \\ title\x01\x1f",
                          "caf\xc3 \xe9t\xe9 \xed\xa0\x80 \xf4\x90\x80\x80 \xe2\x82"));
  page.hits.push_back(Hit("", ""));
  page.hits.back().record.countries.clear();
  page.hits.back().record.jurisdiction.clear();
  page.hits.back().record.translations.clear();
  page.hits.back().matching_pages.clear();
  page.hits.back().also_matched.clear();
  page.hits.back().weight = 0;
  page.facets.push_back({Facet::kLanguage, {{"fr", 2, true}, {"und", 1, false}}, 0});
  page.facets.push_back({Facet::kYear, {{"2019", 2, false}, {"2016", 1, false}}, 1});
  page.facets.push_back({Facet::kCountry, {{"BE", 3, false}}, 0});
  page.facets.push_back({Facet::kType, {{"press_release", 1, false}, {"report", 2, true}}, 0});
  page.facets.push_back({Facet::kTopic, {{"child-labour", 3, false}}, 0});
  page.spelling_suggestion = "travail des \"enfants\"";
  return page;
}

TEST(SearchJsonTest, WrittenAnswerIsTheTreeDumped) {
  SearchRequest request;
  request.query = "travail \"des enfants\" \xff";
  request.offset = 20;
  request.limit = 10;
  const SearchPage page = Page();
  for (const char* ui_language : {"en", "fr"}) {
    EXPECT_EQ(SearchPageJsonText(request, page, 12.345678, ui_language),
              Dumped(SearchPageJson(request, page, 12.345678, ui_language)))
        << ui_language;
  }
  request.collapse_works = true;
  request.prefer_language = "nl";
  request.limit = 0;
  EXPECT_EQ(SearchPageJsonText(request, page, 0.0, "en"),
            Dumped(SearchPageJson(request, page, 0.0, "en")));
  EXPECT_EQ(SearchPageJsonText(request, SearchPage{}, 1e9, "en"),
            Dumped(SearchPageJson(request, SearchPage{}, 1e9, "en")));
}

TEST(JsonWriterTest, WritesValuesAsNlohmannDumpsThem) {
  std::string text;
  JsonWriter out(text);
  out.BeginObject();
  out.Key("a");
  out.BeginArray();
  out.Int(-3);
  out.Int(18446744073709551615ULL);
  out.Double(0.1);
  out.Double(2.0);
  out.Bool(false);
  out.Null();
  out.String("\xc0\xaf ok \xe2\x82\xac\n");
  out.BeginObject();
  out.EndObject();
  out.BeginArray();
  out.EndArray();
  out.EndArray();
  out.Key("b");
  out.Tree(nlohmann::json{{"y", 1}, {"x", nlohmann::json::array()}});
  out.EndObject();
  const nlohmann::json tree = {
      {"a",
       {-3, 18446744073709551615ULL, 0.1, 2.0, false, nullptr, "\xc0\xaf ok \xe2\x82\xac\n",
        nlohmann::json::object(), nlohmann::json::array()}},
      {"b", {{"y", 1}, {"x", nlohmann::json::array()}}}};
  EXPECT_EQ(text, Dumped(tree));
}

}  // namespace
}  // namespace archivist::searchd
