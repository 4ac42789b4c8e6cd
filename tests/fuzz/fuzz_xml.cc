// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes XML through libxml2 (no network, no entities, no DTD),
// then extraction.h's checks on what came out.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "indexer/extract/extractor.h"
#include "tests/fuzz/extraction.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) { return archivist::fuzz::InitExtraction(); }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::unique_ptr<archivist::extract::Extractor> extractor =
      archivist::extract::NewXmlExtractor();
  archivist::fuzz::ExtractAndCheck(*extractor, "/archive/folder/law.xml", data, size);
  return 0;
}
