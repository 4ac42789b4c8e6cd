// SPDX-License-Identifier: GPL-2.0-or-later
// Issue 17: the indexer killed from outside. The real archivist-index runs
// over a generated archive (tools/gen-corpus) and this process sends it
// SIGKILL at 20 moments drawn at random across a run, with no hook inside
// the binary deciding where it stops (index_lifecycle_test.cc's kill points
// are chosen writes; these are wherever the clock falls: mid-extraction,
// mid-commit, between shards' commits). After each kill the index passes
// xapian-check, opens, searches and holds only whole documents of the
// archive; the next run ends with exactly the documents of a clean build.
// Half the rounds write two shards, which commit each on its own thread.
//
// The moments are reproducible: the test prints its seed, and
// ARCHIVIST_KILL_SEED=N runs the same ones again.
#include <chrono>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <xapian.h>

#include "core/record.h"
#include "tests/support/child_process.h"
#include "tests/support/index_content.h"
#include "tests/support/temp_dir.h"

namespace archivist {
namespace {

using archivist::testing::ChildProcess;
using archivist::testing::ContentOf;
using archivist::testing::IndexContent;
using archivist::testing::TempDir;
using Clock = std::chrono::steady_clock;

constexpr int kRounds = 20;

// Kills wanted: kRounds, or ARCHIVIST_KILL_ROUNDS (at least 1), for a
// shorter run where the indexer is several times slower (AddressSanitizer
// on a loaded machine). Rounds that end by themselves before their moment
// do not count; twice as many are tried at most.
int RoundsWanted() {
  const char* text = std::getenv("ARCHIVIST_KILL_ROUNDS");
  if (!text || !*text) return kRounds;
  return std::max(1, static_cast<int>(std::strtol(text, nullptr, 10)));
}
// Documents in the generated archive: enough for a run of a few seconds
// with several commits, few enough that 20 rounds take about a minute.
constexpr int kDocuments = 400;

// Runs a program to its end; its wait status.
int RunToEnd(const std::vector<std::string>& argv) {
  ChildProcess child(argv);
  child.ReadAll();
  return child.Wait();
}

bool ExitedZero(int status) { return WIFEXITED(status) && WEXITSTATUS(status) == 0; }

// The Xapian databases of an index: the folder itself, or its shards.
std::vector<std::string> DatabasesOf(const std::filesystem::path& index) {
  // A sharded index's stub (XAPIANDB) is written after all its shards
  // exist, so a run killed before it leaves shard folders and no stub; and
  // a folder killed before Xapian wrote its version file holds no
  // committed state. Both are sound: check every folder that became a
  // database, whether or not the stub was written.
  std::vector<std::string> candidates = {index.string()};
  for (int k = 0; std::filesystem::exists(index / ("shard-" + std::to_string(k))); ++k) {
    candidates.push_back((index / ("shard-" + std::to_string(k))).string());
  }
  std::vector<std::string> databases;
  for (const std::string& candidate : candidates) {
    if (std::filesystem::exists(std::filesystem::path(candidate) / "iamglass")) {
      databases.push_back(candidate);
    }
  }
  return databases;
}

// The indexer killed: this build's, or the one ARCHIVIST_KILL_INDEXER names
// (an AddressSanitizer build of the same sources, say, whose clang build
// of everything is costlier than this harness needs: the checks are of
// what the indexer leaves on disk).
std::string IndexerBinary() {
  const char* other = std::getenv("ARCHIVIST_KILL_INDEXER");
  return other && *other ? other : ARCHIVIST_INDEX_BIN;
}

std::vector<std::string> IndexerArgs(const std::string& index, int shards,
                                     const std::string& archive) {
  return {IndexerBinary(),        "--db",           index, "--shards",
          std::to_string(shards), "--commit-every", "25",  archive};
}

class ExternalKillTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    archive_ = new TempDir;
    const int status = RunToEnd({ARCHIVIST_PYTHON3, ARCHIVIST_GEN_CORPUS, "--count",
                                 std::to_string(kDocuments), "--out", archive_->path().string()});
    ASSERT_TRUE(ExitedZero(status)) << "tools/gen-corpus failed: status " << status;
  }
  static void TearDownTestSuite() {
    delete archive_;
    archive_ = nullptr;
  }
  static TempDir* archive_;
};

TempDir* ExternalKillTest::archive_ = nullptr;

