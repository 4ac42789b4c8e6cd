// SPDX-License-Identifier: GPL-2.0-or-later
// A document's text folded once for every detector that reads it by its
// words (dates, document type, countries, topics). Each used to fold the
// text again; four passes of folding over every document were a tenth of
// the indexer's instructions.
#pragma once

#include <string>
#include <string_view>

namespace archivist::enrich {

struct FoldedText {
  std::string cased;  // core FoldText: marks gone, case kept ("Chad" is not "chad")
  std::string lower;  // and lower case, as core FoldWord gives it
};

FoldedText FoldForDetectors(std::string_view text);

// At most the first `bytes` of UTF-8 `text`, not cutting a character in two.
std::string_view Head(std::string_view text, std::size_t bytes);

}  // namespace archivist::enrich
