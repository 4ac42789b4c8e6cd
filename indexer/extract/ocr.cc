// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/extract/ocr.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>

#include "indexer/extract/extractor.h"
#include "indexer/extract/ocr_cache.h"
#include "indexer/extract/ocr_deskew.h"
#include "indexer/extract/ocr_leaders.h"
#include "indexer/extract/ocr_pix.h"

namespace archivist::extract {
namespace {

// Bumped whenever what we hand Tesseract changes (rendering, orientation,
// settings), so that the cache never serves a result the new pipeline
// would not give.
// 2: deskewed, dot leaders erased; 3: speckles are no leader dots, the
// page's resolution given to Tesseract's every stage.
constexpr std::string_view kPipelineVersion = "archivist-ocr/3";

// A pixel darker than this is ink (Tesseract binarises by Otsu; this is
// only the blank-page test).
constexpr unsigned char kInkLevel = 160;

// Tesseract's OSD calls an orientation "reasonably confident" from 15
// (baseapi.h); below that a page is read as it is.
constexpr float kMinOrientationConfidence = 2.0F;

// Where Debian's tesseract-ocr-* packages put their models, unless the
// environment says otherwise (Tesseract's own rule).
std::string TessdataDir() {
  if (const char* prefix = std::getenv("TESSDATA_PREFIX"); prefix && *prefix) return prefix;
  return "/usr/share/tesseract-ocr/5/tessdata";
}

using Engine = std::unique_ptr<tesseract::TessBaseAPI>;

// One engine per thread and language set, loaded on first use: the models
// (several MB per language) take longer to load than a page takes to read.
// Thread-local, as a TessBaseAPI must not be shared between threads.
tesseract::TessBaseAPI* EngineFor(const std::string& languages) {
  thread_local std::map<std::string, Engine> engines;
  auto it = engines.find(languages);
  if (it != engines.end()) return it->second.get();
  auto engine = std::make_unique<tesseract::TessBaseAPI>();
  const std::string dir = TessdataDir();
  // The orientation model is of the older engine; text is read by LSTM.
  const tesseract::OcrEngineMode mode =
      languages == "osd" ? tesseract::OEM_TESSERACT_ONLY : tesseract::OEM_LSTM_ONLY;
  if (engine->Init(dir.c_str(), languages.c_str(), mode) != 0) {
    return nullptr;
  }
  engine->SetPageSegMode(tesseract::PSM_AUTO);
  return engines.emplace(languages, std::move(engine)).first->second.get();
}

// Tesseract believes a resolution in this range (kMinCredibleResolution,
// kMaxCredibleResolution in its source).
constexpr int kMinCredibleDpi = 70;
constexpr int kMaxCredibleDpi = 2400;
// An image that does not say its resolution is taken for a page of A4 or
// Letter, whose long side is about 11 inches: a photographed or scanned
// page, the only kind worth reading.
constexpr double kPageLongSideInches = 11;

// The resolution Tesseract is told `image` has: its own when credible,
// else guessed from its size as a page's. Without one, Tesseract warned
// "Invalid resolution 0 dpi" on every page (its orientation detection reads
// the resolution from the image itself, not from SetSourceResolution).
int ResolutionOf(const GrayImage& image) {
  if (image.dpi >= kMinCredibleDpi && image.dpi <= kMaxCredibleDpi) return image.dpi;
  const int long_side = std::max(image.width, image.height);
  return std::clamp(static_cast<int>(std::lround(long_side / kPageLongSideInches)), kMinCredibleDpi,
                    kMaxCredibleDpi);
}

// Orientation is told as well at half of 300 dpi, for a quarter of the
// pixels: measured under load, OSD took 1.15 s of CPU on a 300 dpi page,
// near what reading it in English takes.
constexpr int kMinDpiToHalveForOrientation = 250;

// `image` at half its size, each pixel the mean of four.
GrayImage Halved(const GrayImage& image) {
  GrayImage out;
  out.width = image.width / 2;
  out.height = image.height / 2;
  out.dpi = image.dpi / 2;
  out.pixels.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
  const auto w = static_cast<std::size_t>(image.width);
  for (std::size_t y = 0; y < static_cast<std::size_t>(out.height); ++y) {
    const unsigned char* top = image.pixels.data() + 2 * y * w;
    const unsigned char* bottom = top + w;
    for (std::size_t x = 0; x < static_cast<std::size_t>(out.width); ++x) {
      out.pixels[y * static_cast<std::size_t>(out.width) + x] = static_cast<unsigned char>(
          (top[2 * x] + top[2 * x + 1] + bottom[2 * x] + bottom[2 * x + 1] + 2) / 4);
    }
  }
  return out;
}

// The page's clockwise rotation as scanned (0, 90, 180, 270), from
// Tesseract's orientation and script detection; 0 when it cannot tell
// (too little text, or no osd.traineddata).
int DetectRotation(const GrayImage& page) {
  const bool halve = page.dpi >= kMinDpiToHalveForOrientation;
  const GrayImage halved = halve ? Halved(page) : GrayImage();
  const GrayImage& image = halve ? halved : page;
  tesseract::TessBaseAPI* osd = EngineFor("osd");
  if (!osd) return 0;
  const PixPtr pix = ToPix(image, image.dpi);
  if (!pix) return 0;
  osd->SetPageSegMode(tesseract::PSM_OSD_ONLY);
  osd->SetImage(pix.get());
  osd->SetSourceResolution(image.dpi);
  int degrees = 0;
  float confidence = 0;
  const char* script = nullptr;
  float script_confidence = 0;
  const bool found =
      osd->DetectOrientationScript(&degrees, &confidence, &script, &script_confidence);
  osd->Clear();
  if (!found || confidence < kMinOrientationConfidence) return 0;
  return degrees;
}

// The CPU time this thread has used: a page's budget is counted in it, so a
// busy machine (other workers, other programs) does not fail pages that
// would read in time on an idle one; a page stuck in a loop still burns
// through it. The pool's wall-clock limit stays the backstop.
std::chrono::milliseconds ThreadCpuTime() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return std::chrono::milliseconds(static_cast<long long>(now.tv_sec) * 1000 +
                                   now.tv_nsec / 1'000'000);
}

struct CpuDeadline {
  std::chrono::milliseconds at;
  bool exceeded = false;
};

// Tesseract's cancel callback (ocrclass.h), asked between words.
bool PastCpuDeadline(void* deadline, int /*words*/) {
  auto* d = static_cast<CpuDeadline*>(deadline);
  d->exceeded = d->exceeded || ThreadCpuTime() > d->at;
  return d->exceeded;
}

std::string TimedOutMessage(std::chrono::milliseconds budget) {
  const long long ms = budget.count();
  if (ms % 1000 == 0) return "OCR timed out after " + std::to_string(ms / 1000) + "s";
  return "OCR timed out after " + std::to_string(ms) + "ms";
}

Result<OcrPageText> Recognise(const GrayImage& page, const OcrOptions& options) {
  tesseract::TessBaseAPI* engine = EngineFor(options.languages);
  if (!engine) {
    return Error{ErrorCode::kInternal,
                 "cannot start Tesseract for languages '" + options.languages + "'"};
  }
  const std::chrono::milliseconds started = ThreadCpuTime();
  GrayImage image = page;
  image.dpi = ResolutionOf(page);
  const int rotation = DetectRotation(image);
  // Tesseract reports how the page was turned; turning it back makes it upright.
  // Then straightened (a sheet fed a few degrees askew loses whole lines
  // otherwise) and cleared of dot leaders (ocr_leaders.h).
  image = Deskewed(Rotated(image, (360 - rotation) % 360));
  EraseDotLeaders(image);
  // The resolution goes with the image itself: Tesseract's stages read it
  // from there, SetSourceResolution alone reaches only its thresholder.
  const PixPtr pix = ToPix(image, image.dpi);
  if (!pix) return Error{ErrorCode::kInternal, "out of memory for the page image"};
  engine->SetImage(pix.get());
  engine->SetSourceResolution(image.dpi);
  // The per-page budget, in CPU time from the page's start (orientation
  // included): Tesseract asks the monitor's cancel callback between words
  // and gives up (ocrclass.h), so one bad page fails alone.
  CpuDeadline deadline{started + options.page_budget};
  tesseract::ETEXT_DESC monitor;
  monitor.cancel = &PastCpuDeadline;
  monitor.cancel_this = &deadline;
  if (engine->Recognize(&monitor) != 0 || deadline.exceeded) {
    engine->Clear();
    return Error{ErrorCode::kInternal, TimedOutMessage(options.page_budget)};
  }
  OcrPageText out;
  const std::unique_ptr<char[]> text(engine->GetUTF8Text());
  if (text) out.text = text.get();
  out.confidence = std::clamp(engine->MeanTextConf(), 0, 100);
  engine->Clear();
  return out;
}

}  // namespace

