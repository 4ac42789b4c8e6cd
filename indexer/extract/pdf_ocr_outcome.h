// SPDX-License-Identifier: GPL-2.0-or-later
// What OCR made of one PDF, kept in the page cache's folder (ocr_cache.h)
// by the file's content: the pages chosen for OCR and each one's words. The page
// cache is keyed by the rendered pixels, so a run over a file read before
// (an index rebuilt for a new analysis version, a file moved, a second
// index) still rendered every short page at 72 dpi to choose the pages and
// every chosen page at scan resolution to find its entry; with the file's
// outcome it renders nothing.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/extract/ocr.h"

namespace archivist::extract {

// Bumped whenever pdf_extractor.cc changes which pages it reads by OCR
// (the thresholds on a page's own text and ink, the 72 dpi check) or how
// it renders them, so that no stored outcome outlives its rules.
inline constexpr std::string_view kPdfScanRulesVersion = "archivist-pdf-scan/1";

struct PdfOcrOutcome {
  struct Page {
    std::size_t index = 0;  // 0-based
    bool blank = false;     // too little ink to be worth reading
    std::string text;       // Tesseract's words, before layout cleanup
    int confidence = 0;
  };
  std::vector<Page> pages;  // the pages chosen for OCR, in file order
};

// The outcome's key: the file's bytes, how many visible characters each
// of its pages' own text holds (what the choice and the placing of OCR
// text weigh), the OCR settings, Tesseract's and our OCR pipeline's
// versions, Poppler's, and the version of the rules that choose the pages
// (kPdfScanRulesVersion).
std::string PdfOcrOutcomeKey(std::string_view file_bytes, const std::vector<std::string>& page_texts,
                             const OcrOptions& ocr);

// The outcome stored under `key` in `cache_dir`, or nothing (none stored,
// or an entry that does not read back whole: a miss, never an error).
std::optional<PdfOcrOutcome> FindPdfOcrOutcome(const std::filesystem::path& cache_dir,
                                               std::string_view key);

// Best effort, as OcrCache::Store: a write that fails costs a file read
// again later.
void StorePdfOcrOutcome(const std::filesystem::path& cache_dir, std::string_view key,
                        const PdfOcrOutcome& outcome);

}  // namespace archivist::extract
