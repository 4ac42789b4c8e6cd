// SPDX-License-Identifier: GPL-2.0-or-later
// Issue 15 over HTTP: an index of the sample posts made by the indexer, two
// of its posts (one English, one French) linked as editions of one work as
// the linking pass would, searchd's routes in process on a free loopback
// port, every answer held to docs/api/openapi.yaml. And issue 14's
// documents without a year over HTTP.
#include <chrono>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "indexer/extract/extractor.h"
#include "indexer/indexer.h"
#include "searchd/connection.h"
#include "searchd/routes.h"
#include "tests/support/link_editions.h"
#include "tests/support/api_spec.h"
#include "tests/support/server_thread.h"
#include "tests/support/temp_dir.h"

namespace archivist {
namespace {

namespace fs = std::filesystem;
using archivist::testing::ApiSpec;
using archivist::testing::TempDir;
using nlohmann::json;

// Both posts name the campaign "Don't Look Away": the English one has no
// known year, the French one is from 2014.
constexpr const char* kEnglishPost = "08-dont-look-away-reporting-platform.html";
constexpr const char* kFrenchPost = "09-kaka-juninho-dont-look-away.html";
constexpr const char* kBoth = "q=look+away";

class SearchdWorksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    extract::InitExtractors();
    index_ = (dir_.path() / "index").string();
    IndexOptions options;
    options.db_path = index_;
    options.roots = {fs::path(ARCHIVIST_SOURCE_DIR "/corpus/ecpat-belgium")};
    ASSERT_EQ(RunIndex(options).failed, 0u);
    Start();
    // Found by path among the matches, before the two are linked.
    const json answer = GetJson(std::string("/api/search?") + kBoth + "&per_page=100", "/api/search");
    for (const auto& hit : answer["hits"]) {
      const std::string path = hit["path"];
      if (path.ends_with(kEnglishPost)) english_ = hit["id"];
      if (path.ends_with(kFrenchPost)) french_ = hit["id"];
    }
    ASSERT_FALSE(english_.empty());
    ASSERT_FALSE(french_.empty());
    uncollapsed_total_ = answer["total"];
    ASSERT_NO_THROW(archivist::testing::LinkEditions(index_, {english_, french_}, "dont-look-away"));
  }

  void Start() {
    // No stale answers: the links are made after the first search.
    searchd::InstallRoutes(server_, {index_, "", 1024, std::chrono::milliseconds(0)});
    port_ = listening_.Start(server_);
  }

  httplib::Result Get(const std::string& target) {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(30, 0);
    return client.Get(target.c_str());
  }

  json GetJson(const std::string& target, const std::string& path_template, int status = 200) {
    auto res = Get(target);
    EXPECT_TRUE(res) << target;
    if (!res) return json();
    EXPECT_EQ(res->status, status) << target << ": " << res->body;
    const json body = json::parse(res->body, nullptr, false);
    EXPECT_FALSE(body.is_discarded()) << res->body;
    for (const std::string& problem :
         ApiSpec().Check(path_template, res->status, res->get_header_value("Content-Type"), body)) {
      ADD_FAILURE() << target << ": " << problem;
    }
    return body;
  }

  json Search(const std::string& params) {
    return GetJson("/api/search?" + std::string(kBoth) + "&per_page=100&" + params, "/api/search");
  }

  static std::set<std::string> Ids(const json& answer) {
    std::set<std::string> ids;
    for (const auto& hit : answer["hits"]) ids.insert(hit["id"].get<std::string>());
    return ids;
  }

  TempDir dir_;
  std::string index_;
  searchd::GuardedServer server_;
  archivist::testing::ServerThread listening_;
  int port_ = -1;
  std::string english_, french_;
  int uncollapsed_total_ = 0;
};

TEST_F(SearchdWorksTest, HitsAndDocumentsListTheOtherEditions) {
  const json answer = Search("ui_lang=fr");
  EXPECT_EQ(answer["collapse"], nullptr);
  for (const auto& hit : answer["hits"]) {
    ASSERT_TRUE(hit["translations"].is_array());
    ASSERT_TRUE(hit["versions"].is_array());
    if (hit["id"] == english_) {
      ASSERT_EQ(hit["translations"].size(), 1u);
      EXPECT_EQ(hit["translations"][0]["id"], french_);
      EXPECT_EQ(hit["translations"][0]["language"], "fr");
      EXPECT_EQ(hit["translations"][0]["language_name"], "français");
    } else if (hit["id"] != french_) {
      EXPECT_TRUE(hit["translations"].empty()) << hit["id"];
    }
  }
  const json document = GetJson("/api/documents/" + french_ + "?ui_lang=nl", "/api/documents/{id}");
  ASSERT_EQ(document["translations"].size(), 1u);
  EXPECT_EQ(document["translations"][0]["id"], english_);
  EXPECT_EQ(document["translations"][0]["language_name"], "Engels");
  EXPECT_TRUE(document["versions"].empty());
}

