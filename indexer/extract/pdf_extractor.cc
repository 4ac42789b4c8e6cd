// SPDX-License-Identifier: GPL-2.0-or-later
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include "indexer/extract/extractor.h"
#include "indexer/extract/ocr.h"
#include "indexer/extract/pdf_ocr_outcome.h"
#include "indexer/extract/pdf_output_intents.h"
#include "indexer/extract/pdf_page_images.h"
#include "indexer/extract/poppler_messages.h"
#include "indexer/extract/text_cleanup.h"
#include "indexer/extract/titles.h"
#include "indexer/extract/xmp.h"

namespace archivist::extract {
namespace {

std::string ToUtf8(const poppler::ustring& text) {
  const poppler::byte_array bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// PDF info dates arrive as time_t; only the calendar date is kept.
std::string DateOf(time_t when) {
  if (when <= 0) return "";
  std::tm tm{};
  if (!gmtime_r(&when, &tm)) return "";
  char buffer[16];
  if (std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm) == 0) return "";
  return buffer;
}

// Poppler's metadata() hands back the stream's bytes one per code unit (it
// decodes only a stream that starts with a UTF-16 byte order mark). XMP in a
// PDF is UTF-8, so the units below 256 are its bytes; a decoded UTF-16
// packet, with wider units, is converted as is.
std::string XmpPacket(const poppler::document& doc) {
  const poppler::ustring packet = doc.metadata();
  std::string bytes;
  bytes.reserve(packet.size());
  for (const auto unit : packet) {
    if (unit > 0xFF) return ToUtf8(packet);
    bytes += static_cast<char>(unit);
  }
  return bytes;
}

// The Info dictionary comes first (readers show it); XMP fills what it lacks.
void FillFromXmp(const std::string& packet, ExtractedDoc& out) {
  if (packet.empty()) return;
  const XmpFacts xmp = ParseXmp(packet);
  auto fill = [](std::string& field, const std::string& value) {
    if (field.empty()) field = value;
  };
  fill(out.title, xmp.title);
  fill(out.author, xmp.creator);
  fill(out.description, xmp.description);
  fill(out.keywords, xmp.keywords);
  fill(out.date, xmp.created);
  fill(out.modified, xmp.modified);
}

// A complete PDF ends with "%%EOF" (PDF 32000-1, 7.5.5), give or take
// trailing garbage some writers append.
bool EndsWithEofMarker(std::string_view bytes) {
  constexpr std::size_t kTail = 1024;
  const std::string_view tail = bytes.size() > kTail ? bytes.substr(bytes.size() - kTail) : bytes;
  return tail.find("%%EOF") != std::string_view::npos;
}

// A line set this much larger than the page's running text is a title, not
// an emphasis: word processors set titles at 1.5 to 3 times the body size.
constexpr double kMinTitleScale = 1.25;

// Pages searched for the title: a cover may be an image with the title on
// the page after it.
constexpr int kTitlePages = 2;

struct PrintedLine {
  std::string text;
  double size = 0;  // the largest type on the line
  double top = 0;
  double bottom = 0;
  bool space_after = true;  // after its last word
  std::size_t letters = 0;
};

std::size_t CountLetters(std::string_view text) {
  std::size_t letters = 0;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    letters += std::isalpha(u) || u >= 0xC0;  // a multi-byte letter counts once
  }
  return letters;
}

// The page's words gathered into lines: consecutive words whose middle lies
// within the line so far. Type of several sizes shares a line ("LaTeX" is
// set with a smaller, raised "A"; a drop cap opens a title).
std::vector<PrintedLine> LinesOf(const poppler::page& page) {
  std::vector<PrintedLine> lines;
  for (const poppler::text_box& box : page.text_list(poppler::page::text_list_include_font)) {
    const std::string word = ToUtf8(box.text());
    if (word.empty()) continue;
    const double size = box.has_font_info() ? box.get_font_size() : 0;
    const poppler::rectf bbox = box.bbox();
    const double middle = (bbox.top() + bbox.bottom()) / 2;
    if (lines.empty() || middle < lines.back().top || middle > lines.back().bottom) {
      lines.push_back({word, size, bbox.top(), bbox.bottom(), box.has_space_after(), 0});
      continue;
    }
    PrintedLine& line = lines.back();
    if (line.space_after) line.text += ' ';
    line.text += word;
    line.size = std::max(line.size, size);
    line.top = std::min(line.top, bbox.top());
    line.bottom = std::max(line.bottom, bbox.bottom());
    line.space_after = box.has_space_after();
  }
  for (PrintedLine& line : lines) line.letters = CountLetters(line.text);
  return lines;
}

// The title printed on a page: the lines in its largest type (a title may
// take two or three), when that type is well above the running text's.
// Empty when no line stands out.
std::string LargestLine(const poppler::page& page) {
  const std::vector<PrintedLine> lines = LinesOf(page);
  // The running text's size: the one most letters are set in.
  std::vector<std::pair<double, std::size_t>> letters_by_size;
  double largest = 0;
  for (const PrintedLine& line : lines) {
    if (line.letters < 4 || line.size <= 0) continue;  // a drop cap, a page number
    largest = std::max(largest, line.size);
    auto it = std::find_if(letters_by_size.begin(), letters_by_size.end(),
                           [&](const auto& entry) { return std::abs(entry.first - line.size) < 0.5; });
    if (it == letters_by_size.end()) {
      letters_by_size.emplace_back(line.size, line.letters);
    } else {
      it->second += line.letters;
    }
  }
  if (letters_by_size.empty()) return "";
  const double body = std::max_element(letters_by_size.begin(), letters_by_size.end(),
                                       [](const auto& a, const auto& b) { return a.second < b.second; })
                          ->first;
  if (largest < kMinTitleScale * body) return "";
  std::string title;
  int taken = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const bool large = lines[i].size > 0 && std::abs(lines[i].size - largest) <= 0.1 * largest;
    if (!large) {
      if (taken > 0) break;  // the title's lines are consecutive
      continue;
    }
    if (lines[i].letters == 0 && taken == 0) continue;
    if (!title.empty()) title += ' ';
    title += lines[i].text;
    if (++taken == 3) break;
  }
  return ShortenAtWord(title, 300);
}

