// SPDX-License-Identifier: GPL-2.0-or-later
// Years in page furniture are never a document's date: a copyright line
// ("© 1996 – 2009", "Copyright 2012", "tous droits réservés"), a printing
// note ("Printed in Belgium, 2010", "Imprimé en", "Gedrukt", "Druck") and
// web addresses ("www.example.org/2009/..."). Internal to indexer/enrich's
// date readers.
#pragma once

#include <string>

namespace archivist::enrich::date_text {

// `head` with the digits of page furniture (kFurniture) and web addresses
// turned to spaces, so that no date is read from them; offsets are kept.
void BlankFurniture(std::string& head);

}  // namespace archivist::enrich::date_text
