// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/cli.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace archivist::cli {
namespace {

using archivist::testing::TempDir;

std::variant<IndexCommand, CommandLineExit> Parse(std::vector<std::string> args) {
  args.insert(args.begin(), "archivist-index");
  std::vector<const char*> argv;
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  return ParseCommandLine(static_cast<int>(argv.size()), argv.data(), /*default_jobs=*/3);
}

CommandLineExit ExitOf(const std::variant<IndexCommand, CommandLineExit>& parsed) {
  EXPECT_TRUE(std::holds_alternative<CommandLineExit>(parsed)) << "expected a refusal";
  return std::holds_alternative<CommandLineExit>(parsed) ? std::get<CommandLineExit>(parsed)
                                                         : CommandLineExit{};
}

// The OCR options of a command line that must parse.
extract::OcrOptions OcrOf(const std::variant<IndexCommand, CommandLineExit>& parsed) {
  EXPECT_TRUE(std::holds_alternative<IndexCommand>(parsed)) << "expected a command";
  return std::holds_alternative<IndexCommand>(parsed)
             ? std::get<IndexCommand>(parsed).options.extraction.ocr
             : extract::OcrOptions{};
}

TEST(IndexerCommandLine, TakesFlagsWithUnitsAndDefaults) {
  TempDir archive;
  const auto parsed =
      Parse({"--db", "/tmp/x.db", "--extract-timeout", "2m", "--extract-memory", "2GiB",
             "--shards", "2", "--commit-mib", "8", "--watch", "--watch-quiet-ms", "500",
             "--background", archive.path().string()});
  ASSERT_TRUE(std::holds_alternative<IndexCommand>(parsed));
  const IndexCommand& command = std::get<IndexCommand>(parsed);
  EXPECT_EQ(command.options.db_path, "/tmp/x.db");
  ASSERT_EQ(command.options.roots.size(), 1u);
  EXPECT_EQ(command.options.roots[0], archive.path());
  EXPECT_EQ(command.options.extraction.timeout, std::chrono::seconds(120));
  EXPECT_EQ(command.options.extraction.memory_bytes, 2048ull << 20);
  EXPECT_EQ(command.options.shards, 2);
  EXPECT_EQ(command.options.commit_bytes, 8u << 20);
  EXPECT_EQ(command.options.jobs, 3u);  // the default given by the caller
  EXPECT_TRUE(command.watch);
  EXPECT_EQ(command.watch_quiet, std::chrono::milliseconds(500));
  EXPECT_TRUE(command.background);
  EXPECT_FALSE(command.list_failures);
}

TEST(IndexerCommandLine, OcrIsOnForMissingTextByDefaultWithItsCacheBesideTheIndex) {
  TempDir archive;
  const extract::OcrOptions ocr = OcrOf(Parse({"--db", "/srv/index", archive.path().string()}));
  EXPECT_EQ(ocr.mode, extract::OcrMode::kMissing);
  EXPECT_EQ(ocr.languages, "eng+fra+nld");
  EXPECT_EQ(ocr.cache_dir, "/srv/index.ocr-cache");
  EXPECT_EQ(ocr.page_budget, std::chrono::seconds(60));

  const extract::OcrOptions asked = OcrOf(
      Parse({"--db", "/srv/index", "--ocr", "always", "--ocr-languages", "por+spa",
             "--ocr-page-timeout", "2m", "--ocr-cache", "/var/cache/ocr", archive.path().string()}));
  EXPECT_EQ(asked.mode, extract::OcrMode::kAlways);
  EXPECT_EQ(asked.languages, "por+spa");
  EXPECT_EQ(asked.cache_dir, "/var/cache/ocr");
  EXPECT_EQ(asked.page_budget, std::chrono::seconds(120));

  EXPECT_EQ(ExitOf(Parse({"--db", "x", "--ocr", "sometimes", archive.path().string()})).code, 2);
  const CommandLineExit missing =
      ExitOf(Parse({"--db", "x", "--ocr-languages", "eng+xyz", archive.path().string()}));
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.error.find("tesseract-ocr-xyz"), std::string::npos) << missing.error;
  // With OCR off, languages are not looked at.
  EXPECT_TRUE(std::holds_alternative<IndexCommand>(
      Parse({"--db", "x", "--ocr", "off", "--ocr-languages", "xyz", archive.path().string()})));
}

TEST(IndexerCommandLine, HelpIsASuccessThatPrintsUsage) {
  const CommandLineExit exit = ExitOf(Parse({"--help"}));
  EXPECT_EQ(exit.code, 0);
  EXPECT_NE(exit.out.find("--jobs"), std::string::npos);
}

TEST(IndexerCommandLine, MissingDatabaseIsAUsageError) {
  TempDir archive;
  const CommandLineExit exit = ExitOf(Parse({archive.path().string()}));
  EXPECT_EQ(exit.code, 2);
  EXPECT_NE(exit.error.find("--db"), std::string::npos) << exit.error;
}

TEST(IndexerCommandLine, NoRootIsAUsageErrorUnlessListingFailures) {
  const CommandLineExit exit = ExitOf(Parse({"--db", "/tmp/x.db"}));
  EXPECT_EQ(exit.code, 2);
  EXPECT_NE(exit.error.find("archive folder"), std::string::npos) << exit.error;
  EXPECT_TRUE(std::holds_alternative<IndexCommand>(Parse({"--db", "/tmp/x.db", "--failures"})));
}

TEST(IndexerCommandLine, RefusesValuesOutOfRangeOrOfTheWrongKind) {
  TempDir archive;
  const std::string root = archive.path().string();
  const std::vector<std::vector<std::string>> bad = {
      {"--db", "x", "--jobs", "0", root},
      {"--db", "x", "--jobs", "many", root},
      {"--db", "x", "--shards", "2000", root},
      {"--db", "x", "--extract-timeout", "3h", root},
      {"--db", "x", "--extract-memory", "10MiB", root},
      {"--db", "x", "--no-such-flag", root},
      {"--db", "x", (archive.path() / "missing").string()},
  };
  for (const auto& args : bad) {
    const CommandLineExit exit = ExitOf(Parse(args));
    EXPECT_EQ(exit.code, 2) << args[2];
    EXPECT_FALSE(exit.error.empty()) << args[2];
  }
}

// Issue 17: what --failures prints of a path or reason. Ordinary names,
// UTF-8 included, read as they are; nothing can end a line or a field, and a
// backslash is doubled so "\n" typed in a name stays distinct from a newline.
TEST(IndexerCommandLine, FailureLinesEscapeControlCharacters) {
  EXPECT_EQ(EscapeForLine("/archive/Sécurité 2014/rapport (1).pdf"),
            "/archive/Sécurité 2014/rapport (1).pdf");
  EXPECT_EQ(EscapeForLine("a\nb\tc\rd"), "a\\nb\\tc\\rd");
  EXPECT_EQ(EscapeForLine("back\\slash"), "back\\\\slash");
  constexpr char kControls[] = "nul\0bell\a\x1b[31mdel\x7f";
  EXPECT_EQ(EscapeForLine(std::string_view(kControls, sizeof kControls - 1)),
            "nul\\x00bell\\x07\\x1B[31mdel\\x7F");
}

}  // namespace
}  // namespace archivist::cli
