// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/snippet_words.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <string>
#include <unordered_map>

#include <xapian.h>

#include "core/schema.h"
#include "core/text.h"

namespace archivist {
namespace {

// The term generator drops longer terms (Xapian 1.4's default
// max_word_length): they have no position, and match nothing.
constexpr std::size_t kMaxTermBytes = 64;

constexpr bool IsAsciiLetter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsAsciiUpper(char32_t c) { return c >= 'A' && c <= 'Z'; }

// ASCII's word characters, looked up: the test runs for nearly every byte.
constexpr std::array<bool, 128> kAsciiWordChars = [] {
  std::array<bool, 128> table{};
  for (char32_t c = 0; c < 128; ++c) {
    table[c] = IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_';
  }
  return table;
}();

[[gnu::noinline]] bool IsWordCharBeyondAscii(char32_t c) {
  return Xapian::Unicode::is_wordchar(static_cast<unsigned>(c));
}

inline bool IsWordChar(char32_t c) {
  return c < 0x80 ? kAsciiWordChars[c] : IsWordCharBeyondAscii(c);
}

bool IsDigit(char32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  return Xapian::Unicode::get_category(static_cast<unsigned>(c)) ==
         Xapian::Unicode::DECIMAL_DIGIT_NUMBER;
}

char32_t Lower(char32_t c) {
  if (c < 0x80) return IsAsciiUpper(c) ? c - 'A' + 'a' : c;
  return static_cast<char32_t>(Xapian::Unicode::tolower(static_cast<unsigned>(c)));
}

std::size_t Utf8Length(char32_t c) { return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }

void AppendUtf8(std::string& out, char32_t c) {
  char bytes[4];
  out.append(bytes, Xapian::Unicode::to_utf8(static_cast<unsigned>(c), bytes));
}

// The characters the term generator keeps inside a word, between two word
// characters (Xapian 1.4, termgenerator_internal.cc check_infix and
// check_infix_digit): what it writes in the term, kLeftOut for a zero-width
// character it skips, 0 for a character that ends the word.
constexpr char32_t kLeftOut = 0xFFFFFFFF;

char32_t ZeroWidth(char32_t c) {
  return c >= 0x200B && (c <= 0x200D || c == 0x2060 || c == 0xFEFF) ? kLeftOut : 0;
}

char32_t Infix(char32_t c) {
  if (c == '\'' || c == '&' || c == 0xB7 || c == 0x5F4 || c == 0x2027) return c;
  if (c == 0x2019 || c == 0x201B) return '\'';
  return ZeroWidth(c);
}

char32_t InfixBetweenDigits(char32_t c) {
  switch (c) {
    case ',':
    case '.':
    case ';':
    case 0x037E:
    case 0x0589:
    case 0x060D:
    case 0x07F8:
    case 0x2044:
    case 0xFE10:
    case 0xFE13:
    case 0xFE14:
      return c;
    default:
      return ZeroWidth(c);
  }
}


enum class Decoded { kChar, kInvalid, kCut };

// The UTF-8 character at bytes[0, size): `c` and its `length`. An invalid
// sequence is one byte (FoldText makes it U+FFFD, no word character,
// whatever its length); kCut when `size` ends a sequence that more bytes
// could complete.
Decoded DecodeUtf8(const unsigned char* bytes, std::size_t size, char32_t& c, std::size_t& length) {
  length = 1;
  const unsigned char lead = bytes[0];
  std::size_t n = 0;
  char32_t min = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    n = 2, min = 0x80, c = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    n = 3, min = 0x800, c = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    n = 4, min = 0x10000, c = lead & 0x07;
  } else {
    return Decoded::kInvalid;
  }
  for (std::size_t k = 1; k < n; ++k) {
    if (k >= size) return Decoded::kCut;
    if ((bytes[k] & 0xC0) != 0x80) return Decoded::kInvalid;
    c = (c << 6) | (bytes[k] & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return Decoded::kInvalid;
  length = n;
  return Decoded::kChar;
}

// What FoldText makes of one character outside ASCII, as code points (none
// for a mark it drops), remembered per thread: a text uses few distinct ones.
const std::u32string& FoldOf(char32_t c) {
  thread_local std::unordered_map<char32_t, std::u32string> folded;
  auto it = folded.find(c);
  if (it != folded.end()) return it->second;
  std::string utf8;
  AppendUtf8(utf8, c);
  const std::string bytes = FoldText(utf8);
  std::u32string code_points;
  for (Xapian::Utf8Iterator i(bytes); i != Xapian::Utf8Iterator(); ++i) {
    code_points += static_cast<char32_t>(*i);
  }
  return folded.emplace(c, std::move(code_points)).first->second;
}

// A text's characters as the term generator reads them: FoldText's output,
// code point by code point, each with the bytes of the written character
// it comes from, French elisions' apostrophes read as spaces. Over
// bytes[0, size) of a text that may go on (`complete` false): then a
// character that needs bytes beyond `size` to be read or decided leaves the
// reader done() and starved(), and the caller reads more and starts again.
// A value type: a copy reads ahead.
class FoldedReader {
 public:
  // Reads from byte `at`, at the `k`-th code point of its character's fold
  // (where a reader stopped, fold_index()); `after_ascii` as after_ascii().
  FoldedReader(std::string_view bytes, std::size_t at, bool complete, bool after_ascii = true,
               std::size_t k = 0)
      : data_(reinterpret_cast<const unsigned char*>(bytes.data())),
        size_(bytes.size()),
        complete_(complete),
        after_ascii_(after_ascii) {
    Load(at);
    while (k-- > 0 && !done_) Next();
  }

  bool done() const { return done_; }
  bool starved() const { return starved_; }
  char32_t cp() const { return cp_; }
  // The written character the current code point comes from.
  std::size_t raw_begin() const { return raw_begin_; }
  std::size_t raw_end() const { return raw_begin_ + raw_length_; }
  bool first_of_fold() const { return k_ == 0; }
  bool last_of_fold() const { return k_ + 1 >= fold_size_; }
  std::size_t fold_index() const { return k_; }
  // Whether the code point before the current one is ASCII (or none is).
  bool after_ascii() const { return after_ascii_; }

  // Passes over a run of ASCII word characters from the current one on,
  // as Next() would one by one (most text is ASCII, and a call per
  // character was most of the splitting): their count, or 0 when the
  // current character is not one. `last` is the run's last byte; with
  // `term`, the run is appended lower-cased.
  std::size_t SkipAsciiWordRun(char& last, std::string* term) {
    if (done_ || fold_ || !IsWordChar(cp_)) return 0;
    const std::size_t begin = raw_begin_;
    std::size_t at = begin;
    std::size_t letters_from = begin;  // the run's last letters start here
    for (; at < size_ && data_[at] < 0x80; ++at) {
      const char32_t c = data_[at];
      if (IsAsciiLetter(c)) continue;
      if ((c < '0' || c > '9') && c != '_') break;
      letters_from = at + 1;
    }
    // The run of letters an apostrophe after it would follow.
    if (letters_from > begin) {
      run_length_ = 0;
      after_ascii_ = true;
    }
    for (std::size_t k = letters_from; k < at; ++k) {
      if (run_length_ < kLongestFrenchElision) {
        run_[run_length_] = static_cast<char>(Lower(data_[k]));
      } else if (run_length_ > kLongestFrenchElision) {
        break;  // too long for an elision, however long it gets
      }
      ++run_length_;
    }
    if (term) {
      for (std::size_t k = begin; k < at; ++k) *term += static_cast<char>(Lower(data_[k]));
    }
    last = static_cast<char>(data_[at - 1]);
    Load(at);
    return at - begin;
  }

  // Passes over a run of ASCII characters that are no word characters, as
  // Next() would: none of them can start a word (an apostrophe among them
  // is no word character, elided or not).
  void SkipAsciiNonWord() {
    if (done_ || fold_ || IsWordChar(cp_)) return;
    std::size_t at = raw_begin_;
    while (at < size_ && data_[at] < 0x80 && !IsWordChar(data_[at])) ++at;
    run_length_ = 0;
    after_ascii_ = true;
    Load(at);
  }

  void Next() {
    // The run of ASCII letters before an apostrophe says if it is elided.
    if (IsAsciiLetter(cp_)) {
      if (run_length_ < kLongestFrenchElision) run_[run_length_] = static_cast<char>(Lower(cp_));
      ++run_length_;
    } else {
      run_length_ = 0;
      after_ascii_ = cp_ < 0x80;
    }
    if (k_ + 1 < fold_size_) {
      ++k_;
      Settle();
    } else {
      Load(raw_begin_ + raw_length_);
    }
  }

 private:
  char32_t FoldedAt(std::size_t k) const { return fold_ ? (*fold_)[k] : ascii_; }

  // Reads the written character at `at` (passing over those folded to
  // nothing) and settles on its first code point.
  void Load(std::size_t at) {
    raw_begin_ = at;
    raw_length_ = 0;
    k_ = 0;
    for (;;) {
      if (at >= size_) return Starve(at);
      if (!NextFold(at, raw_length_)) return Starve(at);
      if (fold_size_ > 0) break;
      at += raw_length_;
    }
    raw_begin_ = at;
    Settle();
  }

  // The fold of the character at `at`: false when it is cut short.
  bool NextFold(std::size_t at, std::size_t& length) {
    if (data_[at] < 0x80) {
      ascii_ = data_[at];
      fold_ = nullptr;
      fold_size_ = 1;
      length = 1;
      return true;
    }
    char32_t c = 0;
    switch (DecodeUtf8(data_ + at, size_ - at, c, length)) {
      case Decoded::kCut:
        if (!complete_) return false;
        [[fallthrough]];
      case Decoded::kInvalid:
        c = 0xFFFD;
        length = 1;
        break;
      case Decoded::kChar:
        break;
    }
    fold_ = &FoldOf(c);
    fold_size_ = fold_->size();
    return true;
  }

  void Starve(std::size_t at) {
    raw_begin_ = at;
    done_ = true;
    starved_ = !complete_;
    cp_ = 0;
    fold_size_ = 0;
  }

  void Settle() {
    cp_ = FoldedAt(k_);
    if (cp_ == '\'' && Elided()) cp_ = ' ';
  }

  // Whether the apostrophe here ends an elision (SplitElisions: after an
  // elided word at a word's start, before a letter or any non-ASCII).
  bool Elided() {
    if (run_length_ == 0 || run_length_ > kLongestFrenchElision || !after_ascii_) return false;
    if (!IsFrenchElision(std::string_view(run_, run_length_))) return false;
    char32_t next = 0;
    if (k_ + 1 < fold_size_) {
      next = FoldedAt(k_ + 1);
    } else {
      // The next written character that folds to something.
      FoldedReader ahead = *this;
      std::size_t at = raw_begin_ + raw_length_;
      std::size_t length = 0;
      for (;;) {
        if (at >= size_) {
          if (!complete_) Starve(raw_begin_);
          return false;
        }
        if (!ahead.NextFold(at, length)) {
          Starve(raw_begin_);
          return false;
        }
        if (ahead.fold_size_ > 0) break;
        at += length;
      }
      next = ahead.FoldedAt(0);
    }
    return IsAsciiLetter(next) || next >= 0x80;
  }

  const unsigned char* data_ = nullptr;
  std::size_t size_ = 0;
  bool complete_ = true;
  std::size_t raw_begin_ = 0;
  std::size_t raw_length_ = 0;
  const std::u32string* fold_ = nullptr;  // null: the ASCII character ascii_
  char32_t ascii_ = 0;
  std::size_t fold_size_ = 0;
  std::size_t k_ = 0;  // the current code point of the fold
  char32_t cp_ = 0;
  bool done_ = false;
  bool starved_ = false;
  char run_[kLongestFrenchElision] = {};
  std::size_t run_length_ = 0;
  bool after_ascii_ = true;
};

enum class Split { kWord, kNone, kNeedMore };

// Splits the next word from `reader`, as Xapian 1.4's term generator
// (termgenerator_internal.cc parse_terms, without CJK n-grams, which the
// indexer does not ask for) splits a term; with `term`, writes the term
// too. The reader is left after the word.
Split NextWord(FoldedReader& reader, TextWord& word, std::string* term) {
  while (!reader.done() && !IsWordChar(reader.cp())) {
    reader.SkipAsciiNonWord();
    if (!reader.done() && !IsWordChar(reader.cp())) reader.Next();
  }
  if (reader.done()) return reader.starved() ? Split::kNeedMore : Split::kNone;
  word = TextWord{reader.raw_begin(), reader.raw_end()};
  word.respelled = !reader.first_of_fold();
  // Initials separated by '.', a trailing one or not ("U.N.", "P.T.O"):
  // one term, without the dots; not when a word character follows.
  if (IsAsciiUpper(reader.cp())) {
    FoldedReader p = reader;
    std::string initials;
    std::size_t end = 0;
    for (;;) {
      initials += static_cast<char>(Lower(p.cp()));
      end = p.raw_end();
      p.Next();
      if (p.done() || p.cp() != '.') break;
      p.Next();
      if (p.done() || !IsAsciiUpper(p.cp())) break;
    }
    if (p.starved()) return Split::kNeedMore;
    if (initials.size() > 1 && (p.done() || !IsWordChar(p.cp()))) {
      word.end = end;
      word.respelled = true;
      word.indexed = initials.size() <= kMaxTermBytes;
      if (term) *term = std::move(initials);
      reader = p;
      return Split::kWord;
    }
  }
  std::size_t bytes = 0;
  bool whole = true;  // whether the word ends with its last character's fold
  for (;;) {
    char32_t previous = 0;
    do {
      const std::size_t run_begin = reader.raw_begin();
      char last = 0;
      if (const std::size_t run = reader.SkipAsciiWordRun(last, term); run > 0) {
        previous = Lower(static_cast<unsigned char>(last));
        bytes += run;
        word.end = run_begin + run;
        whole = true;
        continue;
      }
      previous = Lower(reader.cp());
      bytes += Utf8Length(previous);
      if (term) AppendUtf8(*term, previous);
      word.end = reader.raw_end();
      whole = reader.last_of_fold();
      reader.Next();
    } while (!reader.done() && IsWordChar(reader.cp()));
    if (reader.done()) {
      if (reader.starved()) return Split::kNeedMore;
      word.respelled = word.respelled || !whole;
      word.indexed = bytes <= kMaxTermBytes;
      return Split::kWord;
    }
    const char32_t between = reader.cp();
    // Most words end at a character that joins nothing (a space, most
    // punctuation): decided without reading past it (a reader copied and
    // moved on for each word was a sixth of splitting).
    if (Infix(between) == 0 && InfixBetweenDigits(between) == 0) break;
    FoldedReader next = reader;
    next.Next();
    if (next.starved()) return Split::kNeedMore;
    if (next.done() || !IsWordChar(next.cp())) break;
    const char32_t kept =
        IsDigit(previous) && IsDigit(next.cp()) ? InfixBetweenDigits(between) : Infix(between);
    if (kept == 0) break;
    // Folding the word alone could take a kept apostrophe for an elision's
    // ("«l'x»" is one term: no elision after a non-ASCII character).
    if (kept != between || kept == '\'') word.respelled = true;
    if (kept != kLeftOut) {
      bytes += Utf8Length(kept);
      if (term) AppendUtf8(*term, kept);
    }
    reader = next;
  }
  // Up to three '+' or '#' after a word, not followed by a word character,
  // are the term's ("C++", "C#"; not "fish+chips"). The reader, stopped at
  // a character that does not end the text, is not starved here.
  if (reader.cp() != '+' && reader.cp() != '#') {
    word.respelled = word.respelled || !whole;
    word.indexed = bytes <= kMaxTermBytes;
    return Split::kWord;
  }
  FoldedReader suffix = reader;
  std::size_t count = 0;
  std::size_t suffix_end = word.end;
  bool suffix_whole = whole;
  std::string written;
  while (!suffix.done() && (suffix.cp() == '+' || suffix.cp() == '#')) {
    if (++count > 3) break;
    written += static_cast<char>(suffix.cp());
    suffix_end = suffix.raw_end();
    suffix_whole = suffix.last_of_fold();
    suffix.Next();
  }
  if (suffix.starved()) return Split::kNeedMore;
  if (count > 0 && count <= 3 && (suffix.done() || !IsWordChar(suffix.cp()))) {
    word.end = suffix_end;
    whole = suffix_whole;
    bytes += count;
    if (term) *term += written;
  }
  reader = suffix;
  word.respelled = word.respelled || !whole;
  word.indexed = bytes <= kMaxTermBytes;
  return Split::kWord;
}

// Appends `word` unless it starts inside the last word's written character
// (one character folded into two words, as U+33C2 into "a.m."): words
// never overlap.
void Keep(std::vector<TextWord>& words, const TextWord& word) {
  if (!words.empty() && word.begin < words.back().end) return;
  words.push_back(word);
}

}  // namespace

std::vector<TextWord> SplitWords(std::string_view text) {
  std::vector<TextWord> words;
  FoldedReader reader(text, 0, /*complete=*/true);
  TextWord word{0, 0};
  while (NextWord(reader, word, nullptr) == Split::kWord) Keep(words, word);
  return words;
}

std::string TermOfWord(std::string_view written) {
  // An apostrophe inside a word was no elision's: read as after a
  // non-ASCII character, the word's first letters elide nothing.
  FoldedReader reader(written, 0, /*complete=*/true, /*after_ascii=*/false);
  TextWord word{0, 0};
  std::string term;
  if (NextWord(reader, word, &term) != Split::kWord) return FoldWord(written);
  return term;
}

bool HasWordChar(std::string_view text) {
  for (FoldedReader reader(text, 0, /*complete=*/true); !reader.done(); reader.Next()) {
    if (IsWordChar(reader.cp())) return true;
  }
  return false;
}

int MatchWord(TermMatcher& matcher, std::string_view written, const TextWord& word,
              std::size_t page, std::size_t at) {
  if (!word.indexed) return -1;
  if (word.respelled) return matcher.Match(TermOfWord(written), page, at);
  return matcher.Match(written, page, at);
}

std::vector<TextWord> MatchedWords(const ScannedText& text, std::size_t begin, std::size_t end,
                                   std::size_t page, const SnippetRequest& request) {
  std::vector<TextWord> words = SplitWords(text.Sub(begin, end - begin));
  for (TextWord& word : words) {
    word.begin += begin;
    word.end += begin;
  }
  if (!request.query_terms || request.query_terms->empty()) return words;
  TermMatcher matcher(request);
  std::size_t scanned_to = begin;
  for (TextWord& word : words) {
    if (!request.page_stemmers.empty()) {
      const std::string_view gap = text.Sub(scanned_to, word.begin - scanned_to);
      page += static_cast<std::size_t>(std::count(gap.begin(), gap.end(), schema::kPageBreak));
      scanned_to = word.end;
    }
    word.term =
        MatchWord(matcher, text.Sub(word.begin, word.end - word.begin), word, page, word.begin);
  }
  return words;
}

void LazyWords::ReadMore() {
  const std::size_t to = std::min(end_, read_to_ + std::max(kPieceBytes, read_to_ - at_));
  bytes_ += text_.Range(read_to_, to);
  read_to_ = to;
}

bool LazyWords::SplitNext() {
  TextWord word{0, 0};
  for (;;) {
    FoldedReader reader(bytes_, at_ - begin_, read_to_ == end_, after_ascii_, at_fold_);
    const Split split = NextWord(reader, word, nullptr);
    if (split == Split::kNeedMore) {
      ReadMore();
      continue;
    }
    if (split == Split::kNone) {
      at_ = read_to_;
      return false;
    }
    word.begin += begin_;
    word.end += begin_;
    at_ = begin_ + reader.raw_begin();
    at_fold_ = reader.fold_index();
    after_ascii_ = reader.after_ascii();
    // A character folded into two words gives the first only, as Keep.
    if (words_.empty() || word.begin >= words_.back().end) break;
  }
  if (request_.query_terms && !request_.query_terms->empty()) {
    if (!request_.page_stemmers.empty()) {
      const std::string_view gap = View(counted_to_, word.begin);
      page_ += static_cast<std::size_t>(std::count(gap.begin(), gap.end(), schema::kPageBreak));
      counted_to_ = word.end;
    }
    word.term = MatchWord(matcher_, View(word.begin, word.end), word, page_, word.begin);
  }
  words_.push_back(word);
  return true;
}

}  // namespace archivist
