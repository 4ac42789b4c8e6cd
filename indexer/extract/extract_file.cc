// SPDX-License-Identifier: GPL-2.0-or-later
#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <string>

#include "indexer/extract/extractor.h"

namespace archivist::extract {
namespace {

// Files above this size are not read at all in this in-process extractor.
constexpr std::uintmax_t kMaxFileBytes = 256ull * 1024 * 1024;

std::string LowerExtension(const std::filesystem::path& file) {
  std::string ext = file.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

bool StartsWith(std::string_view bytes, std::string_view prefix) {
  return bytes.substr(0, prefix.size()) == prefix;
}

std::string_view SkipBomAndSpace(std::string_view bytes) {
  if (StartsWith(bytes, "\xEF\xBB\xBF")) bytes.remove_prefix(3);
  while (!bytes.empty() && std::isspace(static_cast<unsigned char>(bytes.front()))) {
    bytes.remove_prefix(1);
  }
  return bytes;
}

bool LooksBinary(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, 4096);
  return head.find('\0') != std::string_view::npos;
}

// Whether `bytes` read as plain text: the first 4 KiB valid UTF-8 (a
// sequence cut by the 4 KiB end allowed), without NUL, and hardly any other
// control character (a tab, a line or page break, a carriage return are
// text). For files whose name says nothing (README, TODO, copyright).
bool LooksLikeText(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, 4096);
  std::size_t controls = 0;
  for (std::size_t i = 0; i < head.size();) {
    const auto c = static_cast<unsigned char>(head[i]);
    if (c < 0x80) {
      if (c == 0) return false;
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') ++controls;
      ++i;
      continue;
    }
    const std::size_t length = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (length == 0 || (c >= 0xF0 && length != 4)) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if (i + k == head.size()) return bytes.size() > head.size();  // cut at the 4 KiB end
      if ((static_cast<unsigned char>(head[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return !head.empty() && controls * 100 <= head.size();
}

enum class Kind { kPdf, kZip, kImage, kHtml, kXml, kText, kCsv, kUnsupported };

// Content first: a PDF named .txt is a PDF, and random bytes named .pdf are not.
Kind Sniff(const std::filesystem::path& file, std::string_view bytes) {
  if (StartsWith(bytes, "%PDF-")) return Kind::kPdf;
  // DOCX and ODT are zips; which one (if either) only the entries tell.
  if (StartsWith(bytes, "PK\x03\x04")) return Kind::kZip;
  // PNG, JPEG, TIFF (either byte order): the images OCR reads.
  if (StartsWith(bytes, "\x89PNG\r\n\x1a\n") || StartsWith(bytes, "\xFF\xD8\xFF") ||
      StartsWith(bytes, std::string_view("II*\0", 4)) ||
      StartsWith(bytes, std::string_view("MM\0*", 4))) {
    return Kind::kImage;
  }
  const std::string ext = LowerExtension(file);
  // Named .pdf without the magic: let Poppler decide and report why it fails.
  if (ext == ".pdf") return Kind::kPdf;
  if (LooksBinary(bytes)) return Kind::kUnsupported;
  const std::string_view head = SkipBomAndSpace(bytes.substr(0, 1024));
  std::string lower_head(head.substr(0, 256));
  for (char& c : lower_head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml" ||
      StartsWith(lower_head, "<!doctype html") || StartsWith(lower_head, "<html")) {
    return Kind::kHtml;
  }
  if (ext == ".xml" || StartsWith(lower_head, "<?xml")) return Kind::kXml;
  if (ext == ".txt" || ext == ".md" || ext == ".markdown" || ext == ".text") return Kind::kText;
  if (ext == ".csv") return Kind::kCsv;
  // No extension at all: a README, TODO, NEWS or copyright file is text if
  // its bytes are. (A file named with an extension we do not know, a
  // .tsv say, stays unsupported: its name says it is something else.)
  if (file.extension().empty() && LooksLikeText(bytes)) return Kind::kText;
  return Kind::kUnsupported;
}

}  // namespace

Result<std::string> ReadFileBytes(const std::filesystem::path& file) {
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(file, ec);
  if (ec) return Error{ErrorCode::kNotFound, "cannot stat " + file.string() + ": " + ec.message()};
  if (size > kMaxFileBytes) {
    return Error{ErrorCode::kUnsupported, "file too large (" + std::to_string(size) + " bytes)"};
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return Error{ErrorCode::kNotFound, "cannot open " + file.string()};
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Error{ErrorCode::kNotFound, "cannot read " + file.string()};
  return bytes;
}

Result<ExtractedDoc> ExtractBytes(const std::filesystem::path& file, std::string_view bytes) {
  return ExtractBytes(file, bytes, OcrOptions{});
}

Result<ExtractedDoc> ExtractBytes(const std::filesystem::path& file, std::string_view bytes,
                                  const OcrOptions& ocr) {
  switch (Sniff(file, bytes)) {
    case Kind::kPdf: return NewPdfExtractor(ocr)->Extract(file, bytes);
    case Kind::kImage:
      // Without OCR an image holds nothing to search: skipped, as before OCR.
      if (ocr.mode == OcrMode::kOff) return Error{ErrorCode::kUnsupported, "unsupported type"};
      return NewImageExtractor(ocr)->Extract(file, bytes);
    case Kind::kZip: return NewOfficeExtractor()->Extract(file, bytes);
    case Kind::kHtml: return NewHtmlExtractor()->Extract(file, bytes);
    case Kind::kXml: return NewXmlExtractor()->Extract(file, bytes);
    case Kind::kText: return NewTextExtractor()->Extract(file, bytes);
    case Kind::kCsv: {
      // A table's cells are its text: searchable as such, typed as data.
      Result<ExtractedDoc> doc = NewTextExtractor()->Extract(file, bytes);
      if (!doc.ok()) return doc;
      ExtractedDoc table = doc.value();
      table.format = "csv";
      // Its first line is a header row ("countryname,iso,year"), not a
      // title: the record builder names a table by its file.
      table.title.clear();
      table.heading.clear();
      return table;
    }
    case Kind::kUnsupported: break;
  }
  return Error{ErrorCode::kUnsupported, "unsupported type"};
}

Result<ExtractedDoc> ExtractFile(const std::filesystem::path& file) {
  Result<std::string> bytes = ReadFileBytes(file);
  if (!bytes.ok()) return bytes.error();
  return ExtractBytes(file, bytes.value());
}

}  // namespace archivist::extract
