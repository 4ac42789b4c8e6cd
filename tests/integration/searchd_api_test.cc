// SPDX-License-Identifier: GPL-2.0-or-later
// The searchd API over HTTP (issue 6): a real index built by the indexer
// from a copy of the sample posts and tests/data/searchd, searchd's routes
// in process on a free loopback port, and every answer held to
// docs/api/openapi.yaml.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "indexer/extract/extractor.h"
#include "indexer/indexer.h"
#include "searchd/connection.h"
#include "searchd/routes.h"
#include "tests/support/api_spec.h"
#include "tests/support/server_thread.h"
#include "tests/support/temp_dir.h"

namespace archivist {
namespace {

namespace fs = std::filesystem;
using archivist::testing::ApiSpec;
using archivist::testing::TempDir;
using nlohmann::json;

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

// "%XX"-encodes everything but unreserved characters.
std::string UrlEncode(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buffer[4];
      std::snprintf(buffer, sizeof buffer, "%%%02X", c);
      out += buffer;
    }
  }
  return out;
}

// A raw TCP connection to 127.0.0.1, for requests httplib's client will not
// send (oversized heads, chunked bodies, malformed request lines).
class RawConnection {
 public:
  explicit RawConnection(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~RawConnection() { ::close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }

  // False once the server has stopped reading and reset the connection.
  bool Send(std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // What the server sends until it closes the connection or `timeout`
  // passes; `closed` says which.
  std::string ReadUntilClosed(std::chrono::milliseconds timeout, bool& closed) {
    std::string out;
    closed = false;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return out;
      pollfd fd{fd_, POLLIN, 0};
      if (::poll(&fd, 1, static_cast<int>(left.count())) <= 0) return out;
      char buffer[4096];
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) {
        closed = true;  // an orderly close or a reset
        return out;
      }
      out.append(buffer, static_cast<std::size_t>(n));
    }
  }

 private:
  int fd_;
  bool connected_ = false;
};

// The peak resident set of this process (the server runs in it), in KiB.
long PeakRssKib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

// Runs searchd's routes on 127.0.0.1, any free port, over `index_path`.
class InProcessServer {
 public:
  explicit InProcessServer(const std::string& index_path,
                           std::chrono::milliseconds stale_answers_for = searchd::kStaleAnswersFor,
                           const std::string& webui_dir = "") {
    searchd::InstallRoutes(server_, {index_path, webui_dir, 1024, stale_answers_for});
    listening_.Start(server_);
  }
  int port() const { return listening_.port(); }

 private:
  searchd::GuardedServer server_;
  archivist::testing::ServerThread listening_;
};

class SearchdApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    extract::InitExtractors();
    archive_ = dir_.path() / "archive";
    fs::create_directories(archive_ / "fixtures");
    fs::copy(ARCHIVIST_SOURCE_DIR "/corpus/ecpat-belgium", archive_ / "ecpat-belgium",
             fs::copy_options::recursive);
    for (const char* name : {"hostile-script.html", "hostile-script.html.meta.json",
                             "three-pages.pdf", "three-pages.pdf.meta.json"}) {
      fs::copy(fs::path(ARCHIVIST_SOURCE_DIR "/tests/data/searchd") / name,
               archive_ / "fixtures" / name);
    }
    index_ = (dir_.path() / "index").string();
    Index();
    server_ = std::make_unique<InProcessServer>(index_);
  }

  IndexSummary Index() {
    IndexOptions options;
    options.db_path = index_;
    options.roots = {archive_};
    IndexSummary summary = RunIndex(options);
    EXPECT_EQ(summary.failed, 0u);
    return summary;
  }

  httplib::Result Get(const std::string& target) {
    httplib::Client client("127.0.0.1", server_->port());
    client.set_read_timeout(30, 0);
    return client.Get(target.c_str());
  }

  // GETs a JSON route, checks the status and that the body validates
  // against the OpenAPI file for `path_template`.
  json GetJson(const std::string& target, const std::string& path_template,
               int expected_status = 200) {
    auto res = Get(target);
    EXPECT_TRUE(res) << target << ": " << httplib::to_string(res.error());
    if (!res) return json();
    EXPECT_EQ(res->status, expected_status) << target << ": " << res->body;
    const json body = json::parse(res->body, nullptr, false);
    EXPECT_FALSE(body.is_discarded()) << target << ": not JSON: " << res->body;
    const auto problems =
        ApiSpec().Check(path_template, res->status, res->get_header_value("Content-Type"), body);
    EXPECT_TRUE(problems.empty()) << target << ":\n" << Join(problems);
    return body;
  }

  json Search(const std::string& params) { return GetJson("/api/search?" + params, "/api/search"); }

  std::string IdOf(const std::string& query) {
    const json answer = Search("q=" + UrlEncode(query) + "&per_page=1");
    if (answer["hits"].empty()) return "";
    return answer["hits"][0]["id"];
  }

  static std::vector<std::string> Ids(const json& hits) {
    std::vector<std::string> ids;
    for (const auto& hit : hits) ids.push_back(hit["id"]);
    return ids;
  }

  TempDir dir_;
  fs::path archive_;
  std::string index_;
  std::unique_ptr<InProcessServer> server_;
};

TEST_F(SearchdApiTest, SearchAnswersValidateAndNameCountriesInTheUiLanguage) {
  const json answer = Search("q=brazil&ui_lang=fr&per_page=20");
  ASSERT_GE(answer["total"].get<int>(), 1);
  bool named = false;
  for (const auto& value : answer["facets"]["country"]) {
    if (value["value"] == "BR") named = value["name"] == "Brésil";
  }
  EXPECT_TRUE(named) << answer["facets"]["country"].dump();
  for (const auto& value : answer["facets"]["language"]) {
    if (value["value"] == "fr") {
      EXPECT_EQ(value["name"], "français");
    }
  }
  for (const auto& hit : answer["hits"]) {
    ASSERT_EQ(hit["countries"].size(), hit["country_names"].size());
    for (std::size_t i = 0; i < hit["countries"].size(); ++i) {
      if (hit["countries"][i] == "BR") {
        EXPECT_EQ(hit["country_names"][i], "Brésil");
      }
    }
  }
  // English by default.
  const json english = Search("q=brazil");
  for (const auto& value : english["facets"]["country"]) {
    if (value["value"] == "BR") {
      EXPECT_EQ(value["name"], "Brazil");
    }
  }
}

