// SPDX-License-Identifier: GPL-2.0-or-later
// A document's text folded once for every detector that reads it by its
// words (dates, document type, countries, topics). Each used to fold the
// text again; four passes of folding over every document were a tenth of
// the indexer's instructions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace archivist::enrich {

struct FoldedText {
  std::string cased;  // core FoldText: marks gone, case kept ("Chad" is not "chad")
  std::string lower;  // and lower case, as core FoldWord gives it
};

FoldedText FoldForDetectors(std::string_view text);

// The same of a document's pages, each followed by a line break, as if
// joined into one text first (folding works character by character, so a
// page at a time gives the same): a long book is not copied whole once more
// only to be folded.
FoldedText FoldForDetectors(const std::vector<std::string>& pages);

// At most the first `bytes` of UTF-8 `text`, not cutting a character in two.
std::string_view Head(std::string_view text, std::size_t bytes);

}  // namespace archivist::enrich
