// SPDX-License-Identifier: GPL-2.0-or-later
// Country and language names in the user's language, from ICU's locale data
// (CLDR), so searchd needs no name tables of its own.
#pragma once

#include <string>
#include <string_view>

namespace archivist::searchd {

// "BR" in "fr" → "Brésil". ICU answers with the code itself when it does not
// know it, and in English for a UI language it does not know. Thread-safe.
std::string CountryName(std::string_view alpha2, std::string_view ui_language);

// "nl" in "fr" → "néerlandais"; "und" (undetermined) → "Unknown language"
// in English, French or Dutch (English for any other UI language); codes
// ICU does not know come back as given. Thread-safe.
std::string LanguageName(std::string_view language, std::string_view ui_language);

// "press_release" in "fr" → "Communiqué de presse". The indexer's document
// types (indexer/enrich/doc_type.h) are named in English, French and Dutch,
// in English for any other UI language; an unknown type comes back with its
// underscores as spaces and its first letter upper-case. Thread-safe.
std::string TypeName(std::string_view type, std::string_view ui_language);

}  // namespace archivist::searchd