// Issue 13: the UI keeps no name tables of its own; types are named by the
// API too, and a document's page languages.
TEST_F(SearchdApiTest, TypesAndPageLanguagesAreNamedInTheUiLanguage) {
  const json french = Search("q=&ui_lang=fr&per_page=100");
  bool named = false;
  for (const auto& value : french["facets"]["type"]) {
    ASSERT_TRUE(value.contains("name")) << value.dump();
    if (value["value"] == "news_post") named = value["name"] == "Article d’actualité";
  }
  EXPECT_TRUE(named) << french["facets"]["type"].dump();
  // Named: a range-for over a member of a temporary answer read freed memory
  // (AddressSanitizer, tools/test --sanitize).
  const json english = Search("q=&per_page=100");
  for (const auto& hit : english["hits"]) {
    if (hit["type"] == "news_post") {
      EXPECT_EQ(hit["type_name"], "News post");
    }
  }
  const json doc = GetJson("/api/documents/" + IdOf("cloves") + "?ui_lang=fr", "/api/documents/{id}");
  ASSERT_EQ(doc["page_language_names"].size(), doc["page_languages"].size());
  EXPECT_FALSE(doc.contains("matched_words"));
}

// Issue 14: opened from a search, a document lists the words it matched
// (the page marks these rather than guessing), and the pages holding them.
TEST_F(SearchdApiTest, ADocumentOpenedFromASearchListsTheWordsItMatched) {
  const json doc = GetJson("/api/documents/" + IdOf("cloves") + "?q=cloves", "/api/documents/{id}");
  // "cloves" is on page 2 only (tests/data/searchd/README.md); "clove"
  // finds it through its stem.
  EXPECT_EQ(doc["matched_words"], json::array({"cloves"}));
  EXPECT_EQ(doc["matching_pages"], json::array({2}));
  const json stemmed = GetJson("/api/documents/" + IdOf("cloves") + "?q=clove", "/api/documents/{id}");
  EXPECT_EQ(stemmed["matched_words"], json::array({"cloves"}));
}

TEST_F(SearchdApiTest, YearHistogramSpansTheYearsWithoutGaps) {
  const json answer = Search("q=");
  const json& bars = answer["year_histogram"];
  ASSERT_FALSE(bars.empty());
  int total = 0;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    if (i > 0) {
      EXPECT_EQ(bars[i]["year"].get<int>(), bars[i - 1]["year"].get<int>() + 1);
    }
    total += bars[i]["count"].get<int>();
  }
  int facet_total = 0;
  for (const auto& value : answer["facets"]["year"]) facet_total += value["count"].get<int>();
  EXPECT_EQ(total, facet_total);
}

TEST_F(SearchdApiTest, PdfHitsListThePagesWhereTheTermsOccur) {
  const json cloves = Search("q=cloves");
  ASSERT_EQ(cloves["total"], 1) << cloves.dump();
  EXPECT_EQ(cloves["hits"][0]["matching_pages"], json::array({2}));
  const json zanzibar = Search("q=zanzibar");
  ASSERT_EQ(zanzibar["total"], 1);
  EXPECT_EQ(zanzibar["hits"][0]["matching_pages"], json::array({2, 3}));
  // Single-page documents list none.
  const json grooming = Search("q=grooming");
  for (const auto& hit : grooming["hits"]) {
    if (hit["pages"].get<int>() <= 1) {
      EXPECT_TRUE(hit["matching_pages"].empty());
    }
  }
}

TEST_F(SearchdApiTest, SuggestsASpellingForAMisspeltQuery) {
  const json answer = Search("q=groomng");
  EXPECT_EQ(answer["total"], 0);
  EXPECT_EQ(answer["spelling_suggestion"], "grooming");
  const json known = Search("q=grooming");
  EXPECT_TRUE(known["spelling_suggestion"].is_null());
}

TEST_F(SearchdApiTest, DocumentRouteGivesTheRecordAndTheTextPerPage) {
  const std::string id = IdOf("cloves");
  ASSERT_FALSE(id.empty());
  const json doc = GetJson("/api/documents/" + id, "/api/documents/{id}");
  EXPECT_EQ(doc["id"], id);
  EXPECT_EQ(doc["format"], "pdf");
  EXPECT_EQ(doc["title"], "Field report in three pages");
  ASSERT_EQ(doc["page_texts"].size(), 3u);
  EXPECT_NE(doc["page_texts"][1].get<std::string>().find("cloves"), std::string::npos);
  EXPECT_EQ(doc["page_texts"][0].get<std::string>().find("cloves"), std::string::npos);
  EXPECT_FALSE(doc.contains("root")) << "the archive root is the server's business";
}

