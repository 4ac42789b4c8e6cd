// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/extract/ocr_deskew.h"

#include <leptonica/allheaders.h>

#include "indexer/extract/ocr_pix.h"

namespace archivist::extract {
GrayImage Deskewed(const GrayImage& image) {
  if (image.width <= 0 || image.height <= 0) return image;
  const PixPtr pix = ToPix(image, image.dpi);
  if (!pix) return image;
  // Default search (reduction 2), binarised at Leptonica's default level;
  // a rotation brings in white at the corners.
  l_float32 angle = 0;
  l_float32 confidence = 0;
  const PixPtr straight(pixDeskewGeneral(pix.get(), 0, 0.0F, 0.0F, 0, 0, &angle, &confidence));
  if (!straight || pixGetDepth(straight.get()) != 8 || angle == 0.0F) return image;
  return FromPix(straight.get(), image.dpi);
}

}  // namespace archivist::extract
