// SPDX-License-Identifier: GPL-2.0-or-later
// Image files (PNG, JPEG, TIFF with all its pages) decoded by Leptonica, the
// library Tesseract itself reads images with, and read by OCR page by page.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <leptonica/allheaders.h>

#include "indexer/extract/extractor.h"
#include "indexer/extract/ocr.h"
#include "indexer/extract/text_cleanup.h"

namespace archivist::extract {
namespace {

// A page larger than this (in pixels) is refused before it is decoded:
// 100 megapixels is an A0 poster at 300 dpi; anything larger is a photo
// mosaic or a decompression bomb, not a page of text.
constexpr long long kMaxPagePixels = 100'000'000;
// A TIFF holding more pages than this is cut there, with a note.
constexpr int kMaxTiffPages = 2000;

struct PixFree {
  void operator()(Pix* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<Pix, PixFree>;

std::string FormatName(l_int32 format) {
  if (format == IFF_PNG) return "png";
  if (format == IFF_JFIF_JPEG) return "jpeg";
  if (L_FORMAT_IS_TIFF(format)) return "tiff";
  return "";
}

// Leptonica's pixels as our gray page; nullopt when they cannot be converted.
std::optional<GrayImage> ToGray(Pix* pix) {
  PixPtr gray(pixConvertTo8(pix, 0));
  if (!gray) return std::nullopt;
  GrayImage out;
  out.width = static_cast<int>(pixGetWidth(gray.get()));
  out.height = static_cast<int>(pixGetHeight(gray.get()));
  out.dpi = static_cast<int>(pixGetXRes(pix));
  out.pixels.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
  const l_uint32* data = pixGetData(gray.get());
  const l_int32 words_per_line = pixGetWpl(gray.get());
  for (int y = 0; y < out.height; ++y) {
    const l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * words_per_line;
    unsigned char* row = out.pixels.data() + static_cast<std::size_t>(y) * out.width;
    // Leptonica packs bytes into 32-bit words, most significant first.
    for (int x = 0; x < out.width; ++x) row[x] = static_cast<unsigned char>(GET_DATA_BYTE(line, x));
  }
  return out;
}

struct FileClose {
  void operator()(FILE* file) const { std::fclose(file); }
};

// The pages of a TIFF held in memory, at most kMaxTiffPages; 1 when
// Leptonica cannot count them (the page loop then finds the end itself).
std::size_t TiffPageCount(const l_uint8* data, std::size_t size) {
  const std::unique_ptr<FILE, FileClose> file(fopenReadFromMemory(data, size));
  l_int32 pages = 0;
  if (!file || tiffGetCount(file.get(), &pages) != 0 || pages < 1) return 1;
  return static_cast<std::size_t>(std::min(pages, kMaxTiffPages));
}

// Times one page from decoding to text and reports it done
// (OcrOptions::on_page_done) when it goes out of scope, whichever way the
// page ended.
class PageClock {
 public:
  explicit PageClock(const OcrOptions& ocr)
      : ocr_(ocr), started_(std::chrono::steady_clock::now()) {}
  ~PageClock() {
    if (!ocr_.on_page_done) return;
    OcrPageDone done;
    done.read = read;
    done.took = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started_);
    ocr_.on_page_done(done);
  }
  PageClock(const PageClock&) = delete;
  PageClock& operator=(const PageClock&) = delete;

  bool read = false;  // by Tesseract: set once the page was read

 private:
  const OcrOptions& ocr_;
  std::chrono::steady_clock::time_point started_;
};

class ImageExtractor : public Extractor {
 public:
  explicit ImageExtractor(OcrOptions ocr) : ocr_(std::move(ocr)) {}

  Result<ExtractedDoc> Extract(const std::filesystem::path& file,
                               std::string_view bytes) const override {
    const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
    l_int32 format = 0, width = 0, height = 0, bps = 0, spp = 0, colormap = 0;
    if (bytes.empty() ||
        pixReadHeaderMem(data, bytes.size(), &format, &width, &height, &bps, &spp, &colormap) != 0) {
      return Error{ErrorCode::kCorrupt, "cannot read image " + file.filename().string()};
    }
    ExtractedDoc out;
    out.format = FormatName(format);
    if (out.format.empty()) return Error{ErrorCode::kUnsupported, "unsupported image type"};
    if (static_cast<long long>(width) * height > kMaxPagePixels || width <= 0 || height <= 0) {
      return Error{ErrorCode::kUnsupported, "image too large (" + std::to_string(width) + "x" +
                                                std::to_string(height) + " pixels)"};
    }
    OcrStats stats;
    const bool tiff = out.format == "tiff";
    // Every page is read by OCR: announced first, then each as it is done,
    // for the progress line (a 300-page TIFF is a long file).
    if (ocr_.on_pages_ahead) ocr_.on_pages_ahead(tiff ? TiffPageCount(data, bytes.size()) : 1);
    for (int n = 0; n < (tiff ? kMaxTiffPages : 1); ++n) {
      PixPtr pix(tiff ? pixReadMemTiff(data, bytes.size(), n) : pixReadMem(data, bytes.size()));
      if (!pix) {
        if (n == 0) return Error{ErrorCode::kCorrupt, "cannot decode image " + file.filename().string()};
        break;  // past a TIFF's last page
      }
      PageClock clock(ocr_);
      if (static_cast<long long>(pixGetWidth(pix.get())) * pixGetHeight(pix.get()) >
          kMaxPagePixels) {
        stats.failures.push_back("page " + std::to_string(n + 1) + ": image too large");
        out.pages.emplace_back();
        continue;
      }
      std::optional<GrayImage> page = ToGray(pix.get());
      pix.reset();
      if (!page) {
        stats.failures.push_back("page " + std::to_string(n + 1) + ": cannot convert image");
        out.pages.emplace_back();
        continue;
      }
      Result<OcrPageText> read = ReadPageImage(*page, ocr_);
      clock.read = !read.ok() || !read.value().from_cache;
      if (!read.ok()) {
        stats.failures.push_back("page " + std::to_string(n + 1) + ": " + read.error().message);
        out.pages.emplace_back();
        continue;
      }
      out.pages.push_back(CleanLayoutText(read.value().text));
      stats.Add(n + 1, read.value());
    }
    if (tiff && out.pages.size() == static_cast<std::size_t>(kMaxTiffPages)) {
      stats.failures.push_back("TIFF cut at " + std::to_string(kMaxTiffPages) + " pages");
    }
    std::size_t visible = 0;
    for (const std::string& page : out.pages) visible += CountNonSpace(page);
    out.no_text_layer = visible == 0;
    out.note = stats.Note();
    stats.ApplyTo(out);
    return out;
  }

 private:
  OcrOptions ocr_;
};

}  // namespace

std::unique_ptr<Extractor> NewImageExtractor(const OcrOptions& ocr) {
  return std::make_unique<ImageExtractor>(ocr);
}

}  // namespace archivist::extract