TEST_F(SearchdApiTest, OriginalRouteServesTheIndexedFileWithItsContentType) {
  const std::string pdf = IdOf("cloves");
  auto res = Get("/api/documents/" + pdf + "/original");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/pdf");
  std::ifstream in(archive_ / "fixtures" / "three-pages.pdf", std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(res->body, bytes);
  EXPECT_TRUE(ApiSpec().CheckDocumented("/api/documents/{id}/original", 200, "application/pdf").empty());

  const std::string html = IdOf("grooming");
  auto page = Get("/api/documents/" + html + "/original");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html");
  // Archived HTML runs sandboxed, never with the API's origin.
  EXPECT_EQ(page->get_header_value("Content-Security-Policy").rfind("sandbox", 0), 0u);
}

TEST_F(SearchdApiTest, OriginalRouteNeverLeavesTheArchiveRoot) {
  TempDir outside;
  outside.Write("secret.txt", "outside secret words");
  const std::string id = IdOf("cloves");
  ASSERT_FALSE(id.empty());
  // The indexed file becomes a link out of the root after indexing.
  const fs::path file = archive_ / "fixtures" / "three-pages.pdf";
  fs::remove(file);
  fs::create_symlink(outside.path() / "secret.txt", file);
  auto res = Get("/api/documents/" + id + "/original");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(res->body.find("secret"), std::string::npos);
  // So does its folder.
  fs::remove(file);
  fs::rename(archive_ / "fixtures", archive_ / "moved");
  fs::create_symlink(outside.path(), archive_ / "fixtures");
  outside.Write("three-pages.pdf", "outside secret words");
  res = Get("/api/documents/" + id + "/original");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(res->body.find("secret"), std::string::npos);
}

TEST_F(SearchdApiTest, OriginalRouteRefusesIdsTheIndexDoesNotHold) {
  for (const std::string target :
       {"/api/documents/0000000000000000/original", "/api/documents/..%2F..%2Fetc%2Fpasswd/original",
        "/api/documents/%2Fetc%2Fpasswd/original", "/api/documents/../../etc/passwd/original",
        "/api/documents/..%2Fcorpus/original"}) {
    auto res = Get(target);
    ASSERT_TRUE(res) << target;
    EXPECT_EQ(res->status, 404) << target << ": " << res->body;
    EXPECT_EQ(res->body.find("root:"), std::string::npos) << target;
    EXPECT_EQ(json::parse(res->body)["error"]["code"], "not_found") << target;
  }
}

TEST_F(SearchdApiTest, SimilarFindsRelatedDocumentsButNotTheDocumentItself) {
  const std::string id = IdOf("World Cup campaign travelers Brazil");
  ASSERT_FALSE(id.empty());
  const json similar = GetJson("/api/documents/" + id + "/similar?limit=5", "/api/documents/{id}/similar");
  ASSERT_FALSE(similar["hits"].empty());
  EXPECT_LE(similar["hits"].size(), 5u);
  for (const auto& hit : similar["hits"]) EXPECT_NE(hit["id"], id);
  GetJson("/api/documents/0000000000000000/similar", "/api/documents/{id}/similar", 404);
}

TEST_F(SearchdApiTest, SuggestCompletesTheLastWordAndFindsTitles) {
  const json answer = GetJson("/api/suggest?q=online%20groo", "/api/suggest");
  const auto& completions = answer["completions"];
  EXPECT_NE(std::find(completions.begin(), completions.end(), "online grooming"), completions.end())
      << completions.dump();
  bool title = false;
  for (const auto& t : answer["titles"]) {
    title = title || t["title"].get<std::string>().find("Online grooming") != std::string::npos;
  }
  EXPECT_TRUE(title) << answer["titles"].dump();
  // Half-typed syntax is not an error while typing.
  GetJson("/api/suggest?q=grooming%20AND", "/api/suggest");
}

TEST_F(SearchdApiTest, StatsDescribeTheArchive) {
  const json stats = GetJson("/api/stats?ui_lang=fr", "/api/stats");
  const json health = GetJson("/healthz", "/healthz");
  EXPECT_EQ(stats["documents"], health["documents"]);
  EXPECT_TRUE(stats["last_indexed"].is_string());
  int languages = 0;
  for (const auto& value : stats["language"]) languages += value["count"].get<int>();
  EXPECT_EQ(languages, stats["documents"].get<int>());
  bool french = false;
  for (const auto& value : stats["language"]) french = french || value["name"] == "français";
  EXPECT_TRUE(french);
}

TEST_F(SearchdApiTest, ExportStreamsTheWholeFilteredResultSet) {
  const json all = Search("q=&per_page=100&lang=en");
  const std::vector<std::string> expected = Ids(all["hits"]);
  ASSERT_GT(expected.size(), 3u);

  auto jsonl = Get("/api/export?q=&lang=en&format=jsonl&per_page=2");
  ASSERT_TRUE(jsonl);
  ASSERT_EQ(jsonl->status, 200);
  std::vector<std::string> ids;
  std::istringstream lines(jsonl->body);
  for (std::string line; std::getline(lines, line);) {
    const json row = json::parse(line);
    const auto problems =
        ApiSpec().Check("/api/export", 200, jsonl->get_header_value("Content-Type"), row);
    EXPECT_TRUE(problems.empty()) << Join(problems);
    ids.push_back(row["id"]);
  }
  EXPECT_EQ(ids, expected) << "every hit, in the search's order, not one page";

  auto csv = Get("/api/export?q=&lang=en&format=csv");
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200);
  EXPECT_TRUE(ApiSpec().CheckDocumented("/api/export", 200, csv->get_header_value("Content-Type")).empty());
  // Issue 14: a byte-order mark first, so spreadsheets read UTF-8; each
  // row links to its document's page on this server.
  EXPECT_EQ(csv->body.rfind("\xEF\xBB\xBFid,path,title,link,", 0), 0u);
  EXPECT_EQ(static_cast<std::size_t>(std::count(csv->body.begin(), csv->body.end(), '\n')),
            expected.size() + 1);
  EXPECT_NE(csv->body.find("/?doc=" + expected.front()), std::string::npos);

  // With a query, each row has the hit's snippet as plain text and its
  // matching pages: "cloves" is on page 2 of three-pages.pdf only.
  auto cloves = Get("/api/export?q=cloves&format=csv");
  ASSERT_TRUE(cloves);
  ASSERT_EQ(cloves->status, 200);
  EXPECT_NE(cloves->body.find(" Page two mentions zanzibar and its cloves. Page three returns to zanzibar harbour.,2,en,"), std::string::npos)
      << cloves->body;
  EXPECT_EQ(cloves->body.find("<mark>"), std::string::npos);
}

// Issue 13: each facet is filtered by the name it is answered under; the
// language facet's old filter name `lang` stays as an alias.
TEST_F(SearchdApiTest, LanguageFilterAnswersToItsNameAndItsAlias) {
  const json stats = GetJson("/api/stats", "/api/stats");
  for (const auto& [facet, values] : stats.items()) {
    if (!values.is_array() || values.empty()) continue;
    const std::string value = values[0]["value"];
    const json filtered = Search("q=&per_page=100&" + facet + "=" + UrlEncode(value));
    EXPECT_EQ(filtered["total"], values[0]["count"]) << facet << "=" << value;
  }
  const json by_name = Search("q=&per_page=100&language=en");
  const json by_alias = Search("q=&per_page=100&lang=en");
  ASSERT_GT(by_name["total"].get<int>(), 0);
  EXPECT_EQ(by_name["total"], by_alias["total"]);
  EXPECT_EQ(Ids(by_name["hits"]), Ids(by_alias["hits"]));
  for (const auto& value : by_name["facets"]["language"]) {
    EXPECT_EQ(value["selected"], value["value"] == "en") << value.dump();
  }
  const json both = Search("q=&per_page=1&language=en&lang=fr");
  EXPECT_EQ(both["total"], Search("q=&per_page=1&language=en&language=fr")["total"]);
  auto feed = Get("/api/feed?language=en");
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->status, 200);
}

