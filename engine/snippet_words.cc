// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/snippet_words.h"

#include <algorithm>

#include <xapian.h>

#include "core/schema.h"

namespace archivist {
namespace {

bool IsAsciiWordChar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Whether the character at `at` of bytes[0, size) is a word character as
// Xapian's term generator sees them (Unicode::is_wordchar: letters,
// numbers, marks, connector punctuation); `length` is set to its length in
// bytes. Most text is ASCII, whose word characters are known without
// decoding: only other bytes are decoded (an invalid or truncated sequence
// is one byte, as Xapian's Utf8Iterator reads it).
// GCC 12 sees Utf8Iterator's seqlen as maybe uninitialised once the
// constructor, operator* and operator++ are inlined here; operator* sets it.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
bool WordCharAt(const char* bytes, std::size_t size, std::size_t at, std::size_t& length) {
  const auto byte = static_cast<unsigned char>(bytes[at]);
  if (byte < 0x80) {
    length = 1;
    return IsAsciiWordChar(byte);
  }
  Xapian::Utf8Iterator it(bytes + at, size - at);
  const bool is_word = Xapian::Unicode::is_wordchar(*it);
  ++it;
  // raw() is the text's end once the iterator has passed the last character.
  length = static_cast<std::size_t>(it.raw() - (bytes + at));
  return is_word;
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

}  // namespace

std::vector<TextWord> SplitWords(std::string_view text) {
  std::vector<TextWord> words;
  const std::size_t size = text.size();
  std::size_t at = 0;
  std::size_t length = 0;
  while (at < size) {
    if (!WordCharAt(text.data(), size, at, length)) {
      at += length;
      continue;
    }
    const std::size_t begin = at;
    at += length;
    while (at < size && WordCharAt(text.data(), size, at, length)) at += length;
    words.push_back({begin, at});
  }
  return words;
}

bool HasWordChar(std::string_view text) {
  std::size_t length = 0;
  for (std::size_t at = 0; at < text.size(); at += length) {
    if (WordCharAt(text.data(), text.size(), at, length)) return true;
  }
  return false;
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
    word.term = matcher.Match(text.Sub(word.begin, word.end - word.begin), page, word.begin);
  }
  return words;
}

bool LazyWords::Available() {
  if (read_to_ - at_ < kMaxCharBytes && read_to_ < end_) {
    const std::size_t to = std::min(end_, at_ + kPieceBytes);
    bytes_ += text_.Range(read_to_, to);
    read_to_ = to;
  }
  return at_ < read_to_;
}

bool LazyWords::WordCharHere(std::size_t& length) const {
  return WordCharAt(bytes_.data(), bytes_.size(), at_ - begin_, length);
}

std::size_t LazyWords::AsciiRun(bool word_chars) const {
  // An ASCII byte is a whole character, whatever follows it: no need to
  // have kMaxCharBytes read after it, nor to decode it. Most text is ASCII,
  // and a call per byte was most of the splitting.
  const char* data = bytes_.data() + (at_ - begin_);
  const std::size_t left = read_to_ - at_;
  std::size_t n = 0;
  while (n < left) {
    const auto byte = static_cast<unsigned char>(data[n]);
    if (byte >= 0x80 || IsAsciiWordChar(byte) != word_chars) break;
    ++n;
  }
  return n;
}

bool LazyWords::SplitNext() {
  std::size_t length = 0;
  for (;;) {
    at_ += AsciiRun(/*word_chars=*/false);
    if (!Available()) return false;
    if (WordCharHere(length)) break;
    at_ += length;
  }
  TextWord word{at_, at_ + length};
  at_ += length;
  for (;;) {
    at_ += AsciiRun(/*word_chars=*/true);
    if (!Available() || !WordCharHere(length)) break;
    at_ += length;
  }
  word.end = at_;
  if (request_.query_terms && !request_.query_terms->empty()) {
    if (!request_.page_stemmers.empty()) {
      const std::string_view gap = View(counted_to_, word.begin);
      page_ += static_cast<std::size_t>(std::count(gap.begin(), gap.end(), schema::kPageBreak));
      counted_to_ = word.end;
    }
    word.term = matcher_.Match(View(word.begin, word.end), page_, word.begin);
  }
  words_.push_back(word);
  return true;
}

}  // namespace archivist
