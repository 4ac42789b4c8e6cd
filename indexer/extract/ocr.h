// SPDX-License-Identifier: GPL-2.0-or-later
// Reading the words of a page image with Tesseract (OCR): which pages get
// it (--ocr), in which languages, within what time, and where the results
// are kept so that no page is read twice (ocr_cache.h).
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace archivist::extract {

// Which pages are read by OCR:
// - kOff: none; a scan is indexed by its metadata ("no text layer");
// - kMissing: pages without usable text (a scan's, the image-only pages of
//   a PDF that otherwise has text) and image files;
// - kAlways: every page of a PDF too, its OCR text replacing the text layer
//   (for archives whose PDFs carry a broken text layer).
enum class OcrMode { kOff, kMissing, kAlways };

std::string_view ToString(OcrMode mode);  // "off", "missing", "always"
std::optional<OcrMode> ParseOcrMode(std::string_view text);

// The six languages Debian's tesseract-ocr-* packages give the archive;
// the default reads the three most archives hold (measured in docs/ocr.md:
// each further language costs time on every page).
inline constexpr std::string_view kDefaultOcrLanguages = "eng+fra+nld";

// One page an extractor meant to read by OCR, done: read by Tesseract,
// found in the cache, blank, or failed.
struct OcrPageDone {
  // Wall-clock time from rendering or decoding the page to its text.
  std::chrono::milliseconds took{0};
  // Whether Tesseract read it: only such pages tell how long OCR takes.
  bool read = false;
};

// How one extraction uses OCR. Plain data: it crosses fork() into the
// extraction workers as it is.
struct OcrOptions {
  OcrMode mode = OcrMode::kOff;
  // Tesseract's language names joined by '+' ("eng+fra+nld").
  std::string languages = std::string(kDefaultOcrLanguages);
  // Where results are kept by page content (ocr_cache.h); empty: no cache.
  std::filesystem::path cache_dir;
  // CPU time one page's reading may take (orientation and recognition); a
  // page over it is left empty and named in the document's note, the
  // others go on. CPU time, so a busy machine does not fail pages.
  std::chrono::milliseconds page_budget = std::chrono::seconds(60);
  // Resolution PDF pages are rendered at: Tesseract reads best with capital
  // letters 20 to 40 pixels high, 300 dpi for 10 to 12 pt type. A page that
  // is one scanned image is rendered at the scan's own resolution instead
  // (within 200 to 400 dpi).
  int dpi = 300;
  // Called before each page that Tesseract reads (not cache hits): the
  // extraction worker tells the pool a slow page is under way.
  std::function<void()> on_page;
  // Called once the extractor knows how many of the file's pages it will
  // read by OCR, before the first of them; then after each of those pages.
  // The extraction worker passes both to the pool, so that the progress
  // line counts a long scan's pages as they are read. Either may be empty.
  std::function<void(std::size_t pages)> on_pages_ahead;
  std::function<void(const OcrPageDone& page)> on_page_done;
};

// Why `languages` cannot be used ("no Tesseract language data for 'xyz'"),
// or empty when every name has its traineddata installed.
std::string CheckOcrLanguages(std::string_view languages);

// A page as 8-bit gray pixels, row after row, 0 black, 255 white.
struct GrayImage {
  int width = 0;
  int height = 0;
  int dpi = 0;  // 0 when unknown
  std::vector<unsigned char> pixels;
};

// The share of `image`'s pixels that are dark: a blank page (or a page of
// furniture) has almost none and is not worth reading.
double InkShare(const GrayImage& image);

// `image` turned by `degrees` clockwise (0, 90, 180, 270).
GrayImage Rotated(const GrayImage& image, int degrees);

struct OcrPageText {
  std::string text;
  int confidence = 0;  // Tesseract's mean word confidence, 0-100
  bool from_cache = false;
};

// Reads one page: from the cache when this image was read before with these
// languages and engine, else with Tesseract after turning the page upright
// (orientation detection). Errors: kInternal when Tesseract cannot start
// (missing language data) or the page overran options.page_budget
// ("OCR timed out after 60s").
//
// Thread safety: any number of threads, each with its own Tesseract engine
// (kept per thread and language set: loading the models costs more than a
// page).
Result<OcrPageText> ReadPageImage(const GrayImage& image, const OcrOptions& options);

// Tesseract's version and our OCR pipeline's (what we hand it), as the
// caches key their entries: a change to either is a miss.
std::string OcrEngineVersion();

// What OCR did for one document, added into ExtractedDoc.
struct ExtractedDoc;

struct OcrStats {
  std::vector<int> pages;       // 1-based numbers of the pages whose text came from OCR
  long long confidence_sum = 0; // of their confidences
  std::size_t recognised = 0;   // pages Tesseract read in this extraction
  std::size_t cache_hits = 0;   // pages found in the cache
  std::vector<std::string> failures;  // "page 3: OCR timed out after 60s"

  // Adds page `number`'s result (its text is the caller's to place).
  void Add(int number, const OcrPageText& page);
  // The note a document gets for its failed pages; empty when none failed.
  std::string Note() const;
  // Fills the document's OCR fields (ocr_pages, ocr_confidence, counts).
  void ApplyTo(ExtractedDoc& doc) const;
};

}  // namespace archivist::extract
