// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/extract/pdf_page_images.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <optional>
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

// How deep a page tree may nest before it is taken for a loop: real
// writers make trees of 3 or 4 levels (pdfTeX: 6 kids a node).
constexpr int kMaxTreeDepth = 64;

// How many pages a page-tree node holds: an intermediate node (one with
// /Kids) its /Count, a page one; nullopt when a node with kids has no
// usable /Count.
std::optional<long long> PagesUnder(QPDFObjectHandle node) {
  if (!node.isDictionary()) return std::nullopt;
  if (!node.hasKey("/Kids")) return 1;
  const long long count = IntegerOf(node, "/Count");
  if (!node.getKey("/Count").isInteger() || count < 0) return std::nullopt;
  return count;
}

// Page `number` (0-based) found by descending the page tree along its
// /Count entries (PDF 32000-1, 7.7.3.2), reading only the nodes on its way
// and their kids: qpdf's listing of every page (getAllPages) reads and
// checks them all, seconds for a manual of 2,000 pages when OCR wants a
// few of them (issue 19). Nullopt when the tree does not add up on the way
// (a node's /Count not its kids' sum, a kid that is no dictionary, a loop
// as deep as kMaxTreeDepth): such a file is left to getAllPages, which
// repairs what it can, numbering it as before. Nodes off the way are not
// read, so a wrong /Count below one of them goes unseen; on a valid tree
// the two give the same page.
std::optional<QPDFObjectHandle> PageByCount(QPDF& pdf, std::size_t number) {
  QPDFObjectHandle node = pdf.getRoot().getKey("/Pages");
  long long index = static_cast<long long>(number);
  for (int depth = 0; depth < kMaxTreeDepth; ++depth) {
    if (!node.isDictionary()) return std::nullopt;
    if (!node.hasKey("/Kids")) {
      if (index != 0) return std::nullopt;
      return node;
    }
    const std::optional<long long> total = PagesUnder(node);
    QPDFObjectHandle kids = node.getKey("/Kids");
    if (!total || !kids.isArray() || index >= *total) return std::nullopt;
    long long sum = 0;
    std::optional<QPDFObjectHandle> next;
    long long next_index = 0;
    for (int k = 0; k < kids.getArrayNItems(); ++k) {
      QPDFObjectHandle kid = kids.getArrayItem(k);
      const std::optional<long long> under = PagesUnder(kid);
      if (!under) return std::nullopt;
      if (!next && index < sum + *under) {
        next = kid;
        next_index = index - sum;
      }
      sum += *under;
    }
    if (sum != *total || !next) return std::nullopt;
    node = *next;
    index = next_index;
  }
  return std::nullopt;
}

// The page objects of `pages` (0-based), each found by PageByCount, or all
// listed by qpdf when any is not (a null handle for a number past the end).
std::vector<QPDFObjectHandle> PageObjects(QPDF& pdf, const std::vector<std::size_t>& pages) {
  std::vector<QPDFObjectHandle> found;
  found.reserve(pages.size());
  for (const std::size_t number : pages) {
    std::optional<QPDFObjectHandle> page = PageByCount(pdf, number);
    if (!page) {
      found.clear();
      break;
    }
    found.push_back(*page);
  }
  if (found.size() == pages.size()) return found;
  std::vector<QPDFPageObjectHelper> all = QPDFPageDocumentHelper(pdf).getAllPages();
  for (const std::size_t number : pages) {
    found.push_back(number < all.size() ? all[number].getObjectHandle() : QPDFObjectHandle());
  }
  return found;
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
    std::vector<QPDFObjectHandle> objects = PageObjects(pdf, pages);
    for (std::size_t i = 0; i < pages.size(); ++i) {
      if (!objects[i].isDictionary()) continue;
      try {
        QPDFPageObjectHelper(objects[i])
            .forEachImage(
                /*recursive=*/true,
                [&](QPDFObjectHandle& image, QPDFObjectHandle&, std::string const&) {
                  QPDFObjectHandle dictionary = image.getDict();
                  out[i].push_back(
                      {IntegerOf(dictionary, "/Width"), IntegerOf(dictionary, "/Height")});
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
