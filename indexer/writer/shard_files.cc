// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/writer/shard_files.h"

#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include "core/error.h"
#include "core/schema.h"
#include "indexer/writer/index_writer.h"

namespace archivist::writer {
namespace {

// Xapian creates a glass database by writing its empty tables and then
// renaming its version file (iamglass) into place. A run killed in between
// leaves a folder of empty tables and no version file, which Xapian takes
// for a database and cannot open ("Failed to open glass revision file"),
// so no later run could resume the index. Nothing was ever committed
// there: the empty tables go, and the database is created afresh. A folder
// whose tables hold anything is left as it is, for a person to look at.
void ClearUnfinishedCreation(const std::filesystem::path& folder) {
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec) ||
      std::filesystem::exists(folder / "iamglass", ec)) {
    return;
  }
  std::vector<std::filesystem::path> tables;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    if (entry.path().extension() != ".glass") continue;
    if (!entry.is_regular_file(ec) || entry.file_size(ec) != 0 || ec) return;
    tables.push_back(entry.path());
  }
  for (const std::filesystem::path& table : tables) std::filesystem::remove(table, ec);
}

}  // namespace

std::string ShardName(int k) { return "shard-" + std::to_string(k); }

int ExistingShards(const std::filesystem::path& path) {
  std::ifstream stub(path / std::string(kStubFileName));
  if (stub) {
    int lines = 0;
    std::string line;
    while (std::getline(stub, line)) lines += line.empty() ? 0 : 1;
    return lines;
  }
  std::error_code ec;
  if (std::filesystem::exists(path / "iamglass", ec)) return 1;
  return 0;
}

std::string CompactionCopyOf(const std::string& path) { return path + ".compacting"; }

Xapian::WritableDatabase OpenShard(const std::string& path) {
  ClearUnfinishedCreation(path);
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
  const std::string key(schema::kVersionKey);
  const std::string version = db.get_metadata(key);
  const std::string ours = std::to_string(schema::kVersion);
  if (version.empty() && db.get_doccount() == 0) {
    db.set_metadata(key, ours);
    db.set_metadata(std::string(schema::kAnalysisVersionKey),
                    std::to_string(schema::kAnalysisVersion));
    db.commit();
  } else if (version != ours) {
    throw Exception(ErrorCode::kCorrupt, "index at " + path + " has schema version '" + version +
                                             "', this indexer writes " + ours +
                                             ": remove it and index again");
  }
  return db;
}

}  // namespace archivist::writer
