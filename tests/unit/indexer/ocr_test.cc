// SPDX-License-Identifier: GPL-2.0-or-later
// OCR on real pages: corpus-real's text PDFs rendered as a scanner would
// give them (pdftoppm), read back by Tesseract, and held to their true text
// (pdftotext). A few pages only: the whole set is tools/bench/ocr.
#include "indexer/extract/ocr.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "indexer/extract/extractor.h"
#include "indexer/extract/ocr_cache.h"
#include "indexer/extract/ocr_leaders.h"
#include "indexer/extract/pdf_ocr_outcome.h"
#include "indexer/extract/pdf_page_images.h"
#include "tests/support/scanned_pages.h"
#include "tests/support/temp_dir.h"

namespace archivist::extract {
namespace {

using archivist::testing::GrayPage;
using archivist::testing::TempDir;
using archivist::testing::WordRecall;

const std::filesystem::path kCorpusReal = ARCHIVIST_CORPUS_REAL_DIR;

GrayImage ToImage(const GrayPage& page, int dpi) {
  GrayImage image;
  image.width = page.width;
  image.height = page.height;
  image.dpi = dpi;
  image.pixels.assign(page.pixels.begin(), page.pixels.end());
  return image;
}

class OcrTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kCorpusReal / "MANIFEST.tsv")) {
      GTEST_SKIP() << "no real corpus at " << kCorpusReal;
    }
    options_.mode = OcrMode::kMissing;
    options_.languages = "eng+fra+por";
  }

  // Reads page `page` of `pdf` rendered at `dpi` and turned `degrees`
  // clockwise, and returns the recall of its true text.
  double Recall(const std::string& pdf, int page, int dpi, int degrees, int speckles = 0,
                double skew = 0) {
    const std::filesystem::path file = kCorpusReal / pdf;
    GrayPage scan = archivist::testing::RenderGray(file, page, dpi, dir_.path());
    if (skew != 0) scan = archivist::testing::Skewed(scan, skew);
    if (speckles > 0) archivist::testing::AddSpeckles(scan, speckles);
    const GrayImage image = Rotated(ToImage(scan, dpi), degrees);
    Result<OcrPageText> read = ReadPageImage(image, options_);
    EXPECT_TRUE(read.ok()) << (read.ok() ? "" : read.error().message);
    if (!read.ok()) return 0;
    return WordRecall(archivist::testing::TrueText(file, page, dir_.path()), read.value().text);
  }

  // A two-page PDF: page 7 of `source` scanned at 200 dpi with a line of
  // text stamped over it, then that line alone on a white page.
  std::filesystem::path StampedScan(const std::filesystem::path& source) {
    const auto png = archivist::testing::ScanToPng(source, 7, 200, dir_.path());
    const auto stamped = dir_.path() / "stamped.pdf";
    archivist::testing::RunOrThrow(
        "/usr/bin/python3 -c 'import sys; from reportlab.pdfgen import canvas; "
        "from reportlab.lib.pagesizes import A4; c = canvas.Canvas(sys.argv[1], pagesize=A4); "
        "w, h = A4; line = \"Registry stamp: received 12 March 2021, file 4471/B\"; "
        "c.drawImage(sys.argv[2], 0, 0, w, h); c.drawString(40, h - 20, line); c.showPage(); "
        "c.drawString(40, h - 20, line); c.showPage(); c.save()' " +
        archivist::testing::Quoted(stamped) + " " + archivist::testing::Quoted(png));
    return stamped;
  }

  TempDir dir_;
  OcrOptions options_;
};

TEST_F(OcrTest, ReadsAnUprightPageAt300Dpi) {
  EXPECT_GE(Recall("pdf/debian/project-history.en.pdf", 5, 300, 0), 0.95);
}

// A table of contents: the dot leaders are erased before OCR (ocr_leaders.h),
// else "Seufer died . . . 17" reads "Seuferdied" and a fifth of the words
// are lost; a page of prose loses not one dot (its i's and full stops).
TEST_F(OcrTest, ReadsATableOfContentsWithDotLeaders) {
  const std::filesystem::path pdf = kCorpusReal / "pdf/debian/project-history.en.pdf";
  GrayImage contents = ToImage(archivist::testing::RenderGray(pdf, 5, 300, dir_.path()), 300);
  EXPECT_GT(EraseDotLeaders(contents), 500);
  GrayImage prose = ToImage(archivist::testing::RenderGray(pdf, 7, 300, dir_.path()), 300);
  EXPECT_EQ(EraseDotLeaders(prose), 0);
  options_.languages = "eng";
  EXPECT_GE(Recall("pdf/debian/project-history.en.pdf", 5, 300, 0), 0.95);
}