// Fewer visible characters than this per page on average means the pages
// are images (a scan): the real archive's scanned PDFs give 0 to 5 characters
// in all, its one-page figures 47 and more.
constexpr std::size_t kMinCharsPerPage = 8;

// Which pages OCR reads, and how they are rendered, is decided by the
// constants below and the functions after them: a change to either must
// bump kPdfScanRulesVersion (pdf_ocr_outcome.h), or a stored outcome of
// the old rules would be served.

// A page with fewer visible characters than this has no usable text of its
// own: a scanned page, or a page number or stamp printed over a scan.
constexpr std::size_t kMinUsableCharsPerPage = 32;
// A page with some text of its own, but fewer characters than this, may
// still be a scan: a stamped header, a one-line caption under a scanned
// letter, a page number printed over the image. A page of text holds 1500
// and more, and is never rendered for this test.
constexpr std::size_t kMaxCharsOverAScan = 400;
// ... and it is a scan when this share of it, rendered at 72 dpi, is ink
// outside its own text's boxes: a page of text rendered so is 6% ink all
// told, a table's rules or a page number a fraction of 1%.
constexpr double kMinInkOutsideText = 0.02;
// A rendered page with less ink than this share of its pixels is blank
// (or holds only a page number): nothing for OCR to read.
constexpr double kMinInkShare = 0.002;
// A page is rendered with at most this many pixels, at a lower resolution
// when its size would need more (a poster, a page size gone wrong).
constexpr double kMaxRenderPixels = 60e6;

// The page as gray pixels at `dpi` (lowered for an outsize page), or an
// empty image when Poppler cannot render it.
GrayImage Render(const poppler::page& page, int dpi) {
  const poppler::rectf box = page.page_rect();
  double resolution = dpi;
  const double pixels = box.width() * box.height() * (dpi / 72.0) * (dpi / 72.0);
  if (pixels > kMaxRenderPixels) resolution = dpi * std::sqrt(kMaxRenderPixels / pixels);
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  renderer.set_image_format(poppler::image::format_gray8);
  const poppler::image image = renderer.render_page(&page, resolution, resolution);
  GrayImage out;
  if (!image.is_valid() || image.format() != poppler::image::format_gray8) return out;
  out.width = image.width();
  out.height = image.height();
  out.dpi = static_cast<int>(std::lround(resolution));
  out.pixels.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
  for (int y = 0; y < out.height; ++y) {
    const char* row = image.const_data() + static_cast<std::ptrdiff_t>(y) * image.bytes_per_row();
    std::copy(row, row + out.width,
              reinterpret_cast<char*>(out.pixels.data()) + static_cast<std::size_t>(y) * out.width);
  }
  return out;
}

