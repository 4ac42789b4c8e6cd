// SPDX-License-Identifier: GPL-2.0-or-later
// Which well-known international instrument a document is a copy of, and
// so when it is from: a reader dates the Universal Declaration of Human
// Rights to 1948 at sight, in whatever language, even when the copy in
// hand states no date.
#pragma once

#include <string_view>

#include "indexer/enrich/dates.h"

namespace archivist::enrich {

// The adoption date of the instrument (indexer/enrich/data/instruments.tsv,
// compiled in) that `title` or `heading` names and nothing more: the name
// folded and lower-cased, in English, French, Dutch, Portuguese, Spanish or
// German, perhaps after an article ("Die Allgemeine Erklärung der
// Menschenrechte") and before the name of the document's own `language`
// (ISO 639-1; "Universal Declaration of Human Rights - Croatian" for a
// Croatian text). A title that says more ("The Universal Declaration at
// 60", "... : a commentary") is another work and gets nothing. A title set
// letter by letter ("세 계 인 권 선 언") is read as its letters joined. The
// Universal Declaration is also named in the languages of the UN's
// translations (the table says which). Empty when
// no instrument is named so. Thread-safe.
FoundDate InstrumentDate(std::string_view title, std::string_view heading,
                         std::string_view language);

}  // namespace archivist::enrich