TEST_F(SearchdApiTest, FeedListsTheNewestMatchesAsEscapedAtom) {
  auto res = Get("/api/feed?q=hostile");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_TRUE(ApiSpec().CheckDocumented("/api/feed", 200, res->get_header_value("Content-Type")).empty());
  EXPECT_EQ(res->body.rfind("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">", 0), 0u);
  EXPECT_NE(res->body.find("<entry>"), std::string::npos);
  EXPECT_EQ(res->body.find("<script"), std::string::npos);
  EXPECT_EQ(res->body.find("<img"), std::string::npos);
  EXPECT_NE(res->body.find("&lt;script&gt;"), std::string::npos);

  auto newest = Get("/api/feed?per_page=3");
  ASSERT_TRUE(newest);
  EXPECT_EQ(newest->status, 200);
  std::vector<std::string> updated;
  for (std::size_t at = newest->body.find("<entry>"); at != std::string::npos;
       at = newest->body.find("<entry>", at + 1)) {
    const auto open = newest->body.find("<updated>", at) + 9;
    updated.push_back(newest->body.substr(open, 20));
  }
  ASSERT_EQ(updated.size(), 3u);
  EXPECT_TRUE(std::is_sorted(updated.rbegin(), updated.rend())) << "newest first";
}

TEST_F(SearchdApiTest, SnippetsNeverCarryMarkupFromADocument) {
  for (const std::string query : {"hostile", "script", "alert", "onerror", "markup notice"}) {
    const json answer = Search("q=" + UrlEncode(query));
    ASSERT_GE(answer["total"].get<int>(), 1) << query;
    for (const auto& hit : answer["hits"]) {
      std::string snippet = hit["snippet"];
      // Only our own <mark> may appear as markup.
      for (const char* tag : {"<mark>", "</mark>"}) {
        for (auto at = snippet.find(tag); at != std::string::npos; at = snippet.find(tag)) {
          snippet.erase(at, std::string_view(tag).size());
        }
      }
      EXPECT_EQ(snippet.find('<'), std::string::npos) << query << ": " << hit["snippet"];
      EXPECT_EQ(snippet.find('>'), std::string::npos) << query << ": " << hit["snippet"];
    }
  }
  const json hostile = Search("q=hostile");
  EXPECT_NE(hostile["hits"][0]["snippet"].get<std::string>().find("&lt;script&gt;"),
            std::string::npos);
}

TEST_F(SearchdApiTest, PagesConcatenateToTheFullOrderedList) {
  for (const std::string params : {"q=&sort=newest", "q=&sort=oldest", "q=child", "q=the&sort=oldest"}) {
    const json all = Search(params + "&per_page=100");
    const std::vector<std::string> expected = Ids(all["hits"]);
    ASSERT_EQ(expected.size(), all["total"].get<std::size_t>()) << params;
    std::vector<std::string> paged;
    for (int page = 1; page <= static_cast<int>(expected.size() + 2) / 3; ++page) {
      const json answer = Search(params + "&per_page=3&page=" + std::to_string(page));
      EXPECT_EQ(answer["total"], all["total"]);
      for (const auto& id : Ids(answer["hits"])) paged.push_back(id);
    }
    EXPECT_EQ(paged, expected) << params;
    EXPECT_EQ(std::set<std::string>(paged.begin(), paged.end()).size(), paged.size()) << params;
  }
}

// For random filter combinations (fixed seed), the count each facet shows
// for a value is the total of the search whose filter on that facet is
// exactly that value, every other filter kept: OR within a facet, AND
// across facets, each facet counted without its own filter.
TEST_F(SearchdApiTest, FacetCountsEqualTheTotalsTheyPromise) {
  const json stats = GetJson("/api/stats", "/api/stats");
  const std::vector<std::pair<std::string, std::string>> facets = {
      {"language", "language"}, {"type", "type"}, {"year", "year"}, {"country", "country"},
      {"topic", "topic"}};
  std::mt19937 random(6);
  const std::vector<std::string> queries = {"", "child", "brazil", "exploitation OR grooming"};
  for (int round = 0; round < 12; ++round) {
    std::map<std::string, std::vector<std::string>> filters;
    for (const auto& [facet, param] : facets) {
      if (random() % 3 != 0) continue;
      const json& values = stats[facet];
      for (int k = 0, n = static_cast<int>(random() % 2) + 1; k < n && !values.empty(); ++k) {
        const std::string value = values[random() % values.size()]["value"];
        auto& chosen = filters[param];
        if (std::find(chosen.begin(), chosen.end(), value) == chosen.end()) chosen.push_back(value);
      }
    }
    const std::string q = queries[random() % queries.size()];
    const auto params = [&](const std::map<std::string, std::vector<std::string>>& f) {
      std::string out = "q=" + UrlEncode(q) + "&per_page=1";
      for (const auto& [param, values] : f) {
        for (const auto& value : values) out += "&" + param + "=" + UrlEncode(value);
      }
      return out;
    };
    const json answer = Search(params(filters));
    for (const auto& [facet, param] : facets) {
      for (const auto& value : answer["facets"][facet]) {
        auto with_value = filters;
        with_value[param] = {value["value"].get<std::string>()};
        const json check = Search(params(with_value));
        EXPECT_EQ(value["count"], check["total"])
            << "facet " << facet << "=" << value["value"] << " under " << params(filters);
      }
    }
  }
}

struct BadRequest {
  std::string name;
  std::string target;
  int status;
  std::string code;
  std::string message_start;  // the parameter at fault, "PARAM:"
  std::string path_template;
};

void PrintTo(const BadRequest& c, std::ostream* os) { *os << c.name << " (" << c.target << ")"; }

class SearchdErrorTest : public SearchdApiTest,
                         public ::testing::WithParamInterface<BadRequest> {};

TEST_P(SearchdErrorTest, AnswersWithAJsonErrorNamingTheProblem) {
  const BadRequest& c = GetParam();
  auto res = Get(c.target);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, c.status) << res->body;
  EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
  const json body = json::parse(res->body, nullptr, false);
  ASSERT_FALSE(body.is_discarded()) << res->body;
  EXPECT_EQ(body["error"]["code"], c.code);
  EXPECT_EQ(body["error"]["message"].get<std::string>().rfind(c.message_start, 0), 0u) << res->body;
  if (!c.path_template.empty()) {
    const auto problems =
        ApiSpec().Check(c.path_template, res->status, res->get_header_value("Content-Type"), body);
    EXPECT_TRUE(problems.empty()) << Join(problems);
  }
}

// Issue 17's wildcard bomb: wildcards ORed, each once expanded to 500 terms.
std::string WildcardBomb(int wildcards) {
  std::string target = "/api/search?q=groom*";
  for (int i = 1; i < wildcards; ++i) target += "%20OR%20zq" + std::to_string(i) + "*";
  return target;
}

INSTANTIATE_TEST_SUITE_P(
    Routes, SearchdErrorTest,
    ::testing::Values(
        BadRequest{"UnknownSort", "/api/search?q=a&sort=best", 400, "invalid_argument", "sort:", "/api/search"},
        BadRequest{"PageZero", "/api/search?q=a&page=0", 400, "invalid_argument", "page:", "/api/search"},
        BadRequest{"PerPage1000", "/api/search?q=a&per_page=1000", 400, "invalid_argument", "per_page:", "/api/search"},
        BadRequest{"DeepPaging", "/api/search?q=a&page=1000&per_page=100", 400, "invalid_argument", "page:", "/api/search"},
        BadRequest{"UnparsableQuery", "/api/search?q=grooming%20AND", 400, "invalid_argument", "q: cannot parse query: Syntax", "/api/search"},
        BadRequest{"TooManyWildcards", WildcardBomb(100), 400, "invalid_argument", "q: too many wildcards: 100 (at most 32 per query)", "/api/search"},
        BadRequest{"LongQuery", "/api/search?q=" + std::string(2001, 'a'), 400, "invalid_argument", "q:", "/api/search"},
        BadRequest{"UnknownParameter", "/api/search?q=a&contry=BR", 400, "invalid_argument", "contry: unknown parameter", "/api/search"},
        BadRequest{"BadCountry", "/api/search?country=Brazil", 400, "invalid_argument", "country:", "/api/search"},
        BadRequest{"YearsReversed", "/api/search?year_from=2015&year_to=2010", 400, "invalid_argument", "year_from:", "/api/search"},
        BadRequest{"BadUiLanguage", "/api/search?ui_lang=French", 400, "invalid_argument", "ui_lang:", "/api/search"},
        BadRequest{"ExportFormat", "/api/export?format=xml", 400, "invalid_argument", "format:", "/api/export"},
        BadRequest{"ExportBadQuery", "/api/export?q=a%20AND", 400, "invalid_argument", "q:", "/api/export"},
        BadRequest{"FeedBadSort", "/api/feed?sort=random", 400, "invalid_argument", "sort:", "/api/feed"},
        BadRequest{"SuggestWithoutQ", "/api/suggest", 400, "invalid_argument", "q: required", "/api/suggest"},
        BadRequest{"SuggestLimit", "/api/suggest?q=a&limit=0", 400, "invalid_argument", "limit:", "/api/suggest"},
        BadRequest{"SimilarLimit", "/api/documents/0000000000000000/similar?limit=500", 400, "invalid_argument", "limit:", "/api/documents/{id}/similar"},
        BadRequest{"StatsUnknownParameter", "/api/stats?x=1", 400, "invalid_argument", "x: unknown parameter", "/api/stats"},
        BadRequest{"UnknownDocument", "/api/documents/0000000000000000", 404, "not_found", "no document", "/api/documents/{id}"},
        BadRequest{"UnknownSimilar", "/api/documents/0000000000000000/similar", 404, "not_found", "no document", "/api/documents/{id}/similar"},
        BadRequest{"UnknownOriginal", "/api/documents/0000000000000000/original", 404, "not_found", "no document", "/api/documents/{id}/original"},
        BadRequest{"UnknownRoute", "/api/nothing", 404, "not_found", "no such route", ""},
        BadRequest{"WrongMethod", "/api/documents/0000000000000000/extra", 404, "not_found", "no such route", ""}),
    [](const ::testing::TestParamInfo<BadRequest>& param) { return param.param.name; });

// Issue 13: what httplib refuses by itself (a method other than GET, a body
// over the limit) once came back labelled "not_found"; each error now has
// the status and code of what went wrong, and /metrics counts it by code.
TEST_F(SearchdApiTest, WrongMethodsAre405MethodNotAllowed) {
  httplib::Client client("127.0.0.1", server_->port());
  for (const char* target : {"/api/search?q=a", "/api/nothing", "/"}) {
    for (const auto& res : {client.Post(target, "q=a", "application/x-www-form-urlencoded"),
                            client.Delete(target), client.Put(target, "{}", "application/json")}) {
      ASSERT_TRUE(res) << target;
      EXPECT_EQ(res->status, 405) << target << ": " << res->body;
      EXPECT_EQ(res->get_header_value("Allow"), "GET, HEAD") << target;
      EXPECT_EQ(res->get_header_value("Content-Type"), "application/json") << target;
      EXPECT_EQ(json::parse(res->body)["error"]["code"], "method_not_allowed") << target;
    }
  }
  auto metrics = Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("archivist_http_errors_total{route=\"other\",code=\"method_not_allowed\"} 9\n"),
            std::string::npos) << metrics->body;
}

