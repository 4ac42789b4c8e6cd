// SPDX-License-Identifier: GPL-2.0-or-later
// What an HTML page declares of its own translations (issue 15): the
// `<link rel="alternate" hreflang="fr" href="...">` elements a site puts
// on each edition of a page, naming every edition. Two pages naming the
// same alternate are editions of one work.
#pragma once

#include <libxml/tree.h>

#include <string>
#include <vector>

namespace archivist::extract {

// If `node` is such a link element, adds its href to `alternates` (as
// written, without a "#fragment"; "x-default", which names a chooser page
// rather than an edition, is left out), at most once and at most 50.
void ReadHreflang(const xmlNode* node, std::vector<std::string>& alternates);

}  // namespace archivist::extract
