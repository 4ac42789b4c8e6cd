// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/writer/failure_records.h"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <filesystem>

#include "core/hash.h"
#include "core/schema.h"

namespace archivist::writer {

std::string FailureKey(const std::string& absolute_path) {
  return std::string(schema::kFailureKeyPrefix) + Sha256Hex(absolute_path).substr(0, 16);
}

std::string FailureToJson(const FailureRecord& f) {
  return nlohmann::json{{"root", f.root},   {"path", f.path},
                        {"size", f.size},   {"mtime", f.mtime},
                        {"sidecar_mtime", f.sidecar_mtime}, {"reason", f.reason}}
      .dump();
}

std::optional<FailureRecord> FailureFromJson(const std::string& data) {
  const nlohmann::json j = nlohmann::json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return std::nullopt;
  try {
    return FailureRecord{j.at("root").get<std::string>(),     j.at("path").get<std::string>(),
                         j.at("size").get<std::uint64_t>(),   j.at("mtime").get<std::int64_t>(),
                         j.at("sidecar_mtime").get<std::int64_t>(),
                         j.at("reason").get<std::string>()};
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;  // an entry from another version: ignored, rewritten on failure
  }
}

std::vector<FailureRecord> FailuresIn(const Xapian::Database& db) {
  std::vector<FailureRecord> failures;
  const std::string prefix(schema::kFailureKeyPrefix);
  for (auto key = db.metadata_keys_begin(prefix); key != db.metadata_keys_end(prefix); ++key) {
    if (auto failure = FailureFromJson(db.get_metadata(*key))) {
      failures.push_back(std::move(*failure));
    }
  }
  std::sort(failures.begin(), failures.end(),
            [](const FailureRecord& a, const FailureRecord& b) { return a.path < b.path; });
  return failures;
}

Result<std::vector<FailureRecord>> ReadFailures(const std::string& path) {
  if (!std::filesystem::exists(path)) return Error{ErrorCode::kNotFound, "no index at " + path};
  try {
    // Over a sharded folder, Xapian reads metadata from the first shard,
    // which is where the writer keeps failures.
    Xapian::Database db(path);
    return FailuresIn(db);
  } catch (const Xapian::Error& e) {
    return Error{ErrorCode::kCorrupt, "cannot read index at " + path + ": " + e.get_description()};
  }
}

}  // namespace archivist::writer
