// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes HTML through libxml2's HTML parser (and the title and main-text choices made on its tree),
// then extraction.h's checks on what came out.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "indexer/extract/extractor.h"
#include "tests/fuzz/extraction.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) { return archivist::fuzz::InitExtraction(); }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::unique_ptr<archivist::extract::Extractor> extractor =
      archivist::extract::NewHtmlExtractor();
  archivist::fuzz::ExtractAndCheck(*extractor, "/archive/folder/page.html", data, size);
  return 0;
}
