// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/extract/titles.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace archivist::extract {
namespace {

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

// Words a phrase does not end on: a cut after one leaves "At the" or
// "on behalf of". English, French, Dutch, German, Spanish and Portuguese.
bool IsFunctionWord(std::string_view word) {
  static const std::set<std::string, std::less<>> kWords = {
      "a",    "an",   "the",  "of",   "and",  "or",  "to",   "in",  "on",   "at",  "for",
      "by",   "with", "from", "as",   "this", "that", "these", "my", "our",  "is",  "are",
      "i",    "we",   "its",  "their", "his", "her", "le",   "la",  "les",  "l'",  "de",
      "des",  "du",   "et",   "à",    "au",   "aux", "un",   "une", "pour", "par", "sur",
      "dans", "d'",   "het",  "een",  "van",  "en",  "op",   "voor", "met", "der", "die",
      "das",  "den",  "dem",  "und",  "von",  "zu",  "im",   "mit", "für",  "ein", "eine",
      "o",    "os",   "as",   "do",   "da",   "dos", "das",  "e",   "em",   "no",  "na",
      "el",   "los",  "las",  "del",  "y",    "por", "para", "con", "al"};
  return kWords.count(LowerAscii(word)) > 0;
}

// The last word of `text` (after its last space), punctuation stripped.
std::string_view LastWord(std::string_view text) {
  while (!text.empty() && std::string_view(",;:-–( ").find(text.back()) != std::string_view::npos) {
    text.remove_suffix(1);
  }
  const auto space = text.rfind(' ');
  return space == std::string_view::npos ? text : text.substr(space + 1);
}

// Drops trailing function words and dangling punctuation, so a phrase cut
// short ends on a word that carries meaning.
std::string WithoutDanglingEnd(std::string text) {
  for (;;) {
    while (!text.empty() && std::string_view(",;:-–( ").find(text.back()) != std::string::npos) {
      text.pop_back();
    }
    const auto space = text.rfind(' ');
    if (space == std::string::npos || !IsFunctionWord(std::string_view(text).substr(space + 1))) {
      return text;
    }
    text.resize(space);
  }
}

bool StartsWithUpperOrDigit(std::string_view text) {
  if (text.empty()) return false;
  const auto c = static_cast<unsigned char>(text.front());
  // Letters outside ASCII (É, Ω, CJK) are taken as capitals: a sentence in
  // any script may start there.
  return std::isupper(c) || std::isdigit(c) || c >= 0x80 || c == '"' || c == '\'' || c == '(';
}

// Whether the full stop at `dot` in `text` ends a sentence rather than an
// abbreviation ("Mr.", "U.S.", "e.g."), an initial or a number ("5.2.").
bool EndsSentence(std::string_view text, std::size_t dot) {
  const std::size_t next = dot + 1;
  if (next < text.size() && !IsSpace(text[next])) return false;
  std::size_t after = next;
  while (after < text.size() && IsSpace(text[after])) ++after;
  if (after < text.size() && !StartsWithUpperOrDigit(text.substr(after))) return false;
  if (text[dot] != '.') return true;
  std::size_t start = dot;
  while (start > 0 && !IsSpace(text[start - 1])) --start;
  const std::string_view word = text.substr(start, dot - start);
  if (word.empty()) return false;
  if (word.find('.') != std::string_view::npos) return false;  // "U.S", "e.g"
  if (std::all_of(word.begin(), word.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    return false;
  }
  const bool capitalised = std::isupper(static_cast<unsigned char>(word.front()));
  return !(capitalised && word.size() <= 3);  // "Mr", "Dr", "St", "No", "J"
}

// A line of the opening without Markdown's inline markup: "**bold**" and
// "__bold__" lose their markers, "[text](url)" keeps its text, "\\(" is
// "(", and a heading's leading "#"s go.
std::string WithoutMarkup(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  std::size_t i = 0;
  if (const auto words = line.find_first_not_of('#');
      words != 0 && words != std::string_view::npos && line[words] == ' ') {
    i = words;  // "## Heading"
  }
  for (; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '\\' && i + 1 < line.size() && std::ispunct(static_cast<unsigned char>(line[i + 1]))) {
      out += line[++i];
    } else if ((c == '*' || c == '_') && i + 1 < line.size() && line[i + 1] == c) {
      ++i;
    } else if (c == ']' && i + 1 < line.size() && line[i + 1] == '(') {
      const auto close = line.find(')', i + 2);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c != '[') {
      out += c;
    }
  }
  // White space runs become one space.
  std::string collapsed;
  for (const char c : out) {
    const char d = IsSpace(c) ? ' ' : c;
    if (d == ' ' && (collapsed.empty() || collapsed.back() == ' ')) continue;
    collapsed += d;
  }
  return Trim(collapsed);
}

// The opening's paragraphs (runs of lines between blank lines), each line
// without markup. Table rows and stray HTML are left out: a letterhead laid
// out as a table is not a title.
std::vector<std::vector<std::string>> Paragraphs(std::string_view text, std::size_t max_lines = 40) {
  std::vector<std::vector<std::string>> paragraphs;
  bool open = false;
  std::size_t lines = 0;
  std::size_t at = 0;
  while (at < text.size() && lines < max_lines) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    const std::string raw = Trim(text.substr(at, end - at));
    at = end + 1;
    if (!raw.empty() && (raw.front() == '|' || raw.front() == '<')) continue;
    const std::string line = WithoutMarkup(raw);
    if (line.empty()) {
      open = false;
      continue;
    }
    if (!open) paragraphs.emplace_back();
    paragraphs.back().push_back(line);
    open = true;
    ++lines;
  }
  return paragraphs;
}