// A scanner's speckles are no dot leaders, nor does a speckle between a
// leader's dots hide the leader: a speckled page of prose loses no dot, a
// speckled contents page its leaders still.
TEST_F(OcrTest, SpecklesAreNotDotLeaders) {
  const std::filesystem::path pdf = kCorpusReal / "pdf/debian/project-history.en.pdf";
  GrayPage prose = archivist::testing::RenderGray(pdf, 7, 300, dir_.path());
  archivist::testing::AddSpeckles(prose, 300);
  GrayImage speckled_prose = ToImage(prose, 300);
  EXPECT_EQ(EraseDotLeaders(speckled_prose), 0);
  GrayPage contents = archivist::testing::RenderGray(pdf, 5, 300, dir_.path());
  archivist::testing::AddSpeckles(contents, 300);
  GrayImage speckled_contents = ToImage(contents, 300);
  EXPECT_GT(EraseDotLeaders(speckled_contents), 500);
}

TEST_F(OcrTest, ReadsAPageFedAskew) {
  EXPECT_GE(Recall("pdf/debian/project-history.en.pdf", 7, 300, 0, 0, 2.5), 0.90);
}

TEST_F(OcrTest, ReadsAPageScannedSideways) {
  EXPECT_GE(Recall("pdf/debian/project-history.pt.pdf", 7, 300, 90), 0.90);
}

TEST_F(OcrTest, ReadsAPageUpsideDownAt200DpiWithSpeckles) {
  EXPECT_GE(Recall("pdf/debian/project-history.en.pdf", 8, 200, 180, 400), 0.90);
}

TEST_F(OcrTest, ASecondReadComesFromTheCacheAndAKilledWriteIsAMiss) {
  options_.cache_dir = dir_.path() / "cache";
  const GrayPage scan = archivist::testing::RenderGray(
      kCorpusReal / "pdf/debian/project-history.en.pdf", 2, 200, dir_.path());
  const GrayImage image = ToImage(scan, 200);
  int started = 0;
  options_.on_page = [&] { ++started; };
  Result<OcrPageText> first = ReadPageImage(image, options_);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_FALSE(first.value().from_cache);
  EXPECT_EQ(started, 1);
  Result<OcrPageText> second = ReadPageImage(image, options_);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second.value().from_cache);
  EXPECT_EQ(second.value().text, first.value().text);
  EXPECT_EQ(second.value().confidence, first.value().confidence);
  EXPECT_EQ(started, 1) << "a cache hit runs no OCR";

  // Another language set is another key: read again.
  options_.languages = "eng";
  Result<OcrPageText> english = ReadPageImage(image, options_);
  ASSERT_TRUE(english.ok());
  EXPECT_FALSE(english.value().from_cache);
  EXPECT_EQ(started, 2);

  // An entry cut short (what a write without rename would leave) is a
  // miss, and a leftover temporary file is never read.
  std::size_t entries = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(options_.cache_dir)) {
    if (!entry.is_regular_file()) continue;
    ++entries;
    std::filesystem::resize_file(entry.path(), std::filesystem::file_size(entry.path()) / 2);
  }
  EXPECT_EQ(entries, 2u);
  Result<OcrPageText> again = ReadPageImage(image, options_);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again.value().from_cache);
  EXPECT_EQ(again.value().text, english.value().text);
}