TEST_F(SearchdApiTest, LargeBodiesAre413PayloadTooLarge) {
  httplib::Client client("127.0.0.1", server_->port());
  const std::string body(1 << 20, 'x');
  auto res = client.Post("/api/search", body, "application/octet-stream");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 413) << res->body;
  EXPECT_EQ(json::parse(res->body)["error"]["code"], "payload_too_large");
  EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
}

TEST_F(SearchdApiTest, OverlongUrisAre414UriTooLong) {
  auto res = Get("/api/search?q=" + std::string(10000, 'a'));
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 414) << res->body;
  EXPECT_EQ(json::parse(res->body)["error"]["code"], "uri_too_long");
}

TEST_F(SearchdApiTest, MetricsCountRequestsLatencyErrorsAndTheIndex) {
  Search("q=grooming");
  Get("/api/search?page=0");
  Get("/api/documents/0000000000000000");
  auto res = Get("/metrics");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type").rfind("text/plain; version=0.0.4", 0), 0u);
  const std::string& text = res->body;
  EXPECT_NE(text.find("archivist_http_requests_total{route=\"/api/search\",status=\"200\"} 1\n"),
            std::string::npos) << text;
  EXPECT_NE(text.find("archivist_http_errors_total{route=\"/api/search\",code=\"invalid_argument\"} 1\n"),
            std::string::npos) << text;
  EXPECT_NE(text.find("archivist_http_errors_total{route=\"/api/documents/{id}\",code=\"not_found\"} 1\n"),
            std::string::npos) << text;
  EXPECT_NE(text.find("archivist_http_request_duration_seconds_count{route=\"/api/search\"} 2\n"),
            std::string::npos) << text;
  const json health = GetJson("/healthz", "/healthz");
  EXPECT_NE(text.find("archivist_index_documents " + health["documents"].dump() + "\n"),
            std::string::npos) << text;
  EXPECT_NE(text.find("archivist_index_age_seconds "), std::string::npos);
  EXPECT_EQ(text.find("route=\"/api/documents/0"), std::string::npos) << "no series per id";
}

TEST_F(SearchdApiTest, EveryDocumentedRouteIsServed) {
  const std::string id = IdOf("cloves");
  for (std::string path : ApiSpec().Paths()) {
    const auto brace = path.find("{id}");
    if (brace != std::string::npos) path.replace(brace, 4, id);
    if (path == "/api/suggest") path += "?q=a";
    auto res = Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 200) << path << ": " << res->body;
  }
}

