// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes the reading of a PDF's XMP packet (RDF/XML through libxml2, no
// network, no entities). Whatever the packet, its facts are UTF-8 strings.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "indexer/extract/charset.h"
#include "indexer/extract/extractor.h"
#include "indexer/extract/xmp.h"
#include "tests/fuzz/extraction.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) { return archivist::fuzz::InitExtraction(); }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view packet(reinterpret_cast<const char*>(data), size);
  const archivist::extract::XmpFacts facts = archivist::extract::ParseXmp(packet);
  for (const std::string* fact : {&facts.title, &facts.creator, &facts.description, &facts.keywords,
                                  &facts.created, &facts.modified}) {
    if (!archivist::extract::IsValidUtf8(*fact)) archivist::fuzz::Fail("XMP fact not UTF-8");
  }
  return 0;
}
