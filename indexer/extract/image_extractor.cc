// SPDX-License-Identifier: GPL-2.0-or-later
// Image files (PNG, JPEG, TIFF with all its pages) decoded by Leptonica, the
// library Tesseract itself reads images with, and read by OCR page by page.
#include <memory>
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
    for (int n = 0; n < (tiff ? kMaxTiffPages : 1); ++n) {
      PixPtr pix(tiff ? pixReadMemTiff(data, bytes.size(), n) : pixReadMem(data, bytes.size()));
      if (!pix) {
        if (n == 0) return Error{ErrorCode::kCorrupt, "cannot decode image " + file.filename().string()};
        break;  // past a TIFF's last page
      }
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
