// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/names.h"

#include <cctype>

#include <unicode/locid.h>
#include <unicode/unistr.h>

namespace archivist::searchd {
namespace {

// CLDR has no names for these: they are the project's own vocabulary.
struct TypeNames {
  std::string_view type, en, fr, nl;
};
constexpr TypeNames kTypeNames[] = {
    {"press_release", "Press release", "Communiqué de presse", "Persbericht"},
    {"news_post", "News post", "Article d’actualité", "Nieuwsbericht"},
    {"newsletter", "Newsletter", "Lettre d’information", "Nieuwsbrief"},
    {"report", "Report", "Rapport", "Rapport"},
    {"legislation", "Legislation", "Législation", "Wetgeving"},
    {"speech", "Speech", "Discours", "Toespraak"},
    {"web_page", "Web page", "Page web", "Webpagina"},
    {"dataset", "Dataset", "Jeu de données", "Dataset"},
    {"other", "Other", "Autre", "Overig"},
};

}  // namespace

std::string CountryName(std::string_view alpha2, std::string_view ui_language) {
  const icu::Locale region("", std::string(alpha2).c_str());
  icu::UnicodeString name;
  region.getDisplayCountry(icu::Locale(std::string(ui_language).c_str()), name);
  std::string out;
  name.toUTF8String(out);
  return out.empty() ? std::string(alpha2) : out;
}

std::string LanguageName(std::string_view language, std::string_view ui_language) {
  if (language.empty()) return std::string(language);
  // "und" is what the indexer says when it could not tell: CLDR calls it
  // "Unknown language" in English only (and "langue indéterminée" in French).
  if (language == "und") {
    if (ui_language == "fr") return "Langue inconnue";
    if (ui_language == "nl") return "Onbekende taal";
    return "Unknown language";
  }
  const icu::Locale spoken(std::string(language).c_str());
  icu::UnicodeString name;
  spoken.getDisplayLanguage(icu::Locale(std::string(ui_language).c_str()), name);
  std::string out;
  name.toUTF8String(out);
  return out.empty() ? std::string(language) : out;
}

std::string TypeName(std::string_view type, std::string_view ui_language) {
  for (const TypeNames& names : kTypeNames) {
    if (names.type != type) continue;
    if (ui_language == "fr") return std::string(names.fr);
    if (ui_language == "nl") return std::string(names.nl);
    return std::string(names.en);
  }
  std::string words(type);
  for (char& c : words) {
    if (c == '_' || c == '-') c = ' ';
  }
  if (!words.empty())
    words[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(words[0])));
  return words;
}

namespace {

// The name of `code` in `names`, looked up with `lookup` the first time.
template <typename Lookup>
const std::string& Remembered(std::map<std::string, std::string, std::less<>>& names,
                              std::string_view code, const Lookup& lookup) {
  auto it = names.find(code);
  if (it == names.end()) it = names.emplace(std::string(code), lookup()).first;
  return it->second;
}

}  // namespace

const std::string& NamesIn::Country(std::string_view alpha2) {
  return Remembered(countries_, alpha2, [&] { return CountryName(alpha2, ui_language_); });
}

const std::string& NamesIn::Language(std::string_view language) {
  return Remembered(languages_, language, [&] { return LanguageName(language, ui_language_); });
}

const std::string& NamesIn::Type(std::string_view type) {
  return Remembered(types_, type, [&] { return TypeName(type, ui_language_); });
}

}  // namespace archivist::searchd
