// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes what the indexer does with a document once an extractor has read
// it (pipeline.h): the record built with language detection, dates,
// countries, topics and type, its JSON round trip, the analysis into a
// Xapian document. Every extractor's output ends here; it is fuzzed once,
// on documents made from the input, rather than behind every parser.
//
// The input is the document's fields separated by NUL bytes, in the order
// of kFields below: its text first (pages separated by form feeds), so
// that any text file is a seed as it is. A field that is not UTF-8 is read
// as ToUtf8 reads it (extractors promise UTF-8: extraction.h checks that).
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/extract/charset.h"
#include "indexer/extract/extractor.h"
#include "tests/fuzz/extraction.h"
#include "tests/fuzz/pipeline.h"

namespace {

using archivist::extract::ExtractedDoc;

// The fields after the text, in input order.
constexpr std::array kFields = {&ExtractedDoc::title,    &ExtractedDoc::heading,
                                &ExtractedDoc::language, &ExtractedDoc::date,
                                &ExtractedDoc::modified, &ExtractedDoc::author,
                                &ExtractedDoc::description, &ExtractedDoc::keywords,
                                &ExtractedDoc::prose,    &ExtractedDoc::frame,
                                &ExtractedDoc::site};

// The formats the record builder tells apart; the last field picks one.
constexpr std::array<std::string_view, 6> kFormats = {"text", "html", "pdf", "xml", "docx", "odt"};

std::vector<std::string> Split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  for (;;) {
    const std::size_t at = text.find(separator);
    parts.emplace_back(text.substr(0, at));
    if (at == std::string_view::npos) return parts;
    text.remove_prefix(at + 1);
  }
}

ExtractedDoc DocumentFrom(std::string_view input) {
  std::vector<std::string> fields = Split(input, '\0');
  for (std::string& field : fields) field = archivist::extract::ToUtf8(field);
  ExtractedDoc doc;
  doc.pages = Split(fields[0], '\f');
  for (std::size_t i = 0; i < kFields.size() && i + 1 < fields.size(); ++i) {
    doc.*kFields[i] = std::move(fields[i + 1]);
  }
  const std::size_t format_field = kFields.size() + 1;
  doc.format = kFormats[format_field < fields.size() && !fields[format_field].empty()
                            ? static_cast<unsigned char>(fields[format_field][0]) % kFormats.size()
                            : 0];
  return doc;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) { return archivist::fuzz::InitExtraction(); }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  archivist::fuzz::RunPipeline(input, DocumentFrom(input));
  return 0;
}