// Whether `page`, whose text layer holds `own` visible characters, is a
// scan all the same: most of what it shows is not its text (above).
bool MostlyNotItsText(const poppler::page& page, std::size_t own) {
  if (own >= kMaxCharsOverAScan) return false;
  GrayImage image = Render(page, 72);
  if (image.pixels.empty()) return false;
  // Text boxes are in points from the top left, a pixel at 72 dpi.
  for (const poppler::text_box& box : page.text_list()) {
    const poppler::rectf r = box.bbox();
    const int left = std::clamp(static_cast<int>(std::floor(r.left())), 0, image.width);
    const int right = std::clamp(static_cast<int>(std::ceil(r.right())), 0, image.width);
    const int top = std::clamp(static_cast<int>(std::floor(r.top())), 0, image.height);
    const int bottom = std::clamp(static_cast<int>(std::ceil(r.bottom())), 0, image.height);
    for (int y = top; y < bottom; ++y) {
      std::fill_n(image.pixels.begin() + static_cast<std::ptrdiff_t>(y) * image.width + left,
                  right - left, static_cast<unsigned char>(255));
    }
  }
  return InkShare(image) >= kMinInkOutsideText;
}

// A page that is one scanned image is rendered at the image's own
// resolution, within these bounds: an img2pdf page of a 96 dpi image came
// out three times its pixels at 300 dpi (slower to read, and its type
// larger than Tesseract reads best), and below 200 dpi type is too small
// for it; above 400 dpi the pixels cost time and add nothing.
constexpr int kMinScanDpi = 200;
constexpr int kMaxScanDpi = 400;

// The resolution page `page` is rendered at for OCR: its scan's own when it
// is one image filling the page (`images`, its images' pixel sizes), else
// the run's (OcrOptions::dpi).
int RenderDpi(const poppler::page& page, const std::vector<PixelSize>& images,
              const OcrOptions& ocr) {
  const poppler::rectf box = page.page_rect();
  const double scanned = ScanResolution(box.width(), box.height(), images);
  if (scanned <= 0) return ocr.dpi;
  return std::clamp(static_cast<int>(std::lround(scanned)), kMinScanDpi, kMaxScanDpi);
}

// Places page `i`'s OCR words `read` in `text`, the page's own, when they
// hold more (always, in kAlways), and counts them in `stats`.
void PlaceOcrText(std::size_t i, const OcrPageText& read, OcrMode mode, std::string& text,
                  OcrStats& stats) {
  std::string ocr_text = CleanLayoutText(read.text);
  if (mode != OcrMode::kAlways && CountNonSpace(ocr_text) <= CountNonSpace(text)) return;
  text = std::move(ocr_text);
  stats.Add(static_cast<int>(i) + 1, read);
}

// Reads page `i` (0-based) by OCR: blank, or its words; nothing when it
// failed (named in `stats`). `read` tells whether Tesseract read it (not
// the cache, not a blank page).
std::optional<PdfOcrOutcome::Page> ReadScannedPage(poppler::document& doc, const OcrOptions& ocr,
                                                   std::size_t i,
                                                   const std::vector<PixelSize>& images,
                                                   OcrStats& stats, bool& from_cache, bool& read) {
  const std::string number = "page " + std::to_string(i + 1) + ": ";
  std::unique_ptr<poppler::page> page(doc.create_page(static_cast<int>(i)));
  const GrayImage image = page ? Render(*page, RenderDpi(*page, images, ocr)) : GrayImage();
  if (image.pixels.empty()) {
    stats.failures.push_back(number + "cannot render for OCR");
    return std::nullopt;
  }
  if (InkShare(image) < kMinInkShare) return PdfOcrOutcome::Page{i, true, "", 0};
  Result<OcrPageText> result = ReadPageImage(image, ocr);
  if (!result.ok()) {
    stats.failures.push_back(number + result.error().message);
    read = true;  // it took Tesseract's time all the same
    return std::nullopt;
  }
  from_cache = result.value().from_cache;
  read = !from_cache;
  return PdfOcrOutcome::Page{i, false, std::move(result.value().text), result.value().confidence};
}

