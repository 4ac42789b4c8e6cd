// SPDX-License-Identifier: GPL-2.0-or-later
// A sentence that says when the document itself was made, adopted,
// signed, published or spoken ("Adopted and proclaimed by General Assembly
// resolution 217 A (III) of 10 December 1948", "publié en 2015", "Den 10.
// december 1948 vedtog"), in the six languages we analyse and the Nordic
// declarations' words. Internal to indexer/enrich's date readers.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "indexer/enrich/date_tokens.h"
#include "indexer/enrich/dates.h"

namespace archivist::enrich::date_text {

// A date found in the text, by the token it starts at.
struct DateAt {
  std::size_t token = 0;
  FoundDate date;
};

// The first date (kStatementBytes from the start at most) that a making
// word (kMakingWords) about the document itself governs: up to twelve
// words after it ("adopted and proclaimed by General Assembly resolution
// 217 A (III) of 10 December 1948"), or, for a strong one, a date opening
// its sentence ("Den 10. december 1948 vedtog") or a bare year just after
// a preposition ("published in 2015", "publié en 2015").
// `dates`: every full or month-year date of the head, `years`: every year
// standing alone, both within kStatementBytes.
FoundDate StatementDate(const std::string& text, const std::vector<Token>& tokens,
                        const std::vector<DateAt>& dates, const std::vector<DateAt>& years);

}  // namespace archivist::enrich::date_text
