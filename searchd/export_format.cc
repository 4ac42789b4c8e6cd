// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/export_format.h"

#include <ctime>

namespace archivist::searchd {
namespace {

std::string Join(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& value : values) {
    if (!out.empty()) out += ';';
    out += value;
  }
  return out;
}

std::string CsvField(std::string value) {
  if (!value.empty() && std::string_view("=+-@\t\r").find(value[0]) != std::string_view::npos) {
    value.insert(value.begin(), '\'');
  }
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

// The other editions of the row's work (translations, then versions):
// with collapse=work the row stands for all of them.
std::vector<const RelatedEdition*> Editions(const DocumentRecord& r) {
  std::vector<const RelatedEdition*> out;
  for (const RelatedEdition& e : r.translations) out.push_back(&e);
  for (const RelatedEdition& e : r.versions) out.push_back(&e);
  return out;
}

// "id:language;id:language".
std::string EditionList(const DocumentRecord& r) {
  std::string out;
  for (const RelatedEdition* e : Editions(r)) {
    if (!out.empty()) out += ';';
    out += e->id + ':' + e->language;
  }
  return out;
}

nlohmann::json EditionsJson(const DocumentRecord& r) {
  nlohmann::json out = nlohmann::json::array();
  for (const RelatedEdition* e : Editions(r)) {
    out.push_back({{"id", e->id}, {"language", e->language}, {"title", e->title}});
  }
  return out;
}

}  // namespace

std::string CsvHeader() {
  return "\xEF\xBB\xBF"
         "id,path,title,link,snippet,matching_pages,language,countries,topics,date,year,type,format,"
         "pages,size,modified,hash,work,editions\r\n";
}

std::string CsvLine(const DocumentRecord& r, std::string_view base_url, const CsvMatch& match) {
  std::string pages;
  for (int page : match.matching_pages) {
    if (!pages.empty()) pages += ';';
    pages += std::to_string(page);
  }
  const std::vector<std::string> fields = {
      r.id,
      r.path,
      r.title,
      std::string(base_url) + "/?doc=" + r.id,
      SnippetText(match.snippet),
      pages,
      r.language,
      Join(r.countries),
      Join(r.topics),
      r.date,
      r.year > 0 ? std::to_string(r.year) : "",
      r.type,
      r.format,
      std::to_string(r.pages),
      std::to_string(r.size),
      IsoTimeUtc(r.mtime),
      r.hash,
      r.work,
      EditionList(r)};
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ',';
    line += CsvField(fields[i]);
  }
  line += "\r\n";
  return line;
}

std::string JsonLine(const DocumentRecord& r, std::string_view base_url,
                     const CsvMatch& match) {
  const nlohmann::json j = {{"id", r.id},
                            {"path", r.path},
                            {"title", r.title},
                            {"link", std::string(base_url) + "/?doc=" + r.id},
                            {"snippet", SnippetText(match.snippet)},
                            {"matching_pages", match.matching_pages},
                            {"language", r.language},
                            {"countries", r.countries},
                            {"topics", r.topics},
                            {"date", r.date},
                            {"year", r.year},
                            {"type", r.type},
                            {"format", r.format},
                            {"pages", r.pages},
                            {"size", r.size},
                            {"mtime", r.mtime},
                            {"hash", r.hash},
                            {"work", r.work},
                            {"editions", EditionsJson(r)}};
  // Invalid UTF-8 in a title must not abort a stream half-way: replace it.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string EscapeXml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;  // not allowed in XML 1.0
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string SnippetText(std::string_view snippet) {
  static constexpr std::pair<std::string_view, std::string_view> kReplaced[] = {
      {"<mark>", ""}, {"</mark>", ""}, {"&lt;", "<"}, {"&gt;", ">"},
      {"&quot;", "\""}, {"&#39;", "'"}, {"&apos;", "'"}, {"&amp;", "&"}};
  std::string out;
  out.reserve(snippet.size());
  std::size_t at = 0;
  while (at < snippet.size()) {
    bool replaced = false;
    if (snippet[at] == '<' || snippet[at] == '&') {
      for (const auto& [from, to] : kReplaced) {
        if (snippet.compare(at, from.size(), from) == 0) {
          out += to;
          at += from.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += snippet[at++];
  }
  return out;
}

std::string IsoTimeUtc(std::int64_t seconds) {
  if (seconds <= 0) return "";
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  if (!gmtime_r(&t, &tm)) return "";
  char out[32];
  const std::size_t n = std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::string(out, n);
}

std::string Rfc3339FromDate(const std::string& date, int year) {
  std::string day = date;
  if (day.empty() && year > 0) day = std::to_string(year);
  if (day.size() == 4) day += "-01";
  if (day.size() == 7) day += "-01";
  if (day.size() != 10) return "";
  return day + "T00:00:00Z";
}

std::string AtomFeed(const FeedInfo& info, const std::vector<SearchHit>& hits) {
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  out += "  <title>" + EscapeXml(info.title) + "</title>\n";
  out += "  <id>" + EscapeXml(info.self_url) + "</id>\n";
  out += "  <link rel=\"self\" href=\"" + EscapeXml(info.self_url) + "\"/>\n";
  out += "  <updated>" + EscapeXml(info.updated) + "</updated>\n";
  out += "  <author><name>Archivist</name></author>\n";
  for (const SearchHit& hit : hits) {
    const DocumentRecord& r = hit.record;
    std::string updated = Rfc3339FromDate(r.date, r.year);
    if (updated.empty()) updated = info.updated;
    out += "  <entry>\n";
    out += "    <title>" + EscapeXml(r.title.empty() ? r.path : r.title) + "</title>\n";
    out += "    <id>urn:archivist:document:" + EscapeXml(r.id) + "</id>\n";
    out += "    <updated>" + EscapeXml(updated) + "</updated>\n";
    out += "    <link href=\"" + EscapeXml(info.base_url + "/api/documents/" + r.id + "/original") +
           "\"/>\n";
    for (const std::string& country : r.countries) {
      out += "    <category scheme=\"urn:iso:std:iso:3166\" term=\"" + EscapeXml(country) + "\"/>\n";
    }
    for (const std::string& topic : r.topics) {
      out += "    <category term=\"" + EscapeXml(topic) + "\"/>\n";
    }
    // The snippet is HTML (escaped text and <mark>): XML-escaped once more as type="html".
    out += "    <summary type=\"html\">" + EscapeXml(hit.snippet) + "</summary>\n";
    out += "  </entry>\n";
  }
  out += "</feed>\n";
  return out;
}

}  // namespace archivist::searchd