// Whether any page may be read by OCR: in kMissing, only a page with less
// own text than a page of text holds is ever looked at.
bool AnyPageMayNeedOcr(const std::vector<std::string>& pages, OcrMode mode) {
  if (mode == OcrMode::kAlways) return !pages.empty();
  return std::any_of(pages.begin(), pages.end(), [](const std::string& text) {
    return CountNonSpace(text) < kMaxCharsOverAScan;
  });
}

// The 0-based numbers of the pages OCR should read (OcrOptions::mode): all
// in kAlways; in kMissing those without usable text of their own, or whose
// text is a line over a scan.
std::vector<std::size_t> PagesToRead(poppler::document& doc, const OcrOptions& ocr,
                                     const std::vector<std::string>& pages) {
  std::vector<std::size_t> chosen;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const std::size_t own = CountNonSpace(pages[i]);
    std::unique_ptr<poppler::page> page(doc.create_page(static_cast<int>(i)));
    if (!page) continue;  // damaged: it stays an empty page, as without OCR
    if (ocr.mode != OcrMode::kAlways && own >= kMinUsableCharsPerPage &&
        !MostlyNotItsText(*page, own)) {
      continue;
    }
    chosen.push_back(i);
  }
  return chosen;
}

// Places an outcome stored by an earlier run over the same file, announced
// to the progress line as the pages would have been.
void PlaceKnownOutcome(const PdfOcrOutcome& known, const OcrOptions& ocr,
                       std::vector<std::string>& pages, OcrStats& stats) {
  if (known.pages.empty()) return;
  if (ocr.on_pages_ahead) ocr.on_pages_ahead(known.pages.size());
  for (const PdfOcrOutcome::Page& page : known.pages) {
    if (!page.blank && page.index < pages.size()) {
      PlaceOcrText(page.index, OcrPageText{page.text, page.confidence, true}, ocr.mode,
                   pages[page.index], stats);
    }
    if (ocr.on_page_done) ocr.on_page_done(OcrPageDone{});
  }
}

// Reads by OCR the pages that need it, in place: a page's OCR text replaces
// its text layer when it holds more, and a page that fails stays as it was,
// named in `stats`. The pages to read are counted first and announced
// (OcrOptions::on_pages_ahead), then each is announced as it is done. With
// a cache, a file read before (byte for byte, under the same settings and
// versions) takes its outcome from there, and a file read whole leaves its
// outcome there.
void ReadScannedPages(std::string_view bytes, poppler::document& doc, const OcrOptions& ocr,
                      std::vector<std::string>& pages, OcrStats& stats) {
  if (!AnyPageMayNeedOcr(pages, ocr.mode)) return;
  const std::string key = ocr.cache_dir.empty() ? std::string() : PdfOcrOutcomeKey(bytes, pages, ocr);
  if (!key.empty()) {
    if (const std::optional<PdfOcrOutcome> known = FindPdfOcrOutcome(ocr.cache_dir, key)) {
      PlaceKnownOutcome(*known, ocr, pages, stats);
      return;
    }
  }
  const std::vector<std::size_t> chosen = PagesToRead(doc, ocr, pages);
  if (ocr.on_pages_ahead && !chosen.empty()) ocr.on_pages_ahead(chosen.size());
  const std::vector<std::vector<PixelSize>> images =
      chosen.empty() ? std::vector<std::vector<PixelSize>>() : PageImageSizes(bytes, chosen);
  PdfOcrOutcome outcome;
  bool whole = true;
  for (std::size_t k = 0; k < chosen.size(); ++k) {
    const std::size_t i = chosen[k];
    const auto started = std::chrono::steady_clock::now();
    OcrPageDone done;
    bool from_cache = false;
    std::optional<PdfOcrOutcome::Page> page =
        ReadScannedPage(doc, ocr, i, images[k], stats, from_cache, done.read);
    if (!page) {
      whole = false;
    } else {
      if (!page->blank) {
        PlaceOcrText(i, OcrPageText{page->text, page->confidence, from_cache}, ocr.mode, pages[i],
                     stats);
      }
      outcome.pages.push_back(std::move(*page));
    }
    done.took = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    if (ocr.on_page_done) ocr.on_page_done(done);
  }
  // A failed page (a timeout, a page Poppler cannot render) is tried again
  // by the next run, so nothing is stored for its file.
  if (whole && !key.empty()) StorePdfOcrOutcome(ocr.cache_dir, key, outcome);
}

