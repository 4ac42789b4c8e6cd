// SPDX-License-Identifier: GPL-2.0-or-later
// When a document is from, read from its text or its file name. Never from
// the file's modification time: copying an archive changes that.
#pragma once

#include <string>
#include <string_view>

namespace archivist::enrich {

struct FoundDate {
  std::string date;  // "YYYY-MM-DD", "YYYY-MM" or "YYYY"; empty when none was found
  int year = 0;      // 0 when none was found
};

// Only the start of a text is read for its date: the cover, the heading or
// the dateline is where a document says when it is from; later dates are
// citations.
inline constexpr std::size_t kDateScanBytes = 20000;

// The first date the start of `text` states: a day, month name and year in
// English, French, Dutch, Portuguese, Spanish or German ("30 May 2014",
// "May 30, 2014", "6th May 2014", "4 mars 2014", "4 de março de 2014",
// "1. Mai 2014", "30 mei 2014") or in `language` (an ISO 639 code, month
// names from ICU: "10 dicembre 1948", "10. prosinca 1948", "1948. december
// 10."), a CJK date ("1948年12月10日"), an ISO date, then a month and year,
// then a fiscal year ("FY 2014", "fiscal year 2014", "FY 03"). A day and
// month without a year ("4 mars") give nothing. Years outside 1800..2100 are
// ignored. Thread-safe.
FoundDate DateFromText(std::string_view text, std::string_view language = "");

// What the start of a text says about dates, by kind, for callers that rank
// them against other sources.
struct TextDates {
  FoundDate full;                 // the earliest day-month-year (or ISO) date
  bool full_in_dateline = false;  // that date is within kDatelineBytes
  FoundDate month_year;           // the earliest month and year
  FoundDate fiscal;               // the first fiscal year
  bool fiscal_on_cover = false;   // a fiscal year is named within kCoverBytes; `fiscal`
                                  // is then the earliest named there
  // A date in a sentence that says when the document was made, adopted,
  // signed, published or spoken ("Adopted and proclaimed by General
  // Assembly resolution 217 A (III) of 10 December 1948", "publié en
  // 2015", "vastgesteld op 1 mei 2003"), within kStatementBytes.
  FoundDate statement;
  int latest_year = 0;            // the latest year (1900..now) named as a number; 0 if none
};

// Years in page furniture are never a document's date: a copyright line
// ("© 1996 – 2009", "Copyright 2012", "tous droits réservés"), a printing
// note ("Printed in Belgium, 2010", "Imprimé en", "Gedrukt", "Druck") and
// web addresses ("www.example.org/2009/..."). FindTextDates reads none of
// them.

// A statement of when the document was made sits at its head, after the
// title; further on, "signed on 26 June 1945" is a citation.
inline constexpr std::size_t kStatementBytes = 1200;

// The cover of a report: a fiscal year named here is the period the report
// covers ("Fiscal Years 2000 and 2001"), which is its year.
inline constexpr std::size_t kCoverBytes = 3000;

// A dateline or a letter's date sits in a text's first lines; a full date
// further on is as likely a citation ("signed on 26 June 1945").
inline constexpr std::size_t kDatelineBytes = 600;

TextDates FindTextDates(std::string_view text, std::string_view language = "");

// FindTextDates over text already folded and lower-cased (core FoldWord):
// the first kDateScanBytes of it are read.
TextDates FindFoldedTextDates(std::string_view lower_folded, std::string_view language = "");

// The first plausible year (1900..2099) in a file name, as a whole number
// ("fmtrpt_2003_2004_34329.pdf" → 2003, "AFG_70_2015.txt" → 2015).
FoundDate DateFromFileName(std::string_view file_name);

// The first plausible year in the names of the folders that hold a file,
// nearest first ("br-eca-lei-8069-1990/titulo-i.md" → 1990): archivists
// file by year.
FoundDate DateFromFolderNames(std::string_view relative_path);

}  // namespace archivist::enrich
