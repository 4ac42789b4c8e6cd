// SPDX-License-Identifier: GPL-2.0-or-later
#include "tools/bench/postgres_sql.h"

#include <xapian.h>

#include <optional>
#include <vector>

#include "core/record.h"
#include "core/schema.h"
#include "engine/stored_text.h"

namespace archivist::bench {
namespace {

std::string Literal(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string Csv(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    if (c == '\0') continue;
    out += c;
  }
  return out + "\"";
}

std::string ArrayLiteral(const std::vector<std::string>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? "," : "") + values[i];
  return out + "}";
}

std::string TextList(const std::vector<std::string>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? "," : "") + Literal(values[i]);
  return out;
}

// The user's query read in every stemming language and unstemmed, ORed, as
// searchd does. websearch_to_tsquery takes phrases in quotes, OR and -word;
// AND is implicit there, and a trailing * becomes a prefix match.
std::string TsQuery(const std::string& query) {
  std::string words = query;
  for (std::size_t at; (at = words.find(" AND ")) != std::string::npos;) words.replace(at, 5, " ");
  if (!words.empty() && words.back() == '*' && words.find(' ') == std::string::npos) {
    return "to_tsquery('simple', " + Literal(words.substr(0, words.size() - 1) + ":*") + ")";
  }
  std::string out;
  for (const char* config : {"english", "french", "dutch", "portuguese", "simple"}) {
    out += std::string(out.empty() ? "" : " || ") + "websearch_to_tsquery('" + config + "', " +
           Literal(words) + ")";
  }
  return "(" + out + ")";
}

// The WHERE clause: the text condition and every filter but `except`'s.
std::string Where(const SearchRequest& r, bool has_text, std::optional<Facet> except) {
  std::vector<std::string> conditions;
  if (has_text) conditions.push_back("tsv @@ q.q");
  const auto wanted = [&](Facet f) { return !except || *except != f; };
  if (wanted(Facet::kLanguage) && !r.languages.empty()) {
    conditions.push_back("language IN (" + TextList(r.languages) + ")");
  }
  if (wanted(Facet::kType) && !r.types.empty()) {
    conditions.push_back("type IN (" + TextList(r.types) + ")");
  }
  if (wanted(Facet::kCountry) && !r.countries.empty()) {
    conditions.push_back("countries && ARRAY[" + TextList(r.countries) + "]");
  }
  if (wanted(Facet::kTopic) && !r.topics.empty()) {
    conditions.push_back("topics && ARRAY[" + TextList(r.topics) + "]");
  }
  if (wanted(Facet::kYear)) {
    if (!r.years.empty()) {
      std::string list;
      for (const std::string& y : r.years) list += (list.empty() ? "" : ",") + std::to_string(std::stoi(y));
      conditions.push_back("year IN (" + list + ")");
    }
    if (r.year_from) conditions.push_back("year >= " + std::to_string(*r.year_from));
    if (r.year_to) conditions.push_back("year <= " + std::to_string(*r.year_to));
  }
  if (conditions.empty()) return "";
  std::string out = " WHERE ";
  for (std::size_t i = 0; i < conditions.size(); ++i) out += (i ? " AND " : "") + conditions[i];
  return out;
}

}  // namespace

std::string PostgresSchemaSql() {
  // Each document's own language's stems and its unstemmed words, as the
  // Xapian index holds them (stemmed terms and raw terms); title words weigh more.
  return R"(CREATE TABLE docs (
  id text PRIMARY KEY, title text, body text, language text, countries text[],
  topics text[], year int, type text, date text,
  tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector(CASE language WHEN 'en' THEN 'english'::regconfig
      WHEN 'fr' THEN 'french'::regconfig WHEN 'nl' THEN 'dutch'::regconfig
      WHEN 'pt' THEN 'portuguese'::regconfig ELSE 'simple'::regconfig END, title), 'A') ||
    to_tsvector(CASE language WHEN 'en' THEN 'english'::regconfig
      WHEN 'fr' THEN 'french'::regconfig WHEN 'nl' THEN 'dutch'::regconfig
      WHEN 'pt' THEN 'portuguese'::regconfig ELSE 'simple'::regconfig END, body) ||
    to_tsvector('simple', title || ' ' || body)) STORED);
)";
}