class PdfExtractor : public Extractor {
 public:
  explicit PdfExtractor(OcrOptions ocr) : ocr_(std::move(ocr)) {}

  Result<ExtractedDoc> Extract(const std::filesystem::path& file,
                               std::string_view bytes) const override {
    if (bytes.empty()) return Error{ErrorCode::kCorrupt, "empty file"};
    // Poppler drops the text of a CID-keyed CJK font whose CMaps are not
    // installed, saying so only through its error callback: heard here, it
    // becomes the document's note instead of silently missing text.
    const PopplerMessageCapture messages;
    // Read without its output intents when it has some
    // (pdf_output_intents.h); `bytes` stays what the file holds, for the
    // truncation check and OCR's images. Poppler reads the copy in place:
    // it outlives the document, declared before it.
    const std::optional<std::string> lighter = WithoutOutputIntents(bytes);
    const std::string_view readable = lighter ? std::string_view(*lighter) : bytes;
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(readable.data(), static_cast<int>(readable.size())));
    if (!doc) return Error{ErrorCode::kCorrupt, "cannot open PDF " + file.filename().string()};
    // Poppler opens an encrypted PDF whose user password is empty by itself;
    // still locked means it needs a password we do not have.
    if (doc->is_locked()) return Error{ErrorCode::kUnsupported, "encrypted PDF"};

    ExtractedDoc out;
    out.format = "pdf";
    out.title = ToUtf8(doc->get_title());
    out.author = ToUtf8(doc->get_author());
    out.description = ToUtf8(doc->get_subject());
    out.keywords = ToUtf8(doc->get_keywords());
    out.date = DateOf(doc->get_creation_date_t());
    out.modified = DateOf(doc->get_modification_date_t());
    FillFromXmp(XmpPacket(*doc), out);
    const int page_count = doc->pages();
    out.pages.reserve(static_cast<std::size_t>(page_count));
    std::size_t visible = 0;
    for (int i = 0; i < page_count; ++i) {
      std::unique_ptr<poppler::page> page(doc->create_page(i));
      // One damaged page must not lose the others; it stays as an empty page
      // so page numbers keep matching the file.
      out.pages.push_back(page ? CleanLayoutText(ToUtf8(page->text(
                                     poppler::rectf(), poppler::page::non_raw_non_physical_layout)))
                               : std::string());
      visible += CountNonSpace(out.pages.back());
    }
    out.no_text_layer =
        visible < kMinCharsPerPage * static_cast<std::size_t>(std::max(page_count, 1));
    // The record builder weighs the Info title against what the first
    // pages print largest (titles.h).
    for (int i = 0; i < std::min(page_count, kTitlePages); ++i) {
      if (CountNonSpace(out.pages[static_cast<std::size_t>(i)]) == 0) continue;
      std::unique_ptr<poppler::page> page(doc->create_page(i));
      if (page) out.heading = LargestLine(*page);
      break;  // the first page with text is the one that names the document
    }
    // Poppler rebuilds the cross-reference table of a cut-off file and
    // returns its pages empty; without text, that is damage, not a scan.
    // (A cut-off file whose surviving pages have text is indexed for them.)
    if (out.no_text_layer && !EndsWithEofMarker(bytes)) {
      return Error{ErrorCode::kCorrupt, "truncated PDF"};
    }
    out.note = messages.Note();
    if (ocr_.mode != OcrMode::kOff) {
      OcrStats stats;
      ReadScannedPages(bytes, *doc, ocr_, out.pages, stats);
      stats.ApplyTo(out);
      if (!stats.pages.empty()) {
        visible = 0;
        for (const std::string& page : out.pages) visible += CountNonSpace(page);
        out.no_text_layer =
            visible < kMinCharsPerPage * static_cast<std::size_t>(std::max(page_count, 1));
      }
      if (const std::string failed = stats.Note(); !failed.empty()) {
        out.note += (out.note.empty() ? "" : "; ") + failed;
      }
    }
    return out;
  }

 private:
  OcrOptions ocr_;
};

}  // namespace

bool SetPopplerDataDir(const std::string& dir) { return poppler::set_data_dir(dir); }

std::unique_ptr<Extractor> NewPdfExtractor() { return std::make_unique<PdfExtractor>(OcrOptions{}); }

std::unique_ptr<Extractor> NewPdfExtractor(const OcrOptions& ocr) {
  return std::make_unique<PdfExtractor>(ocr);
}

}  // namespace archivist::extract