// Persistence phase: searchd keeps serving while the indexer commits, and
// new documents appear without a restart.
TEST_F(SearchdApiTest, NewDocumentsAppearWhileServing) {
  EXPECT_EQ(Search("q=okapi")["total"], 0);
  fs::create_directories(archive_ / "fresh");
  for (int i = 0; i < 30; ++i) {
    std::ofstream out(archive_ / "fresh" / ("okapi-" + std::to_string(i) + ".txt"));
    out << "Field note " << i << " on the okapi, a forest giraffe.\n";
  }
  std::atomic<bool> indexing{true};
  std::atomic<int> failures{0};
  std::atomic<int> answered{0};
  std::string first_failure;
  std::thread reader([&] {
    while (indexing) {
      auto res = Get("/api/search?q=okapi%20OR%20grooming&per_page=5");
      if (!res || res->status != 200) {
        if (failures++ == 0) first_failure = res ? res->body : httplib::to_string(res.error());
      }
      ++answered;
    }
  });
  IndexOptions options;
  options.db_path = index_;
  options.roots = {archive_};
  options.commit_every = 3;  // many commits while the reader searches
  const IndexSummary summary = RunIndex(options);
  indexing = false;
  reader.join();
  EXPECT_EQ(summary.indexed, 30u);
  EXPECT_GT(answered, 0);
  EXPECT_EQ(failures, 0) << "of " << answered << " searches during the commits; first: "
                         << first_failure;

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  int total = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    total = Search("q=okapi")["total"];
    if (total == 30) break;
  }
  EXPECT_EQ(total, 30);
}

// After a commit, a cached answer from before it may be served while the
// refresher recomputes it: with an allowance of an hour, only the refresher
// can bring the new documents into the answer.
TEST_F(SearchdApiTest, StaleAnswersAreRefreshedInTheBackground) {
  server_ = std::make_unique<InProcessServer>(index_, std::chrono::hours(1));
  EXPECT_EQ(Search("q=okapi")["total"], 0);  // cached
  for (int i = 0; i < 3; ++i) {
    dir_.Write("archive/fresh/okapi-" + std::to_string(i) + ".txt",
               "A note on the okapi, number " + std::to_string(i) + ".");
  }
  ASSERT_EQ(Index().indexed, 3u);

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  int total = 0;
  // Answers from before the commit: read at the revision before it while
  // the warmer prepares the commit's facet sets (within the allowance),
  // then the cache's stale answer, served while it is recomputed.
  int earlier_answers = 0;
  while (total != 3 && std::chrono::steady_clock::now() < deadline) {
    total = Search("q=okapi")["total"];
    if (total == 0) ++earlier_answers;
  }
  EXPECT_EQ(total, 3);
  EXPECT_GE(earlier_answers, 1) << "the first search after the commit is answered from before it";
  auto metrics = Get("/metrics");
  ASSERT_TRUE(metrics);
  const std::string stale_line = "\narchivist_search_stale_answers_total ";  // the sample, not its HELP
  const std::size_t at = metrics->body.find(stale_line);
  ASSERT_NE(at, std::string::npos) << metrics->body;
  const int stale_answers = std::stoi(metrics->body.substr(at + stale_line.size()));
  EXPECT_GE(stale_answers, 1) << "the first search at the commit is the cache's stale answer";
  EXPECT_LE(stale_answers, earlier_answers) << metrics->body;
  EXPECT_NE(metrics->body.find("archivist_search_refreshes_total{outcome=\"stored\"} 1\n"),
            std::string::npos)
      << metrics->body;
}

TEST(SearchdWithoutIndexTest, Answers503UntilTheIndexExistsThenServesIt) {
  extract::InitExtractors();
  TempDir dir;
  const std::string index = (dir.path() / "index").string();
  InProcessServer server(index);
  httplib::Client client("127.0.0.1", server.port());
  for (const char* target : {"/api/search?q=a", "/healthz", "/api/stats", "/api/documents/0000000000000000"}) {
    auto res = client.Get(target);
    ASSERT_TRUE(res) << target;
    EXPECT_EQ(res->status, 503) << target;
    EXPECT_EQ(res->get_header_value("Retry-After"), "5");
    EXPECT_EQ(json::parse(res->body)["error"]["code"], "unavailable");
    EXPECT_EQ(res->body.find(index), std::string::npos) << "no server paths in 5xx answers";
  }
  dir.Write("archive/note.txt", "A note on the okapi.");
  IndexOptions options;
  options.db_path = index;
  options.roots = {dir.path() / "archive"};
  ASSERT_EQ(RunIndex(options).indexed, 1u);
  auto res = client.Get("/api/search?q=okapi");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json::parse(res->body)["total"], 1);
}

// Issue 17: invalid UTF-8 where a name is echoed in the error (a document
// id, a parameter name) once made the JSON writer throw, and the answer was
// a 500; it is a 400 that names the parameter with the bad bytes escaped.
TEST_F(SearchdApiTest, InvalidUtf8InAnIdOrAParameterNameIs400) {
  const std::pair<std::string, std::string> cases[] = {
      {"/api/documents/%ff", "/api/documents/{id}"},
      {"/api/documents/%c3%28/similar", "/api/documents/{id}/similar"},
      {"/api/documents/%ff/original", "/api/documents/{id}/original"},
      {"/api/search?%ff=1", "/api/search"},
      {"/api/stats?a%ffb=1", "/api/stats"},
      {"/api/suggest?q=a&%ed%a0%80=1", "/api/suggest"},
  };
  for (const auto& [target, path_template] : cases) {
    const json body = GetJson(target, path_template, 400);
    ASSERT_TRUE(body.contains("error")) << target;
    EXPECT_EQ(body["error"]["code"], "invalid_argument") << target;
    const std::string message = body["error"]["message"];
    EXPECT_TRUE(message.rfind("id: ", 0) == 0 || message.find("%") != std::string::npos)
        << target << ": " << message;
  }
}

// Issue 17, found by fuzzing (tests/data/fuzz/search-query-not-utf8): a
// query value that is not UTF-8 was echoed in the answer ("query"), whose
// JSON writer threw: a 500. It is a 400 naming the parameter.
TEST_F(SearchdApiTest, InvalidUtf8InAParameterValueIs400) {
  std::ifstream reproducer(
      std::string(ARCHIVIST_SOURCE_DIR) + "/tests/data/fuzz/search-query-not-utf8",
      std::ios::binary);
  const std::string found_by_fuzzing((std::istreambuf_iterator<char>(reproducer)),
                                     std::istreambuf_iterator<char>());
  ASSERT_FALSE(found_by_fuzzing.empty());
  const std::pair<std::string, std::string> cases[] = {
      {"/api/search?" + found_by_fuzzing, "/api/search"},
      {"/api/search?q=%ff", "/api/search"},
      {"/api/suggest?q=clo%ff", "/api/suggest"},
      {"/api/export?q=%c3%28", "/api/export"},
      {"/api/feed?q=%ed%a0%80", "/api/feed"},
  };
  for (const auto& [target, path_template] : cases) {
    const json body = GetJson(target, path_template, 400);
    ASSERT_TRUE(body.contains("error")) << target;
    EXPECT_EQ(body["error"]["code"], "invalid_argument") << target;
    EXPECT_EQ(body["error"]["message"], "q: not valid UTF-8") << target;
  }
}