std::size_t WordCount(std::string_view line) {
  std::size_t words = 0;
  bool in_word = false;
  for (const char c : line) {
    const bool space = IsSpace(c);
    words += !space && !in_word;
    in_word = !space;
  }
  return words;
}

// Whether the opening reads as running text, not as the labels of a chart
// or the cells of a table: most of its words sit in lines of six or more.
bool IsProse(const std::vector<std::vector<std::string>>& paragraphs) {
  std::size_t words = 0;
  std::size_t in_long_lines = 0;
  for (const auto& paragraph : paragraphs) {
    for (const std::string& line : paragraph) {
      const std::size_t n = WordCount(line);
      words += n;
      if (n >= 6) in_long_lines += n;
    }
  }
  return words > 0 && in_long_lines * 2 >= words;
}

// A division's label ("Título II", "Chapter 3", "Part IV"): a word or two
// and a number, which its name on the next line completes.
bool IsDivisionLabel(std::string_view line) {
  if (WordCount(line) > 3) return false;
  const std::string_view last = LastWord(line);
  return !last.empty() && std::all_of(last.begin(), last.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || std::string_view("IVXLCivxlc.º").find(c) != std::string_view::npos;
  });
}

bool ReadsAsTitle(const std::string& line) {
  if (line.empty() || line.size() > 200 || IsPlaceholderTitle(line)) return false;
  if (std::string_view(",;-–(").find(line.back()) != std::string_view::npos) return false;
  return !IsFunctionWord(LastWord(line));
}

// The title line the opening starts with, alone in its paragraph; a
// division's label takes the name under it. Empty when there is none.
std::string OpeningTitle(const std::vector<std::vector<std::string>>& paragraphs) {
  if (paragraphs.empty() || paragraphs[0].size() != 1 || !ReadsAsTitle(paragraphs[0][0])) return "";
  std::string title = paragraphs[0][0];
  if (IsDivisionLabel(title) && paragraphs.size() > 1 && paragraphs[1].size() == 1 &&
      ReadsAsTitle(paragraphs[1][0]) && paragraphs[1][0].size() <= 120 &&
      !IsDivisionLabel(paragraphs[1][0])) {
    title += " — " + paragraphs[1][0];
  }
  return title;
}

// The first sentence of the first paragraph, cut as FirstSentence says.
std::string SentenceOf(const std::vector<std::vector<std::string>>& paragraphs,
                       std::size_t max_bytes) {
  if (paragraphs.empty()) return "";
  std::string paragraph;
  for (const std::string& line : paragraphs[0]) {
    if (!paragraph.empty()) paragraph += ' ';
    paragraph += line;
  }
  std::string sentence = paragraph;
  for (std::size_t i = 0; i < paragraph.size(); ++i) {
    const char c = paragraph[i];
    if ((c == '.' || c == '!' || c == '?') && EndsSentence(paragraph, i)) {
      sentence = paragraph.substr(0, i + 1);
      break;
    }
    if (paragraph.compare(i, 3, "\xE3\x80\x82") == 0) {  // "。"
      sentence = paragraph.substr(0, i + 3);
      break;
    }
  }
  if (sentence.size() <= max_bytes) return sentence;
  std::string cut = WithoutDanglingEnd(ShortenAtWord(sentence, max_bytes));
  if (cut.empty()) return "";
  return cut + "…";
}

