// SPDX-License-Identifier: GPL-2.0-or-later
#include <algorithm>
#include <ctime>
#include <memory>
#include <string>

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include "indexer/extract/extractor.h"
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

// Fewer visible characters than this per page on average means the pages
// are images (a scan): the real archive's scanned PDFs give 0 to 5 characters
// in all, its one-page figures 47 and more.
constexpr std::size_t kMinCharsPerPage = 8;

class PdfExtractor : public Extractor {
 public:
  Result<ExtractedDoc> Extract(const std::filesystem::path& file,
                               std::string_view bytes) const override {
    if (bytes.empty()) return Error{ErrorCode::kCorrupt, "empty file"};
    // Poppler drops the text of a CID-keyed CJK font whose CMaps are not
    // installed, saying so only through its error callback: heard here, it
    // becomes the document's note instead of silently missing text.
    const PopplerMessageCapture messages;
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
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
    // A template's leftover ("COVER PAGE", "IV") gives way to the first
    // page's opening lines; an empty title is left to the file name.
    if (!out.title.empty() && IsPlaceholderTitle(out.title) && !out.pages.empty()) {
      if (std::string opening = TitleFromOpening(out.pages.front()); !opening.empty()) {
        out.title = std::move(opening);
      }
    }
    // Poppler rebuilds the cross-reference table of a cut-off file and
    // returns its pages empty; without text, that is damage, not a scan.
    // (A cut-off file whose surviving pages have text is indexed for them.)
    if (out.no_text_layer && !EndsWithEofMarker(bytes)) {
      return Error{ErrorCode::kCorrupt, "truncated PDF"};
    }
    out.note = messages.Note();
    return out;
  }
};

}  // namespace

bool SetPopplerDataDir(const std::string& dir) { return poppler::set_data_dir(dir); }

std::unique_ptr<Extractor> NewPdfExtractor() { return std::make_unique<PdfExtractor>(); }

}  // namespace archivist::extract
