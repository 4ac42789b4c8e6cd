// SPDX-License-Identifier: GPL-2.0-or-later
// Which language a text is written in, by statistics over its letters
// (Google's Compact Language Detector 2, as Debian packages it).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace archivist {

struct LanguageGuess {
  std::string language = "und";  // ISO 639-1 where one exists (else 639-3), or "und"
  int percent = 0;               // share of the text's letters in that language, 0..100
  bool reliable = false;         // the detector's own verdict on its margin
  // Share (0..100) of the text in each of the detector's top three
  // languages, whatever the verdict: lets a caller ask how much of the text
  // is in a language the file declares.
  std::vector<std::pair<std::string, int>> shares;

  int ShareOf(std::string_view language) const;
};

// Texts with fewer letters than this are "und": a heading or a caption says
// too little, and a wrong language stems a document's words wrongly.
inline constexpr int kMinLetterBytesForLanguage = 60;

// Guesses the main language of UTF-8 `text`. Gives "und" unless the guess is
// reliable, covers at least half of the text and the text holds at least
// kMinLetterBytesForLanguage bytes of letters. Only a bounded sample of a long
// text is read (its start, middle and end), so the cost does not grow with
// the document. Invalid UTF-8 is cut at the first bad byte. Thread-safe.
LanguageGuess DetectLanguage(std::string_view text);

// How much of a text is in each language, paragraph by paragraph.
struct LanguageTally {
  // Bytes of the paragraphs detected in each language, largest first.
  std::vector<std::pair<std::string, std::size_t>> bytes;
  std::size_t total = 0;  // bytes of every paragraph with a verdict

  // Share (0..100) of `language` among the paragraphs with a verdict.
  int PercentOf(std::string_view language) const;
};

// Paragraphs shorter than this are not judged alone: a heading or a caption
// says too little.
inline constexpr std::size_t kMinParagraphBytesForLanguage = 80;

// Detects the language of each paragraph of UTF-8 `text` (runs of lines
// between blank lines) that holds at least kMinParagraphBytesForLanguage
// bytes, and sums their bytes by language. Unlike one DetectLanguage over
// the whole, it tells a page with two translated paragraphs among four
// untranslated ones (a third translated) from one with a translated
// introduction before forty untranslated paragraphs. Reads at most the
// first 64 KiB. Thread-safe.
LanguageTally TallyParagraphLanguages(std::string_view text);

// Long documents whose pages are in different languages (a report with a
// French annex, a bilingual statute printed one language after the other)
// get a language per page; shorter ones are better served by one guess.
inline constexpr std::size_t kMinPagesForPageLanguages = 4;

// The language of each page of a document whose pages differ: one entry per
// page. A page too short or too mixed to tell, or in a language we do not
// stem, takes the language of the page before it (`document_language` for
// the first). A page differs from
// `document_language` only on a clear verdict, so a table of names or
// figures does not switch a page's stemmer. Empty when every page is in
// `document_language` or there are fewer than kMinPagesForPageLanguages
// pages. Thread-safe.
std::vector<std::string> DetectPageLanguages(const std::vector<std::string>& pages,
                                             std::string_view document_language);

// A stretch of a one-page document's text in a language of its own: bytes
// [start, end) of the text.
struct TextLanguageSection {
  std::size_t start = 0;
  std::size_t end = 0;
  std::string language;
  bool operator==(const TextLanguageSection&) const = default;
};

// A stretch of text takes a language of its own only with this many bytes
// of judged paragraphs: a quotation, a caption or a short untranslated
// paragraph says nothing about its own language.
inline constexpr std::size_t kMinSectionBytesForLanguage = 400;

// The sections of a web page's text (one block per line, as the main text
// reader gives it) whose languages really differ: a page partly left
// untranslated (headings and the paragraphs under them in two languages), a
// bilingual statute printed in alternating blocks. Each line of at least
// kMinParagraphBytesForLanguage bytes is judged alone; shorter lines
// (headings, captions) go with the paragraphs after them. A run of lines in
// one language is a section when its judged lines hold
// kMinSectionBytesForLanguage bytes and its language is one we stem; shorter
// runs are left out (they stay in `document_language`), unless a section of
// one language sits on both sides, which then holds them. Empty when no
// section is in a language other than `document_language`, so a page in one
// language records nothing. The sections are in text order, do not overlap,
// and may leave gaps (text with no verdict). With `prose` (the text's
// running prose, one block per line, as MainText::prose), only lines of
// `text` that are lines of `prose` too are judged: headings and code do not
// decide a section's language. Reads at most the first 256 KiB.
// Thread-safe.
std::vector<TextLanguageSection> DetectSectionLanguages(std::string_view text,
                                                        std::string_view document_language,
                                                        std::string_view prose = {});

}  // namespace archivist