TEST_F(SearchdWorksTest, CollapseShowsTheWorkOnceInTheReadersLanguage) {
  const json plain = Search("ui_lang=fr");
  EXPECT_EQ(plain["total"], uncollapsed_total_);
  EXPECT_EQ(plain["total_documents"], uncollapsed_total_);

  const json french = Search("collapse=work&ui_lang=fr");
  EXPECT_EQ(french["collapse"], "work");
  EXPECT_EQ(french["prefer_lang"], "fr");
  EXPECT_EQ(french["total"], uncollapsed_total_ - 1);
  EXPECT_EQ(french["total_documents"], uncollapsed_total_);
  EXPECT_TRUE(Ids(french).count(french_));
  EXPECT_FALSE(Ids(french).count(english_));
  // Facets count documents: both languages keep their edition.
  EXPECT_EQ(french["facets"]["language"], plain["facets"]["language"]);

  // The same search preferring English: another answer, not the cached one.
  const json english = Search("collapse=work&ui_lang=fr&prefer_lang=en");
  EXPECT_EQ(english["prefer_lang"], "en");
  EXPECT_TRUE(Ids(english).count(english_));
  EXPECT_FALSE(Ids(english).count(french_));
  for (const auto& hit : english["hits"]) {
    if (hit["id"] == english_) {
      EXPECT_EQ(hit["translations"][0]["id"], french_);
    }
  }
}

// A hit says which of its other editions matched too: both posts name the
// campaign, so each lists the other, unless a filter leaves it out.
TEST_F(SearchdWorksTest, HitsSayWhichOtherEditionsAlsoMatched) {
  auto also = [](const json& answer, const std::string& id) {
    for (const auto& hit : answer["hits"]) {
      if (hit["id"] == id) return hit["also_matched"];
    }
    return json();
  };
  const json plain = Search("");
  EXPECT_EQ(also(plain, english_), json::array({french_}));
  EXPECT_EQ(also(plain, french_), json::array({english_}));
  for (const auto& hit : plain["hits"]) {
    if (hit["id"] != english_ && hit["id"] != french_) {
      EXPECT_TRUE(hit["also_matched"].empty()) << hit["id"];
    }
  }
  const json collapsed = Search("collapse=work&prefer_lang=fr");
  EXPECT_EQ(also(collapsed, french_), json::array({english_})) << "the edition the hit stands for";
  const json english_only = Search("language=en");
  EXPECT_EQ(also(english_only, english_), json::array()) << "the French post is filtered out";
  // A word only the French post holds: the English one did not match.
  const json french_word = GetJson("/api/search?q=juninho&per_page=100", "/api/search");
  const json only_french = also(french_word, french_);
  ASSERT_TRUE(only_french.is_array()) << french_word.dump();
  EXPECT_TRUE(only_french.empty());
}

TEST_F(SearchdWorksTest, CollapsedPagesNeverRepeatAWork) {
  const json all = Search("collapse=work&sort=newest");
  std::vector<std::string> paged;
  for (int page = 1; page <= all["total"].get<int>(); ++page) {
    const json one = GetJson(std::string("/api/search?") + kBoth +
                                 "&collapse=work&sort=newest&per_page=1&page=" + std::to_string(page),
                             "/api/search");
    ASSERT_EQ(one["hits"].size(), 1u) << page;
    paged.push_back(one["hits"][0]["id"]);
  }
  std::vector<std::string> listed;
  for (const auto& hit : all["hits"]) listed.push_back(hit["id"]);
  EXPECT_EQ(paged, listed);
  EXPECT_EQ(std::set<std::string>(paged.begin(), paged.end()).size(), paged.size());
}

TEST_F(SearchdWorksTest, BadValuesAre400NamingTheParameter) {
  for (const auto& [params, named] : std::vector<std::pair<std::string, std::string>>{
           {"collapse=title", "collapse"},
           {"collapse=work&prefer_lang=French", "prefer_lang"},
           {"include_undated=yes", "include_undated"}}) {
    const json error = GetJson("/api/search?" + params, "/api/search", 400);
    EXPECT_EQ(error["error"]["code"], "invalid_argument") << params;
    EXPECT_EQ(error["error"]["message"].get<std::string>().rfind(named + ":", 0), 0u) << params;
  }
}

