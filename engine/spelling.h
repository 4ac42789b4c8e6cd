// SPDX-License-Identifier: GPL-2.0-or-later
// "Did you mean": corrections of a query's misspelt words from the index's
// spelling data. Internal to the engine.
#pragma once

#include <string>

#include <xapian.h>

#include "engine/search_request.h"

namespace archivist {

// The request's query with the words the index does not hold replaced by
// Xapian's suggestions, and the words it holds in at most 3 documents by a
// word one edit away found in 20 times as many ("trafficing" → "trafficking");
// a word of a free-text field ("title:traficking") by the same rule, counted
// in that field's terms; "" when there is nothing to correct. Xapian
// keeps no spelling data behind its remote backend: there it is always "".
std::string SpellingSuggestion(const Xapian::Database& db, const SearchRequest& request);

}  // namespace archivist
