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

// "nl" in "fr" → "néerlandais"; "und" and unknown codes come back as given.
std::string LanguageName(std::string_view language, std::string_view ui_language);

}  // namespace archivist::searchd
