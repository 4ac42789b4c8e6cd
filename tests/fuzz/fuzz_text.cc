// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes plain text in any charset: uchardet's guess, the conversion to UTF-8,
// then extraction.h's checks on what came out, for the bytes read as a .txt
// and as a .md file (the Markdown parser runs on .md names only: with the
// .txt name alone it was never reached, docs/ROBUSTNESS.md "Line coverage").
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "indexer/extract/charset.h"
#include "indexer/extract/extractor.h"
#include "tests/fuzz/extraction.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) { return archivist::fuzz::InitExtraction(); }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::unique_ptr<archivist::extract::Extractor> extractor =
      archivist::extract::NewTextExtractor();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // Whatever the bytes, their text is valid UTF-8 (undecodable bytes become
  // U+FFFD), and valid UTF-8 comes back as it was, less a byte order mark.
  const std::string text = archivist::extract::ToUtf8(bytes);
  if (!archivist::extract::IsValidUtf8(text)) archivist::fuzz::Fail("ToUtf8 gave invalid UTF-8");
  if (archivist::extract::IsValidUtf8(bytes) && !bytes.starts_with("\xEF\xBB\xBF") &&
      text != bytes) {
    archivist::fuzz::Fail("ToUtf8 changed valid UTF-8");
  }
  (void)archivist::extract::DetectCharset(bytes);
  archivist::fuzz::CheckExtraction(extractor->Extract("/archive/folder/notes.txt", bytes));
  archivist::fuzz::CheckExtraction(extractor->Extract("/archive/folder/notes.md", bytes));
  return 0;
}
