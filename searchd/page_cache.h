// SPDX-License-Identifier: GPL-2.0-or-later
// The index read into the page cache when searchd starts, or when another
// index is put in place of the one it read (restored from a backup,
// compacted into new tables). After a reboot,
// or once other files have pushed the index out of memory, each first
// search reads its blocks from the disk one after another: on the bench
// corpus of issue 19, the first search after a start with the page cache
// emptied took 9 to 22 ms against 7 with the index in memory, and each
// new word paid again. Asking the kernel to read the tables ahead
// (posix_fadvise WILLNEED) costs searchd little: the kernel reads them in
// the background, in long sequential reads, while searchd builds its first
// facet sets (for those 180 MiB the calls took a few tens of milliseconds,
// and searchd listened 40 ms later, its first build waiting behind the
// reads). Only what fits
// the memory the kernel says is free is asked for, the tables every search
// reads first, so a large index is never forced out of the cache by itself.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace archivist::searchd {

struct PageCacheAsk {
  std::vector<std::string> files;  // asked for, in the order asked
  std::uint64_t bytes = 0;         // their sizes, summed
  std::uint64_t left_bytes = 0;    // of tables that did not fit the budget
};

// Asks the kernel to read the tables of the index at `path` (a Xapian
// database folder, or a stub file naming local shards; remote shards are
// their servers' business) into the page cache, whole tables at a time,
// as long as they fit `budget_bytes`: the posting lists first (every
// search and facet count reads them), then the document data (hits'
// records and stored text), the positions (phrases and matching pages),
// the term lists, the spelling and synonym tables. Does not wait for the
// reads. Nothing for a path that holds no index.
PageCacheAsk AskToReadIntoPageCache(const std::string& path, std::uint64_t budget_bytes);

// Half the memory the kernel counts as available (MemAvailable in
// /proc/meminfo): the rest is left to the searches and to other programs.
// 0 when it cannot be read.
std::uint64_t PageCacheBudget();

// For an index searchd has not read before (at its start, or one put in
// place of another under it): AskToReadIntoPageCache within
// PageCacheBudget(), and a log line saying what was asked for, what was
// left out and how long the asking took.
void AskToReadNewIndex(const std::string& path);

}  // namespace archivist::searchd
