// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/search_json.h"

#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <string_view>

#include "searchd/json_writer.h"
#include "searchd/names.h"

namespace archivist::searchd {
namespace {

// Every year from the oldest to the newest with documents, empty years
// included, so a client can draw the bars without filling gaps itself.
std::map<int, Xapian::doccount> YearCounts(const SearchPage& page) {
  std::map<int, Xapian::doccount> years;
  for (const FacetCounts& counts : page.facets) {
    if (counts.facet != Facet::kYear) continue;
    for (const FacetCount& value : counts.values) {
      int year = 0;
      const char* end = value.value.data() + value.value.size();
      // The slot holds what the indexer wrote; skip anything that is not a year.
      if (std::from_chars(value.value.data(), end, year).ptr != end || value.count == 0) continue;
      years[year] = value.count;
    }
  }
  return years;
}

nlohmann::json YearHistogram(const SearchPage& page) {
  const std::map<int, Xapian::doccount> years = YearCounts(page);
  nlohmann::json bars = nlohmann::json::array();
  if (years.empty()) return bars;
  for (int year = years.begin()->first; year <= years.rbegin()->first; ++year) {
    auto it = years.find(year);
    bars.push_back({{"year", year}, {"count", it == years.end() ? 0 : it->second}});
  }
  return bars;
}

}  // namespace

namespace {

// Other editions of the document's work, each with its language's name.
nlohmann::json EditionsJson(const std::vector<RelatedEdition>& editions, NamesIn& names) {
  nlohmann::json list = nlohmann::json::array();
  for (const RelatedEdition& e : editions) {
    list.push_back({{"id", e.id},
                    {"language", e.language},
                    {"language_name", names.Language(e.language)},
                    {"title", e.title}});
  }
  return list;
}

}  // namespace

nlohmann::json RecordJson(const DocumentRecord& r, NamesIn& names) {
  nlohmann::json country_names = nlohmann::json::array();
  for (const std::string& country : r.countries) country_names.push_back(names.Country(country));
  // The archive root is the server's business; clients see root-relative paths.
  return {
      {"id", r.id},
      {"title", r.title},
      {"language", r.language},
      {"language_name", names.Language(r.language)},
      {"date", r.date},
      {"year", r.year},
      {"type", r.type},
      {"type_name", names.Type(r.type)},
      {"format", r.format},
      {"path", r.path},
      {"pages", r.pages},
      {"chars", r.chars},
      {"language_source", r.language_source},
      {"date_source", r.date_source},
      {"title_source", r.title_source},
      {"date_weak", IsWeakDateSource(r.date_source)},
      {"jurisdiction", r.jurisdiction},
      {"jurisdiction_name", r.jurisdiction.empty() ? std::string() : names.Country(r.jurisdiction)},
      {"size", r.size},
      {"countries", r.countries},
      {"country_names", std::move(country_names)},
      {"topics", r.topics},
      {"hash", r.hash},
      {"work", r.work},
      {"translations", EditionsJson(r.translations, names)},
      {"versions", EditionsJson(r.versions, names)}};
}

nlohmann::json RecordJson(const DocumentRecord& record, const std::string& ui_language) {
  NamesIn names(ui_language);
  return RecordJson(record, names);
}

nlohmann::json HitJson(const SearchHit& hit, NamesIn& names) {
  nlohmann::json j = RecordJson(hit.record, names);
  j["snippet"] = hit.snippet;
  j["matching_pages"] = hit.matching_pages;
  j["score"] = std::round(hit.weight * 1000) / 1000;
  j["also_matched"] = hit.also_matched;
  return j;
}

nlohmann::json HitJson(const SearchHit& hit, const std::string& ui_language) {
  NamesIn names(ui_language);
  return HitJson(hit, names);
}

nlohmann::json FacetJson(const FacetCounts& counts, NamesIn& names) {
  nlohmann::json values = nlohmann::json::array();
  for (const FacetCount& value : counts.values) {
    nlohmann::json v = {
        {"value", value.value}, {"count", value.count}, {"selected", value.selected}};
    if (counts.facet == Facet::kCountry) v["name"] = names.Country(value.value);
    if (counts.facet == Facet::kLanguage) v["name"] = names.Language(value.value);
    if (counts.facet == Facet::kType) v["name"] = names.Type(value.value);
    values.push_back(std::move(v));
  }
  return values;
}

nlohmann::json FacetJson(const FacetCounts& counts, const std::string& ui_language) {
  NamesIn names(ui_language);
  return FacetJson(counts, names);
}

nlohmann::json SearchPageJson(const SearchRequest& request, const SearchPage& page, double took_ms,
                              const std::string& ui_language) {
  // One answer names the same languages and countries again and again.
  NamesIn names(ui_language);
  nlohmann::json hits = nlohmann::json::array();
  for (const SearchHit& hit : page.hits) hits.push_back(HitJson(hit, names));
  nlohmann::json facets = nlohmann::json::object();
  for (const FacetCounts& counts : page.facets) {
    facets[std::string(FacetName(counts.facet))] = FacetJson(counts, names);
  }
  const Xapian::doccount per_page = request.limit;
  nlohmann::json spelling = nullptr;
  if (!page.spelling_suggestion.empty()) spelling = page.spelling_suggestion;
  Xapian::doccount undated = 0;
  for (const FacetCounts& counts : page.facets) {
    if (counts.facet == Facet::kYear) undated = counts.missing;
  }
  return {{"query", request.query},
          {"total", page.total},
          {"total_documents", page.total_documents},
          {"collapse", request.collapse_works ? nlohmann::json("work") : nlohmann::json(nullptr)},
          {"prefer_lang", request.collapse_works ? nlohmann::json(request.prefer_language)
                                                 : nlohmann::json(nullptr)},
          {"undated", undated},
          {"page", per_page ? request.offset / per_page + 1 : 1},
          {"per_page", per_page},
          {"hits", std::move(hits)},
          {"facets", std::move(facets)},
          {"year_histogram", YearHistogram(page)},
          {"spelling_suggestion", std::move(spelling)},
          {"took_ms", std::round(took_ms * 100) / 100}};
}

namespace {

// EditionsJson, written, as the member `key`.
void WriteEditions(JsonWriter& out, std::string_view key,
                   const std::vector<RelatedEdition>& editions, NamesIn& names) {
  out.Key(key);
  out.BeginArray();
  for (const RelatedEdition& e : editions) {
    out.BeginObject();
    out.Member("id", e.id);
    out.Member("language", e.language);
    out.Member("language_name", names.Language(e.language));
    out.Member("title", e.title);
    out.EndObject();
  }
  out.EndArray();
}

// YearHistogram, written.
void WriteYearHistogram(JsonWriter& out, const SearchPage& page) {
  const std::map<int, Xapian::doccount> years = YearCounts(page);
  out.Key("year_histogram");
  out.BeginArray();
  if (!years.empty()) {
    for (int year = years.begin()->first; year <= years.rbegin()->first; ++year) {
      const auto it = years.find(year);
      out.BeginObject();
      out.Member("count", it == years.end() ? Xapian::doccount{0} : it->second);
      out.Member("year", year);
      out.EndObject();
    }
  }
  out.EndArray();
}

// The name a facet's value is shown with, for the facets whose values are
// codes (country, language, type); null for the others.
std::optional<std::string_view> FacetValueName(Facet facet, const std::string& value,
                                               NamesIn& names) {
  if (facet == Facet::kCountry) return names.Country(value);
  if (facet == Facet::kLanguage) return names.Language(value);
  if (facet == Facet::kType) return names.Type(value);
  return std::nullopt;
}

// The facets object of SearchPageJson, written: by facet name, as the
// tree's map orders (and, for a facet given twice, keeps) them.
void WriteFacets(JsonWriter& out, const std::vector<FacetCounts>& facets, NamesIn& names) {
  std::map<std::string_view, const FacetCounts*> by_name;
  for (const FacetCounts& counts : facets) by_name[FacetName(counts.facet)] = &counts;
  out.Key("facets");
  out.BeginObject();
  for (const auto& [name, counts] : by_name) {
    out.Key(name);
    out.BeginArray();
    for (const FacetCount& value : counts->values) {
      out.BeginObject();
      out.Member("count", value.count);
      // Only named facets have the member at all.
      if (const auto shown = FacetValueName(counts->facet, value.value, names)) {
        out.Member("name", *shown);
      }
      out.Member("selected", value.selected);
      out.Member("value", value.value);
      out.EndObject();
    }
    out.EndArray();
  }
  out.EndObject();
}

// `countries` by their names, as the member `key`.
void WriteCountryNames(JsonWriter& out, std::string_view key,
                       const std::vector<std::string>& countries, NamesIn& names) {
  out.Key(key);
  out.BeginArray();
  for (const std::string& country : countries) out.String(names.Country(country));
  out.EndArray();
}

// HitJson, written: its keys in the order nlohmann::json sorts them.
void WriteHit(JsonWriter& out, const SearchHit& hit, NamesIn& names) {
  const DocumentRecord& r = hit.record;
  out.BeginObject();
  out.Member("also_matched", hit.also_matched);
  out.Member("chars", r.chars);
  out.Member("countries", r.countries);
  WriteCountryNames(out, "country_names", r.countries, names);
  out.Member("date", r.date);
  out.Member("date_source", r.date_source);
  out.Member("date_weak", IsWeakDateSource(r.date_source));
  out.Member("format", r.format);
  out.Member("hash", r.hash);
  out.Member("id", r.id);
  out.Member("jurisdiction", r.jurisdiction);
  out.Member("jurisdiction_name",
             r.jurisdiction.empty() ? std::string_view() : names.Country(r.jurisdiction));
  out.Member("language", r.language);
  out.Member("language_name", names.Language(r.language));
  out.Member("language_source", r.language_source);
  out.Member("matching_pages", hit.matching_pages);
  out.Member("pages", r.pages);
  out.Member("path", r.path);
  out.Member("score", std::round(hit.weight * 1000) / 1000);
  out.Member("size", r.size);
  out.Member("snippet", hit.snippet);
  out.Member("title", r.title);
  out.Member("title_source", r.title_source);
  out.Member("topics", r.topics);
  WriteEditions(out, "translations", r.translations, names);
  out.Member("type", r.type);
  out.Member("type_name", names.Type(r.type));
  WriteEditions(out, "versions", r.versions, names);
  out.Member("work", r.work);
  out.Member("year", r.year);
  out.EndObject();
}

// `value` when `present`, else none (a null member).
std::optional<std::string_view> When(bool present, std::string_view value) {
  if (!present) return std::nullopt;
  return value;
}

}  // namespace

std::string SearchPageJsonText(const SearchRequest& request, const SearchPage& page, double took_ms,
                               const std::string& ui_language) {
  NamesIn names(ui_language);
  const Xapian::doccount per_page = request.limit;
  Xapian::doccount undated = 0;
  for (const FacetCounts& counts : page.facets) {
    if (counts.facet == Facet::kYear) undated = counts.missing;
  }
  std::string text;
  // A hit takes about 2 KB with its editions: one allocation for most answers.
  text.reserve(4096 + 2048 * page.hits.size());
  JsonWriter out(text);
  out.BeginObject();
  out.MemberOrNull("collapse", When(request.collapse_works, "work"));
  WriteFacets(out, page.facets, names);
  out.Key("hits");
  out.BeginArray();
  for (const SearchHit& hit : page.hits) WriteHit(out, hit, names);
  out.EndArray();
  out.Member("page", per_page ? request.offset / per_page + 1 : 1);
  out.Member("per_page", per_page);
  out.MemberOrNull("prefer_lang", When(request.collapse_works, request.prefer_language));
  out.Member("query", request.query);
  out.MemberOrNull("spelling_suggestion",
                   When(!page.spelling_suggestion.empty(), page.spelling_suggestion));
  out.Member("took_ms", std::round(took_ms * 100) / 100);
  out.Member("total", page.total);
  out.Member("total_documents", page.total_documents);
  out.Member("undated", undated);
  WriteYearHistogram(out, page);
  out.EndObject();
  return text;
}

nlohmann::json DocumentJson(const StoredDocument& document, const std::string& ui_language,
                            bool with_matches) {
  NamesIn names(ui_language);
  nlohmann::json j = RecordJson(document.record, names);
  if (with_matches) {
    j["matched_words"] = document.matched_words;
    j["matching_pages"] = document.matching_pages;
  }
  j["page_texts"] = document.pages;
  j["page_languages"] = document.record.page_languages;
  nlohmann::json page_language_names = nlohmann::json::array();
  for (const std::string& language : document.record.page_languages) {
    page_language_names.push_back(names.Language(language));
  }
  j["page_language_names"] = std::move(page_language_names);
  // A web page's stretches in languages of their own, as byte ranges of
  // its one page's text (page_texts[0]).
  nlohmann::json section_languages = nlohmann::json::array();
  for (const TextLanguageSection& section : document.record.section_languages) {
    section_languages.push_back({{"start", section.start},
                                 {"end", section.end},
                                 {"language", section.language},
                                 {"language_name", names.Language(section.language)}});
  }
  j["section_languages"] = std::move(section_languages);
  // Which pages' text came from OCR, for the reader to weigh it (issue 16).
  j["ocr_pages"] = document.record.ocr_pages;
  j["ocr_confidence"] = document.record.ocr_confidence;
  return j;
}

nlohmann::json StatsJson(const IndexStats& stats, const std::string& ui_language) {
  NamesIn names(ui_language);
  nlohmann::json j = {{"documents", stats.documents}};
  j["last_indexed"] =
      stats.last_indexed.empty() ? nlohmann::json(nullptr) : nlohmann::json(stats.last_indexed);
  for (const FacetCounts& counts : stats.facets) {
    j[std::string(FacetName(counts.facet))] = FacetJson(counts, names);
  }
  return j;
}

}  // namespace archivist::searchd