bool HasFileExtension(std::string_view title) {
  static constexpr std::array<std::string_view, 30> kExtensions = {
      ".doc", ".docx", ".dot",  ".rtf",  ".pdf", ".pmd", ".p65",  ".indd", ".qxd", ".qxp",
      ".tif", ".tiff", ".jpg",  ".jpeg", ".png", ".xls", ".xlsx", ".ppt",  ".pptx", ".odt",
      ".txt", ".htm",  ".html", ".wpd",  ".ps",  ".eps", ".ai",   ".dvi",  ".tex", ".csv"};
  const std::string lower = LowerAscii(Trim(title));
  return std::any_of(kExtensions.begin(), kExtensions.end(), [&](std::string_view ext) {
    return lower.size() > ext.size() && lower.compare(lower.size() - ext.size(), ext.size(), ext) == 0;
  });
}

// The length of the run of digits that ends just before `at`.
std::size_t DigitRun(std::string_view s, std::size_t at) {
  std::size_t run = 0;
  while (run < at && std::isdigit(static_cast<unsigned char>(s[at - run - 1]))) ++run;
  return run;
}

}  // namespace

bool IsLeftoverTitle(std::string_view title) {
  const std::string trimmed = Trim(title);
  if (IsPlaceholderTitle(trimmed)) return true;
  const std::string lower = LowerAscii(trimmed);
  static constexpr std::array<std::string_view, 8> kProducerPrefixes = {
      "microsoft word - ", "microsoft powerpoint - ", "microsoft excel - ", "created with ",
      "generated by ",     "powered by ",             "http://",            "https://"};
  for (std::string_view prefix : kProducerPrefixes) {
    if (lower.compare(0, prefix.size(), prefix) == 0) return true;
  }
  if (HasFileExtension(trimmed)) return true;
  // A path: "C:\Datatech\Samples\Scanned Document", "/home/x/report".
  if (trimmed.find('\\') != std::string::npos) return true;
  if (trimmed.size() > 2 && trimmed[1] == ':' && std::isalpha(static_cast<unsigned char>(trimmed[0]))) {
    return true;
  }
  if (trimmed.front() == '/' && trimmed.find('/', 1) != std::string::npos) return true;
  // One "word" joined by underscores or carrying a query string is a
  // machine's name for the file, not a person's.
  if (trimmed.find(' ') == std::string::npos &&
      (trimmed.find('_') != std::string::npos || trimmed.find('=') != std::string::npos)) {
    return true;
  }
  return false;
}

std::string ReadableFileName(std::string_view file_name) {
  std::string stem(file_name.substr(file_name.find_last_of('/') == std::string_view::npos
                                        ? 0
                                        : file_name.find_last_of('/') + 1));
  if (const auto dot = stem.rfind('.'); dot != std::string::npos && dot > 0 &&
                                        stem.size() - dot <= 5) {
    stem.resize(dot);
  }
  const bool has_spaces = stem.find(' ') != std::string::npos;
  std::string out;
  for (std::size_t i = 0; i < stem.size(); ++i) {
    const char c = stem[i];
    const auto prev = static_cast<unsigned char>(i > 0 ? stem[i - 1] : ' ');
    const auto next = static_cast<unsigned char>(i + 1 < stem.size() ? stem[i + 1] : ' ');
    if ((c == '_' || c == '+') && std::isdigit(prev) && std::isdigit(next) &&
        DigitRun(stem, i) <= 2) {
      out += '.';  // "figure3_1" is figure 3.1, "2000_2001" two years
    } else if (c == '_' || c == '+' ||
               (c == '-' && !has_spaces && !(std::isdigit(prev) && std::isdigit(next)))) {
      out += ' ';  // "rapport_annuel", "latex-via-exemplos", but "1999-2015" stays
    } else {
      if (std::isdigit(static_cast<unsigned char>(c)) && std::isalpha(prev) && std::islower(prev)) {
        out += ' ';  // "figure3" is figure 3
      }
      out += c;
    }
  }
  std::string collapsed;
  for (char c : out) {
    if (c == ' ' && (collapsed.empty() || collapsed.back() == ' ')) continue;
    collapsed += c;
  }
  collapsed = Trim(collapsed);
  if (!collapsed.empty()) {
    collapsed[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(collapsed[0])));
  }
  return collapsed;
}

