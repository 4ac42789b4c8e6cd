// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/dates.h"

#include <algorithm>
#include <ctime>
#include <regex>
#include <vector>

#include "core/text.h"
#include "indexer/enrich/date_forms.h"
#include "indexer/enrich/date_furniture.h"
#include "indexer/enrich/date_statements.h"
#include "indexer/enrich/date_tokens.h"
#include "indexer/enrich/folded_text.h"

// The parts of reading a date live in their own files: the tokeniser
// (date_tokens), the forms a date takes (date_forms), page furniture
// (date_furniture) and statements about the document (date_statements).
// Here they are put together, ranked by where in the text they stand.
namespace archivist::enrich {

using namespace date_text;  // NOLINT(google-build-using-namespace): this file's own parts

namespace {

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

int CurrentYear() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return utc.tm_year + 1900;
}

// The latest year from 1900 to this one that the text names as a number of
// its own: a chart of "2000 ... 2015" is from 2015 or later.
int LatestYearNamed(const std::vector<Token>& tokens) {
  static const int kThisYear = CurrentYear();
  int latest = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    if (!token.digits || token.text.size() != 4) continue;
    // Part of a longer number: "10.406", "2 000 000", "+1 202 647 2000".
    if (i > 0 && tokens[i - 1].digits && token.begin - tokens[i - 1].end <= 1) continue;
    if (i + 1 < tokens.size() && tokens[i + 1].digits && tokens[i + 1].begin - token.end <= 1) {
      continue;
    }
    const int year = std::stoi(std::string(token.text));
    if (year >= 1900 && year <= kThisYear) latest = std::max(latest, year);
  }
  return latest;
}

}  // namespace

TextDates FindTextDates(std::string_view text, std::string_view language) {
  return FindFoldedTextDates(FoldWord(text.substr(0, kDateScanBytes)), language);
}

TextDates FindFoldedTextDates(std::string_view lower_folded, std::string_view language) {
  TextDates found;
  std::string head(Head(lower_folded, kDateScanBytes));
  BlankFurniture(head);
  const std::vector<Token> tokens = Tokenise(head);
  const MonthTable& months = MonthTable::ForLanguage(language);

  Candidate full;
  Candidate partial;
  std::vector<DateAt> dates;  // every full or month-year date, for statements
  std::vector<DateAt> years;  // every year standing alone
  const auto note = [&](std::size_t token, int year, int month, int day) {
    if (!PlausibleYear(year) || month < 1 || month > 12 || day < 0 || day > 31) return;
    if (tokens[token].begin >= kStatementBytes) return;
    dates.push_back({token, {Format(year, month, day), year}});
  };
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].begin < kStatementBytes && tokens[i].digits && tokens[i].text.size() == 4) {
      const int year = std::stoi(std::string(tokens[i].text));
      if (PlausibleYear(year)) years.push_back({i, {Format(year, 0, 0), year}});
    }
    if (const int month = months.Number(tokens[i].text); month > 0) {
      const NumberBefore day_before = NumberBeforeMonth(tokens, i);
      const std::size_t after = SkipFillers(tokens, i + 1);
      const int next = NumberAt(tokens, after);
      if (day_before.value >= 1 && day_before.value <= 31 && IsYear(tokens, after)) {
        // "30 may 2014", "4 de marco de 2014", "1. mai 2014", "6th of may 2014"
        Consider(full, tokens[day_before.index].begin, next, month, day_before.value);
        note(day_before.index, next, month, day_before.value);
      } else if (day_before.value > 31 && tokens[day_before.index].text.size() == 4 &&
                 PlausibleYear(day_before.value) && next >= 1 && next <= 31 &&
                 tokens[after].text.size() <= 2) {
        // "1948. december 10." (Hungarian order)
        Consider(full, tokens[day_before.index].begin, day_before.value, month, next);
        note(day_before.index, day_before.value, month, next);
      } else if (next >= 1 && next <= 31 && tokens[after].text.size() <= 2) {
        // "may 30, 2014", "may 30th 2014"
        const std::size_t year_at = SkipFillers(tokens, after + 1);
        if (IsYear(tokens, year_at)) {
          Consider(full, tokens[i].begin, NumberAt(tokens, year_at), month, next);
          note(i, NumberAt(tokens, year_at), month, next);
        }
      }
      if (IsYear(tokens, after)) {
        Consider(partial, tokens[i].begin, next, month, 0);
        note(i, next, month, 0);
      }
    } else if (const auto cjk = CjkDateAt(tokens, i)) {
      // "1948年12月10日", "1948년 12월 10일"
      Consider(full, tokens[i].begin, cjk->year, cjk->month, cjk->day);
      note(i, cjk->year, cjk->month, cjk->day);
    } else if (const auto numeric = NumericDateAt(head, tokens, i, language)) {
      // "2012-06-29", "10.12.1948", "1948.12.10", "6/30/2014"
      Consider(full, tokens[i].begin, numeric->year, numeric->month, numeric->day);
      note(i, numeric->year, numeric->month, numeric->day);
    }
  }
  found.full = full.date;
  found.full_in_dateline = full.position < kDatelineBytes;
  found.month_year = partial.date;

  // A report's cover names the fiscal years it covers ("FY 00 ... FY 01"):
  // it is the report of the first of them.
  const std::vector<FiscalYear> fiscal = FiscalYears(tokens);
  if (!fiscal.empty()) {
    FiscalYear chosen = fiscal.front();
    found.fiscal_on_cover = chosen.position < kCoverBytes;
    for (const FiscalYear& year : fiscal) {
      if (year.position < kCoverBytes && year.year < chosen.year) chosen = year;
    }
    found.fiscal = {Format(chosen.year, 0, 0), chosen.year};
  }
  found.statement = StatementDate(head, tokens, dates, years);

  found.latest_year = LatestYearNamed(tokens);
  return found;
}

FoundDate DateFromText(std::string_view text, std::string_view language) {
  const TextDates found = FindTextDates(text, language);
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

FoundDate DateFromFolderNames(std::string_view relative_path) {
  const std::size_t last_slash = relative_path.rfind('/');
  std::string_view folders =
      last_slash == std::string_view::npos ? std::string_view() : relative_path.substr(0, last_slash);
  while (!folders.empty()) {
    const std::size_t slash = folders.rfind('/');
    const std::string_view nearest =
        slash == std::string_view::npos ? folders : folders.substr(slash + 1);
    if (FoundDate found = DateFromFileName(nearest); found.year > 0) return found;
    folders = slash == std::string_view::npos ? std::string_view() : folders.substr(0, slash);
  }
  return {};
}

}  // namespace archivist::enrich
