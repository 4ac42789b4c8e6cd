// SPDX-License-Identifier: GPL-2.0-or-later
// Which images a PDF page draws (issue 19): the page found by descending
// the page tree along its /Count entries is the page qpdf's full listing
// numbers so, in a nested tree with inherited resources, and a tree whose
// counts do not add up is numbered as the full listing numbers it.
#include "indexer/extract/pdf_page_images.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/pdf_objects.h"

namespace archivist::extract {
namespace {

using archivist::testing::PdfOf;

std::string Image(int width, int height) {
  const std::string pixels(static_cast<std::size_t>(width * height), '\xff');
  return "<< /Type /XObject /Subtype /Image /Width " + std::to_string(width) + " /Height " +
         std::to_string(height) + " /ColorSpace /DeviceGray /BitsPerComponent 8 /Length " +
         std::to_string(pixels.size()) + " >>\nstream\n" + pixels + "\nendstream";
}

// Five pages in a tree three levels deep:
//   root (2) [A: p0 p1] [B: p2 [C: p3 p4]]
// p1 draws a 10x20 image of its own; p3 and p4 inherit C's resources,
// which hold a 30x40 image. `root_count` is the root's /Count.
std::string NestedTreePdf(int root_count) {
  const std::string page = "<< /Type /Page /MediaBox [0 0 100 100] /Parent ";
  return PdfOf({
      "<< /Type /Catalog /Pages 2 0 R >>",                                          // 1
      "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count " + std::to_string(root_count) +  // 2 root
          " >>",
      "<< /Type /Pages /Parent 2 0 R /Kids [6 0 R 7 0 R] /Count 2 >>",  // 3 A
      "<< /Type /Pages /Parent 2 0 R /Kids [8 0 R 5 0 R] /Count 3 >>",  // 4 B
      "<< /Type /Pages /Parent 4 0 R /Kids [9 0 R 10 0 R] /Count 2 "    // 5 C
      "/Resources << /XObject << /Im1 12 0 R >> >> >>",
      page + "3 0 R /Resources << >> >>",                             // 6 p0
      page + "3 0 R /Resources << /XObject << /Im0 11 0 R >> >> >>",  // 7 p1
      page + "4 0 R /Resources << >> >>",                             // 8 p2
      page + "5 0 R >>",                                              // 9 p3
      page + "5 0 R >>",                                              // 10 p4
      Image(10, 20),                                                  // 11
      Image(30, 40),                                                  // 12
  });
}

void ExpectImagesOfTheNestedTree(const std::string& pdf) {
  const std::vector<std::vector<PixelSize>> images = PageImageSizes(pdf, {3, 0, 1, 4, 2});
  ASSERT_EQ(images.size(), 5u);
  ASSERT_EQ(images[0].size(), 1u) << "p3 inherits C's image";
  EXPECT_EQ(images[0][0].width, 30);
  EXPECT_EQ(images[0][0].height, 40);
  EXPECT_TRUE(images[1].empty()) << "p0 draws none";
  ASSERT_EQ(images[2].size(), 1u) << "p1 draws its own";
  EXPECT_EQ(images[2][0].width, 10);
  EXPECT_EQ(images[2][0].height, 20);
  ASSERT_EQ(images[3].size(), 1u) << "p4 inherits C's image";
  EXPECT_EQ(images[3][0].width, 30);
  EXPECT_TRUE(images[4].empty()) << "p2 draws none";
  const std::vector<std::vector<PixelSize>> past_the_end = PageImageSizes(pdf, {5});
  ASSERT_EQ(past_the_end.size(), 1u);
  EXPECT_TRUE(past_the_end[0].empty()) << "there is no sixth page";
}

TEST(PdfPageImagesTest, FindsEachPageOfANestedTreeWithInheritedResources) {
  ExpectImagesOfTheNestedTree(NestedTreePdf(5));
}

// A root claiming six pages: the descent gives up and qpdf's listing,
// which walks the kids themselves, numbers the pages.
TEST(PdfPageImagesTest, ATreeWhoseCountsDoNotAddUpIsNumberedByItsKids) {
  ExpectImagesOfTheNestedTree(NestedTreePdf(6));
}

}  // namespace
}  // namespace archivist::extract
