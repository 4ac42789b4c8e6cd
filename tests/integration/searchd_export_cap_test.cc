// SPDX-License-Identifier: GPL-2.0-or-later
// Issue 17: a cap on exports made at once. Each export lists every matching
// document and writes a row with a snippet for each, on a worker, into a
// spill on disk when its reader is slow; a flood of export requests made
// them all at once. A real index of the sample posts, searchd's routes on
// a GuardedServer on a loopback port.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <sys/socket.h>
#include <unistd.h>

#include "indexer/extract/extractor.h"
#include "indexer/indexer.h"
#include "searchd/connection.h"
#include "searchd/low_priority.h"
#include "searchd/routes.h"
#include "tests/support/server_thread.h"
#include "tests/support/temp_dir.h"

namespace archivist {
namespace {

namespace fs = std::filesystem;
using archivist::testing::ServerThread;
using archivist::testing::TempDir;
using nlohmann::json;
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

// Socket buffers asked this small on both ends (Linux raises them to its
// minimum, 4,608 bytes) hold about 5 KiB of an answer whose client reads
// nothing; the rest waits on the worker writing it.
constexpr int kSmallBuffer = 1024;
// An export at least this large is still being made while its client
// reads nothing.
constexpr std::size_t kOutgrowsTheBuffers = 16 * 1024;

// searchd's routes over `index` with at most `max_exports` exports made at
// once. Its workers write every answer themselves (no hand-over to the
// reception) and wait a minute on a client that makes no room, so an
// export whose client reads nothing is still being made for as long as the
// test needs.
class CappedServer {
 public:
  // `bulk`: the threads exports make their rows on; none: the routes' own.
  CappedServer(const std::string& index, int max_exports,
               std::shared_ptr<searchd::LowPriorityThreads> bulk = nullptr)
      : server_(Limits()) {
    server_.set_write_timeout(60, 0);
    // Accepted sockets inherit the listening socket's send buffer (Linux).
    server_.set_socket_options([](socket_t sock) {
      httplib::default_socket_options(sock);
      ::setsockopt(sock, SOL_SOCKET, SO_SNDBUF, &kSmallBuffer, sizeof kSmallBuffer);
    });
    searchd::RouteConfig config{index, "", 0, searchd::kStaleAnswersFor};
    config.max_exports = max_exports;
    config.bulk_threads = std::move(bulk);
    searchd::InstallRoutes(server_, config);
    listening_.Start(server_);
  }
  int port() const { return listening_.port(); }

 private:
  static searchd::ReceptionLimits Limits() {
    searchd::ReceptionLimits limits = searchd::DefaultReceptionLimits();
    limits.workers = 4;
    limits.max_slow_streams = 0;
    limits.min_send_rate = 0;
    return limits;
  }

  searchd::GuardedServer server_;
  ServerThread listening_;
};

// A client that asks for an export and reads none of it.
class StalledExport {
 public:
  explicit StalledExport(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &kSmallBuffer, sizeof kSmallBuffer);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const std::string request = "GET /api/export?format=jsonl HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    sent_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
            ::send(fd_, request.data(), request.size(), MSG_NOSIGNAL) ==
                static_cast<ssize_t>(request.size());
  }
  ~StalledExport() { Close(); }
  StalledExport(const StalledExport&) = delete;
  StalledExport& operator=(const StalledExport&) = delete;

  bool sent() const { return sent_; }
  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
  bool sent_ = false;
};

class SearchdExportCapTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    extract::InitExtractors();
    dir_ = new TempDir();
    IndexOptions options;
    options.db_path = IndexPath();
    options.roots = {fs::path(ARCHIVIST_SOURCE_DIR "/corpus")};
    ASSERT_EQ(RunIndex(options).failed, 0u);
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string IndexPath() { return (dir_->path() / "index").string(); }

  static httplib::Result Get(int port, const std::string& target) {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(30, 0);
    return client.Get(target.c_str());
  }

  // A value of /metrics, -1 when it is not there.
  static double Metric(int port, const std::string& name) {
    auto res = Get(port, "/metrics");
    if (!res || res->status != 200) return -1;
    const std::string line_start = "\n" + name + " ";
    const std::size_t at = res->body.find(line_start);
    if (at == std::string::npos) return -1;
    return std::stod(res->body.substr(at + line_start.size()));
  }

  template <typename Done>
  static bool WaitFor(Done done, milliseconds timeout = milliseconds(15000)) {
    for (const auto until = Clock::now() + timeout; Clock::now() < until;) {
      if (done()) return true;
      std::this_thread::sleep_for(milliseconds(10));
    }
    return done();
  }