// Tesseract is told each page's resolution, known or guessed: without it
// it wrote "Warning. Invalid resolution 0 dpi. Using 70 instead." to stderr
// for every page, its orientation detection reading the resolution from
// the image rather than from SetSourceResolution.
TEST_F(OcrTest, TesseractIsToldEveryPagesResolution) {
  const GrayPage scan = archivist::testing::RenderGray(
      kCorpusReal / "pdf/debian/project-history.en.pdf", 8, 200, dir_.path());
  options_.languages = "eng";
  const std::filesystem::path said = dir_.path() / "stderr.txt";
  for (const int dpi : {200, 0}) {  // a rendered page; an image that says no resolution
    std::fflush(stderr);
    const int saved = dup(STDERR_FILENO);
    const int file = open(said.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ASSERT_GE(file, 0);
    dup2(file, STDERR_FILENO);
    close(file);
    Result<OcrPageText> read = ReadPageImage(ToImage(scan, dpi), options_);
    std::fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    ASSERT_TRUE(read.ok()) << read.error().message;
    const std::string heard = archivist::testing::ReadWhole(said);
    EXPECT_EQ(heard.find("Invalid resolution"), std::string::npos)
        << "dpi " << dpi << ": " << heard;
    EXPECT_GE(WordRecall(archivist::testing::TrueText(
                             kCorpusReal / "pdf/debian/project-history.en.pdf", 8, dir_.path()),
                         read.value().text),
              0.95)
        << "dpi " << dpi;
  }
}

TEST_F(OcrTest, APageOverItsBudgetFailsAlone) {
  options_.page_budget = std::chrono::milliseconds(1);
  const GrayPage scan = archivist::testing::RenderGray(
      kCorpusReal / "pdf/debian/project-history.en.pdf", 5, 300, dir_.path());
  Result<OcrPageText> read = ReadPageImage(ToImage(scan, 300), options_);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().message, "OCR timed out after 1ms");
}

TEST_F(OcrTest, ScannedPdfAndMultiPageTiffAreReadPageByPage) {
  const std::filesystem::path pdf = kCorpusReal / "pdf/debian/project-history.en.pdf";
  options_.dpi = 200;  // rendered as scanned
  // Pages 5 and 8 as a scan would give them: image-only PDF pages (img2pdf)
  // and a two-page TIFF (Python's PIL), at 200 dpi to keep the test short.
  std::string pngs;
  for (int page : {5, 8}) {
    pngs += " " + archivist::testing::Quoted(archivist::testing::ScanToPng(pdf, page, 200, dir_.path()));
  }
  const auto scanned = dir_.path() / "scanned.pdf";
  archivist::testing::RunOrThrow("img2pdf -o " + archivist::testing::Quoted(scanned) + pngs);
  const auto tiff = dir_.path() / "scanned.tiff";
  archivist::testing::RunOrThrow(
      "/usr/bin/python3 -c 'import sys; from PIL import Image; i = [Image.open(p) for p in sys.argv[2:]]; "
      "i[0].save(sys.argv[1], save_all=True, append_images=i[1:], compression=\"tiff_lzw\", "
      "dpi=i[0].info[\"dpi\"])' " +
      archivist::testing::Quoted(tiff) + pngs);

  for (const auto& file : {scanned, tiff}) {
    SCOPED_TRACE(file.filename().string());
    // Both announce their two pages first, then each as it is done (the
    // progress line counts them so).
    std::vector<std::string> heard;
    options_.on_pages_ahead = [&](std::size_t pages) {
      heard.push_back("ahead " + std::to_string(pages));
    };
    options_.on_page_done = [&](const OcrPageDone& page) {
      heard.push_back(page.read && page.took.count() > 0 ? "read" : "not read");
    };
    Result<ExtractedDoc> off = ExtractFile(file);
    Result<ExtractedDoc> doc = ExtractBytes(file, archivist::testing::ReadWhole(file), options_);
    ASSERT_TRUE(doc.ok()) << doc.error().message;
    EXPECT_EQ(heard, (std::vector<std::string>{"ahead 2", "read", "read"}));
    ASSERT_EQ(doc.value().pages.size(), 2u);
    EXPECT_EQ(doc.value().ocr_pages, (std::vector<int>{1, 2}));
    EXPECT_GT(doc.value().ocr_confidence, 70);
    EXPECT_EQ(doc.value().ocr_recognised, 2u);
    EXPECT_FALSE(doc.value().no_text_layer);
    EXPECT_GE(WordRecall(archivist::testing::TrueText(pdf, 5, dir_.path()), doc.value().pages[0]),
              0.9);
    EXPECT_GE(WordRecall(archivist::testing::TrueText(pdf, 8, dir_.path()), doc.value().pages[1]),
              0.9);
    if (file == scanned) {
      ASSERT_TRUE(off.ok());
      EXPECT_TRUE(off.value().no_text_layer) << "without OCR a scan is metadata only";
    } else {
      EXPECT_FALSE(off.ok()) << "without OCR an image is not indexed";
    }
  }
}

