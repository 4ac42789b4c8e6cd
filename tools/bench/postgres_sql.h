// SPDX-License-Identifier: GPL-2.0-or-later
// The PostgreSQL side of tools/bench/query: the same documents and the same
// search requests in PostgreSQL full-text search (tsvector + GIN, facet
// counts by GROUP BY), as a team without a search engine would build it.
#pragma once

#include <ostream>
#include <string>

#include "engine/search.h"

namespace archivist::bench {

// The table, its generated tsvector column and its indexes; the rows come
// in afterwards by COPY ... (FORMAT csv) in the column order of
// WritePostgresRows.
std::string PostgresSchemaSql();
std::string PostgresIndexSql();

// One CSV row per document of the index at `db`, read from the stored
// records and texts (so PostgreSQL gets exactly what was indexed).
// Returns the number of rows.
std::size_t WritePostgresRows(const std::string& db, std::ostream& out);

// The statements that answer `request` as searchd does: the page of hits
// ranked (or sorted by date) with a highlighted snippet each (none when
// the request asks for none), the exact
// total, and the five facets, each counted with every filter but its own.
std::string PostgresSearchSql(const SearchRequest& request);

}  // namespace archivist::bench