  static TempDir* dir_;
};
TempDir* SearchdExportCapTest::dir_ = nullptr;

TEST_F(SearchdExportCapTest, AnExportPastTheCapIs503WithRetryAfterAndIsCounted) {
  CappedServer server(IndexPath(), /*max_exports=*/1);
  // The stalled export below is still being made only if it outgrows what
  // the two sockets' buffers hold.
  auto whole = Get(server.port(), "/api/export?format=jsonl");
  ASSERT_TRUE(whole);
  ASSERT_EQ(whole->status, 200);
  ASSERT_GT(whole->body.size(), kOutgrowsTheBuffers);
  // Its place is given back once its worker is done with it, just after
  // the client has the last bytes.
  ASSERT_TRUE(WaitFor([&] { return Metric(server.port(), "archivist_exports_building") == 0; }));

  StalledExport stalled(server.port());
  ASSERT_TRUE(stalled.sent());
  ASSERT_TRUE(WaitFor([&] { return Metric(server.port(), "archivist_exports_building") == 1; }));

  auto refused = Get(server.port(), "/api/export?format=csv");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 503) << refused->body.substr(0, 200);
  EXPECT_EQ(refused->get_header_value("Retry-After"), "10");
  const json body = json::parse(refused->body, nullptr, false);
  ASSERT_TRUE(body.is_object()) << refused->body;
  EXPECT_EQ(body["error"]["code"], "unavailable");
  EXPECT_NE(body["error"]["message"].get<std::string>().find("exports"), std::string::npos)
      << body.dump();
  EXPECT_EQ(Metric(server.port(), "archivist_exports_refused_total"), 1);

  // Only exports are capped, and a refusal at the cap is no failed read of
  // the index: searches are answered and /healthz still says ok.
  auto search = Get(server.port(), "/api/search?q=child");
  ASSERT_TRUE(search);
  EXPECT_EQ(search->status, 200);
  auto health = Get(server.port(), "/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200) << health->body;

  // The place is given back once the stalled export is abandoned.
  stalled.Close();
  ASSERT_TRUE(WaitFor([&] { return Metric(server.port(), "archivist_exports_building") == 0; }));
  auto after = Get(server.port(), "/api/export?format=csv");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
}

TEST_F(SearchdExportCapTest, WithoutACapExportsAreNeverRefused) {
  CappedServer server(IndexPath(), /*max_exports=*/0);
  StalledExport first(server.port());
  StalledExport second(server.port());
  ASSERT_TRUE(first.sent());
  ASSERT_TRUE(second.sent());
  ASSERT_TRUE(WaitFor([&] { return Metric(server.port(), "archivist_exports_building") == 2; }));
  auto third = Get(server.port(), "/api/export?format=csv");
  ASSERT_TRUE(third);
  EXPECT_EQ(third->status, 200);
  EXPECT_EQ(Metric(server.port(), "archivist_exports_refused_total"), 0);
}

// Issue 17: with 512 slow readers of exports, searches' p99 went from 27.5
// to 667 ms: the four exports made at once kept as many threads busy at the
// searches' CPU priority, on two cores. An export's list and rows are made
// on the bulk threads, nicer than the workers (LowPriorityThreadsTest says
// how much); a search never waits for them.
TEST_F(SearchdExportCapTest, ExportsAreMadeOnTheBulkThreadsAndSearchesAreNot) {
  auto bulk = std::make_shared<searchd::LowPriorityThreads>(1, searchd::kBulkNiceness);
  CappedServer server(IndexPath(), /*max_exports=*/1, bulk);
  auto search = Get(server.port(), "/api/search?q=child");
  ASSERT_TRUE(search);
  EXPECT_EQ(search->status, 200);
  EXPECT_EQ(bulk->TasksRun(), 0u);

  auto whole = Get(server.port(), "/api/export?format=jsonl");
  ASSERT_TRUE(whole);
  ASSERT_EQ(whole->status, 200);
  const std::size_t total = std::stoul(whole->get_header_value("X-Total-Count"));
  ASSERT_GT(total, 0u);
  EXPECT_EQ(static_cast<std::size_t>(std::count(whole->body.begin(), whole->body.end(), '\n')),
            total);
  // One task lists the matching documents, one makes each batch of rows
  // (500 a batch).
  EXPECT_EQ(bulk->TasksRun(), 1 + (total + 499) / 500);
}

}  // namespace
}  // namespace archivist
