// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes DOCX and ODT: the zip (libzip) with its limits, then the XML inside,
// then the rest of the indexer's pipeline on what came out (pipeline.h).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "core/log.h"
#include "indexer/extract/extractor.h"
#include "tests/fuzz/pipeline.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  archivist::SetLogLevel(archivist::LogLevel::kError);
  archivist::extract::InitExtractors();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::unique_ptr<archivist::extract::Extractor> extractor =
      archivist::extract::NewOfficeExtractor();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  archivist::fuzz::RunPipeline(bytes, extractor->Extract("/archive/folder/report.docx", bytes));
  return 0;
}
