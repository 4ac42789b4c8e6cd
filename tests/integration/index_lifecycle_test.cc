// SPDX-License-Identifier: GPL-2.0-or-later
// The index at archive scale, with the real binaries: crash safety under
// kill -9, and shards served by xapian-tcpsrv answering like one database.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <xapian.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "core/record.h"
#include "core/schema.h"
#include "tests/support/child_process.h"
#include "tests/support/index_content.h"
#include "tests/support/temp_dir.h"

namespace archivist {
namespace {

using archivist::testing::ChildProcess;
using archivist::testing::ContentOf;
using archivist::testing::IndexContent;
using archivist::testing::TempDir;
using nlohmann::json;

int RunIndexer(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
  std::vector<std::string> argv = {ARCHIVIST_INDEX_BIN};
  argv.insert(argv.end(), args.begin(), args.end());
  ChildProcess indexer(argv, env);
  indexer.ReadAll();
  return indexer.Wait();
}

// The indexer's wait status and what it wrote to stdout and stderr (its
// log) together.
std::pair<int, std::string> RunIndexerLogged(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"/bin/sh", "-c", "exec \"$0\" \"$@\" 2>&1", ARCHIVIST_INDEX_BIN};
  argv.insert(argv.end(), args.begin(), args.end());
  ChildProcess indexer(argv);
  std::string output = indexer.ReadAll();
  return {indexer.Wait(), std::move(output)};
}

// Kill points (writes before SIGKILL) and shard counts: with shards, each
// shard has its own writer thread and commits on its own.
struct KillPoint {
  int after_writes;
  int shards;
};

void PrintTo(const KillPoint& p, std::ostream* out) {
  *out << p.after_writes << " writes, " << p.shards << " shard(s)";
}

class KillNineTest : public ::testing::TestWithParam<KillPoint> {};

TEST_P(KillNineTest, AnInterruptedRunLeavesAConsistentIndexAndTheNextRunFinishesIt) {
  const std::string shards = std::to_string(GetParam().shards);
  TempDir dir;
  const std::string clean = (dir.path() / "clean").string();
  ASSERT_EQ(RunIndexer({"--db", clean, "--shards", shards, ARCHIVIST_CORPUS_DIR}), 0);
  const IndexContent expected = ContentOf(clean);
  ASSERT_GE(expected.size(), 20u);

  const std::string killed = (dir.path() / "killed").string();
  const int status = RunIndexer(
      {"--db", killed, "--shards", shards, "--commit-every", "3", ARCHIVIST_CORPUS_DIR},
      {"ARCHIVIST_TEST_KILL_AFTER_WRITES=" + std::to_string(GetParam().after_writes)});
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "status " << status;

  // As of its last commit: opens, searches, holds whole documents only.
  const IndexContent partial = ContentOf(killed);
  EXPECT_LE(partial.size(), expected.size());
  for (const auto& [id, document] : partial) {
    ASSERT_TRUE(expected.count(id)) << id;
    EXPECT_EQ(document, expected.at(id));
  }
  Xapian::Enquire enquire{Xapian::Database(killed)};
  enquire.set_query(Xapian::Query("grooming"));
  EXPECT_NO_THROW(enquire.get_mset(0, 10));

  ASSERT_EQ(RunIndexer({"--db", killed, "--shards", shards, ARCHIVIST_CORPUS_DIR}), 0);
  EXPECT_EQ(ContentOf(killed), expected);
}

// Before the first commit, right after one, mid-batch, near the end; and
// two of them with two shards.
INSTANTIATE_TEST_SUITE_P(KillPoints, KillNineTest,
                         ::testing::Values(KillPoint{1, 1}, KillPoint{3, 1}, KillPoint{7, 1},
                                           KillPoint{26, 1}, KillPoint{7, 2}, KillPoint{26, 2}),
                         [](const ::testing::TestParamInfo<KillPoint>& param_info) {
                           const KillPoint& p = param_info.param;
                           return "AfterWrite" + std::to_string(p.after_writes) +
                                  (p.shards > 1 ? "Shards" + std::to_string(p.shards) : "");
                         });

// Each document's links as stored: its work key and its other editions
// (the editions slot), by id.
std::map<std::string, std::pair<std::string, std::string>> LinksOf(const std::string& index) {
  std::map<std::string, std::pair<std::string, std::string>> links;
  Xapian::Database db(index);
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document document = db.get_document(*it);
    Result<DocumentRecord> record = RecordFromJson(document.get_data());
    if (!record.ok()) continue;
    links[record.value().id] = {record.value().work, document.get_value(schema::kSlotEditions)};
  }
  return links;
}