TEST_F(ExternalKillTest, KilledAtRandomMomentsTheIndexStaysSoundAndTheNextRunCompletesIt) {
  const std::string archive = archive_->path().string();
  TempDir work;

  // The clean build: what every interrupted index must end up holding, and
  // how long a whole run takes, which the kill moments are spread across.
  const std::string clean = (work.path() / "clean").string();
  const Clock::time_point started = Clock::now();
  ASSERT_TRUE(ExitedZero(RunToEnd(IndexerArgs(clean, 1, archive))));
  const auto run_time = Clock::now() - started;
  const IndexContent expected = ContentOf(clean);
  ASSERT_GE(expected.size(), static_cast<std::size_t>(kDocuments * 9 / 10));

  const char* seed_text = std::getenv("ARCHIVIST_KILL_SEED");
  const unsigned seed = seed_text ? static_cast<unsigned>(std::strtoul(seed_text, nullptr, 10))
                                  : std::random_device{}();
  std::printf(
      "kill moments: seed %u (ARCHIVIST_KILL_SEED=%u repeats them); a clean run takes "
      "%lld ms\n",
      seed, seed,
      static_cast<long long>(
          std::chrono::duration_cast<std::chrono::milliseconds>(run_time).count()));
  std::printf("indexer: %s\n", IndexerBinary().c_str());
  std::mt19937 random(seed);
  // From the program's start (opening the index) to just before its end.
  std::uniform_real_distribution<double> moment(0.02, 0.98);

  // The clean run's length is only an estimate: it was timed while other
  // suites may have loaded the machine, and a later run can be much
  // faster. A round whose run ended before its moment shows the estimate
  // is too long, so it is shortened and the round does not count; rounds
  // go on until that many real kills, within a bounded number of attempts.
  auto estimate = run_time;
  int killed = 0;
  int round = 0;
  const int rounds = RoundsWanted();
  for (; killed < rounds && round < 2 * rounds; ++round) {
    const int shards = round % 2 == 0 ? 1 : 2;
    const auto at = std::chrono::duration_cast<Clock::duration>(estimate * moment(random));
    SCOPED_TRACE("round " + std::to_string(round) + ", " + std::to_string(shards) +
                 " shard(s), kill after " +
                 std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(at).count()) +
                 " ms");
    const std::filesystem::path index = work.path() / ("killed-" + std::to_string(round));

    int status = 0;
    {
      ChildProcess indexer(IndexerArgs(index.string(), shards, archive));
      std::this_thread::sleep_until(Clock::now() + at);
      indexer.Signal(SIGKILL);
      indexer.ReadAll();
      status = indexer.Wait();
    }
    // A run that ended before its moment came is checked all the same.
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
      ++killed;
    } else {
      estimate = estimate * 3 / 4;
    }

    // An index killed before it created its first database has nothing to
    // check; the next run must still complete it.
    if (std::filesystem::exists(index)) {
      for (const std::string& database : DatabasesOf(index)) {
        EXPECT_TRUE(ExitedZero(RunToEnd({ARCHIVIST_XAPIAN_CHECK, database})))
            << "xapian-check " << database;
      }
      bool opens = true;
      IndexContent partial;
      try {
        partial = ContentOf(index.string());
        Xapian::Enquire enquire{Xapian::Database(index.string())};
        enquire.set_query(
            Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("child"), Xapian::Query("enfants")));
        (void)enquire.get_mset(0, 10);
      } catch (const Xapian::DatabaseOpeningError&) {
        // Killed between creating the folder and the first database in it:
        // there is no committed state yet, which is sound.
        opens = false;
      } catch (const Xapian::Error& e) {
        ADD_FAILURE() << "the killed index does not search: " << e.get_description();
        opens = false;
      }
      if (opens) {
        EXPECT_LE(partial.size(), expected.size());
        for (const auto& [id, document] : partial) {
          ASSERT_TRUE(expected.count(id)) << "a document no clean build has: " << id;
          EXPECT_EQ(document, expected.at(id)) << id;
        }
      }
    }

    ASSERT_TRUE(ExitedZero(RunToEnd(IndexerArgs(index.string(), shards, archive))))
        << "the run after the kill failed";
    EXPECT_EQ(ContentOf(index.string()), expected) << "the run after the kill";
    std::error_code ignored;
    std::filesystem::remove_all(index, ignored);
  }
  std::printf("killed %d of %d runs mid-way\n", killed, round);
  // The test means something only if the index was really killed often.
  EXPECT_EQ(killed, rounds);
}

}  // namespace
}  // namespace archivist
