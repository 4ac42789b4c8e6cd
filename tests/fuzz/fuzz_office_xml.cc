// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes the XML inside DOCX and ODT files: the input becomes the parts of
// a valid zip made here, in memory, so every mutation reaches the office
// extractor's XML readers. fuzz_office feeds whole files, and almost all
// of its mutations break the zip, which libzip (not instrumented, so no
// coverage signal from inside it) refuses before any XML is read.
//
// The input is up to three parts separated by NUL bytes: the body, the
// styles and the metadata. Each input is read twice, as a DOCX
// (word/document.xml, word/styles.xml, docProps/core.xml) and as an ODT
// (content.xml, meta.xml; ODT keeps its styles elsewhere, unread).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <zip.h>

#include "indexer/extract/extractor.h"
#include "tests/fuzz/extraction.h"

namespace {

struct ZipDeleter {
  void operator()(zip_t* zip) const { zip_discard(zip); }
};
struct SourceDeleter {
  void operator()(zip_source_t* source) const { zip_source_free(source); }
};

using Entries = std::vector<std::pair<const char*, std::string_view>>;

// A zip of `entries`, stored (not deflated: deflating is libzip's work,
// not the extractor's, and would take most of each input's time).
std::string MakeZip(const Entries& entries) {
  zip_error_t error;
  zip_error_init(&error);
  std::unique_ptr<zip_source_t, SourceDeleter> buffer(
      zip_source_buffer_create(nullptr, 0, 0, &error));
  if (!buffer) archivist::fuzz::Fail("libzip: no memory source");
  zip_source_keep(buffer.get());  // kept past zip_close, to read the archive back
  std::unique_ptr<zip_t, ZipDeleter> zip(
      zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error));
  if (!zip) archivist::fuzz::Fail("libzip: cannot open a zip in memory");
  for (const auto& [name, bytes] : entries) {
    zip_source_t* part = zip_source_buffer(zip.get(), bytes.data(), bytes.size(), 0);
    const zip_int64_t index =
        part ? zip_file_add(zip.get(), name, part, ZIP_FL_ENC_UTF_8) : -1;
    if (index < 0) {
      if (part) zip_source_free(part);
      archivist::fuzz::Fail("libzip: cannot add a part");
    }
    zip_set_file_compression(zip.get(), static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }
  if (zip_close(zip.get()) != 0) archivist::fuzz::Fail("libzip: cannot write the zip");
  (void)zip.release();  // zip_close freed it

  std::string out;
  zip_stat_t stat;
  if (zip_source_stat(buffer.get(), &stat) != 0 || !(stat.valid & ZIP_STAT_SIZE) ||
      zip_source_open(buffer.get()) != 0) {
    archivist::fuzz::Fail("libzip: cannot read the zip back");
  }
  out.resize(stat.size);
  const zip_int64_t read = zip_source_read(buffer.get(), out.data(), stat.size);
  zip_source_close(buffer.get());
  if (read != static_cast<zip_int64_t>(stat.size)) archivist::fuzz::Fail("libzip: short read");
  return out;
}

// The input's NUL-separated parts, the missing ones empty.
std::vector<std::string_view> Parts(std::string_view input, std::size_t count) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < count) {
    const std::size_t nul = input.find('\0');
    if (nul == std::string_view::npos) break;
    parts.push_back(input.substr(0, nul));
    input.remove_prefix(nul + 1);
  }
  parts.push_back(input);
  parts.resize(count);
  return parts;
}

void Check(const archivist::extract::Extractor& extractor, const Entries& entries,
           std::string_view format) {
  const std::string zip = MakeZip(entries);
  const archivist::Result<archivist::extract::ExtractedDoc> extracted =
      extractor.Extract("/archive/folder/report", zip);
  archivist::fuzz::CheckExtraction(extracted);
  // The container is sound, so the only refusal left is the XML's.
  if (extracted.ok() ? extracted.value().format != format
                     : extracted.error().message.find("unparsable") != 0) {
    archivist::fuzz::Fail("a sound office container was not read as one");
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) { return archivist::fuzz::InitExtraction(); }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::unique_ptr<archivist::extract::Extractor> extractor =
      archivist::extract::NewOfficeExtractor();
  const std::vector<std::string_view> parts =
      Parts(std::string_view(reinterpret_cast<const char*>(data), size), 3);
  Entries docx = {{"word/document.xml", parts[0]}};
  if (!parts[1].empty()) docx.emplace_back("word/styles.xml", parts[1]);
  if (!parts[2].empty()) docx.emplace_back("docProps/core.xml", parts[2]);
  Check(*extractor, docx, "docx");
  Entries odt = {{"mimetype", "application/vnd.oasis.opendocument.text"}, {"content.xml", parts[0]}};
  if (!parts[2].empty()) odt.emplace_back("meta.xml", parts[2]);
  Check(*extractor, odt, "odt");
  return 0;
}
