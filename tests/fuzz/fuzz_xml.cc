// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes XML through libxml2 (no network, no entities, no DTD),
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
      archivist::extract::NewXmlExtractor();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  archivist::fuzz::RunPipeline(bytes, extractor->Extract("/archive/folder/law.xml", bytes));
  return 0;
}
