// SPDX-License-Identifier: GPL-2.0-or-later
// The year a document's title gives it: "Annual Report 2013", "2019
// Trafficking in Persons Report", "Rapport d'activité 2015". A reader dates
// such a document at sight, before looking at when its file was saved (a
// report on 2013 is written and saved in 2014).
//
// Not every year in a title is the document's: "Vision 2030", "Agenda 2030"
// and "by 2025" name a target, "since 1990" and "the 1994 genocide" a
// subject, "2012-2013" a period whose report may be dated by either end.
// TitleDate reads only a year that stands alone at the start or the end of
// the title (or of one of its parts, between colons, dashes, commas or
// brackets) and that no word of aim or period leads into; the record
// builder weighs it against the document's other evidence.
#pragma once

#include <string_view>

#include "indexer/enrich/dates.h"

namespace archivist::enrich {

// The year `title` names as its document's, as "YYYY"; empty when it names
// none, names two or more (a period, a list), or names a target or a
// subject as above. Years after `latest_year` (pass the current year) are
// targets too. Thread-safe.
FoundDate TitleDate(std::string_view title, int latest_year);

}  // namespace archivist::enrich
