// SPDX-License-Identifier: GPL-2.0-or-later
// Issue 17: searchd's index damaged or replaced under it. A real index of
// the sample posts, searchd's routes in process on a loopback port with one
// worker (so that one reader holds the index), the files changed on disk
// while it serves.
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
#include "searchd/sets_warmer.h"
#include "tests/support/server_thread.h"
#include "tests/support/open_files.h"
#include "tests/support/temp_dir.h"

namespace archivist {
namespace {

namespace fs = std::filesystem;
using archivist::testing::DeletedFilesHeldOpen;
using archivist::testing::FilesHeldOpen;
using archivist::testing::TempDir;
using nlohmann::json;

// Words of the sample posts: each search reads other documents' records.
const char* const kQueries[] = {"child",  "trafficking", "grooming", "brazil", "report",
                                "ecpat",  "online",      "football", "law",    "protection",
                                "europe", "children",    "belgium",  "tier",   "project",
                                "world",  "cup",         "youth",    "sexual", "campaign"};

class SearchdBrokenIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    extract::InitExtractors();
    const fs::path archive = dir_.path() / "archive";
    fs::copy(ARCHIVIST_SOURCE_DIR "/corpus/ecpat-belgium", archive, fs::copy_options::recursive);
    index_ = dir_.path() / "index";
    IndexOptions options;
    options.db_path = index_.string();
    options.roots = {archive};
    ASSERT_EQ(RunIndex(options).failed, 0u);
    good_ = dir_.path() / "good";
    fs::copy(index_, good_, fs::copy_options::recursive);

    searchd::ReceptionLimits limits = searchd::DefaultReceptionLimits();
    limits.workers = 1;
    server_ = std::make_unique<searchd::GuardedServer>(limits);
    // No answer cache: every search reads the index.
    warmer_ = searchd::InstallRoutes(*server_, {index_.string(), "", 0, searchd::kStaleAnswersFor});
    // Its build opens the index for a while: tests counting open files start after it.
    ASSERT_TRUE(warmer_->WaitForFirstLook(std::chrono::seconds(60)));
    port_ = listening_.Start(*server_);
  }

  httplib::Result Get(const std::string& target) {
    httplib::Client client("127.0.0.1", port_);
    return client.Get(target.c_str());
  }

  // Statuses of every search of kQueries, by status.
  std::map<int, int> SearchAll() {
    std::map<int, int> statuses;
    for (const char* q : kQueries) {
      auto res = Get(std::string("/api/search?per_page=50&q=") + q);
      ++statuses[res ? res->status : -1];
      if (res && res->status >= 400) {
        const json body = json::parse(res->body, nullptr, false);
        EXPECT_TRUE(body.is_object() && body.contains("error")) << res->body;
      }
    }
    return statuses;
  }

  TempDir dir_;
  fs::path index_;
  fs::path good_;
  std::unique_ptr<searchd::GuardedServer> server_;
  std::shared_ptr<searchd::SetsWarmer> warmer_;
  archivist::testing::ServerThread listening_;
  int port_ = -1;
};

// Issue 17: with docdata.glass truncated under a running searchd, 25 of 32
// searches gave 500 while /healthz said ok. Here the postings table is cut
// (this index's docdata.glass is small enough for a reader to hold its
// blocks after one search).
TEST_F(SearchdBrokenIndexTest, ATruncatedTableIs503UntilAGoodOneReturns) {
  ASSERT_EQ(Get("/healthz")->status, 200);
  EXPECT_EQ(SearchAll(), (std::map<int, int>{{200, std::size(kQueries)}}));
  // Its first block only: the blocks a reader has not read yet are gone.
  fs::resize_file(index_ / "postlist.glass", 8192);

  const std::map<int, int> broken = SearchAll();
  EXPECT_EQ(broken.count(500), 0u) << "a damaged index is not the server's bug";
  EXPECT_GT(broken.count(503), 0u) << "no search read the damaged table";
  auto health = Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 503) << health->body;
  EXPECT_EQ(json::parse(health->body)["error"]["code"], "unavailable");

  // The good table put back in place: served again, without a restart.
  fs::copy_file(good_ / "postlist.glass", index_ / "postlist.glass",
                fs::copy_options::overwrite_existing);
  EXPECT_EQ(SearchAll(), (std::map<int, int>{{200, std::size(kQueries)}}));
  health = Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200) << health->body;
}

// Issue 17: an index replaced by a copy of the same revision kept the
// deleted files open (320 handles) until the revision changed, since
// Xapian reopens by revision.
TEST_F(SearchdBrokenIndexTest, AnIndexReplacedByACopyIsOpenedAgain) {
  ASSERT_EQ(Get("/api/search?q=child")->status, 200);
  ASSERT_EQ(DeletedFilesHeldOpen(index_), 0);
  const fs::path old = dir_.path() / "index.old";
  fs::rename(index_, old);
  fs::copy(good_, index_, fs::copy_options::recursive);  // the same revision
  fs::remove_all(old);
  EXPECT_GT(DeletedFilesHeldOpen(old), 0) << "the test must start with the old files held";
  auto res = Get("/api/search?q=child");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(DeletedFilesHeldOpen(old), 0);
}

// A lone client's requests, each on a new connection, are taken by
// whichever worker is free: with a reader per worker thread, each of the
// first requests opened one more reader of the index (its files opened
// again, its blocks read again), so a quiet server's first searches met
// cold readers. Readers are now lent from one pool, the last given back
// first, and one is opened before the first request.
TEST_F(SearchdBrokenIndexTest, ALoneClientIsAnsweredByOneReaderWhicheverWorkerTakesIt) {
  const int before = FilesHeldOpen(index_);  // the first server's readers
  searchd::ReceptionLimits limits = searchd::DefaultReceptionLimits();
  limits.workers = 8;
  searchd::GuardedServer server(limits);
  const std::shared_ptr<searchd::SetsWarmer> warmer =
      searchd::InstallRoutes(server, {index_.string(), "", 0, searchd::kStaleAnswersFor});
  ASSERT_TRUE(warmer->WaitForFirstLook(std::chrono::seconds(60)));
  const int one_reader = FilesHeldOpen(index_) - before;
  EXPECT_GT(one_reader, 0) << "no reader opened before the first request";
  archivist::testing::ServerThread listening;
  const int port = listening.Start(server);
  const auto search = [&](const char* q) {
    httplib::Client client("127.0.0.1", port);  // a new connection each time
    auto res = client.Get((std::string("/api/search?q=") + q).c_str());
    return res ? res->status : -1;
  };
  for (const char* q : kQueries) ASSERT_EQ(search(q), 200) << q;
  EXPECT_EQ(FilesHeldOpen(index_) - before, one_reader)
      << "more than one reader opened for requests that came one at a time";
}

}  // namespace
}  // namespace archivist
