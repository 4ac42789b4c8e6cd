// SPDX-License-Identifier: GPL-2.0-or-later
// How a user's query becomes a Xapian query: the shared text analysis
// (core/text.h), one reading per stemming language, ORed. Internal to the
// engine.
#pragma once

#include <string>

#include <xapian.h>

#include "engine/search_request.h"

namespace archivist {

// The flags every reading of a user's query is parsed with.
inline constexpr unsigned kParseFlags = Xapian::QueryParser::FLAG_DEFAULT |
                                        Xapian::QueryParser::FLAG_WILDCARD |
                                        Xapian::QueryParser::FLAG_PURE_NOT;

// True for a query of nothing but white space: it browses everything.
bool IsBlank(const std::string& text);

// The query parser every reading of a user's query goes through: the same
// prefixes, flags and limits whatever the stemming language. It refers to
// `db` (wildcards expand over it), which must outlive it.
Xapian::QueryParser MakeParser(const Xapian::Database& db, const std::string& language);

// The request's query read in every stemming language (or only the pinned
// one), ORed; a blank query matches every document. Throws
// Xapian::QueryParserError for a query Xapian cannot parse.
Xapian::Query ParseUserQuery(const Xapian::Database& db, const SearchRequest& request);

}  // namespace archivist
