// SPDX-License-Identifier: GPL-2.0-or-later
// Dot leaders (". . . . . 17" in a table of contents) erased from a page
// image before OCR: Tesseract's line recogniser, given a word followed by a
// row of evenly spaced dots, drops the space before the word ("Seuferdied"
// for "Seufer died") or the whole line, which cost the contents pages of the
// test set a fifth of their words (docs/ocr.md).
#pragma once

#include "indexer/extract/ocr.h"

namespace archivist::extract {

// Whitens every run of at least five dots of the same size on one baseline
// at an even pitch; returns how many dots it erased. A full stop, an
// ellipsis, the dot of an i and a decimal point are never such a run.
int EraseDotLeaders(GrayImage& image);

}  // namespace archivist::extract
