// SPDX-License-Identifier: GPL-2.0-or-later
// archivist-bench-query: the pieces of tools/bench/query.
//   generate DIR N [SEED]  writes N synthetic documents (text + sidecar) under DIR
//   queries            prints the query mix, one URL query string a line
//   inprocess DB R [C [KIND]]  runs the mix (or its KIND queries, or "each" query apart) R times
//                      through the engine's Searcher, keeping C answers cached
//                      (default 0: every search computed)
//   http PORT R [QUERIES [PARAMS]]  runs the mix R times against a running searchd;
//                      with QUERIES, the searches of that file instead (one a
//                      line, as ../shared/bench/queries.txt), each reported
//                      apart, PARAMS added to each ("&per_page=1")
//   pgschema | pgindexes   SQL creating PostgreSQL's table, then its indexes
//   pgrows DB          the index's documents as CSV rows for PostgreSQL's COPY
//   pgscripts DIR [QUERIES [--no-snippets]]  one SQL script per query of the
//                      mix (or of the file QUERIES), DIR/NN-KIND.sql; without
//                      ts_headline snippets if asked
//   percentiles        reads "KIND MS" lines, prints them as below
// Latencies are printed as "p50 p95 p99 max" in milliseconds, per query class
// and overall. Not a test: numbers, for docs/BENCHMARKS.md.
#include <httplib.h>

#include <algorithm>
#include <cstdlib>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "engine/search.h"
#include "searchd/search_params.h"
#include "tools/bench/postgres_sql.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

// A fixed vocabulary: a few real words of the archive's subject, then
// pronounceable made-up words; documents draw from it with Zipf's law, so
// rank 1 is very common and rank 20000 rare.
std::vector<std::string> Vocabulary() {
  std::vector<std::string> words = {"child",   "children", "report",   "trafficking", "law",
                                    "brazil",  "belgium",  "online",   "grooming",   "tourism",
                                    "protection", "exploitation", "campaign", "victims", "police"};
  const char* onsets[] = {"b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z"};
  const char* vowels[] = {"a", "e", "i", "o", "u"};
  std::mt19937 random(42);
  while (words.size() < 20000) {
    std::string word;
    const int syllables = 2 + static_cast<int>(random() % 3);
    for (int s = 0; s < syllables; ++s) {
      word += onsets[random() % 14];
      word += vowels[random() % 5];
    }
    words.push_back(word);
  }
  return words;
}

const std::vector<std::string> kLanguages = {"en", "en", "en", "fr", "fr", "nl", "pt"};
const std::vector<std::string> kCountries = {"BR", "BE", "FR", "NL", "US", "PT", "TH", "KH",
                                             "PH", "IN", "KE", "MX", "DE", "GB", "ES", "IT"};
const std::vector<std::string> kTopics = {"child-sex-tourism", "online-child-safety",
                                          "trafficking", "child-rights-law", "campaigns-awareness",
                                          "sexual-exploitation-of-children", "child-labour"};
const std::vector<std::string> kTypes = {"report", "press_release", "news_post", "newsletter",
                                         "legislation"};

int Generate(const fs::path& out, int count, unsigned seed) {
  const std::vector<std::string> words = Vocabulary();
  std::mt19937 random(seed);
  // Zipf's law: rank r with probability proportional to 1/r.
  std::vector<double> weights;
  for (std::size_t r = 1; r <= words.size(); ++r) weights.push_back(1.0 / static_cast<double>(r));
  std::discrete_distribution<std::size_t> pick(weights.begin(), weights.end());
  for (int i = 0; i < count; ++i) {
    const fs::path folder = out / ("d" + std::to_string(i / 1000));
    fs::create_directories(folder);
    const std::string name = "doc-" + std::to_string(i) + ".txt";
    std::string title;
    for (int w = 0; w < 6; ++w) title += (w ? " " : "") + words[pick(random)];
    std::string text = title + "\n\n";
    const int length = 100 + static_cast<int>(random() % 500);
    for (int w = 0; w < length; ++w) {
      text += words[pick(random)];
      text += (w % 15 == 14) ? ".\n" : " ";
    }
    std::ofstream(folder / name) << text;
    const int year = 1995 + static_cast<int>(random() % 31);
    std::string countries = "\"" + kCountries[random() % kCountries.size()] + "\"";
    if (random() % 3 == 0) countries += ",\"" + kCountries[random() % kCountries.size()] + "\"";
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, static_cast<int>(1 + random() % 12),
                  static_cast<int>(1 + random() % 28));
    std::ofstream(folder / (name + ".meta.json"))
        << "{\"title\":\"" << title << "\",\"language\":\""
        << kLanguages[random() % kLanguages.size()] << "\",\"type\":\""
        << kTypes[random() % kTypes.size()] << "\",\"date\":\"" << date
        << "\",\"countries\":[" << countries
        << "],\"topics\":[\"" << kTopics[random() % kTopics.size()] << "\"]}";
  }
  return 0;
}

