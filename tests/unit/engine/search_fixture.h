// SPDX-License-Identifier: GPL-2.0-or-later
// The index the search tests run against, in either layout that selects one
// of the engine's two ways of counting facets (engine/facet_counter.h): one
// local database (bitmaps), or two shards written by the real writer
// (--shards 2) and served through Xapian's remote backend, each by its own
// xapian-progsrv (match spies). Xapian starts a shard's server when the
// searcher opens the stub that lists it and stops it when it closes.
#pragma once

#include <fstream>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "engine/search.h"
#include "indexer/writer/document_builder.h"
#include "indexer/writer/index_writer.h"
#include "tests/support/temp_dir.h"

namespace archivist {

// The writer builds the documents these tests search, as the indexer does.
using writer::BuildIndexableDocument;
using writer::IndexableDocument;

enum class Layout { kLocal, kRemoteShards };

inline std::string LayoutName(const ::testing::TestParamInfo<Layout>& info) {
  return info.param == Layout::kLocal ? "LocalDatabaseBitmaps" : "RemoteShardsMatchSpies";
}

// For GoogleTest's messages, which would otherwise print the enum's bytes.
inline void PrintTo(Layout layout, std::ostream* out) {
  *out << (layout == Layout::kLocal ? "one local database" : "two remote shards");
}

struct Fixture {
  const char* id;
  const char* language;
  const char* type;
  int year;
  const char* date;
  std::vector<std::string> countries;
  const char* title;
  const char* text;
};

inline const std::vector<Fixture>& Documents() {
  static const std::vector<Fixture> kDocs = {
      {"a1",
       "en",
       "news_post",
       2014,
       "2014-05-30",
       {"BE"},
       "Online grooming in Belgium",
       "New law against online grooming of children."},
      {"a2",
       "fr",
       "press_release",
       2014,
       "2014-03-04",
       {"BR", "BE"},
       "Coupe du Monde",
       "Kaká et la lutte contre l'exploitation sexuelle des enfants au Brésil."},
      {"a3",
       "en",
       "report",
       2012,
       "",
       {"BR"},
       "Report on Brazil",
       "Sexual exploitation of children in Brazil during tournaments."},
      {"a4",
       "nl",
       "legislation",
       2013,
       "2013-01-01",
       {"NL"},
       "Aanwijzing mensenhandel",
       "Mensenhandel en uitbuiting van kinderen."},
      {"a5", "en", "news_post", 0, "", {}, "Undated note", "A note about grooming without a date."},
  };
  return kDocs;
}

class SearchIndexTest : public ::testing::Test {
 protected:
  static constexpr int kShards = 2;

  virtual Layout layout() const = 0;

  void SetUp() override {
    auto writer = OpenWriter();
    for (const Fixture& f : Documents()) {
      DocumentRecord r;
      r.id = f.id;
      r.root = "/archive";
      r.path = std::string(f.id) + ".html";
      r.title = f.title;
      r.language = f.language;
      r.type = f.type;
      r.year = f.year;
      r.date = f.date;
      r.countries = f.countries;
      writer->Put(BuildIndexableDocument(r, {f.text}));
    }
    writer->Commit();
    if (layout() == Layout::kRemoteShards) {
      std::ofstream stub(RemoteStubPath());
      for (int k = 0; k < kShards; ++k) {
        const std::string shard = (IndexFolder() / ("shard-" + std::to_string(k))).string();
        // A shard without documents would leave the spies' merging of
        // counts across shards untested.
        ASSERT_GT(Xapian::Database(shard).get_doccount(), 0u) << shard;
        // Xapian's stub syntax for a program speaking the remote protocol.
        stub << "remote :" << ARCHIVIST_XAPIAN_PROGSRV << ' ' << shard << '\n';
      }
    }
    Result<std::unique_ptr<Searcher>> searcher = OpenSearcher();
    ASSERT_TRUE(searcher.ok()) << searcher.error().message;
    searcher_ = std::move(searcher).value();
  }

  // A writer on the index, in its layout.
  std::unique_ptr<writer::IndexWriter> OpenWriter() const {
    return writer::IndexWriter::Open(IndexFolder().string(),
                                     layout() == Layout::kLocal ? 1 : kShards);
  }

  // Another searcher of the index, as searchd would open it.
  Result<std::unique_ptr<Searcher>> OpenSearcher(std::shared_ptr<SearchCache> cache = nullptr) {
    return Searcher::Open(
        layout() == Layout::kLocal ? IndexFolder().string() : RemoteStubPath().string(),
        std::move(cache));
  }

  SearchPage Search(SearchRequest request) {
    Result<SearchPage> page = searcher_->Search(request);
    EXPECT_TRUE(page.ok()) << page.error().message;
    return page.ok() ? page.value() : SearchPage{};
  }

  static std::vector<std::string> Ids(const SearchPage& page) {
    std::vector<std::string> ids;
    for (const SearchHit& hit : page.hits) ids.push_back(hit.record.id);
    return ids;
  }

  static Xapian::doccount Count(const SearchPage& page, Facet facet, const std::string& value) {
    for (const FacetCounts& counts : page.facets) {
      if (counts.facet != facet) continue;
      for (const FacetCount& c : counts.values) {
        if (c.value == value) return c.count;
      }
    }
    return 0;
  }

  // Adds one English news post and commits.
  void AddDocument(const std::string& id, const std::string& text,
                   std::vector<std::string> countries = {}, const std::string& title = "Later") {
    auto writer = OpenWriter();
    DocumentRecord r;
    r.id = id;
    r.root = "/archive";
    r.path = id + ".html";
    r.title = title;
    r.language = "en";
    r.type = "news_post";
    r.countries = std::move(countries);
    writer->Put(BuildIndexableDocument(r, {text}));
    writer->Commit();
  }

  std::filesystem::path IndexFolder() const { return dir_.path() / "index"; }
  std::filesystem::path RemoteStubPath() const { return dir_.path() / "remote-shards"; }

  archivist::testing::TempDir dir_;
  std::unique_ptr<Searcher> searcher_;
};

}  // namespace archivist