// Issue 19: the linking pass reads the last commit, so a run's documents
// are committed before their links, and a run killed in between leaves
// them committed unlinked. The next run finds their files unchanged: the
// marks committed with them say which are still to be linked. A run
// without the linking pass leaves the same state, at a known point.
TEST(LinksPendingTest, DocumentsCommittedWithoutLinksAreLinkedByTheNextRun) {
  TempDir dir;
  const std::string clean = (dir.path() / "clean").string();
  ASSERT_EQ(RunIndexer({"--db", clean, ARCHIVIST_CORPUS_DIR}), 0);
  const auto expected = LinksOf(clean);
  std::size_t linked = 0;
  for (const auto& [id, links] : expected) linked += links.first.empty() ? 0 : 1;
  ASSERT_GE(linked, 4u) << "the corpus has editions of one work";

  const std::string unlinked = (dir.path() / "unlinked").string();
  ASSERT_EQ(RunIndexer({"--db", unlinked, "--no-link-works", ARCHIVIST_CORPUS_DIR}), 0);
  ASSERT_NE(LinksOf(unlinked), expected);
  ASSERT_EQ(RunIndexer({"--db", unlinked, ARCHIVIST_CORPUS_DIR}), 0);
  EXPECT_EQ(LinksOf(unlinked), expected);

  // Killed after its last write, with a commit queued after every one:
  // whatever was committed, the next run ends with a clean run's links.
  const std::string killed = (dir.path() / "killed").string();
  const int status = RunIndexer(
      {"--db", killed, "--commit-every", "1", ARCHIVIST_CORPUS_DIR},
      {"ARCHIVIST_TEST_KILL_AFTER_WRITES=" + std::to_string(expected.size())});
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "status " << status;
  ASSERT_LT(LinksOf(killed).size(), expected.size());
  ASSERT_EQ(RunIndexer({"--db", killed, ARCHIVIST_CORPUS_DIR}), 0);
  EXPECT_EQ(LinksOf(killed), expected);
}

int FreeLoopbackPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  return ntohs(address.sin_port);
}

// A searchd on a free loopback port over `index`.
class Searchd {
 public:
  explicit Searchd(const std::string& index)
      : process_({ARCHIVIST_SEARCHD_BIN, "--db", index, "--listen", "127.0.0.1:0", "--webui",
                  ARCHIVIST_WEBUI_DIR}) {
    const auto line = process_.ReadLine(std::chrono::seconds(30));
    std::smatch match;
    if (line && std::regex_match(*line, match, std::regex(R"(listening on http://127\.0\.0\.1:(\d+))"))) {
      port_ = std::stoi(match[1].str());
    }
  }
  json Get(const std::string& target) const {
    httplib::Client client("127.0.0.1", port_);
    auto res = client.Get(target.c_str());
    if (!res) return json();
    EXPECT_EQ(res->status, 200) << target << ": " << res->body;
    return json::parse(res->body);
  }
  int port() const { return port_; }

 private:
  ChildProcess process_;
  int port_ = 0;
};

// Hits as a set (ties may be broken differently across shards), with total
// and facets, which must be exactly equal.
json Comparable(json answer) {
  std::set<std::string> ids;
  for (const auto& hit : answer["hits"]) ids.insert(hit["id"].get<std::string>());
  return {{"total", answer["total"]}, {"facets", answer["facets"]}, {"ids", ids}};
}

