// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/dates.h"

#include <array>
#include <cstdio>
#include <regex>
#include <utility>

#include "core/text.h"

namespace archivist::enrich {
namespace {

// Month names after accent folding and lower-casing, in the six languages
// we analyse, with the month each names. Abbreviations that are also words
// ("mar" is the sea in Spanish and Portuguese) are left out.
constexpr std::array<std::pair<std::string_view, int>, 63> kMonths = {{
    {"january", 1},
    {"february", 2},
    {"march", 3},
    {"april", 4},
    {"may", 5},
    {"june", 6},
    {"july", 7},
    {"august", 8},
    {"september", 9},
    {"october", 10},
    {"november", 11},
    {"december", 12},
    {"jan", 1},
    {"feb", 2},
    {"aug", 8},
    {"sept", 9},
    {"oct", 10},
    {"nov", 11},
    {"dec", 12},
    // French
    {"janvier", 1},
    {"fevrier", 2},
    {"mars", 3},
    {"avril", 4},
    {"mai", 5},
    {"juin", 6},
    {"juillet", 7},
    {"aout", 8},
    {"septembre", 9},
    {"octobre", 10},
    {"novembre", 11},
    {"decembre", 12},
    // Dutch (april, september, november, december as in English)
    {"januari", 1},
    {"februari", 2},
    {"maart", 3},
    {"mei", 5},
    {"juni", 6},
    {"juli", 7},
    {"augustus", 8},
    {"oktober", 10},
    // Portuguese
    {"janeiro", 1},
    {"fevereiro", 2},
    {"marco", 3},
    {"abril", 4},
    {"maio", 5},
    {"junho", 6},
    {"julho", 7},
    {"agosto", 8},
    {"setembro", 9},
    {"outubro", 10},
    {"novembro", 11},
    {"dezembro", 12},
    // Spanish (abril, agosto as in Portuguese)
    {"enero", 1},
    {"febrero", 2},
    {"marzo", 3},
    {"mayo", 5},
    {"junio", 6},
    {"julio", 7},
    {"septiembre", 9},
    {"octubre", 10},
    {"noviembre", 11},
    {"diciembre", 12},
    // German (the rest as in Dutch or French)
    {"marz", 3},
    {"dezember", 12},
}};

int MonthNumber(const std::string& name) {
  for (const auto& [month, number] : kMonths) {
    if (month == name) return number;
  }
  return 0;
}

std::string MonthAlternation() {
  std::string alternation;
  for (const auto& [month, number] : kMonths) {
    if (!alternation.empty()) alternation += '|';
    alternation += month;
  }
  return "(" + alternation + ")";
}

bool PlausibleYear(int year) { return year >= 1800 && year <= 2100; }

std::string Format(int year, int month, int day) {
  char buffer[48];  // room for any int, so the compiler can prove no truncation
  if (day > 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  } else if (month > 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d", year);
  }
  return buffer;
}

struct Candidate {
  std::size_t position = std::string::npos;
  FoundDate date;
};

void Consider(Candidate& best, std::size_t position, int year, int month, int day) {
  if (!PlausibleYear(year) || month < 0 || month > 12 || day < 0 || day > 31) return;
  if (position >= best.position) return;
  best.position = position;
  best.date = {Format(year, month, day), year};
}

}  // namespace

TextDates FindTextDates(std::string_view text) {
  TextDates found;
  const std::string head = FoldWord(text.substr(0, kDateScanBytes));
  static const std::string kMonth = MonthAlternation();
  // "30 may 2014", "6th may 2014", "4 de marco de 2014", "1. mai 2014", "le 4 mars 2014"
  static const std::regex kDayMonthYear(R"(\b([0-3]?\d)(?:st|nd|rd|th|er|e|o|\.)?\s+(?:de\s+)?)" +
                                        kMonth + R"(\.?,?\s+(?:de\s+)?(\d{4})\b)");
  // "may 30, 2014"
  static const std::regex kMonthDayYear(R"(\b)" + kMonth +
                                        R"(\.?\s+([0-3]?\d)(?:st|nd|rd|th)?,?\s+(\d{4})\b)");
  static const std::regex kIso(R"(\b(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b)");
  // "may 2014", "marco de 2014"
  static const std::regex kMonthYear(R"(\b)" + kMonth + R"(\.?,?\s+(?:de\s+)?(\d{4})\b)");
  // "fiscal year 2003", "FY 2003", "FY03", "FY '03"
  static const std::regex kFiscal(R"(\b(?:fiscal\s+years?\s*|fy\s*'?)(\d{4}|\d{2})\b)");

  Candidate full;
  for (auto it = std::sregex_iterator(head.begin(), head.end(), kDayMonthYear);
       it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    Consider(full, m.position(0), std::stoi(m[3]), MonthNumber(m[2]), std::stoi(m[1]));
    break;
  }
  for (auto it = std::sregex_iterator(head.begin(), head.end(), kMonthDayYear);
       it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    Consider(full, m.position(0), std::stoi(m[3]), MonthNumber(m[1]), std::stoi(m[2]));
    break;
  }
  for (auto it = std::sregex_iterator(head.begin(), head.end(), kIso); it != std::sregex_iterator();
       ++it) {
    const auto& m = *it;
    Consider(full, m.position(0), std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]));
    break;
  }
  found.full = full.date;
  found.full_in_dateline = full.position < kDatelineBytes;

  Candidate partial;
  for (auto it = std::sregex_iterator(head.begin(), head.end(), kMonthYear);
       it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    Consider(partial, m.position(0), std::stoi(m[2]), MonthNumber(m[1]), 0);
    if (!partial.date.date.empty()) break;
  }
  found.month_year = partial.date;

  for (auto it = std::sregex_iterator(head.begin(), head.end(), kFiscal);
       it != std::sregex_iterator(); ++it) {
    int year = std::stoi((*it)[1]);
    // Two digits: the century the fiscal years we archive fall in.
    if ((*it)[1].length() == 2) year += year < 50 ? 2000 : 1900;
    if (!PlausibleYear(year)) continue;
    found.fiscal = {Format(year, 0, 0), year};
    found.fiscal_on_cover = static_cast<std::size_t>(it->position(0)) < kCoverBytes;
    break;
  }
  return found;
}

FoundDate DateFromText(std::string_view text) {
  const TextDates found = FindTextDates(text);
  if (found.full.year > 0) return found.full;
  if (found.month_year.year > 0) return found.month_year;
  return found.fiscal;
}

FoundDate DateFromFileName(std::string_view file_name) {
  const std::string name(file_name);
  static const std::regex kYear(R"((?:^|[^0-9])((?:19|20)\d{2})(?=[^0-9]|$))");
  std::smatch match;
  if (!std::regex_search(name, match, kYear)) return {};
  const int year = std::stoi(match[1]);
  return {Format(year, 0, 0), year};
}

}  // namespace archivist::enrich
