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
  failed_contents_.emplace(ExtractionKey(file, content), error);
}

const Error* CopyClaims::FailureOf(const crawl::FoundFile& file,
                                   const ContentCheck& content) const {
  const auto failed = failed_contents_.find(ExtractionKey(file, content));
  return failed == failed_contents_.end() ? nullptr : &failed->second;
}

}  // namespace archivist::run
