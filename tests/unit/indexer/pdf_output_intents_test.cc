// SPDX-License-Identifier: GPL-2.0-or-later
// A PDF with an output intent is read from a copy without it (issue 19:
// Poppler built colour transforms to its profile for every page whose text
// it read), and the text is the same.
#include "indexer/extract/pdf_output_intents.h"

#include <functional>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "core/log.h"
#include "indexer/extract/extractor.h"
#include "tests/support/pdf_objects.h"

namespace archivist::extract {
namespace {

using archivist::testing::PdfOf;

// A one-page PDF printing `words` in Helvetica, its catalog naming an
// output intent when `intent` says so. Its profile is no ICC profile, which
// Poppler reports whenever it loads it: the sign that it did.
// `length_error` is added to the content stream's true /Length.
std::string OnePagePdf(const std::string& words, bool intent, int length_error = 0) {
  const std::string content = "BT /F1 12 Tf 72 720 Td (" + words + ") Tj ET";
  const std::string length = std::to_string(static_cast<int>(content.size()) + length_error);
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
  return PdfOf({catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page,
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                "<< /Length " + length + " >>\nstream\n" + content + "\nendstream",
                "<< /N 3 /Length 7 >>\nstream\nprofile\nendstream"});
}

// Whether Poppler said, while `read` ran, that it could not load an
// output intent's profile (Gfx.cc, Poppler 22.12): the indexer logs what
// Poppler says at debug level (init.cc).
bool PopplerReportedTheProfileWhile(const std::function<void()>& read) {
  InitExtractors();
  SetLogLevel(LogLevel::kDebug);
  ::testing::internal::CaptureStderr();
  read();
  const std::string said = ::testing::internal::GetCapturedStderr();
  SetLogLevel(LogLevel::kInfo);
  return said.find("ICCBased color space profile") != std::string::npos;
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

  // A file qpdf would have to repair (its content stream's /Length is
  // off) is read as it is, and Poppler loads its profile for the page's
  // text; the intact file is read from the copy, and it does not.
  const std::string damaged = OnePagePdf("Reports of the harbour authority", true, 5);
  ASSERT_TRUE(PopplerReportedTheProfileWhile([&] {
    EXPECT_TRUE(NewPdfExtractor()->Extract("damaged.pdf", damaged).ok());
  })) << "the profile no longer shows; this test needs another sign";
  Result<ExtractedDoc> read = Error{ErrorCode::kInternal, "not read"};
  EXPECT_FALSE(PopplerReportedTheProfileWhile(
      [&] { read = NewPdfExtractor()->Extract("intent.pdf", pdf); }));
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
  // A content stream longer or shorter than its /Length says: qpdf reads
  // streams only while writing the copy, and finds it then.
  for (const int error : {-9, 5}) {
    const std::string damaged = OnePagePdf("Minutes", /*intent=*/true, error);
    EXPECT_FALSE(WithoutOutputIntents(damaged).has_value()) << "length off by " << error;
    const Result<ExtractedDoc> read = NewPdfExtractor()->Extract("damaged.pdf", damaged);
    ASSERT_TRUE(read.ok()) << read.error().message;
    EXPECT_NE(read.value().pages.at(0).find("Minutes"), std::string::npos) << read.value().pages[0];
  }
}

}  // namespace
}  // namespace archivist::extract