TEST(RemoteShardsTest, TwoTcpsrvShardsAnswerLikeTheSingleDatabase) {
  TempDir dir;
  const std::string single = (dir.path() / "single").string();
  const std::string sharded = (dir.path() / "sharded").string();
  ASSERT_EQ(RunIndexer({"--db", single, ARCHIVIST_CORPUS_DIR}), 0);
  ASSERT_EQ(RunIndexer({"--db", sharded, "--shards", "2", ARCHIVIST_CORPUS_DIR}), 0);

  std::vector<std::unique_ptr<ChildProcess>> servers;
  std::string stub;
  for (int k = 0; k < 2; ++k) {
    const int port = FreeLoopbackPort();
    ASSERT_GT(port, 0);
    servers.push_back(std::make_unique<ChildProcess>(std::vector<std::string>{
        "/usr/bin/xapian-tcpsrv", "--interface", "127.0.0.1", "--port", std::to_string(port),
        sharded + "/shard-" + std::to_string(k)}));
    bool listening = false;
    while (auto line = servers.back()->ReadLine(std::chrono::seconds(20))) {
      if (line->find("Listening") != std::string::npos) {
        listening = true;
        break;
      }
    }
    ASSERT_TRUE(listening) << "xapian-tcpsrv did not start";
    stub += "remote 127.0.0.1:" + std::to_string(port) + "\n";
  }
  const std::filesystem::path stub_file = dir.Write("remote.stub", stub);

  Searchd local(single);
  Searchd remote(stub_file.string());
  ASSERT_GT(local.port(), 0);
  ASSERT_GT(remote.port(), 0);
  for (const char* query :
       {"/api/search?q=trafficking&per_page=100", "/api/search?q=&per_page=100",
        "/api/search?q=exploitation&country=BR&per_page=100",
        "/api/search?q=children&lang=en&lang=fr&per_page=100",
        "/api/search?q=&year_from=2010&sort=oldest&per_page=100",
        "/api/search?q=%22sexual%20exploitation%22&topic=child-sex-tourism"}) {
    const json expected = local.Get(query);
    ASSERT_TRUE(expected.contains("total")) << query;
    EXPECT_EQ(Comparable(remote.Get(query)), Comparable(expected)) << query;
  }
  // Sorted answers keep their order across shards.
  const json newest_local = local.Get("/api/search?q=&sort=newest&per_page=100");
  const json newest_remote = remote.Get("/api/search?q=&sort=newest&per_page=100");
  std::vector<std::string> local_dates, remote_dates;
  for (const auto& hit : newest_local["hits"]) local_dates.push_back(hit["date"]);
  for (const auto& hit : newest_remote["hits"]) remote_dates.push_back(hit["date"]);
  EXPECT_EQ(remote_dates, local_dates);
}

// Reads --json pass summaries until one satisfies `done`; false on timeout.
bool AwaitPass(ChildProcess& indexer, const std::function<bool(const json&)>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    const auto line = indexer.ReadLine(std::chrono::seconds(30));
    if (!line) return false;
    if (done(json::parse(*line))) return true;
  }
  return false;
}

TEST(WatchTest, KeepsTheIndexCurrentAsFilesAppearChangeAndDisappear) {
  TempDir archive;
  TempDir dir;
  const std::string index = (dir.path() / "index").string();
  archive.Write("a.txt", "alpha");
  ChildProcess indexer({ARCHIVIST_INDEX_BIN, "--db", index, "--watch", "--watch-quiet-ms", "100",
                        "--json", archive.path().string()});
  ASSERT_TRUE(AwaitPass(indexer, [](const json& s) { return s["documents"] == 1; }));

  archive.Write("b.txt", "bravo");
  EXPECT_TRUE(AwaitPass(indexer, [](const json& s) { return s["documents"] == 2; }));

  // A folder created while watching is watched too.
  archive.Write("new/deeper/c.txt", "charlie");
  EXPECT_TRUE(AwaitPass(indexer, [](const json& s) { return s["documents"] == 3; }));
  archive.Write("new/deeper/d.txt", "delta");
  EXPECT_TRUE(AwaitPass(indexer, [](const json& s) { return s["documents"] == 4; }));

  std::filesystem::remove(archive.path() / "a.txt");
  EXPECT_TRUE(AwaitPass(indexer, [](const json& s) { return s["removed"] == 1; }));
  EXPECT_EQ(ContentOf(index).size(), 3u);

  indexer.Signal(SIGTERM);
  const int status = indexer.Wait();
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}


// xapian-check's verdict on each database of an index (its shards, or the
// folder itself); "" when all pass.
std::string XapianCheckFailures(const std::filesystem::path& index) {
  std::vector<std::filesystem::path> databases;
  for (int k = 0; std::filesystem::exists(index / ("shard-" + std::to_string(k))); ++k) {
    databases.push_back(index / ("shard-" + std::to_string(k)));
  }
  if (databases.empty()) databases.push_back(index);
  std::string failures;
  for (const auto& database : databases) {
    ChildProcess check({ARCHIVIST_XAPIAN_CHECK, database.string()});
    const std::string report = check.ReadAll();
    const int status = check.Wait();
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      failures += database.string() + ":\n" + report;
    }
  }
  return failures;
}

