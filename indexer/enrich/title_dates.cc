// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/title_dates.h"

#include <set>
#include <string>
#include <vector>

#include "core/text.h"
#include "indexer/enrich/date_tokens.h"

namespace archivist::enrich {

using namespace date_text;  // NOLINT(google-build-using-namespace): the date readers' parts

namespace {

// Words that name what a dated document is, in the six languages we
// analyse: a year beside one of them is the edition's ("Annual Report
// 2013", "Jaarverslag 2013", "Modern Slavery Act 2015"). A year in a title
// without one is as often its subject's ("Srebrenica 1995", "The 1994
// genocide"), which a reader does not take for the document's date.
bool NamesADatedDocument(std::string_view word) {
  static const std::set<std::string, std::less<>> kWords = {
      // reports and periodicals
      "report", "rapport", "verslag", "relatorio", "informe", "bericht", "review", "yearbook",
      "annuaire", "jaarboek", "anuario", "jahrbuch", "annual", "annuel", "annuelle", "jaarlijks",
      "anual", "edition", "editie", "edicao", "edicion", "ausgabe", "newsletter", "bulletin",
      "nieuwsbrief", "boletim", "boletin", "survey", "enquete", "statistics", "statistiques",
      "census", "budget", "accounts", "comptes", "proceedings", "conference", "conferentie",
      "conferencia", "konferenz", "summit", "sommet",
      // legislation and instruments, dated by their adoption
      "act", "law", "loi", "wet", "lei", "ley", "gesetz", "decree", "decret", "decreto", "besluit",
      "regulation", "reglement", "verordening", "directive", "richtlijn", "ordinance", "ordonnance",
      "statute", "resolution", "resolucao", "resolucion", "convention", "conventie", "convencao",
      "convencion", "protocol", "protocole", "protocolo", "treaty", "traite", "verdrag", "tratado",
      "declaration", "verklaring", "declaracao", "declaracion"};
  if (kWords.contains(word)) return true;
  // Compounds: "jaarverslag", "jahresbericht", "activiteitenrapport".
  for (std::string_view end : {"verslag", "bericht", "rapport", "report"}) {
    if (word.size() > end.size() && word.ends_with(end)) return true;
  }
  return false;
}

// Words that make the year after them a target, a bound or a period rather
// than the document's own: "Vision 2030", "by 2025", "since 1990", "d'ici
// 2030", "bis 2030", "tot 2020".
bool LeadsToATargetOrPeriod(std::string_view word) {
  static const std::set<std::string, std::less<>> kWords = {
      "vision", "agenda", "horizon", "roadmap", "beyond", "towards", "toward", "by", "until",
      "till", "to", "through", "since", "after", "before", "from", "for", "pre", "post",
      // French, Dutch, Portuguese, Spanish, German
      "ici", "jusqu", "depuis", "avant", "apres", "vers", "pour", "visie", "tot", "sinds", "vanaf",
      "voor", "na", "desde", "ate", "hasta", "antes", "apos", "despues", "para", "seit", "bis",
      "nach", "vor", "ab", "fur"};
  return kWords.contains(word);
}

// Words that name an aim wherever they stand before the year in its part of
// the title ("Vision for Europe 2030", "Agenda del desarrollo 2030").
bool NamesAnAim(std::string_view word) {
  static const std::set<std::string, std::less<>> kWords = {"vision", "agenda", "horizon",
                                                            "roadmap", "visie"};
  return kWords.contains(word);
}

// An article that may open a title before its year ("The 2019 Trafficking
// in Persons Report").
bool IsArticle(std::string_view word) {
  static const std::set<std::string, std::less<>> kWords = {
      "the", "le", "la", "les", "l", "de", "het", "o", "a", "os", "el", "los", "die", "der", "das"};
  return kWords.contains(word);
}

// Whether the text between two tokens ends one part of a title and starts
// another: a colon, a dash, a comma, a bracket, a full stop.
bool SeparatesParts(std::string_view gap) {
  if (gap.find_first_of(":;,|()[]{}.!?/") != std::string_view::npos) return true;
  if (gap.find("\xE2\x80\x93") != std::string_view::npos ||  // en dash
      gap.find("\xE2\x80\x94") != std::string_view::npos) {  // em dash
    return true;
  }
  // A hyphen between spaces ("Report 2013 - Belgium"), not one joining words.
  return gap.find(" - ") != std::string_view::npos;
}

std::string_view Gap(const std::string& text, const std::vector<Token>& tokens, std::size_t before,
                     std::size_t after) {
  return std::string_view(text).substr(tokens[before].end,
                                       tokens[after].begin - tokens[before].end);
}

// Two numbers this close are one number, a range or an identifier
// ("2012-2013", "2012/13", "2011/36/EU", "10.406"): not a year of its own.
constexpr std::size_t kMaxNumberGapBytes = 3;

}  // namespace

FoundDate TitleDate(std::string_view title, int latest_year) {
  const std::string text = FoldWord(title);
  const std::vector<Token> tokens = Tokenise(text);
  std::size_t at = tokens.size();
  int year = 0;
  bool dated_document = false;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    if (!token.digits) {
      dated_document |= NamesADatedDocument(token.text);
      continue;
    }
    const bool near_number = (i > 0 && tokens[i - 1].digits &&
                              Gap(text, tokens, i - 1, i).size() <= kMaxNumberGapBytes) ||
                             (i + 1 < tokens.size() && tokens[i + 1].digits &&
                              Gap(text, tokens, i, i + 1).size() <= kMaxNumberGapBytes);
    const int value = token.text.size() == 4 ? std::stoi(std::string(token.text)) : 0;
    if (!PlausibleYear(value)) continue;
    // Two years (a period, a list), a year in a longer number, or a year
    // to come: nothing the document can be dated by.
    if (near_number || value > latest_year || (year != 0 && value != year)) return {};
    if (year == 0) {
      year = value;
      at = i;
    }
  }
  if (year == 0 || !dated_document) return {};

  // Where it stands: first or last in its part of the title.
  std::size_t part_start = at;
  while (part_start > 0 && !SeparatesParts(Gap(text, tokens, part_start - 1, part_start))) {
    --part_start;
  }
  const bool ends_part = at + 1 == tokens.size() || SeparatesParts(Gap(text, tokens, at, at + 1));
  const bool starts_part =
      part_start == at || (part_start + 1 == at && IsArticle(tokens[part_start].text));
  if (!starts_part && !ends_part) return {};
  if (at > part_start && LeadsToATargetOrPeriod(tokens[at - 1].text)) return {};
  for (std::size_t i = part_start; i < at; ++i) {
    if (NamesAnAim(tokens[i].text)) return {};
  }
  return {Format(year, 0, 0), year};
}

}  // namespace archivist::enrich