std::string_view ToString(OcrMode mode) {
  switch (mode) {
    case OcrMode::kOff: return "off";
    case OcrMode::kMissing: return "missing";
    case OcrMode::kAlways: return "always";
  }
  return "off";
}

std::optional<OcrMode> ParseOcrMode(std::string_view text) {
  for (OcrMode mode : {OcrMode::kOff, OcrMode::kMissing, OcrMode::kAlways}) {
    if (text == ToString(mode)) return mode;
  }
  return std::nullopt;
}

std::string CheckOcrLanguages(std::string_view languages) {
  if (languages.empty()) return "no OCR language given";
  const std::filesystem::path dir = TessdataDir();
  std::size_t start = 0;
  while (start <= languages.size()) {
    const std::size_t plus = std::min(languages.find('+', start), languages.size());
    const std::string_view name = languages.substr(start, plus - start);
    const bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    });
    if (!plain) return "bad OCR language name '" + std::string(name) + "'";
    std::error_code ec;
    if (!std::filesystem::exists(dir / (std::string(name) + ".traineddata"), ec)) {
      return "no Tesseract language data for '" + std::string(name) + "' in " + dir.string() +
             " (Debian: tesseract-ocr-" + std::string(name) + ")";
    }
    start = plus + 1;
  }
  return "";
}

