// SPDX-License-Identifier: GPL-2.0-or-later
// A run's reading threads, which extract and analyse files for the one
// thread that writes: how far they may run ahead of it, and how they share
// the CPU with the shards' writer threads. The run and the pass after it
// that analyses pages again (reanalysis.h) run them alike.
#pragma once

#include <cstddef>

namespace archivist::run {

// How far the reading threads may run ahead of the writing one: documents
// and their text. While one thread extracts a 400-page report, the others
// go on with the files after it (a window of 4 documents per thread left
// them idle behind every long PDF of the bench corpus); the text bound
// keeps the documents waiting (several times their text in memory: terms,
// positions) within a few tens of MiB. It counts a file's text from its
// extraction on, not only once analysed: enriching and analysing a text
// takes about 20 times its bytes for a while, and the bench corpus's two
// R reference manuals (4.4 MB of text each, side by side in crawl order)
// analysed at once on the two threads set the run's peak (issue 19). Now
// the second waits until the first is handed to the writer.
constexpr std::size_t kAheadPerJob = 32;
constexpr std::size_t kAheadTextBytes = 8u << 20;

// Gives the calling reading thread a higher nice value than the writer
// threads, once per thread (later calls do nothing); best effort: a failure
// leaves the thread as it was.
void YieldToWriter();

}  // namespace archivist::run
