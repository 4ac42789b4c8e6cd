// SPDX-License-Identifier: GPL-2.0-or-later
// Issue 17: access control off the loopback, on the real archivist-searchd
// over an index of corpus/ built by the real archivist-index. A searchd that
// requires a token listens on 127.0.0.1 here, as it would off the loopback.
#include <chrono>
#include <fstream>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/wait.h>

#include "tests/support/child_process.h"
#include "tests/support/temp_dir.h"

namespace archivist {
namespace {

using archivist::testing::ChildProcess;
using archivist::testing::TempDir;
using nlohmann::json;

constexpr const char* kToken = "s3cret-token-0123456789";

// A running archivist-searchd over `index` with extra flags.
class Searchd {
 public:
  Searchd(const std::string& index, std::vector<std::string> flags) {
    std::vector<std::string> argv = {
        ARCHIVIST_SEARCHD_BIN, "--db",      index, "--listen", "127.0.0.1:0", "--webui",
        ARCHIVIST_WEBUI_DIR,   "--threads", "4"};
    argv.insert(argv.end(), flags.begin(), flags.end());
    process_ = std::make_unique<ChildProcess>(argv);
    const auto line = process_->ReadLine(std::chrono::seconds(30));
    std::smatch match;
    if (line &&
        std::regex_match(*line, match, std::regex(R"(listening on http://127\.0\.0\.1:(\d+))"))) {
      port_ = std::stoi(match[1].str());
    }
  }
  // A searchd that started is stopped as a service manager would, and must
  // end cleanly: under a sanitizer (tools/test --tsan builds this searchd
  // with ThreadSanitizer) a report makes it exit non-zero, here or earlier.
  ~Searchd() {
    if (port_ <= 0) return;
    process_->Signal(SIGTERM);
    const int status = process_->Wait();
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
        << "searchd did not end cleanly (wait status " << status
        << "): a sanitizer's report or a crash, in its stderr above";
  }
  Searchd(const Searchd&) = delete;
  Searchd& operator=(const Searchd&) = delete;

  int port() const { return port_; }

  httplib::Result Get(const std::string& target, const httplib::Headers& headers = {}) {
    httplib::Client client("127.0.0.1", port_);
    return client.Get(target.c_str(), headers);
  }

 private:
  std::unique_ptr<ChildProcess> process_;
  int port_ = 0;
};

class SearchdAccessTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    ChildProcess indexer({ARCHIVIST_INDEX_BIN, "--db", Index(), ARCHIVIST_CORPUS_DIR});
    indexer.ReadAll();
    ASSERT_EQ(indexer.Wait(), 0);
    dir_->Write("token", std::string(kToken) + "\n");
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string Index() { return (dir_->path() / "index").string(); }
  static std::string TokenFile() { return (dir_->path() / "token").string(); }

  static TempDir* dir_;
};
TempDir* SearchdAccessTest::dir_ = nullptr;

std::string ErrorCode(const httplib::Result& res) {
  const json body = json::parse(res->body, nullptr, false);
  return body.is_object() && body.contains("error") ? body["error"].value("code", "") : "";
}

TEST_F(SearchdAccessTest, OffTheLoopbackAListenerNeedsATokenOrPublic) {
  for (const std::string host : {"0.0.0.0:0", "[::]:0"}) {
    ChildProcess searchd({ARCHIVIST_SEARCHD_BIN, "--db", Index(), "--listen", host});
    EXPECT_EQ(searchd.ReadAll(), "") << host << ": it listened";
    const int status = searchd.Wait();
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) != 0) << host;
  }
  // A token file with too short a token is refused too, wherever it listens.
  dir_->Write("short-token", "abc\n");
  ChildProcess searchd({ARCHIVIST_SEARCHD_BIN, "--db", Index(), "--listen", "127.0.0.1:0",
                        "--token-file", (dir_->path() / "short-token").string()});
  EXPECT_EQ(searchd.ReadAll(), "");
  EXPECT_NE(searchd.Wait(), 0);
}

TEST_F(SearchdAccessTest, WithATokenTheApiAndOriginalsNeedIt) {
  Searchd searchd(Index(), {"--token-file", TokenFile()});
  ASSERT_GT(searchd.port(), 0);
  const httplib::Headers bearer = {{"Authorization", std::string("Bearer ") + kToken}};

  for (const char* target : {"/api/search?q=child", "/api/stats", "/metrics"}) {
    for (const httplib::Headers& wrong :
         {httplib::Headers{}, httplib::Headers{{"Authorization", "Bearer wrong-token-0123456789"}},
          httplib::Headers{{"Authorization", std::string("Basic ") + kToken}},
          httplib::Headers{{"Cookie", "archivist_token=nope"}}}) {
      auto res = searchd.Get(target, wrong);
      ASSERT_TRUE(res) << target;
      EXPECT_EQ(res->status, 401) << target << ": " << res->body;
      EXPECT_EQ(ErrorCode(res), "unauthorized") << target;
      EXPECT_EQ(res->get_header_value("WWW-Authenticate").rfind("Bearer", 0), 0u) << target;
    }
  }
  auto found = searchd.Get("/api/search?q=child&per_page=1", bearer);
  ASSERT_TRUE(found);
  ASSERT_EQ(found->status, 200) << found->body;
  const std::string id = json::parse(found->body)["hits"][0]["id"];

  // The web UI's links to originals carry the token as a cookie.
  const std::string original = "/api/documents/" + id + "/original";
  auto refused = searchd.Get(original);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);
  auto by_cookie =
      searchd.Get(original, {{"Cookie", std::string("theme=dark; archivist_token=") + kToken}});
  ASSERT_TRUE(by_cookie);
  EXPECT_EQ(by_cookie->status, 200);
  auto by_header = searchd.Get(original, bearer);
  ASSERT_TRUE(by_header);
  EXPECT_EQ(by_header->status, 200);

  // The page that asks for the token, and the health check, stay open.
  for (const char* target : {"/", "/js/auth.js", "/healthz"}) {
    auto res = searchd.Get(target);
    ASSERT_TRUE(res) << target;
    EXPECT_EQ(res->status, 200) << target;
  }
}

TEST_F(SearchdAccessTest, ClientsOverTheRateGet429WithRetryAfter) {
  Searchd searchd(Index(), {"--rate-limit", "2", "--rate-burst", "3", "--limit-loopback"});
  ASSERT_GT(searchd.port(), 0);
  for (int i = 0; i < 3; ++i) {
    auto res = searchd.Get("/api/stats");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << i;
  }
  auto limited = searchd.Get("/api/stats");
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429) << limited->body;
  EXPECT_EQ(ErrorCode(limited), "too_many_requests");
  const std::string retry_after = limited->get_header_value("Retry-After");
  ASSERT_FALSE(retry_after.empty());
  const int seconds = std::stoi(retry_after);
  EXPECT_GE(seconds, 1);
  EXPECT_LE(seconds, 2);
  auto health = searchd.Get("/healthz");  // not an API route: never limited
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  std::this_thread::sleep_for(std::chrono::seconds(seconds));  // as the answer said
  auto later = searchd.Get("/api/stats");
  ASSERT_TRUE(later);
  EXPECT_EQ(later->status, 200) << later->body;
}

TEST_F(SearchdAccessTest, LoopbackClientsAreNotRateLimitedByDefault) {
  Searchd searchd(Index(), {"--rate-limit", "2", "--rate-burst", "3"});
  ASSERT_GT(searchd.port(), 0);
  for (int i = 0; i < 10; ++i) {
    auto res = searchd.Get("/api/stats");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << i;
  }
}

}  // namespace
}  // namespace archivist