// A scanned PDF page is rendered at its scan's resolution (within 200 to
// 400 dpi): qpdf gives its image's pixels, the page its size in inches.
TEST_F(OcrTest, AScannedPageIsReadAtItsOwnResolution) {
  const std::filesystem::path pdf = kCorpusReal / "pdf/debian/project-history.en.pdf";
  const auto png96 = archivist::testing::ScanToPng(pdf, 7, 96, dir_.path());
  const auto png200 = archivist::testing::ScanToPng(pdf, 8, 200, dir_.path());
  const auto scanned = dir_.path() / "scanned.pdf";
  archivist::testing::RunOrThrow("img2pdf -o " + archivist::testing::Quoted(scanned) + " " +
                                 archivist::testing::Quoted(png96) + " " +
                                 archivist::testing::Quoted(png200));
  const std::string bytes = archivist::testing::ReadWhole(scanned);
  const std::vector<std::vector<PixelSize>> images = PageImageSizes(bytes, {0, 1, 7});
  ASSERT_EQ(images.size(), 3u);
  ASSERT_EQ(images[0].size(), 1u);
  ASSERT_EQ(images[1].size(), 1u);
  EXPECT_TRUE(images[2].empty()) << "no such page";
  // img2pdf makes the page the image's size at its resolution, so the
  // resolution comes back from the page's size.
  const GrayPage at96 = archivist::testing::RenderGray(pdf, 7, 96, dir_.path());
  EXPECT_EQ(images[0][0].width, at96.width);
  EXPECT_EQ(images[0][0].height, at96.height);
  const double width = at96.width * 72.0 / 96, height = at96.height * 72.0 / 96;
  EXPECT_NEAR(ScanResolution(width, height, images[0]), 96, 1);
  EXPECT_NEAR(ScanResolution(height, width, images[0]), 96, 1) << "a page turned a quarter";
  EXPECT_NEAR(ScanResolution(width, height, images[1]), 200, 1);
  EXPECT_EQ(ScanResolution(width, height * 1.5, images[0]), 0) << "an image not filling its page";
  // A text PDF's pages draw no image; a file qpdf cannot read is no image.
  const std::string text_pdf = archivist::testing::ReadWhole(pdf);
  EXPECT_TRUE(PageImageSizes(text_pdf, {6}).at(0).empty());
  EXPECT_TRUE(PageImageSizes("%PDF-1.4 not a PDF at all", {0}).at(0).empty());

  // The 96 dpi page is read well (rendered at 200 dpi, not 300).
  options_.languages = "eng";
  Result<ExtractedDoc> doc = ExtractBytes(scanned, bytes, options_);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  ASSERT_EQ(doc.value().pages.size(), 2u);
  EXPECT_GE(WordRecall(archivist::testing::TrueText(pdf, 7, dir_.path()), doc.value().pages[0]),
            0.95);
}

// A scanned page with a line of real text over it (a registry stamp): its
// text layer has more than the 32 characters that make a page "text", yet
// the page is mostly an image, so it is read by OCR; the same line on a
// page of its own is not.
TEST_F(OcrTest, AScanWithAStampedLineOfTextIsRead) {
  const std::filesystem::path source = kCorpusReal / "pdf/debian/project-history.en.pdf";
  const std::filesystem::path stamped = StampedScan(source);
  options_.languages = "eng";
  Result<ExtractedDoc> doc = ExtractBytes(stamped, archivist::testing::ReadWhole(stamped), options_);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  ASSERT_EQ(doc.value().pages.size(), 2u);
  EXPECT_EQ(doc.value().ocr_pages, (std::vector<int>{1}));
  EXPECT_GE(WordRecall(archivist::testing::TrueText(source, 7, dir_.path()), doc.value().pages[0]),
            0.9);
  EXPECT_NE(doc.value().pages[0].find("Registry"), std::string::npos) << "the stamp is kept";
  EXPECT_NE(doc.value().pages[1].find("Registry stamp"), std::string::npos);
}