double InkShare(const GrayImage& image) {
  if (image.pixels.empty()) return 0;
  const auto dark = std::count_if(image.pixels.begin(), image.pixels.end(),
                                  [](unsigned char p) { return p < kInkLevel; });
  return static_cast<double>(dark) / static_cast<double>(image.pixels.size());
}

GrayImage Rotated(const GrayImage& image, int degrees) {
  degrees = ((degrees % 360) + 360) % 360;
  if (degrees == 0) return image;
  GrayImage out;
  out.dpi = image.dpi;
  const bool quarter = degrees != 180;
  out.width = quarter ? image.height : image.width;
  out.height = quarter ? image.width : image.height;
  out.pixels.resize(image.pixels.size());
  const auto w = static_cast<std::size_t>(image.width);
  const auto h = static_cast<std::size_t>(image.height);
  const auto ow = static_cast<std::size_t>(out.width);
  for (std::size_t y = 0; y < h; ++y) {
    for (std::size_t x = 0; x < w; ++x) {
      std::size_t nx = 0;  // every branch below sets both
      std::size_t ny = 0;
      if (degrees == 90) {  // clockwise: the left column becomes the top row
        nx = h - 1 - y;
        ny = x;
      } else if (degrees == 180) {
        nx = w - 1 - x;
        ny = h - 1 - y;
      } else {  // 270
        nx = y;
        ny = w - 1 - x;
      }
      out.pixels[ny * ow + nx] = image.pixels[y * w + x];
    }
  }
  return out;
}

std::string OcrEngineVersion() {
  return std::string(kPipelineVersion) + " tesseract/" + tesseract::TessBaseAPI::Version();
}

Result<OcrPageText> ReadPageImage(const GrayImage& image, const OcrOptions& options) {
  if (image.width <= 0 || image.height <= 0 ||
      image.pixels.size() != static_cast<std::size_t>(image.width) *
                                 static_cast<std::size_t>(image.height)) {
    return Error{ErrorCode::kCorrupt, "empty page image"};
  }
  const OcrCache cache(options.cache_dir);
  const std::string key = options.cache_dir.empty()
                              ? std::string()
                              : OcrCacheKey(image.width, image.height,
                                            std::string_view(reinterpret_cast<const char*>(
                                                                 image.pixels.data()),
                                                             image.pixels.size()),
                                            options.languages, OcrEngineVersion());
  if (!key.empty()) {
    if (std::optional<CachedOcrPage> hit = cache.Find(key)) {
      return OcrPageText{std::move(hit->text), hit->confidence, true};
    }
  }
  if (options.on_page) options.on_page();
  Result<OcrPageText> read = Recognise(image, options);
  // A timed-out page is not stored: a later run with a larger budget may read it.
  if (read.ok() && !key.empty()) cache.Store(key, {read.value().text, read.value().confidence});
  return read;
}

void OcrStats::Add(int number, const OcrPageText& page) {
  pages.push_back(number);
  confidence_sum += page.confidence;
  if (page.from_cache) {
    ++cache_hits;
  } else {
    ++recognised;
  }
}

std::string OcrStats::Note() const {
  std::string note;
  for (const std::string& failure : failures) {
    if (!note.empty()) note += "; ";
    note += failure;
  }
  return note;
}

void OcrStats::ApplyTo(ExtractedDoc& doc) const {
  doc.ocr_pages = pages;
  doc.ocr_confidence =
      pages.empty() ? 0
                    : static_cast<int>((confidence_sum + static_cast<long long>(pages.size()) / 2) /
                                       static_cast<long long>(pages.size()));
  doc.ocr_recognised = recognised;
  doc.ocr_cache_hits = cache_hits;
}

}  // namespace archivist::extract
