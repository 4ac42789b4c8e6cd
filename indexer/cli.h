// SPDX-License-Identifier: GPL-2.0-or-later
// archivist-index's command line: which flags exist, their defaults and
// limits, and what a run asks for. Parsing is separate from main() so that
// every refusal can be tested without starting a process.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

#include "indexer/indexer.h"

namespace archivist::cli {

// What the user asked archivist-index to do.
struct IndexCommand {
  IndexOptions options;        // db_path, roots, jobs, shards, limits, retry_failed
  bool list_failures = false;  // print the recorded failures and exit
  bool json = false;           // summary (or failure list) as JSON on stdout
  bool verbose = false;        // library diagnostics in the log
  bool watch = false;          // keep the index current after the first pass
  bool background = false;     // lowest CPU and I/O priority (indexer/priority.h)
  std::chrono::milliseconds watch_quiet{2000};
  std::size_t progress_every = 1000;  // log a progress line every N files (not a terminal)
};

// The command line asked for no run: --help, or a mistake. `code` is the
// process's exit status (0 for --help, 2 for a usage error); `out` goes to
// stdout (help text) and `error` to stderr, each possibly empty.
struct CommandLineExit {
  int code = 0;
  std::string out;
  std::string error;
};

// Parses argv (argv[0] is the program). `default_jobs` is the number of
// extraction threads when --jobs is not given (the machine's cores).
std::variant<IndexCommand, CommandLineExit> ParseCommandLine(int argc, const char* const* argv,
                                                             std::size_t default_jobs);

// `text` (a path or a reason) made safe for one field of a line of text
// output: backslash becomes "\\", newline "\n", tab "\t", carriage return
// "\r" and any other control byte (below 0x20, and 0x7F) "\xHH", so a file
// name can neither end a line nor forge a field. Other bytes, UTF-8
// included, are kept, so an ordinary path reads as it is.
std::string EscapeForLine(std::string_view text);

}  // namespace archivist::cli
