// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/dates.h"

#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <utility>
#include <vector>

#include "core/text.h"
#include "indexer/enrich/folded_text.h"

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

// Month names a text may use: those above, plus the full month names ICU
// (CLDR) knows for the document's own language, so a Croatian "10. prosinca
// 1948" or an Italian "10 dicembre 1948" is read as well. Only the
// document's language is added: across all locales, the same word names
// different months ("listopad" is November in Polish and October in
// Croatian).
class MonthTable {
 public:
  static const MonthTable& ForLanguage(std::string_view language) {
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<MonthTable>, std::less<>> tables;
    const std::lock_guard<std::mutex> lock(mutex);
    auto it = tables.find(language);
    if (it == tables.end()) {
      it = tables.emplace(std::string(language), std::make_unique<MonthTable>(language)).first;
    }
    return *it->second;
  }

  explicit MonthTable(std::string_view language) {
    for (const auto& [name, number] : kMonths) numbers_.emplace(name, number);
    if (language.empty() || language == "und") return;
    AddLocaleMonths(std::string(language));
  }

  int Number(std::string_view word) const {
    const auto it = numbers_.find(word);
    return it == numbers_.end() ? 0 : it->second;
  }

 private:
  void AddLocaleMonths(const std::string& language) {
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

  std::map<std::string, int, std::less<>> numbers_;
};

// A run of ASCII digits or of other word characters in folded text, with
// its byte offsets there.
struct Token {
  std::string_view text;
  std::size_t begin = 0;
  std::size_t end = 0;
  bool digits = false;
};

// A character that belongs to a word as Xapian's tokeniser sees it
// (Xapian::Unicode::is_wordchar): letters, marks, numbers and connector
// punctuation. Read with ICU so that enrichment needs no Xapian.
bool IsWordChar(UChar32 ch) {
  if (ch < 0) return false;
  constexpr std::uint32_t kWordCategories = U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK | U_GC_PC_MASK;
  return (U_GET_GC_MASK(ch) & kWordCategories) != 0;
}

std::vector<Token> Tokenise(const std::string& text) {
  std::vector<Token> tokens;
  enum class Kind { kNone, kDigits, kLetters };
  Kind kind = Kind::kNone;
  std::size_t start = 0;
  const auto close = [&](std::size_t at) {
    if (kind == Kind::kNone) return;
    tokens.push_back({std::string_view(text).substr(start, at - start), start, at,
                      kind == Kind::kDigits});
  };
  const auto length = static_cast<std::int32_t>(text.size());
  for (std::int32_t next = 0; next < length;) {
    const auto at = static_cast<std::size_t>(next);
    UChar32 ch = 0;
    U8_NEXT(text.data(), next, length, ch);  // ch < 0 for a malformed sequence
    const Kind here = (ch >= '0' && ch <= '9') ? Kind::kDigits
                      : IsWordChar(ch)         ? Kind::kLetters
                                               : Kind::kNone;
    if (here != kind) {
      close(at);
      kind = here;
      start = at;
    }
  }
  close(text.size());
  return tokens;
}

// Parts of one date are separated by a space and perhaps a comma or a dot,
// never by more.
constexpr std::size_t kMaxGapBytes = 3;

bool Adjacent(const std::vector<Token>& tokens, std::size_t before, std::size_t after) {
  return after < tokens.size() && after == before + 1 &&
         tokens[after].begin - tokens[before].end <= kMaxGapBytes;
}

// Words that sit between a date's parts: ordinal endings ("6th", "1er",
// "1o") and prepositions ("4 de marco de 2009", "6th of May").
bool IsFiller(std::string_view word) {
  static constexpr std::array<std::string_view, 11> kFillers = {
      "st", "nd", "rd", "th", "er", "e", "o", "de", "del", "of", "di"};
  return std::find(kFillers.begin(), kFillers.end(), word) != kFillers.end();
}

// The first token at or after `at` that is not a filler adjacent to the one
// before it.
std::size_t SkipFillers(const std::vector<Token>& tokens, std::size_t at) {
  while (at < tokens.size() && !tokens[at].digits && IsFiller(tokens[at].text) &&
         Adjacent(tokens, at - 1, at)) {
    ++at;
  }
  return at;
}

// The value of the number at `at` when it is adjacent to the token before
// it; -1 otherwise.
int NumberAt(const std::vector<Token>& tokens, std::size_t at) {
  if (at == 0 || !Adjacent(tokens, at - 1, at)) return -1;
  const Token& token = tokens[at];
  if (!token.digits || token.text.size() > 4) return -1;
  return std::stoi(std::string(token.text));
}

bool IsYear(const std::vector<Token>& tokens, std::size_t at) {
  return NumberAt(tokens, at) > 0 && tokens[at].text.size() == 4 &&
         PlausibleYear(NumberAt(tokens, at));
}

struct NumberBefore {
  std::size_t index = 0;
  int value = -1;
};

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

struct YearMonthDay {
  int year = 0;
  int month = 0;
  int day = 0;
};

// "1948年12月10日" (Chinese, Japanese) and "1948년 12월 10일" (Korean), starting
// at the year.
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
    return c == '.' || c == '/' || c == '-' ? c : 0;
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

// Words that say a document was made, adopted, signed, published or
// spoken, folded, in the six languages we analyse. `strong`: a bare year
// just after it is that date ("published in 2015"); the others ("made",
// "fait", "gegeven") need a day or a month with the year.
struct MakingWord {
  std::string_view word;
  bool strong;
};
constexpr std::array<MakingWord, 79> kMakingWords = {{
    // English
    {"adopted", true}, {"signed", true}, {"published", true}, {"issued", true},
    {"enacted", true}, {"proclaimed", true}, {"approved", true}, {"delivered", true},
    {"promulgated", true}, {"released", true}, {"dated", true}, {"made", false},
    {"done", false}, {"given", false}, {"passed", false}, {"spoken", false},
    // French
    {"adopte", true}, {"adoptee", true}, {"signe", true}, {"signee", true}, {"publie", true},
    {"publiee", true}, {"promulgue", true}, {"promulguee", true}, {"proclame", true},
    {"proclamee", true}, {"approuve", true}, {"approuvee", true}, {"prononce", false},
    {"fait", false}, {"donne", false},
    // Dutch
    {"vastgesteld", true}, {"aangenomen", true}, {"ondertekend", true}, {"gepubliceerd", true},
    {"uitgegeven", true}, {"afgekondigd", true}, {"goedgekeurd", true}, {"gedaan", false},
    {"gegeven", false}, {"uitgesproken", false},
    // Portuguese
    {"adotada", true}, {"adotado", true}, {"aprovada", true}, {"aprovado", true},
    {"assinada", true}, {"assinado", true}, {"publicada", true}, {"publicado", true},
    {"proclamada", true}, {"sancionada", true}, {"promulgada", true}, {"feito", false},
    // Spanish
    {"adoptada", true}, {"adoptado", true}, {"aprobada", true}, {"firmada", true},
    {"firmado", true}, {"proclamado", true}, {"hecho", false}, {"dado", false},
    {"dada", false}, {"pronunciado", false},
    // German
    {"angenommen", true}, {"verabschiedet", true}, {"unterzeichnet", true},
    {"veroffentlicht", true}, {"verkundet", true}, {"beschlossen", true},
    {"ausgefertigt", true}, {"gegeben", false}, {"gehalten", false},
    // Danish, Norwegian, Swedish (the declarations' "vedtog", "antogs")
    {"vedtog", true}, {"vedtatt", true}, {"vedtaget", true}, {"antogs", true},
    {"antagen", true}, {"undertegnet", true}, {"undertecknad", true},
}};

const MakingWord* FindMakingWord(std::string_view word) {
  for (const MakingWord& making : kMakingWords) {
    if (making.word == word) return &making;
  }
  return nullptr;
}

// Markers of page furniture whose years are not the document's, and how
// many bytes after the marker those years may sit.
struct Furniture {
  std::string_view marker;
  std::size_t reach;
};
constexpr std::array<Furniture, 13> kFurniture = {{
    {"\xc2\xa9", 40},  // ©
    {"copyright", 60},
    {"all rights reserved", 0},
    {"droits reserves", 0},
    {"printed in", 80},
    {"printed by", 80},
    {"imprime en", 80},
    {"imprime par", 80},
    {"gedrukt", 80},
    {"druck:", 80},
    {"impresso", 80},
    {"impreso", 80},
    {"last modified", 40},
}};

void BlankDigits(std::string& text, std::size_t from, std::size_t to) {
  for (std::size_t k = from; k < std::min(to, text.size()); ++k) {
    if (text[k] >= '0' && text[k] <= '9') text[k] = ' ';
  }
}

// `head` with the digits of page furniture (kFurniture) and web addresses
// turned to spaces, so that no date is read from them; offsets are kept.
void BlankFurniture(std::string& head) {
  for (const Furniture& furniture : kFurniture) {
    for (std::size_t at = head.find(furniture.marker); at != std::string::npos;
         at = head.find(furniture.marker, at + 1)) {
      // A rights line names its years before "all rights reserved" too.
      const std::size_t from = furniture.reach == 0 && at > 60 ? at - 60 : at;
      BlankDigits(head, from, at + furniture.marker.size() + furniture.reach);
    }
  }
  // "(c) 2009", but not a list's "(c) in 2009 the ...".
  for (std::size_t at = head.find("(c) "); at != std::string::npos; at = head.find("(c) ", at + 1)) {
    if (at + 4 < head.size() && std::isdigit(static_cast<unsigned char>(head[at + 4]))) {
      BlankDigits(head, at, at + 40);
    }
  }
  // Web addresses: a run without spaces holding "://" or starting "www.".
  for (const std::string_view marker : {std::string_view("://"), std::string_view("www.")}) {
    for (std::size_t at = head.find(marker); at != std::string::npos;
         at = head.find(marker, at + 1)) {
      std::size_t begin = at;
      while (begin > 0 && !std::isspace(static_cast<unsigned char>(head[begin - 1]))) --begin;
      std::size_t end = at;
      while (end < head.size() && !std::isspace(static_cast<unsigned char>(head[end]))) ++end;
      BlankDigits(head, begin, end);
    }
  }
}

struct FiscalYear {
  int year = 0;
  std::size_t position = 0;
};

// The fiscal years named: "fiscal year 2003", "fiscal years 2000 and
// 2001", "FY 2003", "FY03", "FY '03", in order. Two digits are this
// century below 50.
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

// A date found in the text, by the token it starts at.
struct DateAt {
  std::size_t token = 0;
  FoundDate date;
};

// True when the token at `at` starts a sentence, a line or the text.
bool StartsSentence(const std::string& text, const std::vector<Token>& tokens, std::size_t at) {
  if (at == 0) return true;
  const std::string_view gap =
      std::string_view(text).substr(tokens[at - 1].end, tokens[at].begin - tokens[at - 1].end);
  return gap.find_first_of(".!?:;\n\f") != std::string_view::npos;
}

// True when the date starting at token `date` opens its sentence (at most
// two words before it: "Den 10. december 1948 vedtog") and runs into the
// word at `verb` without a sentence break.
bool OpensItsSentence(const std::string& text, const std::vector<Token>& tokens, std::size_t date,
                      std::size_t verb) {
  std::size_t start = date;
  while (start > 0 && !StartsSentence(text, tokens, start)) --start;
  if (date - start > 2) return false;
  // The date's own parts may hold dots ("10. december"): look from its year on.
  std::size_t from = date;
  while (from + 1 < verb && !(tokens[from].digits && tokens[from].text.size() == 4)) ++from;
  for (std::size_t k = from + 1; k <= verb; ++k) {
    if (StartsSentence(text, tokens, k)) return false;
  }
  return true;
}

// A statement speaks of the document itself: its making word opens a
// sentence ("Adopted and proclaimed by ...", "Publié en 2015"), or "this"
// stands a few words before it ("this report was published in 2015").
// Elsewhere it tells of another text ("the agreements ... signed at Amman
// on June 28, 2009").
bool SpeaksOfItself(const std::string& text, const std::vector<Token>& tokens, std::size_t at) {
  static constexpr std::array<std::string_view, 13> kThis = {
      "this", "ce", "cette", "ceci", "deze", "dit", "este", "esta", "dieses", "diese", "dieser",
      "present", "presente"};
  if (StartsSentence(text, tokens, at)) return true;
  for (std::size_t k = at > 5 ? at - 5 : 0; k < at; ++k) {
    if (std::find(kThis.begin(), kThis.end(), tokens[k].text) != kThis.end()) return true;
  }
  return false;
}

// The first date (kStatementBytes from the start at most) that a making
// word (kMakingWords) about the document itself governs: up to twelve
// words after it ("adopted and proclaimed by General Assembly resolution
// 217 A (III) of 10 December 1948"), or, for a strong one, a date opening
// its sentence ("Den 10. december 1948 vedtog") or a bare year just after
// a preposition ("published in 2015", "publié en 2015").
FoundDate StatementDate(const std::string& text, const std::vector<Token>& tokens,
                        const std::vector<DateAt>& dates, const std::vector<DateAt>& years) {
  constexpr std::size_t kWordsAfter = 16;
  constexpr std::size_t kWeakWordsAfter = 4;
  constexpr std::size_t kWordsBefore = 6;
  static constexpr std::array<std::string_view, 6> kIn = {"in", "en", "em", "im", "op", "on"};
  for (std::size_t i = 0; i < tokens.size() && tokens[i].begin < kStatementBytes; ++i) {
    if (tokens[i].digits) continue;
    const MakingWord* making = FindMakingWord(tokens[i].text);
    if (!making) continue;
    const std::size_t reach = making->strong ? kWordsAfter : kWeakWordsAfter;
    const bool itself = SpeaksOfItself(text, tokens, i);
    for (const DateAt& date : dates) {
      if (itself && date.token > i && date.token <= i + reach) return date.date;
      if (making->strong && date.token < i && date.token + kWordsBefore >= i &&
          OpensItsSentence(text, tokens, date.token, i)) {
        return date.date;
      }
    }
    if (!making->strong || !itself || i + 2 >= tokens.size()) continue;
    if (std::find(kIn.begin(), kIn.end(), tokens[i + 1].text) == kIn.end()) continue;
    for (const DateAt& year : years) {
      if (year.token == i + 2) return year.date;
    }
  }
  return {};
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
    if (const FoundDate found = DateFromFileName(nearest); found.year > 0) return found;
    folders = slash == std::string_view::npos ? std::string_view() : folders.substr(0, slash);
  }
  return {};
}

}  // namespace archivist::enrich
