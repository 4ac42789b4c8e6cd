// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/run/change_detection.h"

#include "indexer/enrich/record_builder.h"
#include "indexer/extract/extractor.h"

namespace archivist::run {

bool UnchangedByStat(IndexSnapshot& snapshot, const crawl::FoundFile& file) {
  const std::string& path = file.absolute;
  const auto known = snapshot.files.find(path);
  if (known == snapshot.files.end()) return false;
  // Marked here, where the index holds the path: what stays unmarked has
  // vanished (LocationBook::Sweep).
  known->second.seen = true;
  // Compares without building a FileLocation: this runs once per file of a
  // no-change re-run.
  const FileLocation& stamp = known->second.location;
  const bool same = stamp.size == file.size && stamp.mtime == file.mtime &&
                    stamp.sidecar_mtime == file.sidecar_mtime;
  return same && !snapshot.other_owners.count(path) && !snapshot.reanalyse;
}

ContentCheck CheckContent(const IndexSnapshot& snapshot, const crawl::FoundFile& file) {
  ContentCheck out;
  Result<std::string> bytes = extract::ReadFileBytes(file.absolute);
  if (!bytes.ok()) {
    out.read_error = bytes.error();
    return out;
  }
  out.hash = enrich::ContentHash(bytes.value());
  out.id = enrich::DocumentIdFor(out.hash);
  const auto known = snapshot.files.find(file.absolute);
  out.sidecar_changed =
      known != snapshot.files.end() && known->second.location.sidecar_mtime != file.sidecar_mtime;
  out.needs_analysis = !snapshot.ids.count(out.id) || out.sidecar_changed || snapshot.reanalyse;
  return out;
}

}  // namespace archivist::run