// Issue 17: with the index gone under a running searchd, /healthz said 503
// but the routes that had already opened it said 500. One keep-alive
// connection keeps every request on the worker thread that opened it.
class SearchdIndexGoneTest : public SearchdApiTest, public ::testing::WithParamInterface<bool> {};

TEST_P(SearchdIndexGoneTest, RoutesThatNeedTheIndexAre503) {
  const std::string id = IdOf("cloves");
  ASSERT_FALSE(id.empty());
  httplib::Client client("127.0.0.1", server_->port());
  client.set_keep_alive(true);
  const std::vector<std::string> targets = {"/api/search?q=cloves",
                                            "/api/stats",
                                            "/api/feed",
                                            "/api/suggest?q=clo",
                                            "/api/documents/" + id,
                                            "/api/documents/" + id + "/similar",
                                            "/api/documents/" + id + "/original",
                                            "/api/export?q=cloves",
                                            "/healthz"};
  for (const std::string& target : targets) {
    auto res = client.Get(target.c_str());
    ASSERT_TRUE(res) << target;
    ASSERT_EQ(res->status, 200) << target << ": " << res->body;
  }
  const bool deleted = GetParam();
  if (deleted) {
    fs::remove_all(index_);
  } else {
    for (const auto& entry : fs::directory_iterator(index_)) fs::remove_all(entry.path());
  }
  for (const std::string& target : targets) {
    auto res = client.Get(target.c_str());
    ASSERT_TRUE(res) << target;
    EXPECT_EQ(res->status, 503) << target << ": " << res->body;
    EXPECT_EQ(res->get_header_value("Retry-After"), "5") << target;
    const json body = json::parse(res->body, nullptr, false);
    EXPECT_EQ(body["error"]["code"], "unavailable") << target << ": " << res->body;
    std::string path_template = target.substr(0, target.find('?'));
    if (path_template.find(id) != std::string::npos) {
      path_template.replace(path_template.find(id), id.size(), "{id}");
    }
    const auto problems =
        ApiSpec().Check(path_template, res->status, res->get_header_value("Content-Type"), body);
    EXPECT_TRUE(problems.empty()) << target << ":\n" << Join(problems);
  }
}

INSTANTIATE_TEST_SUITE_P(DeletedOrEmptied, SearchdIndexGoneTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& p) {
                           return p.param ? "Deleted" : "Emptied";
                         });

// Issue 17: httplib 0.11 buffers a header line of any length, and any
// number of header lines, before it looks at them (a 256 MB line cost
// +535 MB). The head of a request is cut at kMaxRequestHead: refused with
// 431 (httplib said 400), the memory flat, and the server answers the next
// client.
TEST_F(SearchdApiTest, OversizedRequestHeadsAreRefusedWithoutBuffering) {
  const long peak_before = PeakRssKib();
  {
    RawConnection huge_line(server_->port());
    ASSERT_TRUE(huge_line.connected());
    huge_line.Send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ");
    const std::string chunk(64 * 1024, 'a');
    for (int i = 0; i < 1024 && huge_line.Send(chunk); ++i) {
    }  // 64 MB, unless the server stops reading first
    huge_line.Send("\r\n\r\n");
    bool closed = false;
    const std::string answer = huge_line.ReadUntilClosed(std::chrono::seconds(10), closed);
    EXPECT_TRUE(closed);
    // A client still sending when the connection closes may see a reset
    // instead of the answer.
    if (!answer.empty()) {
      EXPECT_EQ(answer.rfind("HTTP/1.1 431 ", 0), 0u) << answer.substr(0, 200);
      EXPECT_NE(answer.find("\"headers_too_large\""), std::string::npos) << answer.substr(0, 400);
    }
  }
  {
    RawConnection many_lines(server_->port());
    ASSERT_TRUE(many_lines.connected());
    std::string head = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (int i = 0; i < 100000; ++i) head += "X-" + std::to_string(i) + ": y\r\n";
    many_lines.Send(head + "\r\n");
    bool closed = false;
    const std::string answer = many_lines.ReadUntilClosed(std::chrono::seconds(10), closed);
    EXPECT_TRUE(closed);
    // A client still sending when the connection closes may see a reset
    // instead of the answer.
    if (!answer.empty()) {
      EXPECT_EQ(answer.rfind("HTTP/1.1 431 ", 0), 0u) << answer.substr(0, 200);
      EXPECT_NE(answer.find("\"headers_too_large\""), std::string::npos) << answer.substr(0, 400);
    }
  }
  EXPECT_LT(PeakRssKib() - peak_before, 16 * 1024) << "KiB more at the peak";
  GetJson("/healthz", "/healthz");
}

// Issue 17: httplib 0.11 reads a chunked body whole, whatever the payload
// limit; it is refused before any of it is read, and the connection closed
// (its next bytes would be that body).
TEST_F(SearchdApiTest, ChunkedBodiesAre413BeforeTheyAreRead) {
  RawConnection connection(server_->port());
  ASSERT_TRUE(connection.connected());
  ASSERT_TRUE(connection.Send(
      "POST /api/search HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
      "400\r\n" +
      std::string(1024, 'x') + "\r\n"));
  // The body never ends: only an answer that does not wait for it comes.
  bool closed = false;
  const std::string answer = connection.ReadUntilClosed(std::chrono::seconds(3), closed);
  EXPECT_EQ(answer.rfind("HTTP/1.1 413 ", 0), 0u) << answer;
  EXPECT_NE(answer.find("Connection: close\r\n"), std::string::npos) << answer;
  EXPECT_NE(answer.find("\"payload_too_large\""), std::string::npos) << answer;
  EXPECT_TRUE(closed);
}

