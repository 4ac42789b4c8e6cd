// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/extract/ocr_pix.h"

#include <cstddef>

#include <leptonica/allheaders.h>

namespace archivist::extract {

void PixDeleter::operator()(Pix* pix) const { pixDestroy(&pix); }

// Leptonica packs an 8-bit image's bytes into 32-bit words, most
// significant first: GET/SET_DATA_BYTE know the order.
PixPtr ToPix(const GrayImage& image, int dpi) {
  PixPtr pix(pixCreate(image.width, image.height, 8));
  if (!pix) return pix;
  pixSetResolution(pix.get(), dpi, dpi);
  l_uint32* data = pixGetData(pix.get());
  const l_int32 wpl = pixGetWpl(pix.get());
  for (int y = 0; y < image.height; ++y) {
    l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    const unsigned char* row = image.pixels.data() + static_cast<std::size_t>(y) * image.width;
    for (int x = 0; x < image.width; ++x) SET_DATA_BYTE(line, x, row[x]);
  }
  return pix;
}

GrayImage FromPix(Pix* pix, int dpi) {
  GrayImage out;
  out.width = static_cast<int>(pixGetWidth(pix));
  out.height = static_cast<int>(pixGetHeight(pix));
  out.dpi = dpi;
  out.pixels.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
  const l_uint32* data = pixGetData(pix);
  const l_int32 wpl = pixGetWpl(pix);
  for (int y = 0; y < out.height; ++y) {
    const l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    unsigned char* row = out.pixels.data() + static_cast<std::size_t>(y) * out.width;
    for (int x = 0; x < out.width; ++x) row[x] = static_cast<unsigned char>(GET_DATA_BYTE(line, x));
  }
  return out;
}

}  // namespace archivist::extract
