// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes DOCX and ODT: the zip (libzip) with its limits, then the XML inside,
// then extraction.h's checks on what came out.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "indexer/extract/extractor.h"
#include "tests/fuzz/extraction.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) { return archivist::fuzz::InitExtraction(); }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::unique_ptr<archivist::extract::Extractor> extractor =
      archivist::extract::NewOfficeExtractor();
  archivist::fuzz::ExtractAndCheck(*extractor, "/archive/folder/report.docx", data, size);
  return 0;
}
