// SPDX-License-Identifier: GPL-2.0-or-later
// The forms a date takes in a text's words: a month's name in six
// languages and, from ICU, in the document's own; a CJK date; a numeric
// date; a fiscal year. Internal to indexer/enrich's date readers.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/enrich/date_tokens.h"

namespace archivist::enrich::date_text {

// Month names a text may use: those above, plus the full month names ICU
// (CLDR) knows for the document's own language, so a Croatian "10. prosinca
// 1948" or an Italian "10 dicembre 1948" is read as well. Only the
// document's language is added: across all locales, the same word names
// different months ("listopad" is November in Polish and October in
// Croatian).
// Built once per language, then shared: thread-safe.
class MonthTable {
 public:
  static const MonthTable& ForLanguage(std::string_view language);
  explicit MonthTable(std::string_view language);
  // The month (1-12) a folded word names, or 0.
  int Number(std::string_view word) const;

 private:
  void AddLocaleMonths(const std::string& language);
  std::map<std::string, int, std::less<>> numbers_;
};

struct NumberBefore {
  std::size_t index = 0;
  int value = -1;
};

// The number just before the month at `month`, across fillers ("30 may",
// "1er aout", "4 de marco", "1948. december").
NumberBefore NumberBeforeMonth(const std::vector<Token>& tokens, std::size_t month);

struct YearMonthDay {
  int year = 0;
  int month = 0;
  int day = 0;
};

// "1948年12月10日" (Chinese, Japanese) and "1948년 12월 10일" (Korean), starting
// at the year.
std::optional<YearMonthDay> CjkDateAt(const std::vector<Token>& tokens, std::size_t at);

// A date written in numbers: year first ("2012-06-29", "1948.12.10") or
// last ("10.12.1948", "30/06/2014"), one separator used twice. A year-last
// date with slashes in an English text is read month first, as in the US
// ("6/30/2014"); in any other text day first.
std::optional<YearMonthDay> NumericDateAt(const std::string& text, const std::vector<Token>& tokens,
                                          std::size_t at, std::string_view language);

struct FiscalYear {
  int year = 0;
  std::size_t position = 0;
};

// The fiscal years named: "fiscal year 2003", "fiscal years 2000 and
// 2001", "FY 2003", "FY03", "FY '03", in order. Two digits are this
// century below 50.
std::vector<FiscalYear> FiscalYears(const std::vector<Token>& tokens);

}  // namespace archivist::enrich::date_text
