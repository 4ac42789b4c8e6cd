// SPDX-License-Identifier: GPL-2.0-or-later
// Query-biased snippets. Xapian's MSet::snippet() compares raw words with the
// query's terms, so it cannot see that "Kaká" in a text is the term "kaka";
// this one analyses each word as the indexer did (FoldWord, then the
// document's own stemmer) and so highlights exactly what matched.
// Here: which window of a text to show and how it is drawn, and which
// pages hold the query's terms; the words come from engine/snippet_words.h
// and what they match from engine/term_matcher.h.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/text_sections.h"
#include "engine/query_positions.h"
#include "engine/stored_text.h"
#include "engine/term_matcher.h"

namespace archivist {

// The 1-based numbers of the pages of `text` (pages separated by '\f') that
// hold at least one query term, at most `max_pages` of them, scanning at
// most `max_bytes` of text. Empty without query terms. Thread-safe.
std::vector<int> PagesMatching(std::string_view text, const SnippetRequest& request,
                               std::size_t max_pages = 100, std::size_t max_bytes = 8 << 20);

// The distinct words of `text` (pages separated by '\f') that are query
// terms, each as first written in the text, at most `max_words`, scanning
// the whole text: what a client marks to show what the search matched.
// Empty without query terms. Thread-safe.
std::vector<std::string> WordsMatching(std::string_view text, const SnippetRequest& request,
                                       std::size_t max_words = 500);

// Returns about max_chars of `text` around its densest run of query terms
// (the start of the text when none occurs), HTML-escaped, each matching word
// wrapped in <mark>...</mark>, with "…" where text was cut. Whitespace runs
// (page breaks included) become single spaces. Thread-safe.
std::string MakeSnippet(std::string_view text, const SnippetRequest& request);

// The snippet MakeSnippet would draw from the whole of `text`, read from the
// few sections (core/text_sections.h) around its best window: `matches`, the
// query terms' positions in the document, say which sections can hold the
// best window, and only those are read, in order, until none left can beat
// the best found. Only the sections around `matches` are looked up in the
// table, and nothing is kept per section of the document: costs the same
// in a long document as in a short one.
std::string MakeSnippetInSections(StoredTextReader& text, const TextSectionTable& sections,
                                  const std::vector<MatchedPosition>& matches,
                                  const SnippetRequest& request);

// The 1-based numbers of the pages holding `matches` (the query terms'
// positions in the document), at most `max_pages` of them, in order.
std::vector<int> PagesOfPositions(const TextSectionTable& sections,
                                  const std::vector<MatchedPosition>& matches,
                                  std::size_t max_pages = 100);

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string EscapeHtml(std::string_view text);

}  // namespace archivist
