// SPDX-License-Identifier: GPL-2.0-or-later
// Issue 17: a search that runs out of its time budget says so. Xapian's
// Enquire::set_time_limit stops the matcher and returns what it found by
// then, which searchd served as if it were the answer. A real index of the
// sample posts, searchd's routes in process, a budget small enough for a
// wildcard-heavy query to run past it.
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "indexer/extract/extractor.h"
#include "indexer/indexer.h"
#include "searchd/connection.h"
#include "searchd/routes.h"
#include "tests/support/server_thread.h"
#include "tests/support/temp_dir.h"

namespace archivist {
namespace {

namespace fs = std::filesystem;
using archivist::testing::TempDir;
using nlohmann::json;

// Every letter's words: each wildcard expands to many terms.
const char* const kHeavyQuery =
    "a* OR b* OR c* OR d* OR e* OR f* OR g* OR h* OR i* OR l* OR m* OR n* OR o* OR p* OR r* OR "
    "s* OR t* OR u* OR v* OR w*";

class SearchdTimeBudgetTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    extract::InitExtractors();
    dir_ = new TempDir();
    IndexOptions options;
    options.db_path = (dir_->path() / "index").string();
    options.roots = {fs::path(ARCHIVIST_SOURCE_DIR "/corpus")};
    ASSERT_EQ(RunIndex(options).failed, 0u);
  }
  static void TearDownTestSuite() { delete dir_; }

  // GET `target` from searchd's routes with a search budget of `budget`.
  static httplib::Result Get(std::chrono::milliseconds budget, const std::string& target) {
    searchd::GuardedServer server;
    searchd::RouteConfig config{(dir_->path() / "index").string(), "", 0,
                                searchd::kStaleAnswersFor};
    config.search_budget = budget;
    searchd::InstallRoutes(server, config);
    archivist::testing::ServerThread listening;
    httplib::Client client("127.0.0.1", listening.Start(server));
    return client.Get(target.c_str());
  }

  static TempDir* dir_;
};
TempDir* SearchdTimeBudgetTest::dir_ = nullptr;

std::string Encoded(const std::string& text) { return httplib::detail::encode_query_param(text); }

TEST_F(SearchdTimeBudgetTest, ASearchPastItsBudgetIs400NamingIt) {
  const std::string target = "/api/search?q=" + Encoded(kHeavyQuery);
  auto refused = Get(std::chrono::milliseconds(1), target);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400) << refused->body.substr(0, 300);
  const json body = json::parse(refused->body, nullptr, false);
  ASSERT_TRUE(body.is_object() && body.contains("error")) << refused->body.substr(0, 300);
  EXPECT_EQ(body["error"]["code"], "invalid_argument");
  EXPECT_NE(body["error"]["message"].get<std::string>().find("time budget of 1 ms"),
            std::string::npos)
      << body.dump();

  // The same search within its default budget is answered.
  auto answered = Get(std::chrono::milliseconds(5000), target);
  ASSERT_TRUE(answered);
  EXPECT_EQ(answered->status, 200) << answered->body.substr(0, 300);
  EXPECT_GT(json::parse(answered->body)["total"].get<int>(), 0);
}

}  // namespace
}  // namespace archivist