// A small tmpfs of its own, mounted in a temp dir for one test and gone with
// it. Mounting needs CAP_SYS_ADMIN (CI runs as root); where it is refused,
// mounted() is false and the test skips.
class SmallDisk {
 public:
  explicit SmallDisk(const std::string& size) {
    mounted_ = mount("tmpfs", dir_.path().c_str(), "tmpfs", 0, ("size=" + size).c_str()) == 0;
    if (!mounted_) error_ = std::strerror(errno);
  }
  ~SmallDisk() {
    if (mounted_) umount2(dir_.path().c_str(), MNT_DETACH);
  }
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;

  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }
  const std::filesystem::path& path() const { return dir_.path(); }
  // Gives the disk more room, keeping what it holds.
  bool Grow(const std::string& size) {
    return mount("tmpfs", dir_.path().c_str(), "tmpfs", MS_REMOUNT, ("size=" + size).c_str()) == 0;
  }

 private:
  TempDir dir_;
  bool mounted_ = false;
  std::string error_;
};

// Issue 17: a full disk aborted the indexer (SIGABRT, nothing on --json)
// when Xapian's DatabaseError escaped the writer. The writer's threads now
// catch it where it is raised: the run stops with an error naming the cause
// and the index, exits 1, still prints its JSON summary, and the index
// keeps its last commit; the next run, with room, completes it. The disk
// is a real 256 KiB tmpfs, so the writes really fail with ENOSPC.
TEST(FullDiskTest, AFullDiskStopsTheRunWithAClearErrorAndTheSummary) {
  SmallDisk disk("256k");
  if (!disk.mounted()) GTEST_SKIP() << "cannot mount a tmpfs here: " << disk.error();
  TempDir archive;
  // Words drawn from a large made-up vocabulary: their terms and positions
  // take far more than 256 KiB of index, whatever the block sizes.
  std::uint32_t seed = 17;
  auto next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
  for (int f = 0; f < 40; ++f) {
    std::string text;
    for (int w = 0; w < 3000; ++w) {
      const int length = 4 + static_cast<int>(next() % 7);
      for (int c = 0; c < length; ++c) text += static_cast<char>('a' + (next() >> 8) % 26);
      text += ' ';
    }
    archive.Write("doc" + std::to_string(f) + ".txt", text);
  }
  const std::string index = (disk.path() / "index").string();
  const std::vector<std::string> args = {"--json", "--commit-every", "2", "--db", index,
                                         archive.path().string()};
  std::vector<std::string> argv = {ARCHIVIST_INDEX_BIN};
  argv.insert(argv.end(), args.begin(), args.end());

  ChildProcess full(argv);
  const std::string out = full.ReadAll();
  const int status = full.Wait();
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 1);
  const json summary = json::parse(out, nullptr, /*allow_exceptions=*/false);
  ASSERT_TRUE(summary.is_object()) << out;
  ASSERT_TRUE(summary["error"].is_object()) << out;
  const std::string message = summary["error"]["message"];
  EXPECT_NE(message.find("no space left on device"), std::string::npos) << message;
  EXPECT_NE(message.find(index), std::string::npos) << message;
  EXPECT_LT(summary["indexed"].get<int>(), 40) << out;

  // What was committed before the disk filled opens and reads whole, and
  // Xapian's own checker finds every table of it sound: the writes the
  // full disk cut short left no damage behind the last commit.
  const IndexContent kept = ContentOf(index);
  EXPECT_LT(kept.size(), 40u);
  EXPECT_EQ(XapianCheckFailures(index), "");

  // With room, the next run resumes: it keeps what was committed and ends
  // with every file of the archive indexed, each once, and a sound index.
  ASSERT_TRUE(disk.Grow("64m"));
  ChildProcess again(argv);
  const json after = json::parse(again.ReadAll(), nullptr, /*allow_exceptions=*/false);
  EXPECT_EQ(again.Wait(), 0);
  ASSERT_TRUE(after.is_object());
  EXPECT_TRUE(after["error"].is_null()) << after.dump();
  EXPECT_EQ(after["failed"], 0) << after.dump();
  EXPECT_EQ(after["documents"], 40);
  const IndexContent whole = ContentOf(index);
  std::set<std::string> files;
  for (const auto& [id, document] : whole) {
    files.insert(document.second.begin(), document.second.end());
  }
  std::set<std::string> expected;
  for (int f = 0; f < 40; ++f) expected.insert("doc" + std::to_string(f) + ".txt");
  EXPECT_EQ(files, expected);
  for (const auto& [id, document] : kept) EXPECT_EQ(whole.count(id), 1u) << id;
  EXPECT_EQ(XapianCheckFailures(index), "");
}