struct Query {
  std::string kind;
  std::string params;  // URL query string
};

std::vector<Query> Mix() {
  const std::vector<std::string> words = Vocabulary();
  std::vector<Query> mix;
  for (int r : {0, 1, 2, 3, 5, 8, 11, 14, 20, 30}) mix.push_back({"common", "q=" + words[r]});
  for (int r : {3000, 5000, 7000, 9000, 11000, 13000, 15000, 17000, 19000, 19999}) {
    mix.push_back({"rare", "q=" + words[r]});
  }
  for (int r : {0, 2, 4, 6, 8, 10, 12, 14, 16, 18}) {
    mix.push_back({"phrase", "q=%22" + words[r] + "%20" + words[r + 1] + "%22"});
  }
  const std::vector<std::string> filtered = {
      "q=child&country=BR&topic=child-sex-tourism",
      "q=report&lang=en&year_from=2005&year_to=2015",
      "q=trafficking&country=BR&country=PT&type=report",
      "q=" + words[40] + "&topic=trafficking&topic=child-labour&lang=fr",
      "q=law%20OR%20police&country=US&year=2010",
      "q=children&type=press_release&type=newsletter&country=BE",
      "q=" + words[60] + "%20AND%20" + words[61] + "&lang=en",
      "q=exploitation&sort=newest&country=TH",
      "q=" + words[100] + "*&lang=nl",
      "q=victims&page=3&country=IN&topic=trafficking"};
  for (const std::string& p : filtered) mix.push_back({"facets", p});
  const std::vector<std::string> browse = {
      "q=", "q=&country=BR", "q=&country=BR&topic=child-sex-tourism", "q=&year=2014",
      "q=&lang=fr&type=report", "q=&sort=oldest", "q=&country=BE&country=NL&year_from=2010",
      "q=&page=5", "q=&topic=online-child-safety&lang=en", "q=&type=legislation&sort=newest"};
  for (const std::string& p : browse) mix.push_back({"browse", p});
  return mix;
}

// The searches of a file such as ../shared/bench/queries.txt: one query a
// line ("#" starts a comment), each its own kind (so reported apart), as
// `q` with `extra` parameters after it ("&per_page=1").
std::vector<Query> MixFromFile(const fs::path& file, const std::string& extra) {
  std::vector<Query> mix;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    mix.push_back({line, "q=" + httplib::detail::encode_query_param(line) + extra});
  }
  return mix;
}

archivist::searchd::QueryParams Params(const std::string& query_string) {
  archivist::searchd::QueryParams params;
  httplib::detail::parse_query_text(query_string, params);
  return params;
}

std::string Percentiles(std::vector<double> ms) {
  if (ms.empty()) return "no samples (the first round only warms the caches)";
  std::sort(ms.begin(), ms.end());
  const auto at = [&](double p) {
    return ms[std::min(ms.size() - 1, static_cast<std::size_t>(p * static_cast<double>(ms.size())))];
  };
  char line[128];
  std::snprintf(line, sizeof line, "p50 %.2f  p95 %.2f  p99 %.2f  max %.2f  (n=%zu)", at(0.50),
                at(0.95), at(0.99), ms.back(), ms.size());
  return line;
}

void Report(const std::map<std::string, std::vector<double>>& by_kind) {
  std::vector<double> all;
  for (const auto& [kind, ms] : by_kind) {
    std::cout << "  " << kind << ": " << Percentiles(ms) << "\n";
    all.insert(all.end(), ms.begin(), ms.end());
  }
  std::cout << "  all: " << Percentiles(all) << "\n";
}

// `cached_answers` 0 measures the work of every search; more lets repeated
// requests come from the answer cache, as they do in searchd.
// `only_kind`, when not empty, keeps one class of the mix (for profiling);
// "each" reports every query of the mix on its own line.
int InProcess(const std::string& db, int rounds, std::size_t cached_answers,
              const std::string& only_kind) {
  auto opened =
      archivist::Searcher::Open(db, std::make_shared<archivist::SearchCache>(cached_answers));
  if (!opened.ok()) {
    std::cerr << opened.error().message << "\n";
    return 1;
  }
  auto& searcher = *opened.value();
  // SPLIT_FROM=N overrides the index size from which large matcher passes
  // run on two cores (a huge N: always on one), to compare both.
  if (const char* split_from = std::getenv("SPLIT_FROM")) {
    searcher.SplitMatchesFrom(static_cast<Xapian::doccount>(std::stoul(split_from)));
  }
  std::map<std::string, std::vector<double>> by_kind;
  for (int round = 0; round < rounds; ++round) {
    for (const Query& q : Mix()) {
      const bool each = only_kind == "each";
      if (!only_kind.empty() && !each && q.kind != only_kind) continue;
      auto request = archivist::searchd::ParseSearchParams(Params(q.params));
      if (!request.ok()) {
        std::cerr << q.params << ": " << request.error().message << "\n";
        return 1;
      }
      const auto start = Clock::now();
      auto page = searcher.Search(request.value());
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
      if (!page.ok()) {
        std::cerr << q.params << ": " << page.error().message << "\n";
        return 1;
      }
      if (round > 0) by_kind[each ? q.params : q.kind].push_back(ms);  // round 0 warms the caches
    }
  }
  Report(by_kind);
  return 0;
}

