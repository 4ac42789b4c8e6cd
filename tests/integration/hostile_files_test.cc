// SPDX-License-Identifier: GPL-2.0-or-later
// Issue 3: every file of tests/data/hostile ends with its exact outcome, and
// none of them stops the run or leaks what it points at into the index.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <stdlib.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <ostream>
#include <set>
#include <string>

#include "core/schema.h"
#include "engine/stored_text.h"
#include "indexer/extract/charset.h"
#include "indexer/extract/extractor.h"
#include "indexer/indexer.h"
#include "tests/support/child_process.h"
#include "tests/support/temp_dir.h"

namespace archivist {
namespace {

using archivist::testing::ChildProcess;
using archivist::testing::TempDir;
using namespace std::chrono_literals;

const std::filesystem::path kHostileDir = ARCHIVIST_HOSTILE_DIR;

// One indexing run over the whole folder, shared by every test here: the
// point is that they all go through one run together.
struct HostileRun {
  TempDir db;
  IndexSummary summary;
  std::string db_path() const { return (db.path() / "index").string(); }
};

const HostileRun& HostileIndexRun() {
  // A static unique_ptr, so the temporary index is removed at exit.
  static const std::unique_ptr<HostileRun> run = [] {
    auto r = std::make_unique<HostileRun>();
    setenv("ARCHIVIST_TEST_HOOKS", "1", 1);
    IndexOptions options;
    options.db_path = r->db_path();
    options.roots = {kHostileDir};
    options.extraction.timeout = 2s;  // the hang hook costs exactly this
    options.extraction.memory_bytes = 256ull << 20;
    // Two workers, as on two cores. Regression: the last files were once
    // reported "out of memory" when the thread that had respawned their
    // worker finished first (PR_SET_PDEATHSIG follows the forking thread).
    options.jobs = 2;
    r->summary = RunIndex(options);
    return r;
  }();
  return *run;
}

struct HostileCase {
  std::string file;
  FileOutcome outcome;
  std::string reason;  // the exact reason (or note, for an indexed file)
};

void PrintTo(const HostileCase& c, std::ostream* os) { *os << c.file; }

const HostileCase kCases[] = {
    {"empty.pdf", FileOutcome::kFailed, "empty file"},
    {"truncated.pdf", FileOutcome::kFailed, "truncated PDF"},
    {"encrypted.pdf", FileOutcome::kSkipped, "encrypted PDF"},
    {"no-text-layer.pdf", FileOutcome::kIndexed, "no text layer"},
    {"random-bytes.pdf", FileOutcome::kFailed, "cannot open PDF random-bytes.pdf"},
    {"billion-laughs.xml", FileOutcome::kFailed,
     "unparsable XML: Detected an entity reference loop"},
    {"xxe-passwd.xml", FileOutcome::kIndexed, ""},
    {"deep-nesting.xml", FileOutcome::kFailed,
     "unparsable XML: Excessive depth in document: 256 use XML_PARSE_HUGE option"},
    // Issue 17: libxml2 stops at 256 levels; what it kept is indexed, noted.
    {"deep-nesting.html", FileOutcome::kIndexed,
     "HTML nested deeper than 256 elements: the text from there on is not indexed"},
    {"invalid-utf8.txt", FileOutcome::kIndexed, ""},
    {"latin1.txt", FileOutcome::kIndexed, ""},
    {"windows-1252.txt", FileOutcome::kIndexed, ""},
    {"zip-bomb.docx", FileOutcome::kSkipped,
     "zip bomb suspected (word/document.xml inflates beyond the limits)"},
    {"lying-zip-bomb.docx", FileOutcome::kSkipped,
     "zip bomb suspected (word/document.xml inflates beyond the limits)"},
    {"nested-10.zip", FileOutcome::kSkipped, "unsupported type"},
    {"hook-abort.txt", FileOutcome::kFailed, "extractor crashed (signal 6)"},
    {"hook-hang.txt", FileOutcome::kFailed, "timed out after 2s"},
    {"hook-oom.txt", FileOutcome::kFailed, "out of memory"},
    {"README.md", FileOutcome::kIndexed, ""},  // says what each file is; indexed like any note
};

class HostileFileTest : public ::testing::TestWithParam<HostileCase> {};

TEST_P(HostileFileTest, EndsWithItsExpectedOutcome) {
  // In sanitizer builds too: without an address-space limit there, the
  // "oom" hook stops at the file's memory budget and fails as out of memory
  // (worker_process.h), rather than taking the machine's memory until the
  // time limit, beside the other worker's file.
  const HostileCase& c = GetParam();
  const std::string path = (kHostileDir / c.file).string();
  FileOutcome outcome = FileOutcome::kIndexed;  // files without a problem were indexed
  std::string reason;
  for (const FileReport& report : HostileIndexRun().summary.problems) {
    if (report.path == path) {
      outcome = report.outcome;
      reason = report.reason;
    }
  }
  EXPECT_EQ(ToString(outcome), ToString(c.outcome));
  EXPECT_EQ(reason, c.reason);
}

INSTANTIATE_TEST_SUITE_P(Hostile, HostileFileTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<HostileCase>& param) {
                           std::string name = param.param.file;
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

TEST(HostileFolderTest, EveryFileHasACaseAndExactlyOneOutcome) {
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kHostileDir)) {
    ++files;
    const std::string name = entry.path().filename().string();
    const bool listed = std::any_of(std::begin(kCases), std::end(kCases),
                                    [&](const HostileCase& c) { return c.file == name; });
    EXPECT_TRUE(listed) << name << " has no expected outcome";
  }
  const IndexSummary& s = HostileIndexRun().summary;
  EXPECT_EQ(s.indexed + s.skipped + s.failed + s.unchanged, files);
  EXPECT_EQ(s.documents, s.indexed);
  EXPECT_TRUE(s.root_errors.empty());
}

TEST(HostileFolderTest, NoPasswdContentReachesTheIndex) {
  Xapian::Database db(HostileIndexRun().db_path());
  ASSERT_GT(db.get_doccount(), 0u);
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    EXPECT_EQ(StoredTextOf(doc).find("root:x:0:0"), std::string::npos);
    EXPECT_EQ(doc.get_data().find("root:x:0:0"), std::string::npos);
  }
  for (const char* term : {"root", "nologin", "bash", "daemon"}) {
    EXPECT_FALSE(db.term_exists(term)) << term;
  }
  // The external entity's neighbours did arrive.
  EXPECT_TRUE(db.term_exists("harmless"));
}

