// SPDX-License-Identifier: GPL-2.0-or-later
// Query-biased snippets. Xapian's MSet::snippet() compares raw words with the
// query's terms, so it cannot see that "Kaká" in a text is the term "kaka";
// this one analyses each word as the indexer did (FoldWord, then the
// document's own stemmer) and so highlights exactly what matched.
#pragma once

#include <xapian.h>

#include "core/record.h"
#include "core/text_sections.h"
#include "engine/query_positions.h"
#include "engine/stored_text.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace archivist {

struct SnippetRequest {
  // Terms of the parsed query: unstemmed ("kaka") and stemmed ("Zgroom").
  const std::unordered_set<std::string>* query_terms = nullptr;
  // The stemmer the document was indexed with.
  Xapian::Stem stemmer;
  std::size_t max_chars = 300;
  // One stemmer per page when the document's pages were indexed each in
  // its own language (DocumentRecord::page_languages); empty otherwise.
  std::vector<Xapian::Stem> page_stemmers = {};
};

// A request that analyses words as `record`'s document was indexed: with its
// language's stemmer, and its pages' own when they differ.
SnippetRequest SnippetRequestFor(const std::unordered_set<std::string>* query_terms,
                                 const DocumentRecord& record);

// Decides whether a word of a document is one of the query's terms, the way
// the indexer analysed it: FoldWord, then unstemmed or stemmed with the
// document's stemmer. Snippets and the list of matching PDF pages share it,
// so a page is listed exactly when its words would be highlighted.
// Not thread-safe (it numbers the terms it has matched); cheap to build.
class TermMatcher {
 public:
  // `request` (and its query_terms) must outlive the matcher.
  explicit TermMatcher(const SnippetRequest& request);

  // A small number identifying the matched query term, or -1 for no match.
  // `page` (0-based) picks the stemmer when the pages have their own.
  int Match(std::string_view word, std::size_t page = 0);

 private:
  int IndexOf(const std::string& term);
  // Whether some query term (its stem without the "Z") starts with the
  // bytes a, b.
  bool AnyTermStartsWith(unsigned char a, unsigned char b) const;

  const SnippetRequest& request_;
  // The first two bytes of each query term, as a + 256 b: a handful, looked
  // through for every word of the text (a hash of a two-byte string cost a
  // tenth of a search).
  std::vector<std::uint16_t> prefixes_;
  bool short_terms_ = false;
  std::map<std::string, int> ids_;
};

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
// the best found. Costs the same in a long document as in a short one.
std::string MakeSnippetInSections(StoredTextReader& text, const std::vector<TextSection>& sections,
                                  const std::vector<MatchedPosition>& matches,
                                  const SnippetRequest& request);

// The 1-based numbers of the pages holding `matches` (the query terms'
// positions in the document), at most `max_pages` of them, in order.
std::vector<int> PagesOfPositions(const std::vector<TextSection>& sections,
                                  const std::vector<MatchedPosition>& matches,
                                  std::size_t max_pages = 100);

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string EscapeHtml(std::string_view text);

}  // namespace archivist
