// SPDX-License-Identifier: GPL-2.0-or-later
// Curated metadata next to a file: FILE.meta.json sets or overrides any field
// of the stored record, so an archivist's values beat detection.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace archivist::enrich {

inline constexpr std::string_view kSidecarSuffix = ".meta.json";

// Limits on what a sidecar may set, so that one file's metadata cannot
// weigh on every answer that lists it (a 16 MB title once did). A longer
// value is cut at a UTF-8 character boundary, a longer list keeps its first
// items, and each cut leaves a note.
inline constexpr std::size_t kMaxSidecarTitleBytes = 2048;
inline constexpr std::size_t kMaxSidecarValueBytes = 256;  // language, date, type, list items
inline constexpr std::size_t kMaxSidecarListItems = 50;    // countries, topics

struct Sidecar {
  std::optional<std::string> title;
  std::optional<std::string> language;
  std::optional<std::string> date;
  std::optional<int> year;
  std::optional<std::string> type;
  std::optional<std::vector<std::string>> countries;
  std::optional<std::vector<std::string>> topics;
  // The work the file is an edition of (issue 15): every file whose
  // curation names the same key is linked as a translation or version of
  // the others. A folder manifest's "work" groups the whole folder.
  std::optional<std::string> work;
  // The OCR languages of the files below ("por+eng"), in Tesseract's names:
  // a folder of Portuguese scans read as Portuguese. Not a record field.
  std::optional<std::string> ocr_languages;
  // What was cut to the limits ("title cut to 2048 of 16777216 bytes"); read
  // from a file, each names that file. Not metadata: reported with the file.
  std::vector<std::string> notes;
};

// The sidecar path of `file`: "a/b.pdf" → "a/b.pdf.meta.json".
std::filesystem::path SidecarPathFor(const std::filesystem::path& file);

// True for a path that is itself a sidecar.
bool IsSidecarPath(const std::filesystem::path& path);

// Reads the sidecar of `file`. nullopt when there is none; kInvalidArgument
// (naming the file and the field) when it is not valid JSON of that shape.
Result<std::optional<Sidecar>> ReadSidecar(const std::filesystem::path& file);

// A folder's manifest: the same JSON as a sidecar, applying to every file in
// that folder and below ("all of nl-legislation/ is Dutch law about NL").
// Its name ends in kSidecarSuffix, so it is never indexed itself.
inline constexpr std::string_view kFolderManifestName = "_folder.meta.json";

// Fields set in `inner` replace those of `outer`.
Sidecar Overlay(Sidecar outer, const Sidecar& inner);

// What the archivist says about `file` under archive root `root`: the folder
// manifests from the root down to the file's folder, nearer ones winning,
// then the file's own sidecar, which beats them all. nullopt when there is
// none of these; kInvalidArgument naming the broken file otherwise.
Result<std::optional<Sidecar>> ReadCuration(const std::filesystem::path& root,
                                            const std::filesystem::path& file);

// The folder manifests that apply to `file` under `root`, outermost first
// (existing or not): the crawler watches their times for changes.
std::vector<std::filesystem::path> FolderManifestsFor(const std::filesystem::path& root,
                                                      const std::filesystem::path& file);

// Parses sidecar JSON text; errors as ReadSidecar.
Result<Sidecar> ParseSidecar(std::string_view json);

}  // namespace archivist::enrich