// Bytes the files under `folder` take on its disk (blocks, as a disk
// counts them, rather than their lengths).
std::uintmax_t DiskBytes(const std::filesystem::path& folder) {
  std::uintmax_t bytes = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    struct stat status {};
    if (entry.is_regular_file() && stat(entry.path().c_str(), &status) == 0) {
      bytes += static_cast<std::uintmax_t>(status.st_blocks) * 512;
    }
  }
  return bytes;
}

// A run that wrote its whole index compacts it (issue 19): the compacted
// copy put in the index's place, shard by shard, passes Xapian's own
// checker run as a program (in process, libxapian 1.4.22's check trips
// AddressSanitizer), holds what an uncompacted index of the same files
// holds, and is smaller.
TEST(CompactionTest, ACompactedIndexPassesXapianCheckAndHoldsWhatAnUncompactedOneHolds) {
  TempDir dir;
  for (const std::string shards : {"1", "2"}) {
    SCOPED_TRACE(shards + " shard(s)");
    const std::filesystem::path loose = dir.path() / ("loose-" + shards);
    const std::filesystem::path compacted = dir.path() / ("compacted-" + shards);
    ASSERT_EQ(RunIndexer({"--no-compact", "--shards", shards, "--db", loose.string(),
                          ARCHIVIST_CORPUS_DIR}),
              0);
    ASSERT_EQ(RunIndexer({"--shards", shards, "--db", compacted.string(), ARCHIVIST_CORPUS_DIR}),
              0);
    EXPECT_EQ(XapianCheckFailures(compacted), "");
    const IndexContent expected = ContentOf(loose.string());
    ASSERT_GE(expected.size(), 20u);
    EXPECT_EQ(ContentOf(compacted.string()), expected);
    EXPECT_LT(DiskBytes(compacted), DiskBytes(loose));
    EXPECT_FALSE(std::filesystem::exists(compacted.string() + ".compacting"));
  }
}

// Compacting needs room for a second copy while it runs. On a disk with
// room for the index but not for its copy, the run still succeeds: the
// index stays as it was written (whole, uncompacted) and the partial copy
// is removed.
TEST(CompactionTest, NoRoomForTheCompactedCopyLeavesTheIndexWholeAndUncompacted) {
  TempDir scratch;
  const std::filesystem::path measured = scratch.path() / "measured";
  ASSERT_EQ(RunIndexer({"--no-compact", "--db", measured.string(), ARCHIVIST_CORPUS_DIR}), 0);
  const std::uintmax_t written = DiskBytes(measured);
  // The index and an eighth more: the run fits, a compacted copy (about
  // half the index) does not.
  SmallDisk disk(std::to_string((written + written / 8) / 1024) + "k");
  if (!disk.mounted()) GTEST_SKIP() << "cannot mount a tmpfs here: " << disk.error();

  const std::filesystem::path index = disk.path() / "index";
  const auto [status, log] = RunIndexerLogged({"--db", index.string(), ARCHIVIST_CORPUS_DIR});
  ASSERT_EQ(status, 0) << log;
  // The warning names what failed: compacting, into which copy.
  EXPECT_NE(log.find("not compacted"), std::string::npos) << log;
  EXPECT_NE(log.find("cannot compact the index at " + index.string() + " into "), std::string::npos)
      << log;
  EXPECT_FALSE(std::filesystem::exists(index.string() + ".compacting"));
  EXPECT_GE(DiskBytes(index), written * 9 / 10) << "it was compacted after all";
  EXPECT_EQ(ContentOf(index.string()), ContentOf(measured.string()));
  EXPECT_EQ(XapianCheckFailures(index), "");
}

}  // namespace
}  // namespace archivist
