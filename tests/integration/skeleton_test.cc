// SPDX-License-Identifier: GPL-2.0-or-later
// The walking skeleton end to end: the real indexer indexes corpus/, the real
// searchd serves it on a free loopback port, and the API is asked over HTTP.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "tests/support/child_process.h"
#include "tests/support/temp_dir.h"

namespace archivist {
namespace {

using archivist::testing::ChildProcess;
using archivist::testing::TempDir;
using nlohmann::json;

class SkeletonTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const std::string index = (dir_->path() / "index").string();
    ChildProcess indexer({ARCHIVIST_INDEX_BIN, "--db", index, "--json", ARCHIVIST_CORPUS_DIR});
    index_summary_ = new json(json::parse(indexer.ReadAll()));
    ASSERT_EQ(indexer.Wait(), 0);

    searchd_ = new ChildProcess({ARCHIVIST_SEARCHD_BIN, "--db", index, "--listen", "127.0.0.1:0",
                                 "--webui", ARCHIVIST_WEBUI_DIR, "--threads", "4"});
    const auto line = searchd_->ReadLine(std::chrono::seconds(30));
    ASSERT_TRUE(line.has_value()) << "searchd did not report its address";
    std::smatch match;
    ASSERT_TRUE(std::regex_match(*line, match, std::regex(R"(listening on http://127\.0\.0\.1:(\d+))")))
        << *line;
    port_ = std::stoi(match[1].str());
  }

  static void TearDownTestSuite() {
    delete searchd_;
    delete index_summary_;
    delete dir_;
  }

  static json GetJson(const std::string& target, int expected_status = 200) {
    httplib::Client client("127.0.0.1", port_);
    auto res = client.Get(target.c_str());
    EXPECT_TRUE(res) << httplib::to_string(res.error());
    if (!res) return json();
    EXPECT_EQ(res->status, expected_status) << target << ": " << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json") << target;
    return json::parse(res->body);
  }

  static std::vector<std::string> HitPaths(const json& answer) {
    std::vector<std::string> paths;
    for (const auto& hit : answer["hits"]) paths.push_back(hit["path"].get<std::string>());
    return paths;
  }

  static bool Contains(const std::vector<std::string>& paths, const std::string& ending) {
    return std::any_of(paths.begin(), paths.end(), [&](const std::string& p) {
      return p.size() >= ending.size() && p.compare(p.size() - ending.size(), ending.size(), ending) == 0;
    });
  }

  static TempDir* dir_;
  static json* index_summary_;
  static ChildProcess* searchd_;
  static int port_;
};

TempDir* SkeletonTest::dir_ = nullptr;
json* SkeletonTest::index_summary_ = nullptr;
ChildProcess* SkeletonTest::searchd_ = nullptr;
int SkeletonTest::port_ = 0;

TEST_F(SkeletonTest, IndexesEveryDocumentOfTheSampleArchive) {
  const json& s = *index_summary_;
  EXPECT_EQ(s["failed"], 0) << s.dump(2);
  EXPECT_EQ(s["skipped"], 0) << s.dump(2);
  EXPECT_GE(s["indexed"].get<int>(), 20);
  EXPECT_EQ(GetJson("/healthz")["documents"], s["documents"]);
}

TEST_F(SkeletonTest, GroomingRanksTheOnlineGroomingPostFirst) {
  const json answer = GetJson("/api/search?q=grooming");
  ASSERT_GE(answer["total"].get<int>(), 1);
  EXPECT_EQ(answer["hits"][0]["path"], "ecpat-belgium/posts/02-online-grooming-belgium-law.html");
  EXPECT_NE(answer["hits"][0]["snippet"].get<std::string>().find("<mark>grooming</mark>"),
            std::string::npos);
  for (const char* field : {"id", "title", "snippet", "language", "date", "path"}) {
    EXPECT_TRUE(answer["hits"][0].contains(field)) << field;
  }
}

TEST_F(SkeletonTest, KakaWithAndWithoutAccentFindsTheFrenchWorldCupPost) {
  for (const char* query : {"Kak%C3%A1", "kaka"}) {
    const json answer = GetJson(std::string("/api/search?q=") + query);
    const auto paths = HitPaths(answer);
    EXPECT_TRUE(Contains(paths, "09-kaka-juninho-dont-look-away.html")) << query;
    for (const auto& hit : answer["hits"]) {
      if (hit["path"].get<std::string>().find("09-kaka") != std::string::npos) {
        EXPECT_EQ(hit["language"], "fr");
      }
    }
  }
}

TEST_F(SkeletonTest, Op3crcFindsTheRatificationPost) {
  const json answer = GetJson("/api/search?q=OP3CRC");
  ASSERT_GE(answer["total"].get<int>(), 1);
  EXPECT_EQ(answer["hits"][0]["path"], "ecpat-belgium/posts/04-belgium-ratifies-op3crc.html");
}

TEST_F(SkeletonTest, AQueryMatchingNothingIsAnEmptyAnswerNotAnError) {
  const json answer = GetJson("/api/search?q=qwzxvbnmlkj");
  EXPECT_EQ(answer["total"], 0);
  ASSERT_TRUE(answer["hits"].is_array());
  EXPECT_TRUE(answer["hits"].empty());
}

TEST_F(SkeletonTest, BadPagingIs400NamingTheParameter) {
  const json page = GetJson("/api/search?q=grooming&page=0", 400);
  EXPECT_EQ(page["error"]["code"], "invalid_argument");
  EXPECT_EQ(page["error"]["message"].get<std::string>().rfind("page:", 0), 0u);
  const json per_page = GetJson("/api/search?q=grooming&per_page=100000", 400);
  EXPECT_EQ(per_page["error"]["code"], "invalid_argument");
  EXPECT_EQ(per_page["error"]["message"].get<std::string>().rfind("per_page:", 0), 0u);
}

TEST_F(SkeletonTest, UnknownRoutesAre404InJson) {
  const json answer = GetJson("/api/nothing-here", 404);
  EXPECT_EQ(answer["error"]["code"], "not_found");
}

TEST_F(SkeletonTest, ServesTheWebUiWithSecurityHeaders) {
  httplib::Client client("127.0.0.1", port_);
  auto res = client.Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("<form"), std::string::npos);
  EXPECT_NE(res->get_header_value("Content-Security-Policy").find("default-src 'self'"),
            std::string::npos);
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  // Only the web UI folder is served: no way up into the archive or the index.
  auto escape = client.Get("/../corpus/MANIFEST.tsv");
  ASSERT_TRUE(escape);
  EXPECT_NE(escape->status, 200);
}

TEST_F(SkeletonTest, FacetsCountTheSampleArchive) {
  const json answer = GetJson("/api/search?q=&lang=fr");
  ASSERT_TRUE(answer["facets"].contains("language"));
  int french = -1;
  for (const auto& value : answer["facets"]["language"]) {
    if (value["value"] == "fr") {
      french = value["count"];
      EXPECT_TRUE(value["selected"].get<bool>());
    }
  }
  EXPECT_EQ(french, answer["total"].get<int>());
  for (const auto& hit : answer["hits"]) EXPECT_EQ(hit["language"], "fr");
}

// Runs last (gtest runs tests in file order): SIGTERM stops searchd cleanly.
TEST_F(SkeletonTest, ZzStopsCleanlyOnSigterm) {
  searchd_->Signal(SIGTERM);
  const int status = searchd_->Wait();
  ASSERT_TRUE(WIFEXITED(status)) << "searchd did not exit on its own";
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
}  // namespace archivist
