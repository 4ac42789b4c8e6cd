// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/names.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

namespace archivist::searchd {

std::string CountryName(std::string_view alpha2, std::string_view ui_language) {
  const icu::Locale region("", std::string(alpha2).c_str());
  icu::UnicodeString name;
  region.getDisplayCountry(icu::Locale(std::string(ui_language).c_str()), name);
  std::string out;
  name.toUTF8String(out);
  return out.empty() ? std::string(alpha2) : out;
}

std::string LanguageName(std::string_view language, std::string_view ui_language) {
  if (language == "und" || language.empty()) return std::string(language);
  const icu::Locale spoken(std::string(language).c_str());
  icu::UnicodeString name;
  spoken.getDisplayLanguage(icu::Locale(std::string(ui_language).c_str()), name);
  std::string out;
  name.toUTF8String(out);
  return out.empty() ? std::string(language) : out;
}

}  // namespace archivist::searchd