// A PDF read before, byte for byte and under the same settings, takes what
// OCR made of it from the cache without choosing or rendering its pages
// again: the outcome stored by the first run is what the second places.
TEST_F(OcrTest, APdfReadBeforeTakesItsOutcomeFromTheCache) {
  const std::filesystem::path source = kCorpusReal / "pdf/debian/project-history.en.pdf";
  const std::filesystem::path stamped = StampedScan(source);
  const std::string bytes = archivist::testing::ReadWhole(stamped);
  options_.languages = "eng";
  options_.cache_dir = dir_.path() / "cache";
  std::vector<std::string> heard;
  options_.on_pages_ahead = [&](std::size_t pages) { heard.push_back("ahead " + std::to_string(pages)); };
  options_.on_page_done = [&](const OcrPageDone& page) {
    heard.push_back(page.read ? "read" : "not read");
  };

  Result<ExtractedDoc> first = ExtractBytes(stamped, bytes, options_);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first.value().ocr_pages, (std::vector<int>{1}));
  EXPECT_EQ(first.value().ocr_recognised, 1u);
  EXPECT_EQ(heard, (std::vector<std::string>{"ahead 1", "read"}));

  // What the first run stored: page 1 chosen and read, page 2 (a line of
  // text on white) not chosen.
  OcrOptions off = options_;
  off.mode = OcrMode::kOff;
  Result<ExtractedDoc> own = ExtractBytes(stamped, bytes, off);
  ASSERT_TRUE(own.ok());
  const std::string key = PdfOcrOutcomeKey(bytes, own.value().pages, options_);
  std::optional<PdfOcrOutcome> stored = FindPdfOcrOutcome(options_.cache_dir, key);
  ASSERT_TRUE(stored.has_value());
  ASSERT_EQ(stored->pages.size(), 1u);
  EXPECT_EQ(stored->pages[0].index, 0u);
  EXPECT_FALSE(stored->pages[0].blank);
  EXPECT_GE(WordRecall(archivist::testing::TrueText(source, 7, dir_.path()), stored->pages[0].text),
            0.9);

  // The second run places the stored words: changed here, they show that
  // neither Tesseract nor the page cache (keyed by rendered pixels) was asked.
  stored->pages[0].text = "Words that the outcome holds, and only the outcome, for the first page of this file.";
  stored->pages[0].confidence = 55;
  StorePdfOcrOutcome(options_.cache_dir, key, *stored);
  heard.clear();
  Result<ExtractedDoc> second = ExtractBytes(stamped, bytes, options_);
  ASSERT_TRUE(second.ok());
  EXPECT_NE(second.value().pages[0].find("only the outcome"), std::string::npos);
  EXPECT_EQ(second.value().pages[1], first.value().pages[1]);
  EXPECT_EQ(second.value().ocr_pages, (std::vector<int>{1}));
  EXPECT_EQ(second.value().ocr_recognised, 0u);
  EXPECT_EQ(second.value().ocr_cache_hits, 1u);
  EXPECT_EQ(second.value().ocr_confidence, 55);
  EXPECT_EQ(heard, (std::vector<std::string>{"ahead 1", "not read"}));

  // Other settings, or other bytes, are another file's outcome.
  OcrOptions more = options_;
  more.languages = "eng+fra";
  EXPECT_NE(PdfOcrOutcomeKey(bytes, own.value().pages, more), key);
  EXPECT_NE(PdfOcrOutcomeKey(bytes + "\n", own.value().pages, options_), key);
}

TEST_F(OcrTest, ABrokenImageIsCorrupt) {
  // A PNG signature and the start of a header chunk, then nothing sound.
  static constexpr char kBrokenPng[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDRgarbage";
  const auto broken = dir_.Write("broken.png", std::string(kBrokenPng, sizeof kBrokenPng - 1));
  Result<ExtractedDoc> doc = ExtractBytes(broken, archivist::testing::ReadWhole(broken), options_);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, ErrorCode::kCorrupt);
}

