// SPDX-License-Identifier: GPL-2.0-or-later
// Which country's legal order a piece of legislation belongs to. Kept apart
// from the countries a document is about (countries.h): a Dutch regulation
// is Dutch law whether or not it ever names the Netherlands, and a law
// about adoption from abroad is not about every country it names.
#pragma once

#include <string>
#include <string_view>

namespace archivist::enrich {

struct JurisdictionEvidence {
  std::string_view title;
  // The text folded and lower-cased (core FoldWord); its first
  // kJurisdictionScanBytes are read.
  std::string_view lower_folded_text;
  std::string_view language;  // ISO 639-1 of the text; "" or "und" when unknown
  std::string_view type;      // the document type slug (doc_type.h)
};

inline constexpr std::size_t kJurisdictionScanBytes = 200000;

// The ISO 3166 alpha-2 code of the legal order `evidence` belongs to, or ""
// when it is not legislation or the evidence is weak or split. Legislation
// is a document typed so, one whose title names a legal form in its own
// language ("Wet ...", "Lei nº ...", "Richtlijn ..."), or one with numbered
// article headings. The legal order comes from its gazette and citation
// style ("Stb. 1988, 665", "Parágrafo único"), its issuing bodies ("Onze
// Minister", "Congresso Nacional") and enacting formula, and its
// government's web domain, read from the vocabulary
// indexer/enrich/data/jurisdictions.tsv (compiled in). Thread-safe.
std::string DetectJurisdiction(const JurisdictionEvidence& evidence);

}  // namespace archivist::enrich
