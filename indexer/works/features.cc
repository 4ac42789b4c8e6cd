// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/works/features.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <sstream>
#include <string_view>
#include <unordered_set>
#include <utility>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "core/byte_set.h"
#include "core/text.h"
#include "indexer/works/titles.h"

namespace archivist::works {
namespace {

// Fewer words than this make a sketch of chance: two short notices in one
// template would look like versions of each other.
constexpr std::size_t kMinSketchWords = 40;
constexpr std::size_t kShingleWords = 4;
// The sketch reads at most this many words: a re-edition differs in places
// that a long prefix shows as well as the whole, at a fraction of the cost.
constexpr std::size_t kMaxSketchWords = 30000;
constexpr std::size_t kMaxAnchorBytes = 64;
constexpr std::size_t kMaxDeclaredBytes = 200;
constexpr std::size_t kNumberRun = 3;
constexpr std::size_t kMaxNumberRuns = 200;
// A first line longer than this is a paragraph, not a heading.
constexpr std::size_t kMaxFirstLineBytes = 200;

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The ASCII punctuation Trim takes off a token's edges: every token of
// every text is trimmed.
constexpr ByteSet kEdgeBytes = ByteSet::Of("()[]{}<>,;:!?\"'`*");

bool IsEdge(char c) { return kEdgeBytes.Holds(c); }
bool IsAsciiByte(char c) { return static_cast<unsigned char>(c) < 0x80; }

// Punctuation around a token ("(2012-c1)," "«Article") is not part of it.
std::string_view Trim(std::string_view token) {
  while (!token.empty() && IsEdge(token.front())) token.remove_prefix(1);
  while (!token.empty() && (IsEdge(token.back()) || token.back() == '.')) token.remove_suffix(1);
  // Multi-byte quotes and guillemets at the edges. Each starts with a
  // non-ASCII byte: a token with ASCII at both edges (most of them) has
  // none to take off.
  if (token.empty() || (IsAsciiByte(token.front()) && IsAsciiByte(token.back()))) return token;
  for (std::string_view mark : {"\u00ab", "\u00bb", "\u201c", "\u201d", "\u2019", "\u2018"}) {
    if (!token.empty() && !IsAsciiByte(token.front()) && token.starts_with(mark)) {
      token.remove_prefix(mark.size());
    }
    if (!token.empty() && !IsAsciiByte(token.back()) && token.ends_with(mark)) {
      token.remove_suffix(mark.size());
    }
  }
  return token;
}

// A decimal digit of any script (Devanagari, Arabic-Indic, Thai...) as
// ASCII: "१९४८" and "1948" are the same year. ICU knows every script's.
std::string AsciiDigits(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  std::int32_t at = 0;
  while (at < length) {
    if (bytes[at] < 0x80) {
      // A run of ASCII bytes, copied at once: no digit of another script.
      std::int32_t end = at + 1;
      while (end < length && bytes[end] < 0x80) ++end;
      out.append(text.substr(static_cast<std::size_t>(at), static_cast<std::size_t>(end - at)));
      at = end;
      continue;
    }
    const std::int32_t start = at;
    UChar32 c = 0;
    U8_NEXT(bytes, at, length, c);
    if (c >= 0x80 && u_isdigit(c)) {
      out += static_cast<char>('0' + u_charDigitValue(c));
    } else {
      out.append(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(at - start)));
    }
  }
  return out;
}

// Numbers in text order: a run of digits, with "," "." or a space between
// groups of digits taken as a separator ("1,000", "1 000", "3.5").
void CollectNumbers(std::string_view text, std::vector<std::string>& numbers) {
  std::size_t i = 0;
  while (i < text.size() && numbers.size() < kMaxNumbers) {
    if (!IsAsciiDigit(text[i])) {
      ++i;
      continue;
    }
    // A digit glued to letters ("c25", "A4") belongs to an identifier.
    const bool glued_before = i > 0 && IsAsciiAlpha(text[i - 1]);
    std::string digits;
    while (i < text.size()) {
      if (IsAsciiDigit(text[i])) {
        digits += text[i++];
      } else if ((text[i] == ',' || text[i] == '.') && i + 1 < text.size() &&
                 IsAsciiDigit(text[i + 1])) {
        ++i;
      } else {
        break;
      }
    }
    if (glued_before || digits.size() > 12) continue;
    numbers.push_back(std::move(digits));
  }
}

bool LooksLikeUrl(std::string_view t) {
  return t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.");
}

std::string NormaliseUrl(std::string_view t) {
  for (std::string_view scheme : {"https://", "http://"}) {
    if (t.starts_with(scheme)) t.remove_prefix(scheme.size());
  }
  if (t.starts_with("www.")) t.remove_prefix(4);
  while (!t.empty() && t.back() == '/') t.remove_suffix(1);
  return Lower(t);
}

bool AllAscii(std::string_view t) {
  return std::all_of(t.begin(), t.end(), [](char c) { return static_cast<unsigned char>(c) < 128; });
}

// Letters with digits ("2012-c1", "C-38", "ISO9001"), or a path or a name
// made of parts ("debian/rules", "dh_make", "README.Debian"): what a
// translator copies as is. "e.g." and "S.C." are abbreviations, not names.
bool LooksLikeIdentifier(std::string_view t) {
  if (t.size() < 3 || !AllAscii(t)) return false;
  bool digit = false;
  bool alpha = false;
  for (char c : t) {
    digit |= IsAsciiDigit(c);
    alpha |= IsAsciiAlpha(c);
  }
  if (!alpha) return false;
  if (digit) return true;
  if (t.find('/') != std::string_view::npos || t.find('_') != std::string_view::npos) return true;
  const std::size_t dot = t.find('.');
  if (dot == std::string_view::npos) return false;
  // Two letters at least on each side of a dot.
  std::size_t run = 0;
  std::size_t shortest = std::numeric_limits<std::size_t>::max();
  for (char c : t) {
    if (c == '.') {
      shortest = std::min(shortest, run);
      run = 0;
    } else {
      ++run;
    }
  }
  return std::min(shortest, run) >= 2;
}

// "Canada", "Debian": a capitalised ASCII word; the caller keeps only
// those inside a sentence, where a capital marks a name.
bool LooksLikeName(std::string_view t) {
  if (t.size() < 3 || !(t[0] >= 'A' && t[0] <= 'Z')) return false;
  return std::all_of(t.begin() + 1, t.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool EndsSentence(std::string_view raw) {
  return !raw.empty() && std::string_view(".!?:;").find(raw.back()) != std::string_view::npos;
}

void CollectAnchors(std::string_view text, std::vector<std::string>& anchors,
                    std::unordered_set<std::string>& seen) {
  bool sentence_start = true;
  std::size_t i = 0;
  while (i < text.size() && anchors.size() < kMaxAnchors) {
    while (i < text.size() && IsSpace(text[i])) {
      if (text[i] == '\n' || text[i] == '\f') sentence_start = true;
      ++i;
    }
    const std::size_t begin = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    const std::string_view raw = text.substr(begin, i - begin);
    const std::string_view token = Trim(raw);
    std::string anchor;
    if (token.find('@') != std::string_view::npos && token.find('.') != std::string_view::npos &&
        AllAscii(token)) {
      anchor = "e:" + Lower(token);
    } else if (LooksLikeUrl(token)) {
      anchor = "u:" + NormaliseUrl(token);
    } else if (LooksLikeIdentifier(token)) {
      anchor = "i:" + Lower(token);
    } else if (token.size() >= 3 && std::all_of(token.begin(), token.end(), IsAsciiDigit)) {
      anchor = "n:" + std::string(token);
    } else if (!sentence_start && LooksLikeName(token)) {
      anchor = "w:" + Lower(token);
    }
    sentence_start = EndsSentence(raw);
    if (anchor.size() <= 2 || anchor.size() > kMaxAnchorBytes) continue;
    if (seen.insert(anchor).second) anchors.push_back(std::move(anchor));
  }
}

std::uint64_t Fnv1a(std::string_view s, std::uint64_t h = 1469598103934665603ULL) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

// splitmix64: one well-mixed hash per sketch function from one shingle hash.
std::uint64_t Mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A sketch's words are runs of letters and digits (any script): ASCII
// punctuation and spaces separate them.
constexpr ByteSet kSketchWordBytes = ByteSet::Where([](unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
});

// ASCII letters to lower case in place; the other bytes (UTF-8 sequences
// included) as they are.
void LowerAsciiInPlace(std::string& text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

std::vector<std::uint32_t> Sketch(const std::vector<std::string>& pages) {
  // The words are views into the folded pages, lowered in place: a
  // string of its own for each of up to kMaxSketchWords words was a sixth
  // of the features' cost. Reserved, so that no page's string moves (a
  // short one keeps its bytes inside itself).
  std::vector<std::string> folded_pages;
  folded_pages.reserve(pages.size());
  std::vector<std::string_view> words;
  for (const std::string& page : pages) {
    // The words a sketch reads are the first kMaxSketchWords: a long
    // report's later pages are not folded only to be skipped.
    if (words.size() >= kMaxSketchWords) break;
    std::string& folded = folded_pages.emplace_back(FoldText(page));
    LowerAsciiInPlace(folded);
    const std::string_view text(folded);
    std::size_t i = 0;
    while (i < text.size() && words.size() < kMaxSketchWords) {
      while (i < text.size() && !kSketchWordBytes.Holds(text[i])) ++i;
      const std::size_t begin = i;
      while (i < text.size() && kSketchWordBytes.Holds(text[i])) ++i;
      if (i > begin) words.push_back(text.substr(begin, i - begin));
    }
  }
  if (words.size() < kMinSketchWords) return {};
  // One permutation hashing: each shingle's one hash goes to one of the
  // sketch's bins, which keeps its least value. An estimate of the
  // Jaccard resemblance as good as kSketchSize separate hashes, at one
  // hash per shingle instead of kSketchSize (it was most of the features'
  // cost on a long report).
  std::vector<std::uint32_t> mins(kSketchSize, kEmptyBin);
  for (std::size_t w = 0; w + kShingleWords <= words.size(); ++w) {
    std::uint64_t h = 1469598103934665603ULL;
    // Each word followed by a space, hashed in place rather than copied.
    for (std::size_t k = 0; k < kShingleWords; ++k) h = Fnv1a(" ", Fnv1a(words[w + k], h));
    h = Mix(h);
    const std::size_t bin = static_cast<std::size_t>(h % kSketchSize);
    mins[bin] = std::min(mins[bin], static_cast<std::uint32_t>((h >> 32) & 0x7fffffffULL));
  }
  return mins;
}

std::string Hex(std::uint64_t v) {
  static const char* digits = "0123456789abcdef";
  std::string out(16, '0');
  for (int k = 15; k >= 0; --k, v >>= 4) out[static_cast<std::size_t>(k)] = digits[v & 15];
  return out;
}

// Tabs and newlines separate the packed fields; a declared key keeps none.
std::string Clean(std::string_view s) {
  std::string out;
  for (char c : s) out += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
  if (out.size() > kMaxDeclaredBytes) out.resize(kMaxDeclaredBytes);
  return out;
}

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = s.find(sep, start);
    out.emplace_back(s.substr(start, end == std::string_view::npos ? s.size() - start : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

template <typename T>
std::string Join(const std::vector<T>& items, char sep) {
  std::ostringstream out;
  for (std::size_t k = 0; k < items.size(); ++k) out << (k ? std::string(1, sep) : "") << items[k];
  return out.str();
}

// The first line of a text that has one, at most kMaxFirstLineBytes.
std::string_view FirstLine(const std::vector<std::string>& pages) {
  for (const std::string& page : pages) {
    std::string_view rest(page);
    while (!rest.empty()) {
      const std::size_t end = rest.find('\n');
      std::string_view line = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      while (!line.empty() && IsSpace(line.front())) line.remove_prefix(1);
      while (!line.empty() && IsSpace(line.back())) line.remove_suffix(1);
      if (!line.empty()) return line.substr(0, std::min(line.size(), kMaxFirstLineBytes));
    }
  }
  return {};
}

// works2 added the title's words and numbers: features stored by works1
// read as none, so their documents must be analysed again.
constexpr std::string_view kPackVersion = "works2";
constexpr std::size_t kPackedLines = 10;

// A title the document or its curation declares, as opposed to one the
// record builder made from its opening lines or its file name (the values
// of DocumentRecord::title_source).
bool DeclaredTitle(std::string_view source) {
  return source == "sidecar" || source == "metadata" || source == "heading";
}

// "report_v2.docx", "C:\\scans\\page", "/home/x/notes": a heading made of a
// file's name or path, which is never evidence of a work.
bool NamesAFile(std::string_view heading) {
  if (heading.find('/') != std::string_view::npos || heading.find('\\') != std::string_view::npos) {
    return true;
  }
  const std::size_t dot = heading.rfind('.');
  if (dot == std::string_view::npos || dot + 1 >= heading.size()) return false;
  const std::string_view extension = heading.substr(dot + 1);
  return extension.size() <= 5 && std::all_of(extension.begin(), extension.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) != 0;
         });
}

}  // namespace

WorkFeatures ComputeWorkFeatures(const DocumentRecord& record,
                                 const std::vector<std::string>& pages,
                                 const std::optional<std::string>& declared_work,
                                 const std::vector<std::string>& alternates,
                                 const std::string& heading) {
  WorkFeatures f;
  f.language = record.language.empty() ? "und" : record.language;
  f.pages = static_cast<std::uint32_t>(std::max(record.pages, 0));
  f.chars = static_cast<std::uint32_t>(std::max(record.chars, 0));
  std::unordered_set<std::string> seen;
  for (const std::string& page : pages) {
    // Both lists full: the later pages could add nothing.
    if (f.numbers.size() >= kMaxNumbers && f.anchors.size() >= kMaxAnchors) break;
    const std::string ascii_digits = AsciiDigits(page);
    CollectNumbers(ascii_digits, f.numbers);
    CollectAnchors(ascii_digits, f.anchors, seen);
  }
  f.sketch = Sketch(pages);
  // File names are never evidence of a work (docs/works.md).
  if (record.title_source != "filename") {
    if (DeclaredTitle(record.title_source)) f.title_words = TitleWords(record.title, f.language);
    f.title_numbers = TitleNumbers(record.title);
  }
  // A page's own first heading names it even when the record's title was
  // taken elsewhere: the title chooser passes over a function's name
  // ("dblink_build_sql_insert", one word joined by underscores) as a
  // machine's, and took the opening lines, which say nothing of it.
  if (f.title_words.empty() && !NamesAFile(heading))
    f.title_words = TitleWords(heading, f.language);
  // A text's first line is its heading when it has no other ("GIT
  // v1.5.1.5 Release Notes" underlined with "="), whatever title the
  // record took.
  std::vector<std::string> headed = TitleNumbers(heading);
  for (std::string& number : TitleNumbers(FirstLine(pages))) headed.push_back(std::move(number));
  for (std::string& number : headed) {
    if (std::find(f.title_numbers.begin(), f.title_numbers.end(), number) == f.title_numbers.end()) {
      f.title_numbers.push_back(std::move(number));
    }
  }
  if (declared_work && !declared_work->empty()) f.declared.push_back(Clean("work=" + *declared_work));
  for (const std::string& url : alternates) {
    // "https://www.x.org/fr/" and "http://x.org/fr" name one page.
    const std::string key = Clean("hreflang=" + (LooksLikeUrl(url) ? NormaliseUrl(url) : url));
    if (std::find(f.declared.begin(), f.declared.end(), key) == f.declared.end()) {
      f.declared.push_back(key);
    }
  }
  return f;
}

std::vector<std::string> FeatureTerms(const WorkFeatures& features) {
  std::vector<std::string> terms = features.anchors;
  if (features.sketch.size() == kSketchSize) {
    const std::size_t rows = kSketchSize / kSketchBands;
    for (std::size_t band = 0; band < kSketchBands; ++band) {
      // A band with an empty bin would join every short text to every other.
      std::uint64_t h = Fnv1a(std::to_string(band));
      bool empty = false;
      for (std::size_t r = 0; r < rows; ++r) {
        empty |= features.sketch[band * rows + r] == kEmptyBin;
        h = Mix(h ^ features.sketch[band * rows + r]);
      }
      if (!empty) terms.push_back("m:" + Hex(h));
    }
  }
  // Runs of consecutive numbers ("27 28 29", "2012 14 3"): what finds the
  // editions of a text whose only tokens in common are its numbers (a
  // declaration in 37 languages and scripts).
  // The same over numbers of two digits or more: one edition may number
  // the paragraphs inside each article ("14 1 2 15 1 2") and another not.
  std::vector<std::string> long_numbers;
  for (const std::string& n : features.numbers) {
    if (n.size() >= 2) long_numbers.push_back(n);
  }
  std::unordered_set<std::string> runs;
  for (const std::vector<std::string>* sequence : {&features.numbers, &std::as_const(long_numbers)}) {
    const std::string kind = sequence == &long_numbers ? "t:" : "s:";
    for (std::size_t k = 0, added = 0; k + kNumberRun <= sequence->size(); ++k) {
      std::uint64_t h = 1469598103934665603ULL;
      for (std::size_t r = 0; r < kNumberRun; ++r) h = Fnv1a((*sequence)[k + r] + ' ', h);
      if (runs.insert(kind + Hex(h)).second && ++added >= kMaxNumberRuns) break;
    }
  }
  std::vector<std::string> sorted_runs(runs.begin(), runs.end());
  std::sort(sorted_runs.begin(), sorted_runs.end());
  terms.insert(terms.end(), sorted_runs.begin(), sorted_runs.end());
  for (const std::string& key : features.declared) terms.push_back("d:" + key);
  return terms;
}

std::string PackWorkFeatures(const WorkFeatures& f) {
  std::ostringstream out;
  out << kPackVersion << '\n'
      << f.language << '\n'
      << f.pages << '\n'
      << f.chars << '\n'
      << Join(f.numbers, ' ') << '\n'
      << Join(f.anchors, ' ') << '\n'
      << Join(f.sketch, ' ') << '\n'
      << Join(f.declared, '\t') << '\n'
      << Join(f.title_words, ' ') << '\n'
      << Join(f.title_numbers, ' ');
  return out.str();
}

Result<WorkFeatures> UnpackWorkFeatures(std::string_view packed) {
  const std::vector<std::string> lines = Split(packed, '\n');
  if (lines.size() != kPackedLines || lines[0] != kPackVersion) {
    return Error{ErrorCode::kCorrupt, "not packed work features"};
  }
  WorkFeatures f;
  try {
    f.language = lines[1];
    f.pages = static_cast<std::uint32_t>(std::stoul(lines[2]));
    f.chars = static_cast<std::uint32_t>(std::stoul(lines[3]));
    f.numbers = Split(lines[4], ' ');
    f.anchors = Split(lines[5], ' ');
    for (const std::string& v : Split(lines[6], ' ')) {
      f.sketch.push_back(static_cast<std::uint32_t>(std::stoul(v)));
    }
    f.declared = Split(lines[7], '\t');
    f.title_words = Split(lines[8], ' ');
    f.title_numbers = Split(lines[9], ' ');
  } catch (const std::exception&) {
    return Error{ErrorCode::kCorrupt, "packed work features hold a bad number"};
  }
  return f;
}

}  // namespace archivist::works