// Issue 14: httplib compresses brotli at its slowest quality, which held
// the page's first paint up behind its own files; a browser's Accept-Encoding
// gets gzip, and a client that accepts only brotli gets the answer plain.
TEST_F(SearchdApiTest, AnswersAreGzippedEvenForClientsThatAcceptBrotli) {
  for (const char* accepted : {"gzip, deflate, br, zstd", "br"}) {
    RawConnection connection(server_->port());
    ASSERT_TRUE(connection.connected());
    ASSERT_TRUE(connection.Send(std::string("GET /api/search?q=trafficking HTTP/1.1\r\n"
                                            "Host: 127.0.0.1\r\nConnection: close\r\n"
                                            "Accept-Encoding: ") +
                                accepted + "\r\n\r\n"));
    bool closed = false;
    const std::string answer = connection.ReadUntilClosed(std::chrono::seconds(5), closed);
    ASSERT_EQ(answer.rfind("HTTP/1.1 200 ", 0), 0u) << answer.substr(0, 200);
    const std::string head = answer.substr(0, answer.find("\r\n\r\n"));
    EXPECT_EQ(head.find("Content-Encoding: br"), std::string::npos) << accepted << "\n" << head;
    if (std::string(accepted) == "br") {
      EXPECT_EQ(head.find("Content-Encoding:"), std::string::npos) << head;
      EXPECT_NE(answer.find("\"hits\""), std::string::npos);
    } else {
      EXPECT_NE(head.find("Content-Encoding: gzip"), std::string::npos) << head;
    }
  }
}

// Issue 17: httplib's mount followed symbolic links out of webui/ and
// served dotfiles; both are 404, and the UI's own files are still served.
TEST_F(SearchdApiTest, StaticFilesStayInsideTheWebUiAndSkipDotfiles) {
  TempDir outside;
  outside.Write("secret.txt", "outside secret words");
  outside.Write("folder/inner.txt", "outside secret words");
  TempDir webui;
  webui.Write("index.html", "<!doctype html><title>ui</title>");
  webui.Write("js/main.js", "export {};");
  webui.Write(".secret", "dot secret words");
  webui.Write(".git/config", "dot secret words");
  webui.Write("js/.main.js.swp", "dot secret words");
  fs::create_symlink(outside.path() / "secret.txt", webui.path() / "leak.txt");
  fs::create_symlink(outside.path() / "folder", webui.path() / "linked");
  fs::create_symlink(webui.path() / "js" / "main.js", webui.path() / "alias.js");  // stays inside
  server_ =
      std::make_unique<InProcessServer>(index_, searchd::kStaleAnswersFor, webui.path().string());
  for (const char* target : {"/", "/index.html", "/js/main.js", "/alias.js"}) {
    auto res = Get(target);
    ASSERT_TRUE(res) << target;
    EXPECT_EQ(res->status, 200) << target;
  }
  for (const char* target : {"/.secret", "/.git/config", "/js/.main.js.swp", "/%2Esecret",
                             "/leak.txt", "/linked/inner.txt", "/linked/", "/js/../.secret"}) {
    auto res = Get(target);
    ASSERT_TRUE(res) << target;
    EXPECT_EQ(res->status, 404) << target << ": " << res->body;
    EXPECT_EQ(res->body.find("secret words"), std::string::npos) << target;
    EXPECT_EQ(json::parse(res->body, nullptr, false)["error"]["code"], "not_found") << target;
  }
}

// Issue 17: after a 400 or 414 the connection stayed open for the 5 s
// keep-alive timeout, holding a worker; it is closed with the answer.
TEST_F(SearchdApiTest, ConnectionsCloseAfterARequestThatCouldNotBeRead) {
  const std::string requests[] = {
      "NOT A REQUEST LINE\r\n\r\n",
      "GET /healthz HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n",
      "GET /api/search?q=" + std::string(10000, 'a') + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
  };
  for (const std::string& request : requests) {
    RawConnection connection(server_->port());
    ASSERT_TRUE(connection.connected());
    ASSERT_TRUE(connection.Send(request));
    bool closed = false;
    const std::string answer = connection.ReadUntilClosed(std::chrono::seconds(2), closed);
    const std::string shown = request.substr(0, 40);
    EXPECT_TRUE(answer.rfind("HTTP/1.1 400 ", 0) == 0 || answer.rfind("HTTP/1.1 414 ", 0) == 0)
        << shown << ": " << answer.substr(0, 200);
    EXPECT_NE(answer.find("Connection: close\r\n"), std::string::npos) << shown;
    EXPECT_TRUE(closed) << shown << ": still open 2 s after the answer";
  }
  // An error a handler answers leaves the connection open for the next request.
  httplib::Client client("127.0.0.1", server_->port());
  client.set_keep_alive(true);
  auto bad = client.Get("/api/search?page=0");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_FALSE(bad->has_header("Connection")) << bad->get_header_value("Connection");
}

// Issue 17: the Host header was not checked, so a page on another site
// could reach the API through DNS rebinding, and the feed built its links
// from whatever Host said. Listening on the loopback, searchd answers only
// to loopback names.
TEST_F(SearchdApiTest, OnTheLoopbackOnlyLoopbackHostsAreAnswered) {
  httplib::Client client("127.0.0.1", server_->port());
  for (const char* host :
       {"evil.example", "evil.example:8080", "127.0.0.1.evil.example", "localhost.evil.example",
        "[::2]", "10.0.0.1", "a b", "x\"y", "localhost:80x", "[::1"}) {
    for (const char* target : {"/api/search?q=cloves", "/api/feed", "/healthz", "/"}) {
      auto res = client.Get(target, {{"Host", host}});
      ASSERT_TRUE(res) << host << " " << target;
      EXPECT_EQ(res->status, 400) << host << " " << target << ": " << res->body;
      const json body = json::parse(res->body, nullptr, false);
      ASSERT_TRUE(body.is_object() && body.contains("error"))
          << host << " " << target << ": " << res->body.substr(0, 200);
      EXPECT_EQ(body["error"]["code"], "invalid_argument") << host << " " << target;
      EXPECT_EQ(body["error"]["message"].get<std::string>().rfind("Host: ", 0), 0u) << host;
      EXPECT_EQ(res->body.find("evil"), std::string::npos) << "the host is not echoed";
    }
  }
  const json answered = GetJson("/api/search?q=cloves", "/api/search");  // the client's own Host
  EXPECT_GE(answered["total"].get<int>(), 1);
  const std::string port = std::to_string(server_->port());
  for (const std::string& host : std::vector<std::string>{
           "127.0.0.1", "localhost", "LOCALHOST:" + port, "[::1]:" + port, "127.0.0.2:1"}) {
    auto res = client.Get("/healthz", {{"Host", host}});
    ASSERT_TRUE(res) << host;
    EXPECT_EQ(res->status, 200) << host << ": " << res->body;
  }
  auto feed = client.Get("/api/feed?q=cloves", {{"Host", "localhost:" + port}});
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->status, 200);
  EXPECT_NE(feed->body.find("http://localhost:" + port + "/"), std::string::npos) << feed->body;
}

}  // namespace
}  // namespace archivist
