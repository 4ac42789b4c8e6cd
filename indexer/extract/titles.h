// SPDX-License-Identifier: GPL-2.0-or-later
// Which title a document gets: the best of what its metadata declares, its
// own first heading, its opening line or sentence and its file name.
// Word processors leave "COVER PAGE", a section number ("IV"),
// "Microsoft Word - x.docx" or a path in a PDF's Info dictionary, and a
// results list of such leftovers tells a reader nothing.
#pragma once

#include <string>
#include <string_view>

namespace archivist::extract {

// Whether `title` says nothing about its document: fewer than four letters
// ("IV", "1."), or a template's placeholder ("Cover page", "Untitled",
// "Document", "Slide 1").
bool IsPlaceholderTitle(std::string_view title);

// A title from the opening of a text: its first non-empty line, joined with
// the next when the first runs on into it (no closing punctuation, the next
// not empty), cut after a whole word at `max_bytes`. Empty for a text
// without a line.
std::string TitleFromOpening(std::string_view text, std::size_t max_bytes = 200);

// Whether a declared title is a producer's leftover rather than the
// document's name: a placeholder (above), "Microsoft Word - 01 - Cover.docx",
// "Created with PDFsharp", a title ending in a file extension
// ("Metodologia_Liane GP.pmd"), a path or URL, or an identifier without
// spaces ("figure3_1_trafficking_patterns", "host.example.com_x=64006A").
bool IsLeftoverTitle(std::string_view title);

// A file name as a reader would write it: no extension, underscores and
// dashes between words as spaces, "figure3_1" as "figure 3.1", the first
// letter capitalised ("tip_tiers_1999-2015.csv" → "Tip tiers 1999-2015").
std::string ReadableFileName(std::string_view file_name);

// The text's first sentence, for a text that has no title (a speech, a
// letter): joined across line breaks, ended at its full stop (not at
// "Mr." or "U.S."), and when longer than `max_bytes` cut after a word that
// is not a function word ("of", "the", "de"...), with "…". Empty when the
// text opens with no words.
std::string FirstSentence(std::string_view text, std::size_t max_bytes = 160);

// Whether the opening line of a text reads as its title: alone in its
// paragraph (a blank line or the end after it), not too long, with words,
// and not cut in the middle of a phrase.
bool IsTitleLine(std::string_view text);

// Where a document's title came from, as `title_source` records it.
inline constexpr std::string_view kTitleFromSidecar = "sidecar";
inline constexpr std::string_view kTitleFromMetadata = "metadata";
inline constexpr std::string_view kTitleFromHeading = "heading";
inline constexpr std::string_view kTitleFromOpening = "opening";
inline constexpr std::string_view kTitleFromFirstSentence = "first-sentence";
inline constexpr std::string_view kTitleFromFileName = "filename";

// What there is to name a document by.
struct TitleEvidence {
  std::string_view metadata;   // what the file declares (Info, <title>, front matter)
  std::string_view heading;    // its first heading (h1, "#", the largest line)
  std::string_view opening;    // the start of its text (a few KiB of the first page)
  std::string_view file_name;  // "summary_ARE.html"
  bool dataset = false;        // a table of records (CSV): its first line is a header row
};

struct ChosenTitle {
  std::string title;
  std::string_view source;  // one of the kTitleFrom constants
};

// The best title the evidence gives: the declared one unless it is a
// leftover, then the first heading, then (except for a dataset, whose
// first line is a header row) an opening line that reads as a title or
// the first sentence, and last the file name made readable. Never empty
// for a non-empty file name.
ChosenTitle ChooseTitle(const TitleEvidence& evidence);

// `s` without the white space (spaces, tabs, line and page breaks) around it.
std::string Trim(std::string_view s);

// At most `max_bytes` of `line`, cut after a whole word (or, for one long
// word, before a UTF-8 character), so a title never ends in half a character.
std::string ShortenAtWord(const std::string& line, std::size_t max_bytes);

}  // namespace archivist::extract
