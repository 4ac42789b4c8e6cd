// SPDX-License-Identifier: GPL-2.0-or-later
// Country and language names in the user's language, from ICU's locale data
// (CLDR), so searchd needs no name tables of its own.
#pragma once

#include <functional>
#include <map>
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

// The names above in one UI language, each asked of ICU once: one answer
// names the same few languages and countries many times (ten hits, each
// with its language, countries and its editions' languages), and ICU
// builds two locales for every name. The country and language names are
// also kept for the process's later answers (up to a bound): its answers
// name the same few dozen languages all day, and a page of handbook
// chapters alone names sixteen (issue 15). Not thread-safe; one per
// answer.
class NamesIn {
 public:
  explicit NamesIn(std::string ui_language) : ui_language_(std::move(ui_language)) {}

  const std::string& ui_language() const { return ui_language_; }
  // As CountryName, LanguageName and TypeName in ui_language().
  const std::string& Country(std::string_view alpha2);
  const std::string& Language(std::string_view language);
  const std::string& Type(std::string_view type);

 private:
  using Names = std::map<std::string, std::string, std::less<>>;
  const std::string ui_language_;
  Names countries_;  // those the process does not keep (KeptNames in names.cc)
  Names languages_;
  Names types_;
};

}  // namespace archivist::searchd
