// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/folded_text.h"

#include "core/text.h"

namespace archivist::enrich {

FoldedText FoldForDetectors(std::string_view text) {
  FoldedText folded;
  folded.cased = FoldText(text);
  folded.lower = LowerFolded(folded.cased);
  return folded;
}

FoldedText FoldForDetectors(const std::vector<std::string>& pages) {
  std::size_t bytes = 0;
  for (const std::string& page : pages) bytes += page.size() + 1;
  FoldedText folded;
  folded.cased.reserve(bytes);  // folding shortens text more often than it lengthens it
  for (const std::string& page : pages) {
    folded.cased += FoldText(page);
    folded.cased += '\n';
  }
  folded.lower = LowerFolded(folded.cased);
  return folded;
}

std::string_view Head(std::string_view text, std::size_t bytes) {
  if (text.size() <= bytes) return text;
  // Back off continuation bytes (10xxxxxx) so the cut falls before a
  // character's first byte.
  while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) --bytes;
  return text.substr(0, bytes);
}

}  // namespace archivist::enrich
