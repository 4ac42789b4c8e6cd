// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/cli.h"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <map>
#include <sstream>
#include <vector>

#include "indexer/extract/ocr.h"
#include "indexer/extract/ocr_cache.h"

namespace archivist::cli {

std::variant<IndexCommand, CommandLineExit> ParseCommandLine(int argc, const char* const* argv,
                                                             std::size_t default_jobs) {
  CLI::App app{"archivist-index: index archive folders into a Xapian database"};
  IndexCommand command;
  IndexOptions& options = command.options;
  std::vector<std::string> roots;
  std::uint64_t timeout_seconds = 60;
  std::uint64_t memory_mib = 1024;
  std::size_t commit_mib = options.commit_bytes >> 20;
  int quiet_ms = static_cast<int>(command.watch_quiet.count());
  options.jobs = default_jobs < 1 ? 1 : default_jobs;

  app.add_option("--db", options.db_path, "index directory (created if missing)")->required();
  app.add_option("roots", roots, "archive folders to index")->check(CLI::ExistingDirectory);
  app.add_flag("!--no-link-works", options.link_works,
               "skip linking translations and versions (to measure what linking costs)");
  app.add_flag("!--no-compact", options.compact,
               "do not compact the index after a run that wrote at least half of it (by "
               "default such a run compacts it to less than half its size, as a new database "
               "whose revision restarts at 1; needs room for a second copy meanwhile)");
  app.add_flag("--failures", command.list_failures,
               "list the files that failed to index and exit: one line each, path, tab, "
               "reason, with \\, newline, tab and other control characters written "
               "\\\\, \\n, \\t, \\xHH (--json: as they are)");
  app.add_flag("--retry-failed", options.retry_failed,
               "extract failed files again even if they did not change");
  app.add_option("--extract-timeout", timeout_seconds,
                 "time one file may take to extract, in seconds (60s, 2m); time its worker waits "
                 "for a CPU other programs hold is not counted (up to 9 times this more)")
      ->capture_default_str()
      ->transform(CLI::AsNumberWithUnit(std::map<std::string, std::uint64_t>{{"s", 1}, {"m", 60}}))
      ->check(CLI::Range(1, 86400));
  app.add_option("--extract-memory", memory_mib,
                 "address space one extraction worker may add for a file, in MiB (1024, 2GiB)")
      ->capture_default_str()
      ->transform(
          CLI::AsNumberWithUnit(std::map<std::string, std::uint64_t>{{"MiB", 1}, {"GiB", 1024}}))
      ->check(CLI::Range(64, 1 << 20));
  app.add_option("--commit-mib", commit_mib, "MiB of extracted text per commit (at most)")
      ->capture_default_str()
      ->check(CLI::Range(1, 65536));
  app.add_option("--commit-every", options.commit_every, "documents per commit (at most)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  app.add_option("--shards", options.shards,
                 "write a new index as this many shard databases, each with its own writer "
                 "thread (an existing index keeps its own count)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  app.add_option("-j,--jobs", options.jobs, "threads reading, extracting and analysing files")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  app.add_option("--progress-every", command.progress_every,
                 "when stderr is not a terminal, log progress every N files")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000000));
  app.add_flag("--watch", command.watch,
               "after indexing, keep the index current as files appear, change and disappear");
  app.add_option("--watch-quiet-ms", quiet_ms,
                 "with --watch, re-index once changes have been quiet this long")
      ->capture_default_str()
      ->check(CLI::Range(10, 3600000));
  app.add_flag("--background", command.background,
               "run at the lowest CPU and I/O priority, so searches on this machine come "
               "first (full speed when it is otherwise idle)");
  std::string ocr_mode = "missing";
  std::string ocr_languages(extract::kDefaultOcrLanguages);
  std::string ocr_cache;
  std::uint64_t ocr_page_seconds = 60;
  app.add_option("--ocr", ocr_mode,
                 "which pages OCR reads: off; missing (pages without a text layer, image "
                 "files); always (every page, OCR text replacing the text layer)")
      ->capture_default_str()
      ->check(CLI::IsMember({"off", "missing", "always"}));
  app.add_option("--ocr-languages", ocr_languages,
                 "Tesseract languages pages are read in, joined by + (a folder's "
                 "_folder.meta.json may set its own: \"ocr_languages\")")
      ->capture_default_str();
  app.add_option("--ocr-page-timeout", ocr_page_seconds,
                 "time OCR may take for one page, in seconds (60s, 2m); a page over it fails alone")
      ->capture_default_str()
      ->transform(CLI::AsNumberWithUnit(std::map<std::string, std::uint64_t>{{"s", 1}, {"m", 60}}))
      ->check(CLI::Range(1, 86400));
  app.add_option("--ocr-cache", ocr_cache,
                 "folder of OCR results kept by page content (default: beside the index, "
                 "INDEX.ocr-cache)");
  app.add_flag("--json", command.json, "print the summary as JSON on stdout");
  app.add_flag("-v,--verbose", command.verbose, "log library diagnostics too");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    std::ostringstream out, error;
    const int code = app.exit(e, out, error);
    // --help is a success; every other refusal is a usage error (2), the
    // convention scripts expect, whatever CLI11's own code for it is.
    return CommandLineExit{code == 0 ? 0 : 2, out.str(), error.str()};
  }
  if (roots.empty() && !command.list_failures) {
    return CommandLineExit{2, "", "archivist-index: give at least one archive folder to index\n"};
  }
  options.roots.assign(roots.begin(), roots.end());
  options.commit_bytes = commit_mib << 20;
  options.extraction.timeout = std::chrono::seconds(timeout_seconds);
  options.extraction.memory_bytes = memory_mib << 20;
  options.extraction.ocr.mode = *extract::ParseOcrMode(ocr_mode);
  if (options.extraction.ocr.mode != extract::OcrMode::kOff) {
    if (const std::string why = extract::CheckOcrLanguages(ocr_languages); !why.empty()) {
      return CommandLineExit{2, "", "archivist-index: --ocr-languages: " + why + "\n"};
    }
  }
  options.extraction.ocr.languages = ocr_languages;
  options.extraction.ocr.page_budget = std::chrono::seconds(ocr_page_seconds);
  options.extraction.ocr.cache_dir =
      ocr_cache.empty() ? extract::DefaultOcrCacheDir(options.db_path) : std::filesystem::path(ocr_cache);
  command.watch_quiet = std::chrono::milliseconds(quiet_ms);
  return command;
}

std::string EscapeForLine(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto byte = static_cast<unsigned char>(ch);
    switch (ch) {
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (byte < 0x20 || byte == 0x7F) {
          out += "\\x";
          out += kHex[byte >> 4];
          out += kHex[byte & 0xF];
        } else {
          out += ch;
        }
    }
  }
  return out;
}

}  // namespace archivist::cli
