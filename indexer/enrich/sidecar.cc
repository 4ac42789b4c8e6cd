// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/sidecar.h"

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

namespace archivist::enrich {
namespace {

Error BadField(std::string_view field, std::string_view want) {
  return Error{ErrorCode::kInvalidArgument,
               "sidecar field '" + std::string(field) + "': want " + std::string(want)};
}

}  // namespace

std::filesystem::path SidecarPathFor(const std::filesystem::path& file) {
  std::filesystem::path sidecar = file;
  sidecar += std::string(kSidecarSuffix);
  return sidecar;
}

bool IsSidecarPath(const std::filesystem::path& path) {
  const std::string name = path.filename().string();
  return name.size() > kSidecarSuffix.size() &&
         name.compare(name.size() - kSidecarSuffix.size(), kSidecarSuffix.size(),
                      kSidecarSuffix) == 0;
}

Result<Sidecar> ParseSidecar(std::string_view text) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return Error{ErrorCode::kInvalidArgument, "sidecar is not a JSON object"};
  }
  Sidecar sidecar;
  for (const char* key : {"title", "language", "date", "type"}) {
    if (!j.contains(key)) continue;
    if (!j[key].is_string()) return BadField(key, "a string");
    const std::string value = j[key].get<std::string>();
    if (std::string_view(key) == "title") sidecar.title = value;
    if (std::string_view(key) == "language") sidecar.language = value;
    if (std::string_view(key) == "date") sidecar.date = value;
    if (std::string_view(key) == "type") sidecar.type = value;
  }
  if (j.contains("year")) {
    if (!j["year"].is_number_integer()) return BadField("year", "an integer");
    const int year = j["year"].get<int>();
    if (year < 1000 || year > 9999) return BadField("year", "a four-digit year");
    sidecar.year = year;
  }
  for (const char* key : {"countries", "topics"}) {
    if (!j.contains(key)) continue;
    const nlohmann::json& list = j[key];
    if (!list.is_array()) return BadField(key, "an array of strings");
    std::vector<std::string> values;
    for (const auto& item : list) {
      if (!item.is_string()) return BadField(key, "an array of strings");
      values.push_back(item.get<std::string>());
    }
    if (std::string_view(key) == "countries") sidecar.countries = values;
    else sidecar.topics = values;
  }
  return sidecar;
}

Result<std::optional<Sidecar>> ReadSidecar(const std::filesystem::path& file) {
  const std::filesystem::path path = SidecarPathFor(file);
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::optional<Sidecar>();
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Result<Sidecar> sidecar = ParseSidecar(text);
  if (!sidecar.ok()) {
    return Error{sidecar.error().code, path.filename().string() + ": " + sidecar.error().message};
  }
  return std::optional<Sidecar>(std::move(sidecar).value());
}

}  // namespace archivist::enrich
