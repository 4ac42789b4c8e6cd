// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/sidecar.h"

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "indexer/extract/ocr.h"

namespace archivist::enrich {
namespace {

Error BadField(std::string_view field, std::string_view want) {
  return Error{ErrorCode::kInvalidArgument,
               "sidecar field '" + std::string(field) + "': want " + std::string(want)};
}

// `value` cut to at most `limit` bytes without splitting a UTF-8 character
// (a cut never ends on a lead or continuation byte of an unfinished one);
// a note says so when it was cut.
std::string Limited(std::string value, std::size_t limit, std::string_view field,
                    std::vector<std::string>& notes) {
  if (value.size() <= limit) return value;
  std::size_t cut = limit;
  // Back to the start of the character that straddles the limit.
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  notes.push_back(std::string(field) + " cut to " + std::to_string(cut) + " of " +
                  std::to_string(value.size()) + " bytes");
  value.resize(cut);
  return value;
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
  for (const char* key : {"title", "language", "date", "type", "work"}) {
    if (!j.contains(key)) continue;
    if (!j[key].is_string()) return BadField(key, "a string");
    const std::size_t limit =
        std::string_view(key) == "title" ? kMaxSidecarTitleBytes : kMaxSidecarValueBytes;
    const std::string value = Limited(j[key].get<std::string>(), limit, key, sidecar.notes);
    if (std::string_view(key) == "title") sidecar.title = value;
    if (std::string_view(key) == "language") sidecar.language = value;
    if (std::string_view(key) == "date") sidecar.date = value;
    if (std::string_view(key) == "type") sidecar.type = value;
    if (std::string_view(key) == "work") sidecar.work = value;
  }
  if (j.contains("ocr_languages")) {
    if (!j["ocr_languages"].is_string()) return BadField("ocr_languages", "a string");
    const std::string languages = j["ocr_languages"].get<std::string>();
    if (const std::string why = extract::CheckOcrLanguages(languages); !why.empty()) {
      return Error{ErrorCode::kInvalidArgument, "sidecar field 'ocr_languages': " + why};
    }
    sidecar.ocr_languages = languages;
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
    bool cut = false;
    for (const auto& item : list) {
      if (!item.is_string()) return BadField(key, "an array of strings");
      if (values.size() == kMaxSidecarListItems) {
        cut = true;
        continue;
      }
      values.push_back(Limited(item.get<std::string>(), kMaxSidecarValueBytes,
                               std::string(key) + " item", sidecar.notes));
    }
    if (cut) {
      sidecar.notes.push_back(std::string(key) + " cut to " + std::to_string(kMaxSidecarListItems) +
                              " of " + std::to_string(list.size()) + " items");
    }
    if (std::string_view(key) == "countries") sidecar.countries = values;
    else sidecar.topics = values;
  }
  return sidecar;
}

namespace {

Result<std::optional<Sidecar>> ReadSidecarAt(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::optional<Sidecar>();
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Result<Sidecar> sidecar = ParseSidecar(text);
  if (!sidecar.ok()) {
    return Error{sidecar.error().code, path.filename().string() + ": " + sidecar.error().message};
  }
  Sidecar read = std::move(sidecar).value();
  for (std::string& note : read.notes) note = path.filename().string() + ": " + note;
  return std::optional<Sidecar>(std::move(read));
}

}  // namespace

Result<std::optional<Sidecar>> ReadSidecar(const std::filesystem::path& file) {
  return ReadSidecarAt(SidecarPathFor(file));
}

Sidecar Overlay(Sidecar outer, const Sidecar& inner) {
  if (inner.title) outer.title = inner.title;
  if (inner.language) outer.language = inner.language;
  if (inner.date) outer.date = inner.date;
  if (inner.year) outer.year = inner.year;
  if (inner.type) outer.type = inner.type;
  if (inner.countries) outer.countries = inner.countries;
  if (inner.topics) outer.topics = inner.topics;
  if (inner.work) outer.work = inner.work;
  if (inner.ocr_languages) outer.ocr_languages = inner.ocr_languages;
  outer.notes.insert(outer.notes.end(), inner.notes.begin(), inner.notes.end());
  return outer;
}

std::vector<std::filesystem::path> FolderManifestsFor(const std::filesystem::path& root,
                                                      const std::filesystem::path& file) {
  std::vector<std::filesystem::path> manifests;
  std::filesystem::path folder = root;
  manifests.push_back(folder / kFolderManifestName);
  const std::filesystem::path relative = file.parent_path().lexically_relative(root);
  for (const auto& part : relative) {
    if (part == "." || part.empty()) continue;
    folder /= part;
    manifests.push_back(folder / kFolderManifestName);
  }
  return manifests;
}

Result<std::optional<Sidecar>> ReadCuration(const std::filesystem::path& root,
                                            const std::filesystem::path& file) {
  std::optional<Sidecar> curated;
  std::vector<std::filesystem::path> paths = FolderManifestsFor(root, file);
  paths.push_back(SidecarPathFor(file));
  for (const std::filesystem::path& path : paths) {
    Result<std::optional<Sidecar>> layer = ReadSidecarAt(path);
    if (!layer.ok()) return layer.error();
    if (!layer.value()) continue;
    curated = Overlay(curated.value_or(Sidecar{}), *layer.value());
  }
  return curated;
}

}  // namespace archivist::enrich
