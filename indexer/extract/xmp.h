// SPDX-License-Identifier: GPL-2.0-or-later
// What a PDF's XMP metadata packet (ISO 16684-1) says about the document:
// the Dublin Core, XMP basic and Adobe PDF schema properties the Info
// dictionary also has, so either source can fill what the other lacks.
#pragma once

#include <string>
#include <string_view>

namespace archivist::extract {

// Every string is UTF-8; empty means the packet does not say.
struct XmpFacts {
  std::string title;        // dc:title, the x-default alternative first
  std::string creator;      // dc:creator, several joined with ", "
  std::string description;  // dc:description, the x-default alternative first
  std::string keywords;     // pdf:Keywords, else dc:subject joined with ", "
  std::string created;      // xmp:CreateDate as "YYYY-MM-DD", "YYYY-MM" or "YYYY"
  std::string modified;     // xmp:ModifyDate, same forms
};

// Reads `packet` (UTF-8 RDF/XML). Properties are matched by namespace URI,
// not prefix, in element or attribute form. No network, no DTD loading, no
// entity substitution; a packet larger than 1 MiB or one that does not parse
// gives empty facts (metadata is a bonus, never a reason to fail a file).
XmpFacts ParseXmp(std::string_view packet);

}  // namespace archivist::extract
