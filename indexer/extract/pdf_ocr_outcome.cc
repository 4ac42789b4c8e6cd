// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/extract/pdf_ocr_outcome.h"

#include <charconv>
#include <utility>

#include <poppler-version.h>

#include "core/hash.h"
#include "indexer/extract/ocr_cache.h"
#include "indexer/extract/text_cleanup.h"

namespace archivist::extract {
namespace {

// Outcomes are entries of the page cache (its keys are hashes of other
// material, so the two never meet). An entry's text: "PAGES\n", then per
// page "INDEX BLANK CONFIDENCE LENGTH\n" and LENGTH bytes of words.
std::string Encode(const PdfOcrOutcome& outcome) {
  std::string out = std::to_string(outcome.pages.size()) + "\n";
  for (const PdfOcrOutcome::Page& page : outcome.pages) {
    out += std::to_string(page.index) + " " + (page.blank ? "1" : "0") + " " +
           std::to_string(page.confidence) + " " + std::to_string(page.text.size()) + "\n";
    out += page.text;
  }
  return out;
}

// Reads a number ending at `end` from the front of `in`, consuming both.
bool ReadNumber(std::string_view& in, char end, std::size_t& value) {
  const std::size_t stop = in.find(end);
  if (stop == std::string_view::npos || stop == 0) return false;
  const auto [last, ec] = std::from_chars(in.data(), in.data() + stop, value);
  if (ec != std::errc() || last != in.data() + stop) return false;
  in.remove_prefix(stop + 1);
  return true;
}

std::optional<PdfOcrOutcome> Decode(std::string_view in) {
  std::size_t count = 0;
  if (!ReadNumber(in, '\n', count)) return std::nullopt;
  PdfOcrOutcome outcome;
  for (std::size_t k = 0; k < count; ++k) {
    PdfOcrOutcome::Page page;
    std::size_t blank = 0;
    std::size_t confidence = 0;
    std::size_t length = 0;
    if (!ReadNumber(in, ' ', page.index) || !ReadNumber(in, ' ', blank) ||
        !ReadNumber(in, ' ', confidence) || !ReadNumber(in, '\n', length) || blank > 1 ||
        confidence > 100 || length > in.size()) {
      return std::nullopt;
    }
    page.blank = blank == 1;
    page.confidence = static_cast<int>(confidence);
    page.text = std::string(in.substr(0, length));
    in.remove_prefix(length);
    outcome.pages.push_back(std::move(page));
  }
  if (!in.empty()) return std::nullopt;
  return outcome;
}

}  // namespace

std::string PdfOcrOutcomeKey(std::string_view file_bytes, const std::vector<std::string>& page_texts,
                             const OcrOptions& ocr) {
  std::string what = "archivist-pdf-ocr-outcome 1\n";
  what += std::string(kPdfScanRulesVersion) + "\n" + OcrEngineVersion() + "\npoppler " +
          poppler::version_string() + "\n" + std::string(ToString(ocr.mode)) + " " + ocr.languages +
          " " + std::to_string(ocr.dpi) + "\n";
  for (const std::string& text : page_texts) what += std::to_string(CountNonSpace(text)) + " ";
  what += "\n" + Sha256Hex(file_bytes);
  return Sha256Hex(what);
}

std::optional<PdfOcrOutcome> FindPdfOcrOutcome(const std::filesystem::path& cache_dir,
                                               std::string_view key) {
  if (cache_dir.empty()) return std::nullopt;
  std::optional<CachedOcrPage> entry = OcrCache(cache_dir).Find(key);
  if (!entry) return std::nullopt;
  return Decode(entry->text);
}

void StorePdfOcrOutcome(const std::filesystem::path& cache_dir, std::string_view key,
                        const PdfOcrOutcome& outcome) {
  if (cache_dir.empty()) return;
  OcrCache(cache_dir).Store(key, CachedOcrPage{Encode(outcome), 0});
}

}  // namespace archivist::extract
