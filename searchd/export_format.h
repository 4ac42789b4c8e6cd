// SPDX-License-Identifier: GPL-2.0-or-later
// How a result set is written out for /api/export (CSV, JSON Lines) and
// /api/feed (Atom): every metadata field of the stored record but the
// server-side archive root.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "engine/search.h"

namespace archivist::searchd {

// The start of the CSV export: a UTF-8 byte-order mark (without it,
// spreadsheets read the file in a legacy code page and garble accents),
// then the header line, "\r\n"-terminated (RFC 4180).
std::string CsvHeader();

// One record as a CSV line, "\r\n"-terminated: the document's link (its
// page in the web UI under `base_url`, "http://host:port"), the search's
// snippet of it as plain text and the pages matching it (';'-joined), its date as
// given (ISO 8601: a day, a month or a year), the file's modification time
// in ISO 8601 UTC. Lists (countries, topics) are joined with ';'. A text field that a spreadsheet would run as a formula
// (starting with =, +, -, @, tab or CR) is prefixed with a quote (OWASP's
// advice against CSV injection): researchers open these files in spreadsheets.
// What a search says of one exported document (both formats).
struct CsvMatch {
  std::string snippet;               // a hit's snippet: HTML-escaped text and <mark>
  std::vector<int> matching_pages;   // pages holding the query's words
};
std::string CsvLine(const DocumentRecord& record, std::string_view base_url,
                    const CsvMatch& match = {});

// A snippet as plain text: <mark> tags dropped, entities unescaped.
std::string SnippetText(std::string_view snippet);

// One record as a JSON object on one line, '\n'-terminated, with the same
// link, snippet (plain text) and matching pages (a list) as its CSV row.
std::string JsonLine(const DocumentRecord& record, std::string_view base_url,
                     const CsvMatch& match = {});

struct FeedInfo {
  std::string title;        // shown by feed readers
  std::string self_url;     // absolute URL of the feed itself
  std::string base_url;     // "http://host:port", for entry links
  std::string updated;      // RFC 3339 time of the newest change
};

// An Atom (RFC 4287) feed of `hits`, newest first, every text XML-escaped.
std::string AtomFeed(const FeedInfo& info, const std::vector<SearchHit>& hits);

// Escapes &, <, >, " and ' and drops characters XML 1.0 does not allow.
std::string EscapeXml(std::string_view text);

// Seconds since the epoch → "2023-11-14T22:13:20Z"; empty for 0 (unknown).
std::string IsoTimeUtc(std::int64_t seconds);

// "2014-05-30" → "2014-05-30T00:00:00Z"; "2013-03" and "2013" are completed
// with the first month and day; empty when there is no date.
std::string Rfc3339FromDate(const std::string& date, int year);

}  // namespace archivist::searchd
