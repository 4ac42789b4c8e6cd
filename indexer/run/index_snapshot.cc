// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/run/index_snapshot.h"

#include <algorithm>
#include <utility>

#include "core/log.h"
#include "core/schema.h"

namespace archivist::run {

IndexSnapshot ReadSnapshot(writer::IndexWriter& writer) {
  IndexSnapshot snapshot;
  const int made_with = writer.AnalysisVersion();
  snapshot.reanalyse = made_with != schema::kAnalysisVersion;
  if (snapshot.reanalyse) {
    LogInfo("index", "the index was made by an older analysis: every file is analysed again",
            {{"index_version", std::to_string(made_with)},
             {"this_version", std::to_string(schema::kAnalysisVersion)}});
  }
  for (PackedLocations& document : writer.AllLocations()) {
    snapshot.ids.insert(document.id);
    for (FileLocation& location : document.locations) {
      std::string path = location.AbsolutePath();
      const auto [known, added] =
          snapshot.files.try_emplace(path, KnownFile{document.id, std::move(location)});
      if (!added && known->second.id != document.id) {
        snapshot.other_owners[std::move(path)].push_back(document.id);
      }
    }
  }
  snapshot.failures = writer.AllFailures();
  return snapshot;
}

bool UnderWalkedRoot(const std::string& root,
                     const std::vector<std::filesystem::path>& complete_roots) {
  return std::any_of(complete_roots.begin(), complete_roots.end(),
                     [&](const std::filesystem::path& walked) { return walked.native() == root; });
}

}  // namespace archivist::run
