// SPDX-License-Identifier: GPL-2.0-or-later
// A page fed a few degrees askew, straightened before OCR: at 2.5 degrees
// Tesseract's layout analysis lost whole lines of a page of long lines
// (recall 0.17 against 1.00 upright, docs/ocr.md).
#pragma once

#include "indexer/extract/ocr.h"

namespace archivist::extract {

// `image` turned so its lines of text are level, by Leptonica's skew finder
// (pixDeskew: up to about 7 degrees either way); `image` as it is when its
// lines are level already or no angle is found with confidence.
GrayImage Deskewed(const GrayImage& image);

}  // namespace archivist::extract
