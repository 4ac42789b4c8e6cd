// SPDX-License-Identifier: GPL-2.0-or-later
// Which file of a run analyses a content that several of its files hold. A
// copy joins the document the content makes, so its own analysis would be
// thrown away, and a copy of a 3,000-page manual costs as much to extract
// as the manual: the earliest file in crawl order with that content (and
// extension) claims its analysis, and the copies after it wait for its
// document, or fail as it failed when the failure was the content's own.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/error.h"
#include "indexer/crawl/crawler.h"
#include "indexer/run/change_detection.h"

namespace archivist::run {

// One run's claims on the analysis of each content, and the analyses that
// failed. CopyOfAnEarlierFile() is thread-safe (the reading threads call
// it); the failures belong to the thread that writes.
class CopyClaims {
 public:
  // Whether the content of the file at `index` (its place in crawl order)
  // is also that of a file of the same extension before it in this run,
  // which analyses it: this one then joins the document that file writes.
  // Claims go by place, not by time: a later file that hashed first is
  // analysed too, and so is this one. A copy whose sidecar changed is made
  // again from its own file, so it never counts as a copy.
  bool CopyOfAnEarlierFile(std::size_t index, const crawl::FoundFile& file,
                           const ContentCheck& content);

  // Records that the analysis of the content of `file` failed with `error`,
  // for its copies after it (FailureOf), when any file with these bytes and
  // this extension would fail so: a type we do not take, damaged or
  // encrypted bytes, a size limit (kUnsupported, kCorrupt,
  // kInvalidArgument). A failure of the moment or of the file itself, not
  // of its bytes, is not recorded, so a copy is tried itself: a worker that
  // timed out, crashed or was killed (kInternal, extract_pool.h), a file
  // that could not be read (kNotFound), a resource lacking (kUnavailable).
  // The caller passes only failures of the content: a broken sidecar or
  // folder manifest fails its file alone (analyse_file.h CurationOf). A
  // content keeps the first failure recorded for it.
  void RememberFailure(const crawl::FoundFile& file, const ContentCheck& content,
                       const Error& error);

  // How the analysis of the content of `file` failed in this run, or
  // nullptr when it did not. The pointer stays valid as long as this object.
  const Error* FailureOf(const crawl::FoundFile& file, const ContentCheck& content) const;

 private:
  std::mutex mutex_;
  // Each content the run analyses (ExtractionKey), by the place in crawl
  // order of the earliest file known to analyse it (CopyOfAnEarlierFile).
  std::unordered_map<std::string, std::size_t> analysed_by_;  // guarded by mutex_
  // Content (ExtractionKey) whose analysis failed in this run, with why;
  // the writing thread only.
  std::unordered_map<std::string, Error> failed_contents_;
};

}  // namespace archivist::run
