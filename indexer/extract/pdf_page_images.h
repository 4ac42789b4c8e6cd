// SPDX-License-Identifier: GPL-2.0-or-later
// The images a PDF's pages draw, by their size in pixels: a scanned page is
// one image filling the page, and its pixels over the page's size are the
// resolution it was scanned at. Read with qpdf, as poppler-cpp does not
// list a page's images.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace archivist::extract {

struct PixelSize {
  long long width = 0;
  long long height = 0;
};

// For each of `pages` (0-based page numbers of the PDF in `bytes`), the
// pixel sizes of the images its resources hold, those of the forms it draws
// included. A page qpdf cannot read, or a number past the last page, gets
// no image; so does every page of a file qpdf cannot open (Poppler's
// reading of it stands: this is a hint for rendering, never a reason to
// fail). Thread-safe: nothing is shared between calls.
std::vector<std::vector<PixelSize>> PageImageSizes(std::string_view bytes,
                                                   const std::vector<std::size_t>& pages);

// The resolution, in dots per inch, a page `width_points` by
// `height_points` (1/72 inch) was scanned at when it draws `images`: that
// of its largest image when that image has the page's shape (either way
// round, within 3%), as a scanner's or img2pdf's page is one image filling
// it; 0 otherwise (a photo on a page, a page of several images).
double ScanResolution(double width_points, double height_points,
                      const std::vector<PixelSize>& images);

}  // namespace archivist::extract