std::string PostgresIndexSql() {
  return R"(CREATE INDEX docs_tsv ON docs USING gin (tsv);
CREATE INDEX docs_countries ON docs USING gin (countries);
CREATE INDEX docs_topics ON docs USING gin (topics);
CREATE INDEX docs_language ON docs (language);
CREATE INDEX docs_type ON docs (type);
CREATE INDEX docs_year ON docs (year);
CREATE INDEX docs_date ON docs (date);
VACUUM ANALYZE docs;
)";
}

std::size_t WritePostgresRows(const std::string& db_path, std::ostream& out) {
  Xapian::Database db(db_path);
  std::size_t rows = 0;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    Result<DocumentRecord> parsed = RecordFromJson(doc.get_data());
    if (!parsed.ok()) continue;
    const DocumentRecord& r = parsed.value();
    out << Csv(r.id) << ',' << Csv(r.title) << ',' << Csv(StoredTextOf(doc)) << ','
        << Csv(r.language) << ',' << Csv(ArrayLiteral(r.countries)) << ','
        << Csv(ArrayLiteral(r.topics)) << ',' << (r.year > 0 ? std::to_string(r.year) : "") << ','
        << Csv(r.type) << ',' << (r.date.empty() ? "" : Csv(r.date)) << '\n';
    ++rows;
  }
  return rows;
}

std::string PostgresSearchSql(const SearchRequest& r) {
  // The text is matched and ranked once per request into a temporary
  // table; the page, the total and the five facets are read from it (each
  // facet with every filter but its own), rather than matching the text
  // seven times.
  const bool has_text = r.query.find_first_not_of(" \t") != std::string::npos;
  const std::string q = has_text ? TsQuery(r.query) : "NULL::tsquery";
  std::string sql = "BEGIN;\n";
  sql += "CREATE TEMP TABLE t ON COMMIT DROP AS SELECT id, language, type, year, countries, "
         "topics, date, " +
         std::string(has_text ? "ts_rank(tsv, q.q)" : "0::real") + " AS rank FROM docs, (SELECT " +
         q + " AS q) q" + (has_text ? " WHERE tsv @@ q.q" : "") + ";\n";
  std::string order = " ORDER BY rank DESC, id";
  if (r.sort == SortOrder::kNewest || (!has_text && r.sort == SortOrder::kRelevance)) {
    order = " ORDER BY date DESC NULLS LAST, id";
  } else if (r.sort == SortOrder::kOldest) {
    order = " ORDER BY date ASC NULLS LAST, id";
  }
  const std::string snippet =
      !r.with_snippets ? "NULL"
      : has_text       ? "ts_headline('simple', d.body, " + q + ", 'MaxWords=40, MinWords=20')"
                       : "left(d.body, 300)";
  sql += "SELECT d.id, d.title, " + snippet + " FROM (SELECT id, rank, date FROM t" +
         Where(r, false, std::nullopt) + order + " LIMIT " + std::to_string(r.limit) + " OFFSET " +
         std::to_string(r.offset) + ") h JOIN docs d USING (id)" +
         (order.find("rank") != std::string::npos ? " ORDER BY h.rank DESC, d.id"
          : order.find("DESC") != std::string::npos ? " ORDER BY h.date DESC NULLS LAST, d.id"
                                                     : " ORDER BY h.date ASC NULLS LAST, d.id") +
         ";\n";
  sql += "SELECT count(*) FROM t" + Where(r, false, std::nullopt) + ";\n";
  const struct {
    Facet facet;
    const char* select;
    const char* from;
  } facets[] = {
      {Facet::kLanguage, "language", ""},
      {Facet::kType, "type", ""},
      {Facet::kYear, "year", ""},
      {Facet::kCountry, "v", ", unnest(countries) AS v"},
      {Facet::kTopic, "v", ", unnest(topics) AS v"},
  };
  for (const auto& f : facets) {
    const bool selected = f.facet == Facet::kYear
                              ? (!r.years.empty() || r.year_from || r.year_to)
                              : !(f.facet == Facet::kLanguage  ? r.languages
                                  : f.facet == Facet::kType    ? r.types
                                  : f.facet == Facet::kCountry ? r.countries
                                                               : r.topics)
                                     .empty();
    sql += "SELECT " + std::string(f.select) + ", count(*) FROM t" + f.from +
           Where(r, false, selected ? std::optional<Facet>(f.facet) : std::nullopt) +
           " GROUP BY 1 ORDER BY 2 DESC;\n";
  }
  return sql + "COMMIT;\n";
}

}  // namespace archivist::bench
