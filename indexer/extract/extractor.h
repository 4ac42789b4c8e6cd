// SPDX-License-Identifier: GPL-2.0-or-later
// Turning one file into text and metadata. One interface, one implementation
// per format, chosen by content sniffing (then by file name) in ExtractFile().
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "indexer/extract/ocr.h"

namespace archivist::extract {

// What a file says about itself. Every string is UTF-8; empty means unknown.
struct ExtractedDoc {
  std::string format;    // "pdf", "html", "xml", "text", "docx", "odt"
  // The title the file's metadata gives (a PDF's Info or XMP title, an
  // HTML <title>, front matter), as it is: the record builder judges it.
  std::string title;
  // The text's own first heading (an HTML h1, a Markdown "#" line, the
  // largest line of a PDF's first page, a DOCX paragraph styled as a title
  // or heading, an ODT text:h); empty when it has none.
  std::string heading;
  std::string language;  // as declared by the file (lang, xml:lang), not detected
  std::string date;      // "YYYY-MM-DD", "YYYY-MM" or "YYYY" from file metadata
  std::string modified;  // last modification date, same forms as `date`
  std::string author;
  std::string description;
  std::string keywords;  // as the file lists them, e.g. "trafficking, Brazil"
  // A paged document whose pages hold no text (a scan): it is indexed by its
  // metadata and reported, so it can be found and OCR'd later.
  bool no_text_layer = false;
  // What the extractor could not keep, for a person to know (a page cut at
  // the parser's nesting limit, CJK text Poppler could not read without
  // poppler-data); empty when nothing was lost. The file is
  // indexed all the same, and reported with this note.
  std::string note;
  // The text, one entry per page for paged formats, a single entry otherwise.
  std::vector<std::string> pages;
  // The running text the language is decided on, when it is not all of
  // `pages`: a web page's paragraphs without its headings and code blocks.
  // Empty means the pages themselves.
  std::string prose;
  // The text that says what a web page is about, when its text (`pages`)
  // holds more: what is left once teaser lists for other pages ("related
  // stories", a topic page's headlines with their summaries) are out as
  // well as the furniture. A page that is mostly such lists keeps them in
  // its text, to be found by them, but its countries are not theirs.
  // None means the pages themselves; an empty one, a page with no text of
  // its own (a list of petitions, an error page over a list of stories).
  std::optional<std::string> subject;
  // The furniture left out of a web page's text (menus, banners): the
  // language of the site around the article, which a page translated in
  // part shares with its translated paragraphs.
  std::string frame;
  // The editions of this page in other languages it declares (an HTML
  // page's hreflang alternates, extract/hreflang.h), as written.
  std::vector<std::string> alternates;
  // The host of a web page's own address ("www.fbi.gov"), lower case: its
  // canonical link, og:url or base href, else the host most of its absolute
  // links point to (a site's menus link home). Empty when unknown.
  std::string site;
  // The pages whose text came from OCR (1-based) and Tesseract's mean
  // confidence over them (0-100); empty and 0 when none did.
  std::vector<int> ocr_pages;
  int ocr_confidence = 0;
  // Of those, the pages Tesseract read in this extraction and those found
  // in the OCR cache: what the run's summary counts.
  std::size_t ocr_recognised = 0;
  std::size_t ocr_cache_hits = 0;
};

// Extracts one file of one format.
//
// Thread safety: Extract() may run on many threads at once, each on its own file.
// Errors: problems with the file itself (damaged, encrypted, not this format)
// come back as an Error; nothing is thrown for them, because one bad file must
// not stop a crawl.
class Extractor {
 public:
  virtual ~Extractor() = default;
  virtual Result<ExtractedDoc> Extract(const std::filesystem::path& file,
                                       std::string_view bytes) const = 0;
};

// Factories keep Poppler and libxml2 headers out of every other file.
std::unique_ptr<Extractor> NewPdfExtractor();
// A PDF whose pages without text (or, with OcrMode::kAlways, all of them)
// are read by OCR.
std::unique_ptr<Extractor> NewPdfExtractor(const OcrOptions& ocr);
// PNG, JPEG and TIFF (every page), read by OCR; kCorrupt for an image that
// cannot be decoded, kUnsupported for one too large to be a page.
std::unique_ptr<Extractor> NewImageExtractor(const OcrOptions& ocr);
std::unique_ptr<Extractor> NewHtmlExtractor();
std::unique_ptr<Extractor> NewXmlExtractor();
std::unique_ptr<Extractor> NewTextExtractor();
// DOCX and ODT; any other zip is kUnsupported "unsupported type".
std::unique_ptr<Extractor> NewOfficeExtractor();

// Reads a whole file. kNotFound when it cannot be read, kUnsupported when it
// is larger than the indexer takes.
Result<std::string> ReadFileBytes(const std::filesystem::path& file);

// Picks the extractor the content of `bytes` (read from `file`) calls for and
// runs it. kUnsupported for a type we do not index; kCorrupt or kUnsupported
// from the extractor for a file it cannot read. With `ocr` (its mode other
// than kOff), image files are read and scanned pages too.
Result<ExtractedDoc> ExtractBytes(const std::filesystem::path& file, std::string_view bytes);
Result<ExtractedDoc> ExtractBytes(const std::filesystem::path& file, std::string_view bytes,
                                  const OcrOptions& ocr);

// ReadFileBytes, then ExtractBytes.
Result<ExtractedDoc> ExtractFile(const std::filesystem::path& file);

// Routes library diagnostics (Poppler's error callback, libxml2's generic
// error handler) into the project log at debug level, and Poppler's missing
// language packs to the PDF being extracted (poppler_messages.h). Call once
// from main() (and in each extraction worker).
void InitExtractors();

}  // namespace archivist::extract
