// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/run/copy_claims.h"

#include <cctype>
#include <filesystem>

namespace archivist::run {
namespace {

// What decides a file's extraction: its content and, for content no
// magic number names, its extension (extract_file.cc): the same bytes
// named notes.txt are text, named notes.tsv unsupported.
std::string ExtractionKey(const crawl::FoundFile& file, const ContentCheck& content) {
  std::string extension = std::filesystem::path(file.absolute).extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return content.id + '/' + extension;
}

// Whether the analysis of any file with the same bytes and extension would
// fail with `error`. A timeout under load, a worker the OOM killer took or
// a file on a flaky disk says nothing of the copy, which costs one more
// extraction; a failure wrongly passed on costs the copy until it changes
// (failure_memory.h). So a code we cannot vouch for counts as the moment's.
bool FailsEveryCopy(const Error& error) {
  switch (error.code) {
    case ErrorCode::kUnsupported:
    case ErrorCode::kCorrupt:
    case ErrorCode::kInvalidArgument:
      return true;
    case ErrorCode::kNotFound:
    case ErrorCode::kUnavailable:
    case ErrorCode::kInternal:
      return false;
  }
  return false;
}

}  // namespace

bool CopyClaims::CopyOfAnEarlierFile(std::size_t index, const crawl::FoundFile& file,
                                     const ContentCheck& content) {
  if (content.sidecar_changed) return false;
  std::lock_guard lock(mutex_);
  const auto [claim, first] = analysed_by_.try_emplace(ExtractionKey(file, content), index);
  if (first) return false;
  if (claim->second < index) return true;
  claim->second = index;
  return false;
}

void CopyClaims::RememberFailure(const crawl::FoundFile& file, const ContentCheck& content,
                                 const Error& error) {
  if (!FailsEveryCopy(error)) return;
  failed_contents_.emplace(ExtractionKey(file, content), error);
}

const Error* CopyClaims::FailureOf(const crawl::FoundFile& file,
                                   const ContentCheck& content) const {
  const auto failed = failed_contents_.find(ExtractionKey(file, content));
  return failed == failed_contents_.end() ? nullptr : &failed->second;
}

}  // namespace archivist::run
