// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/ocr_tally.h"

#include <algorithm>
#include <chrono>

namespace archivist {

void OcrTally::Add(const worker::OcrProgress& progress) {
  using Kind = worker::OcrProgress::Kind;
  const double seconds = std::chrono::duration<double>(progress.took).count();
  switch (progress.kind) {
    case Kind::kPageStarted:
      return;
    case Kind::kPagesAhead:
      pages_ahead += progress.pages;
      return;
    case Kind::kPageDone:
      ++pages_done;
      if (pages_ahead > 0) --pages_ahead;
      under_way_seconds += seconds;
      if (progress.read) {
        ++pages_read;
        read_seconds += seconds;
      }
      return;
    case Kind::kFileEnded:
      // Pages the file announced and never did (it failed, timed out, or
      // stopped short) are no longer ahead; its time is that of a finished
      // file now.
      pages_ahead -= std::min(pages_ahead, progress.pages);
      under_way_seconds = std::max(0.0, under_way_seconds - seconds);
      return;
  }
}

double OcrTally::SecondsPerPage() const {
  return pages_read == 0 ? 0 : read_seconds / static_cast<double>(pages_read);
}

}  // namespace archivist
