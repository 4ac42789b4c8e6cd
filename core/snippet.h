// SPDX-License-Identifier: GPL-2.0-or-later
// Query-biased snippets. Xapian's MSet::snippet() compares raw words with the
// query's terms, so it cannot see that "Kaká" in a text is the term "kaka";
// this one analyses each word as the indexer did (FoldWord, then the
// document's own stemmer) and so highlights exactly what matched.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <unordered_set>

namespace archivist {

struct SnippetRequest {
  // Terms of the parsed query: unstemmed ("kaka") and stemmed ("Zgroom").
  const std::unordered_set<std::string>* query_terms = nullptr;
  // The stemmer the document was indexed with.
  Xapian::Stem stemmer;
  std::size_t max_chars = 300;
};

// Returns about max_chars of `text` around its densest run of query terms
// (the start of the text when none occurs), HTML-escaped, each matching word
// wrapped in <mark>...</mark>, with "…" where text was cut. Whitespace runs
// (page breaks included) become single spaces. Thread-safe.
std::string MakeSnippet(std::string_view text, const SnippetRequest& request);

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string EscapeHtml(std::string_view text);

}  // namespace archivist
