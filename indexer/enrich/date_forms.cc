// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/date_forms.h"

#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <mutex>
#include <utility>

#include "core/text.h"

namespace archivist::enrich::date_text {
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

}  // namespace

const MonthTable& MonthTable::ForLanguage(std::string_view language) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<MonthTable>, std::less<>> tables;
  const std::lock_guard<std::mutex> lock(mutex);
  auto it = tables.find(language);
  if (it == tables.end()) {
    it = tables.emplace(std::string(language), std::make_unique<MonthTable>(language)).first;
  }
  return *it->second;
}

MonthTable::MonthTable(std::string_view language) {
  for (const auto& [name, number] : kMonths) numbers_.emplace(name, number);
  if (language.empty() || language == "und") return;
  AddLocaleMonths(std::string(language));
}

int MonthTable::Number(std::string_view word) const {
  const auto it = numbers_.find(word);
  return it == numbers_.end() ? 0 : it->second;
}

void MonthTable::AddLocaleMonths(const std::string& language) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::DateFormatSymbols symbols(icu::Locale(language.c_str()), status);
  if (U_FAILURE(status)) return;
  // Day-month-year dates use the format forms (the genitive "prosinca",
  // "grudnia"); a month on its own uses the stand-alone ones.
  for (const auto context : {icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::STANDALONE}) {
    int32_t count = 0;
    const icu::UnicodeString* names =
        symbols.getMonths(count, context, icu::DateFormatSymbols::WIDE);
    for (int32_t month = 0; month < count && month < 12; ++month) {
      std::string utf8;
      names[month].toUTF8String(utf8);
      const std::string folded = FoldWord(utf8);
      // Names of several words ("de gener") and numbers ("1月") are
      // left to the stand-alone form and the CJK pattern.
      if (folded.find(' ') != std::string::npos || folded.size() < 3) continue;
      if (std::isdigit(static_cast<unsigned char>(folded.front()))) continue;
      numbers_.emplace(folded, month + 1);
    }
  }
}

// The number just before the month at `month`, across fillers ("30 may",
// "1er aout", "4 de marco", "1948. december").
NumberBefore NumberBeforeMonth(const std::vector<Token>& tokens, std::size_t month) {
  std::size_t at = month;
  while (at > 0 && tokens[at].begin - tokens[at - 1].end <= kMaxGapBytes) {
    --at;
    const Token& token = tokens[at];
    if (token.digits) {
      if (token.text.size() > 4) return {};
      return {at, std::stoi(std::string(token.text))};
    }
    if (!IsFiller(token.text)) return {};
  }
  return {};
}

std::optional<YearMonthDay> CjkDateAt(const std::vector<Token>& tokens, std::size_t at) {
  // Folded as the text is: folding decomposes Hangul syllables.
  static const std::array<std::string, 2> kYear = {FoldWord("年"), FoldWord("년")};
  static const std::array<std::string, 2> kMonth = {FoldWord("月"), FoldWord("월")};
  static const std::array<std::string, 2> kDay = {FoldWord("日"), FoldWord("일")};
  const auto marked = [&](std::size_t i, const std::array<std::string, 2>& markers) {
    if (i >= tokens.size() || tokens[i].begin != tokens[i - 1].end) return false;
    return std::any_of(markers.begin(), markers.end(),
                       [&](const std::string& m) { return tokens[i].text.starts_with(m); });
  };
  if (at + 5 >= tokens.size() || !tokens[at].digits || tokens[at].text.size() != 4) {
    return std::nullopt;
  }
  if (!marked(at + 1, kYear) || !tokens[at + 2].digits || !marked(at + 3, kMonth) ||
      !tokens[at + 4].digits || !marked(at + 5, kDay)) {
    return std::nullopt;
  }
  // The number after a marker may follow a space ("1948년 12월").
  if (tokens[at + 2].begin - tokens[at + 1].end > 1 || tokens[at + 4].begin - tokens[at + 3].end > 1) {
    return std::nullopt;
  }
  const int year = std::stoi(std::string(tokens[at].text));
  const int month = std::stoi(std::string(tokens[at + 2].text));
  const int day = std::stoi(std::string(tokens[at + 4].text));
  return YearMonthDay{year, month, day};
}

// A date written in numbers: year first ("2012-06-29", "1948.12.10") or
// last ("10.12.1948", "30/06/2014"), one separator used twice. A year-last
// date with slashes in an English text is read month first, as in the US
// ("6/30/2014"); in any other text day first.
std::optional<YearMonthDay> NumericDateAt(const std::string& text, const std::vector<Token>& tokens,
                                          std::size_t at, std::string_view language) {
  if (at + 2 >= tokens.size() || !tokens[at].digits || !tokens[at + 1].digits ||
      !tokens[at + 2].digits) {
    return std::nullopt;
  }
  const auto separator_after = [&](std::size_t i) -> char {
    if (tokens[i + 1].begin != tokens[i].end + 1) return 0;
    const char c = text[tokens[i].end];
    return c == '.' || c == '/' || c == '-' ? c : '\0';
  };
  const char separator = separator_after(at);
  if (separator == 0 || separator_after(at + 1) != separator) return std::nullopt;
  // Not part of a longer run of numbers ("1.2.3.2014", "2012-06-29-5").
  if (at > 0 && tokens[at - 1].digits && tokens[at].begin == tokens[at - 1].end + 1) {
    return std::nullopt;
  }
  if (at + 3 < tokens.size() && tokens[at + 3].digits &&
      tokens[at + 3].begin == tokens[at + 2].end + 1) {
    return std::nullopt;
  }
  const std::string_view first = tokens[at].text;
  const std::string_view middle = tokens[at + 1].text;
  const std::string_view last = tokens[at + 2].text;
  if (middle.size() > 2) return std::nullopt;
  const auto number = [](std::string_view digits) { return std::stoi(std::string(digits)); };
  YearMonthDay date;
  if (first.size() == 4 && last.size() <= 2) {
    date = {number(first), number(middle), number(last)};
  } else if (first.size() <= 2 && last.size() == 4) {
    const bool month_first = separator == '/' && language == "en";
    date = month_first ? YearMonthDay{number(last), number(first), number(middle)}
                       : YearMonthDay{number(last), number(middle), number(first)};
  } else {
    return std::nullopt;
  }
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > 31) return std::nullopt;
  return date;
}

std::vector<FiscalYear> FiscalYears(const std::vector<Token>& tokens) {
  std::vector<FiscalYear> years;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    std::size_t number = 0;
    if (tokens[i].text == "fy") {
      number = i + 1;
    } else if (tokens[i].text == "fiscal" && i + 1 < tokens.size() &&
               (tokens[i + 1].text == "year" || tokens[i + 1].text == "years") &&
               Adjacent(tokens, i, i + 1)) {
      number = i + 2;
    } else {
      continue;
    }
    // "FY03" and "FY '03" sit closer than words do; "fiscal year 2003" is
    // the usual gap.
    if (number >= tokens.size() || !tokens[number].digits ||
        tokens[number].begin - tokens[number - 1].end > 2) {
      continue;
    }
    const std::string_view digits = tokens[number].text;
    if (digits.size() != 2 && digits.size() != 4) continue;
    int year = std::stoi(std::string(digits));
    if (digits.size() == 2) year += year < 50 ? 2000 : 1900;
    if (!PlausibleYear(year)) continue;
    years.push_back({year, tokens[i].begin});
  }
  return years;
}
}  // namespace archivist::enrich::date_text