// The whole test set (tools/bench/ocr runs it; too slow for every ctest):
// prose pages in five languages, each read upright at 300 and 200 dpi,
// turned 90, 180 and 270 degrees, and speckled, in its own language as a
// folder's manifest would set it. Prints one line per condition.
TEST_F(OcrTest, OcrFullSet) {
  if (std::getenv("ARCHIVIST_OCR_FULL_SET") == nullptr) {
    GTEST_SKIP() << "set ARCHIVIST_OCR_FULL_SET=1 (tools/bench/ocr)";
  }
  struct Source {
    std::string pdf;
    std::string languages;
    std::vector<int> pages;
  };
  const std::vector<Source> sources = {
      {"pdf/debian/project-history.en.pdf", "eng", {4, 5, 7, 8}},
      {"pdf/debian/project-history.pt.pdf", "por", {4, 5, 7, 8}},
      {"pdf/debian/project-history.de.pdf", "deu", {4, 5, 7}},
      {"pdf/texlive-docs/lshort-fr.pdf", "fra", {11, 14, 17}},
      {"pdf/texlive-docs/lshort-nl-1.3.pdf", "nld", {13, 16, 18}},
  };
  struct Condition {
    std::string name;
    int dpi;
    int degrees;
    int speckles;
    double target;
    double skew = 0;  // degrees, clockwise: a sheet fed askew
  };
  const std::vector<Condition> conditions = {
      {"300dpi-upright", 300, 0, 0, 0.95},       {"200dpi-upright", 200, 0, 0, 0.90},
      {"300dpi-rot90", 300, 90, 0, 0.90},        {"300dpi-rot180", 300, 180, 0, 0.90},
      {"300dpi-rot270", 300, 270, 0, 0.90},      {"300dpi-speckled", 300, 0, 300, 0.90},
      {"300dpi-skew1.5", 300, 0, 0, 0.90, 1.5},  {"300dpi-skew-3", 300, 0, 0, 0.90, -3},
  };
  // ARCHIVIST_OCR_CONDITIONS=300dpi-upright,300dpi-skew1.5 runs only those.
  const char* only = std::getenv("ARCHIVIST_OCR_CONDITIONS");
  for (const Condition& condition : conditions) {
    if (only != nullptr && ("," + std::string(only) + ",").find("," + condition.name + ",") ==
                               std::string::npos) {
      continue;
    }
    double sum = 0;
    double lowest = 1;
    int count = 0;
    for (const Source& source : sources) {
      options_.languages = source.languages;
      for (const int page : source.pages) {
        const double recall =
            Recall(source.pdf, page, condition.dpi, condition.degrees, condition.speckles,
                   condition.skew);
        std::printf("  %s %s page %d: %.3f\n", condition.name.c_str(), source.pdf.c_str(), page,
                    recall);
        std::fflush(stdout);
        sum += recall;
        lowest = std::min(lowest, recall);
        ++count;
      }
    }
    const double mean = sum / count;
    std::printf("recall %-16s mean %.3f lowest %.3f over %d pages (target %.2f)\n",
                condition.name.c_str(), mean, lowest, count, condition.target);
    EXPECT_GE(mean, condition.target) << condition.name;
  }
}

TEST(OcrOptionsTest, LanguagesAreCheckedAgainstInstalledData) {
  EXPECT_EQ(CheckOcrLanguages("eng+fra+nld+por+spa+deu"), "");
  EXPECT_NE(CheckOcrLanguages("eng+klingon"), "");
  EXPECT_NE(CheckOcrLanguages("eng+"), "");
  EXPECT_NE(CheckOcrLanguages("../eng"), "");
  EXPECT_EQ(ParseOcrMode("always"), OcrMode::kAlways);
  EXPECT_EQ(ParseOcrMode("sometimes"), std::nullopt);
  EXPECT_EQ(DefaultOcrCacheDir("/srv/index/"), "/srv/index.ocr-cache");
}

TEST(OcrRotationTest, QuarterTurnsComposeToTheOriginal) {
  GrayImage image;
  image.width = 3;
  image.height = 2;
  image.pixels = {1, 2, 3, 4, 5, 6};
  const GrayImage turned = Rotated(image, 90);
  EXPECT_EQ(turned.width, 2);
  EXPECT_EQ(turned.height, 3);
  EXPECT_EQ(turned.pixels, (std::vector<unsigned char>{4, 1, 5, 2, 6, 3}));
  EXPECT_EQ(Rotated(Rotated(image, 90), 270).pixels, image.pixels);
  EXPECT_EQ(Rotated(Rotated(image, 180), 180).pixels, image.pixels);
}

}  // namespace
}  // namespace archivist::extract