// The real binary lists what the run recorded: every failure, one
// "path<TAB>reason" line each, and nothing else.
TEST(HostileFolderTest, TheIndexerListsTheFailuresItRecorded) {
  const HostileRun& run = HostileIndexRun();
  std::string expected;
  for (const FileReport& report : run.summary.problems) {
    if (report.outcome == FileOutcome::kFailed) expected += report.path + "\t" + report.reason + "\n";
  }
  ASSERT_EQ(std::count(expected.begin(), expected.end(), '\n'), 8) << expected;
  ChildProcess index({ARCHIVIST_INDEX_BIN, "--db", run.db_path(), "--failures"});
  EXPECT_EQ(index.ReadAll(), expected);  // both sorted by path
  const int status = index.Wait();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

// The text files' bytes, decoded: what a reader of the archive typed.
struct CharsetCase {
  std::string file;
  std::string expected;
};

void PrintTo(const CharsetCase& c, std::ostream* os) { *os << c.file; }

class CharsetTest : public ::testing::TestWithParam<CharsetCase> {};

TEST_P(CharsetTest, DecodesToTheTextThatWasWritten) {
  Result<extract::ExtractedDoc> doc = extract::ExtractFile(kHostileDir / GetParam().file);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  ASSERT_EQ(doc.value().pages.size(), 1u);
  EXPECT_TRUE(extract::IsValidUtf8(doc.value().pages[0]));
  EXPECT_NE(doc.value().pages[0].find(GetParam().expected), std::string::npos)
      << doc.value().pages[0];
}

INSTANTIATE_TEST_SUITE_P(
    Hostile, CharsetTest,
    ::testing::Values(
        CharsetCase{"latin1.txt", "Sécurité à l'école: les élèves étudient la société française."},
        CharsetCase{"windows-1252.txt", "Le “projet” – coût 50 € … déjà fini."},
        CharsetCase{"invalid-utf8.txt", "l'élève a été au café-crème, puis \uFFFD"}),
    [](const ::testing::TestParamInfo<CharsetCase>& param) {
      std::string name = param.param.file;
      for (char& ch : name) {
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
      }
      return name;
    });

// Issue 17: a file's name is the archive's, not ours. One whose name holds a
// newline and a tab once printed a second, forged "path<TAB>reason" line in
// --failures (and in the run's summary); control characters are now escaped
// ("\n", "\t", "\\", "\xHH"), so each failure is one line of two fields.
TEST(HostileNamesTest, AFileNameCannotForgeALineOfTheFailureList) {
  TempDir dir;
  const std::string name = "broken.pdf\n/srv/forged.pdf\tforged reason";
  dir.Write("archive/" + name, "%PDF-1.4\nnot really a PDF\n");
  const std::string root = (dir.path() / "archive").string();
  const std::string db = (dir.path() / "index").string();
  const std::string escaped = root + "/broken.pdf\\n/srv/forged.pdf\\tforged reason";

  ChildProcess run({ARCHIVIST_INDEX_BIN, "--db", db, root});
  const std::string summary = run.ReadAll();
  ASSERT_EQ(run.Wait(), 0) << summary;
  // The counts line, then one line for the failed file.
  EXPECT_EQ(std::count(summary.begin(), summary.end(), '\n'), 2) << summary;
  EXPECT_NE(summary.find("  failed: " + escaped + ": "), std::string::npos) << summary;

  ChildProcess list({ARCHIVIST_INDEX_BIN, "--db", db, "--failures"});
  const std::string failures = list.ReadAll();
  ASSERT_EQ(list.Wait(), 0);
  ASSERT_EQ(std::count(failures.begin(), failures.end(), '\n'), 1) << failures;
  EXPECT_EQ(failures.rfind(escaped + "\t", 0), 0u) << failures;
  EXPECT_EQ(std::count(failures.begin(), failures.end(), '\t'), 1) << failures;

  // --json keeps the name as it is: JSON has its own escaping.
  ChildProcess json({ARCHIVIST_INDEX_BIN, "--db", db, "--failures", "--json"});
  const std::string listed = json.ReadAll();
  ASSERT_EQ(json.Wait(), 0);
  EXPECT_NE(listed.find("broken.pdf\\n/srv/forged.pdf\\tforged reason"), std::string::npos)
      << listed;
}


// Runs archivist-index with `args`, so that folder permissions bind it: as
// root (CI), through setpriv without the capabilities that let root read
// any folder (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH); it keeps uid 0 and so
// still owns the test's files.
std::vector<std::string> IndexerBoundByPermissions(const std::vector<std::string>& args) {
  std::vector<std::string> argv;
  if (geteuid() == 0) {
    argv = {"/usr/bin/setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"};
  }
  argv.push_back(ARCHIVIST_INDEX_BIN);
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

// Issue 17: a folder that cannot be listed was skipped without a word, and
// the walk of its root ended there (libstdc++'s iterator gives up at the
// first folder it cannot open), while the root still counted as walked, so
// documents it had not reached could be removed. Now the folder fails with
// its reason, the walk goes on past it, and what it held stays indexed.
TEST(HostileFoldersTest, AFolderThatCannotBeListedFailsAloneWithItsReason) {
  if (geteuid() == 0 && access("/usr/bin/setpriv", X_OK) != 0) {
    GTEST_SKIP() << "root, and no setpriv to run the indexer without CAP_DAC_OVERRIDE";
  }
  TempDir dir;
  const std::filesystem::path root = dir.path() / "archive";
  const std::filesystem::path locked = root / "locked";
  dir.Write("archive/alpha.txt", "alpha report on harbour dredging\n");
  dir.Write("archive/locked/inside.txt", "inside memo on lighthouse repairs\n");
  dir.Write("archive/zeta/after.txt", "zeta minutes on ferry timetables\n");
  const std::string db = (dir.path() / "index").string();
  ChildProcess first(IndexerBoundByPermissions({"--json", "--db", db, root.string()}));
  ASSERT_EQ(nlohmann::json::parse(first.ReadAll())["indexed"], 3);
  ASSERT_EQ(first.Wait(), 0);

  dir.Write("archive/zeta/later.txt", "zeta notes on tide tables\n");
  std::filesystem::permissions(locked, std::filesystem::perms::none);
  struct Unlock {
    std::filesystem::path path;
    ~Unlock() { std::filesystem::permissions(path, std::filesystem::perms::owner_all); }
  } unlock{locked};

  ChildProcess second(IndexerBoundByPermissions({"--json", "--db", db, root.string()}));
  const nlohmann::json summary = nlohmann::json::parse(second.ReadAll());
  EXPECT_EQ(second.Wait(), 0);
  EXPECT_EQ(summary["indexed"], 1) << summary.dump();  // later.txt: the walk went on
  EXPECT_EQ(summary["failed"], 1) << summary.dump();
  EXPECT_EQ(summary["removed"], 0) << summary.dump();  // inside.txt may still be there
  EXPECT_EQ(summary["documents"], 4) << summary.dump();
  ASSERT_EQ(summary["problems"].size(), 1u) << summary.dump();
  EXPECT_EQ(summary["problems"][0]["path"], locked.string());
  EXPECT_EQ(summary["problems"][0]["outcome"], "failed");
  EXPECT_EQ(summary["problems"][0]["reason"], "cannot list this folder: Permission denied");

  ChildProcess list({ARCHIVIST_INDEX_BIN, "--db", db, "--failures"});
  EXPECT_EQ(list.ReadAll(), locked.string() + "\tcannot list this folder: Permission denied\n");
  EXPECT_EQ(list.Wait(), 0);
}


// A name that is not UTF-8 cannot be stored (records and failures are JSON)
// and once aborted the whole run (nlohmann's type_error escaped, exit 134).
// Such a file or folder is left out and named, escaped, among the crawl's
// problems; the rest of the archive is indexed.
TEST(HostileNamesTest, ANameThatIsNotUtf8IsLeftOutAndTheRunCompletes) {
  TempDir dir;
  dir.Write("archive/good.txt", "harbour dredging report\n");
  dir.Write("archive/latin1-caf\xe9.txt", "lighthouse repairs\n");
  dir.Write("archive/folder-\xff/inside.txt", "ferry timetables\n");
  const std::string root = (dir.path() / "archive").string();
  ChildProcess run({ARCHIVIST_INDEX_BIN, "--json", "--db", (dir.path() / "index").string(), root});
  const std::string out = run.ReadAll();
  const int status = run.Wait();
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 0);
  const nlohmann::json summary = nlohmann::json::parse(out);
  EXPECT_EQ(summary["indexed"], 1) << out;
  const std::set<std::string> problems(summary["root_errors"].begin(),
                                       summary["root_errors"].end());  // in walk order
  EXPECT_EQ(problems, (std::set<std::string>{
                          root + "/folder-\\xFF: name is not valid UTF-8, left out",
                          root + "/latin1-caf\\xE9.txt: name is not valid UTF-8, left out"}))
      << out;
}

}  // namespace
}  // namespace archivist
