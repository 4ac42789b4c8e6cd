// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes a search from its query string to its JSON answer, as searchd's
// /api/search and /api/suggest run it: parameters checked, the query read
// once per stemming language (or the pinned one: query_lang), wildcards
// expanded, facets counted, hits ranked with their snippets and matching
// pages, spelling suggested, the answer written as JSON. The index is built
// once per process by the real writer: documents in five languages, one of
// them of several pages each in its own language. Whatever the query, the
// answer is a page or a refusal, and either can be written as JSON.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <stdlib.h>

#include "core/log.h"
#include "core/record.h"
#include "engine/search.h"
#include "indexer/writer/index_writer.h"
#include "indexer/writer/prepared_document.h"
#include "searchd/search_json.h"
#include "searchd/search_params.h"
#include "tests/fuzz/extraction.h"

namespace {

struct FixtureDocument {
  const char* id;
  const char* language;
  std::vector<std::string> page_languages;
  const char* type;
  int year;
  std::vector<std::string> countries;
  std::vector<std::string> topics;
  const char* title;
  std::vector<std::string> pages;
};

const std::vector<FixtureDocument>& Documents() {
  static const std::vector<FixtureDocument> kDocuments = {
      {"00000000000000a1",
       "en",
       {},
       "news_post",
       2014,
       {"BE"},
       {"online-abuse"},
       "Online grooming in Belgium",
       {"New law against the online grooming of children."}},
      {"00000000000000a2",
       "fr",
       {},
       "press_release",
       2014,
       {"BR", "BE"},
       {"child-sex-tourism"},
       "Coupe du Monde",
       {"Kaká et la lutte contre l'exploitation sexuelle des enfants au Brésil."}},
      {"00000000000000a3",
       "en",
       {"en", "fr", "en"},
       "report",
       2012,
       {"BR", "US"},
       {"trafficking"},
       "Trafficking in Persons Report",
       {"Tier 2 watch list: trafficking of children in Brazil during tournaments.",
        "Les enfants victimes de la traite des êtres humains sont protégés.",
        "Recommendations: prosecute traffickers; protect victims; \"child children\"."}},
      {"00000000000000a4",
       "nl",
       {},
       "legislation",
       2013,
       {"NL"},
       {"trafficking"},
       "Aanwijzing mensenhandel",
       {"Mensenhandel en uitbuiting van kinderen in Nederland."}},
      {"00000000000000a5",
       "de",
       {},
       "report",
       0,
       {},
       {},
       "Jahresbericht",
       {"Kinderschutz und Menschenhandel: ein Bericht über Straßenkinder."}},
      {"00000000000000a6",
       "ja",
       {},
       "report",
       2016,
       {"JP"},
       {},
       "報告書",
       {"児童の性的搾取に関する報告書。東京、2016年。"}},
      {"00000000000000a7",
       "und",
       {},
       "dataset",
       2015,
       {},
       {},
       "tiers.csv",
       {"country,tier,year\nBrazil,2,2015\nBelgium,1,2015"}},
  };
  return kDocuments;
}

// A folder removed when the process exits.
class IndexFolder {
 public:
  IndexFolder() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "archivist-fuzz-XXXXXX").string();
    if (!mkdtemp(pattern.data())) archivist::fuzz::Fail("mkdtemp failed");
    path_ = pattern;
  }
  ~IndexFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::string index() const { return (path_ / "index").string(); }

 private:
  std::filesystem::path path_;
};

archivist::Searcher& FixtureSearcher() {
  static const IndexFolder folder;
  static const std::unique_ptr<archivist::Searcher> searcher = [] {
    {
      const std::unique_ptr<archivist::writer::IndexWriter> writer =
          archivist::writer::IndexWriter::Open(folder.index());
      for (const FixtureDocument& d : Documents()) {
        archivist::DocumentRecord r;
        r.id = d.id;
        r.root = "/archive";
        r.path = std::string(d.id) + (d.pages.size() > 1 ? ".pdf" : ".html");
        r.title = d.title;
        r.language = d.language;
        r.page_languages = d.page_languages;
        r.type = d.type;
        r.year = d.year;
        r.countries = d.countries;
        r.topics = d.topics;
        r.format = d.pages.size() > 1 ? "pdf" : "html";
        r.pages = static_cast<int>(d.pages.size());
        writer->Put(archivist::writer::PrepareDocument(r, d.pages));
      }
      writer->Commit();
    }
    archivist::Result<std::unique_ptr<archivist::Searcher>> opened =
        archivist::Searcher::Open(folder.index());
    if (!opened.ok()) archivist::fuzz::Fail(opened.error().message);
    return std::move(opened).value();
  }();
  return *searcher;
}

void CheckJson(const nlohmann::json& answer) {
  try {
    (void)answer.dump();
  } catch (const nlohmann::json::exception& e) {
    archivist::fuzz::Fail(std::string("answer cannot be written as JSON: ") + e.what());
  }
}

void CheckRefusal(const archivist::Error& error) {
  if (error.code != archivist::ErrorCode::kInvalidArgument) {
    archivist::fuzz::Fail("a query got a " + std::string(archivist::ToString(error.code)) +
                          " error: " + error.message);
  }
  CheckJson({{"message", error.message}});
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  archivist::SetLogLevel(archivist::LogLevel::kError);
  (void)FixtureSearcher();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace searchd = archivist::searchd;
  archivist::searchd::QueryParams params;
  httplib::detail::parse_query_text(std::string(reinterpret_cast<const char*>(data), size), params);
  if (searchd::CheckKnownParams(params, searchd::kSearchParamNames)) return 0;
  archivist::Result<archivist::SearchRequest> request = searchd::ParseSearchParams(params);
  archivist::Result<std::string> ui_language = searchd::ParseUiLanguage(params);
  if (!request.ok() || !ui_language.ok()) return 0;

  archivist::Searcher& searcher = FixtureSearcher();
  const archivist::Result<archivist::SearchPage> page = searcher.Search(request.value());
  if (page.ok()) {
    const nlohmann::json tree =
        searchd::SearchPageJson(request.value(), page.value(), 1.0, ui_language.value());
    CheckJson(tree);
    // What /api/search sends is written without the tree: the same bytes.
    if (searchd::SearchPageJsonText(request.value(), page.value(), 1.0, ui_language.value()) !=
        tree.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)) {
      archivist::fuzz::Fail("the written answer differs from its tree dumped");
    }
  } else {
    CheckRefusal(page.error());
  }
  // /api/suggest's answer, written as searchd writes it (routes.cc).
  const std::string& typed = request.value().query;
  const archivist::Result<archivist::Suggestions> suggestions = searcher.Suggest(typed, 8);
  if (!suggestions.ok()) return CheckRefusal(suggestions.error()), 0;
  nlohmann::json titles = nlohmann::json::array();
  for (const archivist::DocumentRecord& r : suggestions.value().titles) {
    titles.push_back({{"id", r.id}, {"title", r.title}});
  }
  CheckJson({{"query", typed},
             {"completions", suggestions.value().completions},
             {"titles", std::move(titles)}});
  return 0;
}
