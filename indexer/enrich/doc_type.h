// SPDX-License-Identifier: GPL-2.0-or-later
// What kind of document a file is (report, press release, legislation...),
// from its format, its opening lines and its structure.
#pragma once

#include <string>
#include <string_view>

namespace archivist::enrich {

struct TypeEvidence {
  std::string_view format;  // "pdf", "html", "xml", "text", "csv"
  std::string_view title;
  std::string_view text;
  int pages = 0;
  // `text` folded and lower-cased (core FoldWord), when the caller has it;
  // empty: folded here.
  std::string_view lower_folded_text = {};
};

// The type slug: dataset, press_release, newsletter, speech, legislation,
// report, web_page or other. Headings are read in English, French, Dutch,
// Portuguese, Spanish and German ("Press release", "Communiqué de presse",
// "Persbericht"); legislation is told by its enacting formula or by a run of
// numbered articles. Without a sign, the format decides: PDF → report,
// HTML → web_page, else other. Thread-safe.
std::string DetectDocumentType(const TypeEvidence& evidence);

// How many lines of folded, lower-cased `lower_folded` start as an
// article heading ("article 12", "artikel 3.", "art. 5o", "## artigo 1"),
// counting no further than `enough`.
int CountArticleHeadings(std::string_view lower_folded, int enough);

}  // namespace archivist::enrich
