// SPDX-License-Identifier: GPL-2.0-or-later
// A PDF with an output intent is read from a copy without it (issue 19:
// Poppler built colour transforms to its profile for every page whose text
// it read), and the text is the same.
#include "indexer/extract/pdf_output_intents.h"

#include <string>

#include <gtest/gtest.h>

#include "indexer/extract/extractor.h"
#include "tests/support/pdf_objects.h"

namespace archivist::extract {
namespace {

using archivist::testing::PdfOf;

// A one-page PDF printing `words` in Helvetica, its catalog naming an
// output intent when `intent` says so.
std::string OnePagePdf(const std::string& words, bool intent) {
  const std::string content = "BT /F1 12 Tf 72 720 Td (" + words + ") Tj ET";
  std::string catalog = "<< /Type /Catalog /Pages 2 0 R";
  if (intent) {
    catalog +=
        " /OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1"
        " /OutputConditionIdentifier (sRGB) /DestOutputProfile 6 0 R >>]";
  }
  catalog += " >>";
  const std::string page =
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
      " /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>";
  return PdfOf(
      {catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page,
       "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
       "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
       "<< /N 3 /Length 7 >>\nstream\nprofile\nendstream"});
}

TEST(PdfOutputIntentsTest, TheCopyLosesTheIntentAndKeepsTheText) {
  const std::string pdf = OnePagePdf("Reports of the harbour authority", /*intent=*/true);
  const std::optional<std::string> copy = WithoutOutputIntents(pdf);
  ASSERT_TRUE(copy.has_value());
  // Nothing in the file is compressed, so the key would show.
  EXPECT_NE(pdf.find("/OutputIntents"), std::string::npos);
  EXPECT_EQ(copy->find("/OutputIntents"), std::string::npos);
  EXPECT_NE(copy->find("(Reports of the harbour authority) Tj"), std::string::npos);
  EXPECT_FALSE(WithoutOutputIntents(*copy).has_value()) << "nothing left to take out";

  // The extractor reads a file with an intent to the text of one without.
  const Result<ExtractedDoc> read = NewPdfExtractor()->Extract("intent.pdf", pdf);
  ASSERT_TRUE(read.ok()) << read.error().message;
  ASSERT_EQ(read.value().pages.size(), 1u);
  EXPECT_NE(read.value().pages[0].find("Reports of the harbour authority"), std::string::npos)
      << read.value().pages[0];
  const Result<ExtractedDoc> plain = NewPdfExtractor()->Extract(
      "plain.pdf", OnePagePdf("Reports of the harbour authority", false));
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(read.value().pages, plain.value().pages);
}

TEST(PdfOutputIntentsTest, AFileWithoutOneOrThatQpdfMustRepairIsReadAsItIs) {
  EXPECT_FALSE(WithoutOutputIntents(OnePagePdf("Minutes", /*intent=*/false)).has_value());
  EXPECT_FALSE(WithoutOutputIntents("not a PDF at all").has_value());
  EXPECT_FALSE(WithoutOutputIntents("").has_value());
  // Cut before its cross-reference table: qpdf would rebuild it.
  const std::string whole = OnePagePdf("Minutes", /*intent=*/true);
  EXPECT_FALSE(WithoutOutputIntents(whole.substr(0, whole.find("xref"))).has_value());
}

}  // namespace
}  // namespace archivist::extract