int OverHttp(int port, int rounds, const std::vector<Query>& mix) {
  httplib::Client client("127.0.0.1", port);
  client.set_keep_alive(true);
  std::map<std::string, std::vector<double>> by_kind;
  int errors = 0;
  for (int round = 0; round < rounds; ++round) {
    for (const Query& q : mix) {
      const std::string target = "/api/search?" + q.params;
      const auto start = Clock::now();
      auto res = client.Get(target.c_str());
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
      if (!res || res->status != 200) ++errors;
      if (round > 0) by_kind[q.kind].push_back(ms);
    }
  }
  Report(by_kind);
  std::cout << "  errors: " << errors << "\n";
  return errors == 0 ? 0 : 1;
}

int PostgresScripts(const fs::path& dir, const std::vector<Query>& mix, bool from_file,
                    bool snippets) {
  fs::create_directories(dir);
  int n = 0;
  for (const Query& q : mix) {
    auto request = archivist::searchd::ParseSearchParams(Params(q.params));
    if (!request.ok()) {
      std::cerr << q.params << ": " << request.error().message << "\n";
      return 1;
    }
    request.value().with_snippets = snippets;
    char name[64];
    // A file's queries are their own kinds, not file names: numbered instead.
    if (from_file) {
      std::snprintf(name, sizeof name, "%02d-q%02d.sql", n, n);
      ++n;
    } else {
      std::snprintf(name, sizeof name, "%02d-%s.sql", n++, q.kind.c_str());
    }
    std::ofstream(dir / name) << archivist::bench::PostgresSearchSql(request.value());
  }
  return 0;
}

int PercentilesFromInput() {
  std::map<std::string, std::vector<double>> by_kind;
  std::string kind;
  double ms = 0;
  while (std::cin >> kind >> ms) by_kind[kind].push_back(ms);
  if (by_kind.empty()) return 1;
  Report(by_kind);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() >= 3 && args.size() <= 4 && args[0] == "generate") {
    return Generate(args[1], std::stoi(args[2]), args.size() == 4 ? std::stoul(args[3]) : 6);
  }
  if (args.size() == 1 && args[0] == "queries") {
    for (const Query& q : Mix()) std::cout << q.params << "\n";
    return 0;
  }
  if (args.size() >= 3 && args.size() <= 5 && args[0] == "inprocess") {
    return InProcess(args[1], std::stoi(args[2]), args.size() >= 4 ? std::stoul(args[3]) : 0,
                     args.size() == 5 ? args[4] : "");
  }
  if (args.size() >= 3 && args.size() <= 5 && args[0] == "http") {
    return OverHttp(std::stoi(args[1]), std::stoi(args[2]),
                    args.size() >= 4 ? MixFromFile(args[3], args.size() == 5 ? args[4] : "")
                                     : Mix());
  }
  if (args.size() == 1 && args[0] == "pgschema") {
    std::cout << archivist::bench::PostgresSchemaSql();
    return 0;
  }
  if (args.size() == 1 && args[0] == "pgindexes") {
    std::cout << archivist::bench::PostgresIndexSql();
    return 0;
  }
  if (args.size() == 2 && args[0] == "pgrows") {
    return archivist::bench::WritePostgresRows(args[1], std::cout) > 0 ? 0 : 1;
  }
  if (args.size() >= 2 && args.size() <= 4 && args[0] == "pgscripts") {
    const bool snippets = !(args.size() == 4 && args[3] == "--no-snippets");
    return PostgresScripts(args[1], args.size() >= 3 ? MixFromFile(args[2], "") : Mix(),
                           args.size() >= 3, snippets);
  }
  if (args.size() == 1 && args[0] == "percentiles") return PercentilesFromInput();
  std::cerr << "usage: archivist-bench-query generate DIR N [SEED] | queries | inprocess DB ROUNDS [CACHED [KIND]] | "
               "http PORT ROUNDS [QUERIES [PARAMS]] | pgschema | pgindexes | pgrows DB | "
               "pgscripts DIR [QUERIES [--no-snippets]] | percentiles\n";
  return 2;
}
