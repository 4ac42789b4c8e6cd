// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/record.h"

#include <nlohmann/json.hpp>

namespace archivist {

std::string ToJson(const DocumentRecord& r) {
  const nlohmann::json j = {
      {"id", r.id},         {"root", r.root},     {"path", r.path},     {"title", r.title},
      {"language", r.language}, {"countries", r.countries}, {"topics", r.topics},
      {"date", r.date},     {"year", r.year},     {"type", r.type},     {"format", r.format},
      {"pages", r.pages},   {"chars", r.chars},
      {"language_source", r.language_source}, {"date_source", r.date_source},   {"size", r.size},     {"mtime", r.mtime},   {"sidecar_mtime", r.sidecar_mtime}, {"hash", r.hash},
  };
  return j.dump();
}

Result<DocumentRecord> RecordFromJson(std::string_view json) {
  const nlohmann::json j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return Error{ErrorCode::kCorrupt, "document data is not a JSON record"};
  DocumentRecord r;
  try {
    r.id = j.value("id", "");
    r.root = j.value("root", "");
    r.path = j.value("path", "");
    r.title = j.value("title", "");
    r.language = j.value("language", "");
    r.countries = j.value("countries", std::vector<std::string>{});
    r.topics = j.value("topics", std::vector<std::string>{});
    r.date = j.value("date", "");
    r.year = j.value("year", 0);
    r.type = j.value("type", "");
    r.format = j.value("format", "");
    r.pages = j.value("pages", 0);
    r.chars = j.value("chars", 0);
    r.language_source = j.value("language_source", "");
    r.date_source = j.value("date_source", "");
    r.size = j.value("size", std::uint64_t{0});
    r.mtime = j.value("mtime", std::int64_t{0});
    r.sidecar_mtime = j.value("sidecar_mtime", std::int64_t{0});
    r.hash = j.value("hash", "");
  } catch (const nlohmann::json::exception& e) {
    return Error{ErrorCode::kCorrupt, std::string("bad field in document record: ") + e.what()};
  }
  if (r.id.empty()) return Error{ErrorCode::kCorrupt, "document record has no id"};
  return r;
}

}  // namespace archivist
