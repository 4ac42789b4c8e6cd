// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/run/locations.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace archivist::run {

std::optional<FileLocation> StampOf(const DocumentRecord& record, const std::string& path) {
  for (const FileLocation& location : Locations(record)) {
    if (location.AbsolutePath() == path) return location;
  }
  return std::nullopt;
}

LocationBook::LocationBook(const IndexSnapshot& snapshot, writer::IndexWriter& writer, Wrote wrote)
    : snapshot_(snapshot),
      writer_(writer),
      wrote_(std::move(wrote)),
      other_owners_(snapshot.other_owners) {}

std::optional<std::string> LocationBook::OwnerOf(const std::string& path) const {
  if (const auto changed = owner_changes_.find(path); changed != owner_changes_.end()) {
    if (changed->second.empty()) return std::nullopt;
    return changed->second;
  }
  if (const auto known = snapshot_.files.find(path); known != snapshot_.files.end()) {
    return known->second.id;
  }
  return std::nullopt;
}

bool LocationBook::Holds(const std::string& id) const {
  if (const auto changed = id_changes_.find(id); changed != id_changes_.end()) {
    return changed->second;
  }
  return snapshot_.ids.count(id) > 0;
}

std::optional<DocumentRecord> LocationBook::FindByPath(const std::string& path) {
  const std::optional<std::string> owner = OwnerOf(path);
  return owner ? writer_.FindById(*owner) : std::nullopt;
}

std::optional<DocumentRecord> LocationBook::FindById(const std::string& id) {
  return Holds(id) ? writer_.FindById(id) : std::nullopt;
}

void LocationBook::ReleaseFromOtherOwners(const std::string& path, const std::string& id) {
  auto others = other_owners_.extract(path);
  if (others.empty()) return;
  std::vector<std::string> ids = std::move(others.mapped());
  if (const std::optional<std::string> owner = OwnerOf(path)) ids.push_back(*owner);
  for (const std::string& other : ids) {
    if (other == id) continue;
    if (std::optional<DocumentRecord> record = writer_.FindById(other)) {
      DropLocation(*record, path);
    }
  }
}

void LocationBook::UpdateLocation(DocumentRecord record, const FileLocation& here) {
  std::vector<FileLocation> locations = Locations(record);
  for (FileLocation& location : locations) {
    if (location.AbsolutePath() == here.AbsolutePath()) location = here;
  }
  const DocumentRecord before = record;
  SetLocations(record, locations);
  Rewrite(before, record);
}

void LocationBook::Join(const DocumentRecord& existing, const FileLocation& here) {
  DocumentRecord joined = existing;
  std::vector<FileLocation> locations = Locations(joined);
  locations.push_back(here);
  SetLocations(joined, locations);
  Rewrite(existing, joined);
}

void LocationBook::DropLocation(DocumentRecord record, const std::string& path) {
  std::vector<FileLocation> locations = Locations(record);
  std::erase_if(locations, [&](const FileLocation& l) { return l.AbsolutePath() == path; });
  if (locations.empty()) {
    Remove(record);  // replaced, not counted as removed
    return;
  }
  const DocumentRecord before = record;
  SetLocations(record, locations);
  Rewrite(before, record);
}

void LocationBook::Put(writer::PreparedDocument document) {
  const DocumentRecord& record = document.record();
  // A document made again under the same id (its sidecar changed, or a
  // newer analysis) replaces its links too: the work it was in is judged
  // again, or a partner would keep a link the new record no longer backs.
  if (Holds(record.id)) {
    const std::optional<DocumentRecord> replaced = writer_.FindById(record.id);
    if (replaced) KeepEditions(*replaced);
  }
  id_changes_[record.id] = true;
  for (const FileLocation& location : Locations(record)) {
    owner_changes_[location.AbsolutePath()] = record.id;
  }
  const auto chars = static_cast<std::size_t>(record.chars);
  writer_.MarkLinksPending(record.id);
  writer_.Put(std::move(document));
  wrote_(chars);
}

void LocationBook::Rewrite(const DocumentRecord& before, const DocumentRecord& after) {
  for (const FileLocation& location : Locations(before)) {
    const std::string path = location.AbsolutePath();
    if (OwnerOf(path) == before.id) owner_changes_[path] = "";
  }
  for (const FileLocation& location : Locations(after)) {
    owner_changes_[location.AbsolutePath()] = after.id;
  }
  writer_.UpdateRecord(after);
  wrote_(0);
}

void LocationBook::KeepEditions(const DocumentRecord& leaving) {
  for (const auto* editions : {&leaving.translations, &leaving.versions}) {
    for (const RelatedEdition& edition : *editions) {
      writer_.MarkEditionLeft(edition.id, leaving.id);
    }
  }
}

void LocationBook::Remove(const DocumentRecord& record) {
  id_changes_[record.id] = false;
  KeepEditions(record);
  for (const FileLocation& location : Locations(record)) {
    const std::string path = location.AbsolutePath();
    if (OwnerOf(path) == record.id) owner_changes_[path] = "";
  }
  writer_.Remove(record.id);
  wrote_(0);
}

std::size_t LocationBook::Sweep(const std::vector<std::filesystem::path>& complete_roots) {
  std::map<std::string, std::set<std::string>> vanished;  // id → absolute paths
  for (const auto& [path, known] : snapshot_.files) {
    if (!known.seen && UnderWalkedRoot(known.location.root, complete_roots)) {
      vanished[known.id].insert(path);
    }
  }
  for (const auto& [path, ids] : other_owners_) {
    if (const auto known = snapshot_.files.find(path);
        known != snapshot_.files.end() && known->second.seen) {
      continue;
    }
    for (const std::string& id : ids) vanished[id].insert(path);  // every claim, if unseen
  }
  std::size_t removed = 0;
  for (const auto& entry : vanished) {
    // Not a structured binding: clang before 16 cannot capture one.
    const std::string& id = entry.first;
    const auto& paths = entry.second;
    std::optional<DocumentRecord> record = FindById(id);
    if (!record) continue;
    std::vector<FileLocation> kept = Locations(*record);
    std::erase_if(kept, [&](const FileLocation& l) { return paths.count(l.AbsolutePath()); });
    if (kept.size() == Locations(*record).size()) continue;
    if (kept.empty()) {
      Remove(*record);
      ++removed;
      continue;
    }
    DocumentRecord updated = *record;
    SetLocations(updated, kept);
    Rewrite(*record, updated);
  }
  return removed;
}

}  // namespace archivist::run
