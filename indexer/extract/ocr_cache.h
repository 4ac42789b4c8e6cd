// SPDX-License-Identifier: GPL-2.0-or-later
// The OCR results already paid for, kept beside the index by page content:
// a moved file, an index rebuilt for a new analysis version or a run over the
// same scans reads a page's words from here instead of running Tesseract.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace archivist::extract {

struct CachedOcrPage {
  std::string text;
  int confidence = 0;
};

// A folder of entries, one file each, named by their key under a
// two-character subfolder ("ab/abcdef…"). An entry is written to a
// temporary file and renamed into place, so a process killed at any moment
// (kill -9) leaves a whole entry or none; an entry that does not read back
// whole is a miss, never an error.
//
// Thread and process safety: any number of threads and processes may find
// and store at once; two storing one key write the same words, and the last
// rename wins.
class OcrCache {
 public:
  explicit OcrCache(std::filesystem::path dir);

  std::optional<CachedOcrPage> Find(std::string_view key) const;

  // Best effort: a cache that cannot be written costs a page read again
  // later, not this document (the failure is logged).
  void Store(std::string_view key, const CachedOcrPage& page) const;

 private:
  std::filesystem::path PathOf(std::string_view key) const;
  std::filesystem::path dir_;
};

// The key of a page image read with `languages` by `engine` (Tesseract's
// version and our pipeline's): the image's own content, so a page is found
// again under any path and in any file.
std::string OcrCacheKey(int width, int height, std::string_view pixels, std::string_view languages,
                        std::string_view engine);

// Removes the temporary files that processes killed while storing left in
// `dir` (".KEY.PID.N.tmp", never read as entries, but never removed by
// their writer either); a temporary of a process still running is left to
// it. Returns how many were removed. Run once as an index run starts.
std::size_t RemoveStaleOcrTemporaries(const std::filesystem::path& dir);

// Where an index keeps its OCR cache when not told: beside it, as
// "INDEX.ocr-cache", so rebuilding the index keeps it.
std::filesystem::path DefaultOcrCacheDir(const std::filesystem::path& index);

}  // namespace archivist::extract
