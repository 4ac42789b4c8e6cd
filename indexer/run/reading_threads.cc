// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/run/reading_threads.h"

#include <algorithm>
#include <cerrno>

#include <sys/resource.h>
#include <unistd.h>

namespace archivist::run {
namespace {

// A shard's writer thread is a run's one serial stage, and needs nearly as
// much CPU per document as analysis. Sharing the cores evenly with the
// analysis threads left it a fraction of one while they ran ahead and then
// waited for it (gen-5000 on 2 cores: 28-29 s against 25-26 s this way).
// So the analysis threads take a higher nice value, which Linux applies per
// thread: they use what the writers leave. The indexer is then also nicer
// to other programs on the machine, as a batch job should be.
constexpr int kAnalysisNiceIncrement = 5;

}  // namespace

void YieldToWriter() {
  thread_local bool done = false;
  if (done) return;
  done = true;
  // Relative to the run's own nice value (`nice archivist-index` stays
  // nicer still); best effort: a failure leaves the thread as it was.
  const auto thread = static_cast<id_t>(gettid());
  errno = 0;
  const int now = getpriority(PRIO_PROCESS, thread);
  if (errno != 0) return;
  (void)setpriority(PRIO_PROCESS, thread, std::min(now + kAnalysisNiceIncrement, 19));
}

}  // namespace archivist::run
