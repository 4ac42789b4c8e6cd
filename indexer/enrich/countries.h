// SPDX-License-Identifier: GPL-2.0-or-later
// Which countries a document is about, from the names, demonyms and codes it
// mentions in English, French, Dutch, Portuguese, Spanish and German.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/enrich/phrases.h"

namespace archivist::enrich {

// At most this many countries are kept per document: a report that lists
// fifty countries in a table is about none of them in particular.
inline constexpr std::size_t kMaxDocumentCountries = 5;

// What a document offers as evidence of its countries.
struct CountryEvidence {
  std::string_view title;
  std::string_view text;
  // ISO 639-1 of the text ("" or "und" when unknown): keeps one language's
  // names out of another's text (German "Indien", India, is Dutch for "if").
  std::string_view language;
  std::string_view file_name;  // the last path component
  // `text` folded (core FoldText, case kept), when the caller has it;
  // empty: folded here.
  std::string_view folded_text = {};
};

// The vocabulary of country mentions: CLDR names through ICU in six
// languages, iso-codes' English names, and the curated table
// indexer/enrich/data/countries.tsv (aliases, demonyms, US states, names
// that are also people's names, phrases that are not countries), all
// compiled in. Immutable once built; Detect() may run on many threads.
class CountryGazetteer {
 public:
  // Builds the vocabulary (a few milliseconds). Throws archivist::Exception
  // (kInternal) if the compiled-in data is malformed: a build defect.
  CountryGazetteer();

  // ISO 3166 alpha-2 codes of the countries a document is substantially
  // about, most weighty first, at most kMaxDocumentCountries; often none.
  // Mentions are whole words after accent folding; title mentions weigh
  // more, and so does an upper-case ISO alpha-3 code standing alone in the
  // file name ("summary_ARG.html", "BEL_70_2015.txt"), the way archives
  // name files. A country the title (or file name) does not name is kept
  // only when the text names it repeatedly and densely, or densely enough
  // and in its opening; a text naming ten countries or more is a list, about
  // the countries of its title only, and none when its sections are headed
  // by countries' names. A line repeated verbatim (a running head, a
  // table's column header on every page) counts once. A passing mention is
  // not a subject.
  std::vector<std::string> Detect(const CountryEvidence& evidence) const;

  // Each country's weight, before the cut: for tests and tuning.
  std::map<std::string, double> Weigh(const CountryEvidence& evidence) const;

  // First word of a form → words in the longest form starting with it;
  // looked up once per word of every text.
  using Starts = WordMap<std::size_t>;

  enum class Kind { kName, kDemonym, kLanguageName, kCode, kState, kSeat, kPerson, kCongo, kNot };
  struct Entry {
    std::string code;  // alpha-2, "--" for kNot
    Kind kind;
    std::string language;  // the language the form belongs to; "" for every language
  };

 private:
  // Weigh, and the countries named alone on a line of the text (section
  // headings) into `headings` when it is not null.
  std::map<std::string, double> Weigh(const CountryEvidence& evidence,
                                      std::set<std::string>* headings) const;

  void Add(Kind kind, const std::string& code, std::string_view form,
           const std::string& language = "");

  // Folded, lower-case, space-joined word sequences (exact case for codes).
  std::map<std::string, std::vector<Entry>, std::less<>> forms_;
  std::map<std::string, std::vector<Entry>, std::less<>> codes_;
  std::map<std::string, std::string, std::less<>> alpha3_;  // "ARG" → "AR"
  // First word → words in the longest form (or code) starting with it: most
  // words of a text start none, and are passed after one lookup.
  Starts form_starts_;
  Starts code_starts_;
};

// The gazetteer the indexer shares between its threads; built on first use.
const CountryGazetteer& DefaultCountryGazetteer();

}  // namespace archivist::enrich
