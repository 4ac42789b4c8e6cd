// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes DOCX and ODT: the zip (libzip) with its limits, then the XML inside,
// then the rest of the indexer's pipeline on what came out (pipeline.h).
#include <cstddef>
#include <cstdint>
#include <memory>

#include "indexer/extract/extractor.h"
#include "tests/fuzz/pipeline.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) { return archivist::fuzz::InitExtraction(); }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::unique_ptr<archivist::extract::Extractor> extractor =
      archivist::extract::NewOfficeExtractor();
  archivist::fuzz::ExtractAndRun(*extractor, "/archive/folder/report.docx", data, size);
  return 0;
}
