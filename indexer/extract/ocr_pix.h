// SPDX-License-Identifier: GPL-2.0-or-later
// Our gray pages as Leptonica's images and back: Leptonica is the library
// Tesseract reads images with and that levels a page (ocr_deskew.h).
#pragma once

#include <memory>

#include "indexer/extract/ocr.h"

struct Pix;  // Leptonica's image (leptonica/pix.h)

namespace archivist::extract {

struct PixDeleter {
  void operator()(Pix* pix) const;
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// `image` as an 8-bit Pix whose resolution is `dpi` both ways (0: unknown);
// null when Leptonica cannot allocate it.
PixPtr ToPix(const GrayImage& image, int dpi);

// An 8-bit `pix` as a gray page of resolution `dpi`.
GrayImage FromPix(Pix* pix, int dpi);

}  // namespace archivist::extract
