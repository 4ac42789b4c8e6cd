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

}  // namespace archivist
