// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/extract/pdf_page_images.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <string>

// We use none of qpdf's old PointerHolder: 4 leaves it undefined and keeps
// its headers quiet (qpdf/PointerHolder.hh).
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

namespace archivist::extract {
namespace {

// An image fills its page when their shapes (width over height) differ by
// less than this share: img2pdf and scanners make the page the image's
// size, a page margin or a cropped photo changes the shape more.
constexpr double kSameShape = 0.03;

long long IntegerOf(QPDFObjectHandle dictionary, const char* key) {
  QPDFObjectHandle value = dictionary.getKey(key);
  if (!value.isInteger()) return 0;
  return std::max<long long>(value.getIntValue(), 0);
}

}  // namespace

std::vector<std::vector<PixelSize>> PageImageSizes(std::string_view bytes,
                                                   const std::vector<std::size_t>& pages) {
  std::vector<std::vector<PixelSize>> out(pages.size());
  // qpdf reports a damaged file by throwing (QPDFExc, std::runtime_error
  // and their kin); whatever it managed before is kept.
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.processMemoryFile("scan", bytes.data(), bytes.size());
    std::vector<QPDFPageObjectHelper> all = QPDFPageDocumentHelper(pdf).getAllPages();
    for (std::size_t i = 0; i < pages.size(); ++i) {
      if (pages[i] >= all.size()) continue;
      try {
        all[pages[i]].forEachImage(
            /*recursive=*/true,
            [&](QPDFObjectHandle& image, QPDFObjectHandle&, std::string const&) {
              QPDFObjectHandle dictionary = image.getDict();
              out[i].push_back({IntegerOf(dictionary, "/Width"), IntegerOf(dictionary, "/Height")});
            });
      } catch (const std::exception&) {
        out[i].clear();  // this page only
      }
    }
  } catch (const std::exception&) {
  }
  return out;
}

double ScanResolution(double width_points, double height_points,
                      const std::vector<PixelSize>& images) {
  if (width_points <= 0 || height_points <= 0 || images.empty()) return 0;
  const PixelSize largest =
      *std::max_element(images.begin(), images.end(), [](const PixelSize& a, const PixelSize& b) {
        return a.width * a.height < b.width * b.height;
      });
  if (largest.width <= 0 || largest.height <= 0) return 0;
  const double page_shape = width_points / height_points;
  const double image_shape =
      static_cast<double>(largest.width) / static_cast<double>(largest.height);
  // Either way round: a page may be drawn turned (/Rotate, or an image
  // placed sideways).
  const bool fills = std::abs(image_shape / page_shape - 1) < kSameShape ||
                     std::abs(image_shape * page_shape - 1) < kSameShape;
  if (!fills) return 0;
  // By area, which a quarter turn does not change.
  const double square_inches = (width_points / 72) * (height_points / 72);
  return std::sqrt(static_cast<double>(largest.width) * static_cast<double>(largest.height) /
                   square_inches);
}

}  // namespace archivist::extract