std::string FirstSentence(std::string_view text, std::size_t max_bytes) {
  return SentenceOf(Paragraphs(text), max_bytes);
}

bool IsTitleLine(std::string_view text) { return !OpeningTitle(Paragraphs(text)).empty(); }

ChosenTitle ChooseTitle(const TitleEvidence& evidence) {
  if (std::string metadata = WithoutMarkup(evidence.metadata);
      !metadata.empty() && !IsLeftoverTitle(metadata)) {
    return {std::move(metadata), kTitleFromMetadata};
  }
  if (std::string heading = WithoutMarkup(evidence.heading);
      !heading.empty() && !IsLeftoverTitle(heading)) {
    return {std::move(heading), kTitleFromHeading};
  }
  // A dataset's first line is its header row, a chart's its labels: only
  // an opening that reads as running text names its document.
  const std::vector<std::vector<std::string>> paragraphs = Paragraphs(evidence.opening);
  if (!evidence.dataset && !IsProse(paragraphs) && !paragraphs.empty() &&
      paragraphs[0].size() <= 2) {
    // Among labels and cells, a line of six words or more that reads as a
    // title describes the page ("Africa Region, Benin, International
    // Military Education and Training (IMET), FY 01"); a shorter one is a
    // label ("Full criminalization").
    std::string line = paragraphs[0].size() == 1 ? paragraphs[0][0]
                                                 : paragraphs[0][0] + " " + paragraphs[0][1];
    if (WordCount(line) >= 6 && ReadsAsTitle(line)) return {std::move(line), kTitleFromOpening};
  }
  if (!evidence.dataset && IsProse(paragraphs)) {
    if (std::string line = OpeningTitle(paragraphs); !line.empty()) {
      return {std::move(line), kTitleFromOpening};
    }
    if (std::string sentence = SentenceOf(paragraphs, 160);
        !sentence.empty() && !IsPlaceholderTitle(sentence)) {
      return {std::move(sentence), kTitleFromFirstSentence};
    }
  }
  return {ReadableFileName(evidence.file_name), kTitleFromFileName};
}

std::string Trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n\f");
  if (first == std::string_view::npos) return "";
  const auto last = s.find_last_not_of(" \t\r\n\f");
  return std::string(s.substr(first, last - first + 1));
}

bool IsPlaceholderTitle(std::string_view title) {
  // Letters in any script count: a byte of a multi-byte character is a
  // letter's part.
  const auto letters = std::count_if(title.begin(), title.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalpha(u) || u >= 0x80;
  });
  if (letters < 4) return true;
  static constexpr std::array<std::string_view, 8> kPlaceholders = {
      "cover page", "cover", "untitled", "title", "document", "slide 1", "page 1", "no title"};
  const std::string lower = LowerAscii(Trim(title));
  return std::find(kPlaceholders.begin(), kPlaceholders.end(), lower) != kPlaceholders.end();
}

std::string TitleFromOpening(std::string_view text, std::size_t max_bytes) {
  std::string first;
  std::size_t at = 0;
  while (at < text.size() && first.empty()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    first = Trim(text.substr(at, end - at));
    at = end + 1;
  }
  if (first.empty()) return "";
  // "Africa Region, Benin, International Military Education" runs on into
  // "and Training (IMET), FY 01" on the next line.
  if (at < text.size() && std::string_view(".!?:;").find(first.back()) == std::string_view::npos) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    const std::string next = Trim(text.substr(at, end - at));
    if (!next.empty()) first += " " + next;
  }
  return ShortenAtWord(first, max_bytes);
}

std::string ShortenAtWord(const std::string& line, std::size_t max_bytes) {
  if (line.size() <= max_bytes) return line;
  std::size_t cut = line.rfind(' ', max_bytes);
  if (cut == std::string::npos || cut == 0) {
    cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  }
  return Trim(line.substr(0, cut));
}

}  // namespace archivist::extract
