// SPDX-License-Identifier: GPL-2.0-or-later
// How a user's query becomes a Xapian query: the shared text analysis
// (core/text.h), one reading per stemming language, ORed. Internal to the
// engine.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <xapian.h>

#include "engine/search_request.h"

namespace archivist {

// The flags every reading of a user's query is parsed with.
inline constexpr unsigned kParseFlags = Xapian::QueryParser::FLAG_DEFAULT |
                                        Xapian::QueryParser::FLAG_WILDCARD |
                                        Xapian::QueryParser::FLAG_PURE_NOT;

// Limits on wildcards (issue 17's wildcard bomb). Each wildcard expands to
// at most kMaxWildcardExpansion terms, the most frequent ones; a query holds
// at most kMaxWildcardsPerQuery wildcards (more is refused, kInvalidArgument,
// "q: too many wildcards"), and they share kMaxExpandedTermsPerQuery terms
// (each gets an equal part, up to kMaxWildcardExpansion).
inline constexpr Xapian::termcount kMaxWildcardExpansion = 500;
inline constexpr std::size_t kMaxWildcardsPerQuery = 32;
inline constexpr std::size_t kMaxExpandedTermsPerQuery = 2000;

// How much more a document holding every word of a query weighs: the
// reading with every word required adds its own weight, times this, to the
// documents it matches (no document is added or dropped by it). Large
// enough that one word repeated in a short text does not outrank every
// word of the query in a long one.
inline constexpr double kAllWordsBoost = 10.0;

// Among documents holding every word, those whose title holds them all
// (kTitleBoost) and those where the words stand near each other, within
// kNearWindowPerWord positions per word (kNearBoost), rank first: a
// reader's "exploitation sexuelle enfants" is a phrase loosely typed. Both
// add weight, never matches.
inline constexpr double kTitleBoost = 3.0;
inline constexpr double kNearBoost = 3.0;
inline constexpr Xapian::termcount kNearWindowPerWord = 4;

// True when `query` holds a phrase or a NEAR: positions decide its matches.
bool HoldsPositional(const Xapian::Query& query);

// `part` as the right-hand side of an OP_AND_MAYBE should hold it when it
// checks positions: behind an AND_MAYBE of its own whose right is every
// document at no weight. It adds the same weight, and Xapian asks it with
// skip_to(). Asked directly, Xapian 1.4.22 calls check() on it, and a phrase
// whose next candidate fails its positions answers "not this document"
// without moving past that candidate (SelectPostList::check), so the outer
// AND_MAYBE tests the same candidate again for each of its own documents up
// to it; skip_to() moves on to the next candidate that holds the phrase.
// The query of '"child children"' on the generated 50,000, one thread:
// 69 ms with its title phrase asked directly, 15 ms behind the wrapper.
// A part without positions is returned as it is.
Xapian::Query CheckedOncePerDocument(const Xapian::Query& part);

// The terms each of a query's `wildcards` wildcards may expand to.
Xapian::termcount WildcardExpansionFor(std::size_t wildcards);

// The terms each wildcard of `folded` (FoldText of a user's query) may
// expand to, for every parser that reads it (the readings, spelling): the
// per-query share among its distinct wildcard patterns, so a pattern
// repeated counts once. Throws Exception (kInvalidArgument, "q: too many
// wildcards") when it holds more than kMaxWildcardsPerQuery of them, each
// occurrence counted, and Xapian::QueryParserError when Xapian cannot
// parse it.
Xapian::termcount WildcardExpansionForQuery(const Xapian::Database& db,
                                            const std::string& folded);

// The words of folded query text, folded as terms are: what lies between
// the bytes that are neither letters, digits nor part of a multi-byte
// character ("apt-get" holds two, as the query parser reads it; quotes,
// brackets and operators around them are not part of one), an apostrophe
// or ampersand between two of a word's characters staying inside it
// ("children's", "at&t": one word each, as the query parser reads them).
std::vector<std::string> QueryWords(const std::string& folded);

// The term prefix of a free-text field a query may name ("title:",
// "author:"), or "" for any other name (a boolean filter's, or none).
std::string FreeTextFieldPrefix(const std::string& name);

// True for a query of nothing but white space: it browses everything.
bool IsBlank(const std::string& text);

// The query parser every reading of a user's query goes through: the same
// prefixes, flags and limits whatever the stemming language. It refers to
// `db` (wildcards expand over it), which must outlive it.
Xapian::QueryParser MakeParser(const Xapian::Database& db, const std::string& language,
                               Xapian::termcount max_expansion = kMaxWildcardExpansion);

// The request's query read in every stemming language (or only the pinned
// one), ORed; a blank query matches every document. Any word matches (OR),
// and documents holding every word rank first (kAllWordsBoost), more so
// with every word in their title (kTitleBoost) or near each other
// (kNearBoost); an
// upper-case AND, OR, NOT stays an operator. Each reading drops its own
// language's stop words and those of the query's languages (English, the
// language the detector is sure the query is in, a language two of whose
// stop words it holds), as the indexer gave stop words no stems: a
// lower-case "and" is no search word. A query of stop words only is read
// as typed. Throws
// Xapian::QueryParserError for a query Xapian cannot parse, and Exception
// (kInvalidArgument) for one over kMaxWildcardsPerQuery wildcards.
Xapian::Query ParseUserQuery(const Xapian::Database& db, const SearchRequest& request);

}  // namespace archivist