// Rows of a JSON Lines export, parsed.
std::vector<json> Rows(const std::string& body) {
  std::vector<json> rows;
  for (std::size_t begin = 0; begin < body.size();) {
    const std::size_t end = body.find('\n', begin);
    rows.push_back(json::parse(body.substr(begin, end - begin)));
    begin = end + 1;
  }
  return rows;
}

// An export with collapse=work has one row per work, as the search shows
// it: the edition in the preferred language, naming the other editions.
TEST_F(SearchdWorksTest, CollapsedExportHasOneRowPerWork) {
  for (const auto& [language, shown, other] :
       std::vector<std::tuple<std::string, std::string, std::string>>{{"fr", french_, english_},
                                                                      {"en", english_, french_}}) {
    auto res = Get(std::string("/api/export?format=jsonl&collapse=work&prefer_lang=") + language +
                   "&" + kBoth);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    const std::vector<json> rows = Rows(res->body);
    EXPECT_EQ(rows.size(), static_cast<std::size_t>(uncollapsed_total_ - 1)) << language;
    EXPECT_EQ(res->get_header_value("X-Total-Count"), std::to_string(rows.size()));
    std::set<std::string> ids;
    for (const json& row : rows) ids.insert(row["id"].get<std::string>());
    EXPECT_EQ(ids.size(), rows.size()) << "no document twice";
    EXPECT_TRUE(ids.count(shown)) << language;
    EXPECT_FALSE(ids.count(other)) << language;
    for (const json& row : rows) {
      for (const std::string& problem :
           ApiSpec().Check("/api/export", 200, res->get_header_value("Content-Type"), row)) {
        ADD_FAILURE() << problem;
      }
      if (row["id"] != shown) continue;
      EXPECT_FALSE(row["work"].get<std::string>().empty());
      ASSERT_EQ(row["editions"].size(), 1u);
      EXPECT_EQ(row["editions"][0]["id"], other);
    }
  }
  // CSV says the same in its last two columns.
  auto csv = Get(std::string("/api/export?format=csv&collapse=work&prefer_lang=fr&") + kBoth);
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200);
  EXPECT_NE(csv->body.find("," + english_ + ":en\r\n"), std::string::npos) << csv->body;
}

// Issue 14: documents without a year are counted and can pass a year range.
TEST_F(SearchdWorksTest, UndatedDocumentsAreCountedAndIncludedOnRequest) {
  const json all = Search("");
  ASSERT_GE(all["undated"].get<int>(), 1) << "the English post has no year";
  const json ranged = Search("year_from=2014&year_to=2014");
  EXPECT_EQ(ranged["undated"], all["undated"]) << "counted without the year's own filter";
  EXPECT_FALSE(Ids(ranged).count(english_));
  const json included = Search("year_from=2014&year_to=2014&include_undated=1");
  EXPECT_EQ(included["total"], ranged["total"].get<int>() + all["undated"].get<int>());
  EXPECT_TRUE(Ids(included).count(english_));
}

// Issue 14: JSON Lines rows say what the search found, as CSV rows do.
TEST_F(SearchdWorksTest, JsonLinesExportCarriesSnippetsAndLinks) {
  auto res = Get(std::string("/api/export?format=jsonl&") + kBoth);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  std::size_t rows = 0;
  std::size_t marked = 0;
  std::size_t begin = 0;
  while (begin < res->body.size()) {
    const std::size_t end = res->body.find('\n', begin);
    const json row = json::parse(res->body.substr(begin, end - begin));
    begin = end + 1;
    ++rows;
    EXPECT_TRUE(row["matching_pages"].is_array());
    EXPECT_NE(row["link"].get<std::string>().find("/?doc=" + row["id"].get<std::string>()),
              std::string::npos);
    const std::string snippet = row["snippet"];
    EXPECT_EQ(snippet.find("<mark>"), std::string::npos) << "plain text";
    if (snippet.find("Look Away") != std::string::npos ||
        snippet.find("look away") != std::string::npos) {
      ++marked;
    }
  }
  EXPECT_EQ(rows, static_cast<std::size_t>(uncollapsed_total_));
  EXPECT_GE(marked, 1u) << res->body;
}

}  // namespace
}  // namespace archivist
