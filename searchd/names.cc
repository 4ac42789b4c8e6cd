// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/names.h"

#include <cctype>
#include <cstddef>
#include <map>
#include <mutex>
#include <shared_mutex>

#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <unicode/ures.h>

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

// How many names of one kind the process keeps for one UI language: more
// than CLDR has languages or countries, so the bound only holds back what
// names nothing (codes of an index written by another tool).
constexpr std::size_t kKeptNames = 1000;

// Whether ICU has locale data (CLDR) for `ui_language`: only such UI
// languages get names kept for the process. `ui_lang` is any two or three
// letters, and a first-come bound on UI languages let a handful of junk
// codes take every place, after which real languages paid ICU's lookups on
// every answer. ICU's data holds a resource bundle named after each
// language it has names in; opening that one bundle is enough to tell.
// (Listing ICU's available locales instead built and canonicalised all of
// them on first use: 8.4 M instructions, two thirds of what the first
// search after a start cost more than the second.)
bool HasLocaleData(const std::string& ui_language) {
  UErrorCode status = U_ZERO_ERROR;
  UResourceBundle* bundle = ures_openDirect(nullptr, ui_language.c_str(), &status);
  ures_close(bundle);
  return U_SUCCESS(status);
}

using Names = std::map<std::string, std::string, std::less<>>;

// Names of one kind (countries, languages) given by ICU, kept for every
// later answer of every thread: a searchd's answers name the same few
// dozen languages all day, a page of handbook chapters alone sixteen, and
// ICU builds two locales for each (issue 15: a tenth of such a search's
// JSON). Entries are never removed, so a reference to one stays valid.
// Thread-safe.
class KeptNames {
 public:
  // The name of `code` in `ui_language`, from `lookup` the first time;
  // null once the bounds are reached and `code` is not kept.
  template <typename Lookup>
  const std::string* Find(const std::string& ui_language, std::string_view code,
                          const Lookup& lookup) {
    {
      std::shared_lock read(mutex_);
      if (const std::string* name = Kept(ui_language, code)) return name;
    }
    std::string name = lookup();  // ICU, outside the lock
    std::unique_lock write(mutex_);
    auto ui = by_ui_.find(ui_language);
    if (ui == by_ui_.end()) {
      if (!HasLocaleData(ui_language)) return nullptr;
      ui = by_ui_.emplace(ui_language, Names()).first;
    }
    if (auto it = ui->second.find(code); it != ui->second.end()) return &it->second;
    if (ui->second.size() >= kKeptNames) return nullptr;
    return &ui->second.emplace(std::string(code), std::move(name)).first->second;
  }

 private:
  const std::string* Kept(const std::string& ui_language, std::string_view code) const {
    const auto ui = by_ui_.find(ui_language);
    if (ui == by_ui_.end()) return nullptr;
    const auto it = ui->second.find(code);
    return it == ui->second.end() ? nullptr : &it->second;
  }

  std::shared_mutex mutex_;
  std::map<std::string, Names, std::less<>> by_ui_;  // guarded by mutex_
};

KeptNames& KeptCountryNames() {
  static KeptNames kept;
  return kept;
}

KeptNames& KeptLanguageNames() {
  static KeptNames kept;
  return kept;
}

// The name of `code`: the process's when kept, else the answer's own,
// looked up with `lookup` the first time.
template <typename Lookup>
const std::string& RememberedInProcess(KeptNames& kept, Names& answer,
                                       const std::string& ui_language, std::string_view code,
                                       const Lookup& lookup) {
  if (auto it = answer.find(code); it != answer.end()) return it->second;
  if (const std::string* name = kept.Find(ui_language, code, lookup)) return *name;
  return Remembered(answer, code, lookup);
}

}  // namespace

const std::string& NamesIn::Country(std::string_view alpha2) {
  return RememberedInProcess(KeptCountryNames(), countries_, ui_language_, alpha2,
                             [&] { return CountryName(alpha2, ui_language_); });
}

const std::string& NamesIn::Language(std::string_view language) {
  return RememberedInProcess(KeptLanguageNames(), languages_, ui_language_, language,
                             [&] { return LanguageName(language, ui_language_); });
}

const std::string& NamesIn::Type(std::string_view type) {
  return Remembered(types_, type, [&] { return TypeName(type, ui_language_); });
}

}  // namespace archivist::searchd
