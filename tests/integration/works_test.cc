// SPDX-License-Identifier: GPL-2.0-or-later
// Translations found in the sample archive by the real indexer (issue 15),
// with every file renamed and moved so that no name can help: corpus/ holds
// a Canadian statute in English and French and the Universal Declaration in
// four languages, and nothing else that is one work in two files (its
// French World Cup post is a different piece from the English ones on the
// same campaign).
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "core/record.h"
#include "tests/support/child_process.h"
#include "tests/support/temp_dir.h"

namespace archivist {
namespace {

namespace fs = std::filesystem;
using archivist::testing::ChildProcess;
using archivist::testing::TempDir;

constexpr std::string_view kSidecarSuffix = ".meta.json";

class WorksIntegrationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    original_of_ = new std::map<std::string, std::string>();
    records_ = new std::map<std::string, DocumentRecord>();
    // Files in a scrambled order get names that say nothing: "d2/f17.xml".
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(ARCHIVIST_CORPUS_DIR)) {
      const std::string name = entry.path().filename().string();
      if (entry.is_regular_file() && !name.ends_with(kSidecarSuffix) && name != "README.md" &&
          name != "MANIFEST.tsv") {
        files.push_back(entry.path());
      }
    }
    std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
      return std::hash<std::string>{}(a.string()) < std::hash<std::string>{}(b.string());
    });
    const fs::path archive = dir_->path() / "archive";
    for (std::size_t k = 0; k < files.size(); ++k) {
      const std::string renamed = "d" + std::to_string(k % 3) + "/f" + std::to_string(k) +
                                  files[k].extension().string();
      fs::create_directories((archive / renamed).parent_path());
      fs::copy_file(files[k], archive / renamed);
      // The archivist's sidecar follows its file.
      const fs::path sidecar = files[k].string() + std::string(kSidecarSuffix);
      if (fs::exists(sidecar)) fs::copy_file(sidecar, archive / (renamed + std::string(kSidecarSuffix)));
      (*original_of_)[renamed] = fs::relative(files[k], ARCHIVIST_CORPUS_DIR).string();
    }
    const std::string index = (dir_->path() / "index").string();
    ChildProcess indexer({ARCHIVIST_INDEX_BIN, "--db", index, "--json", archive.string()});
    indexer.ReadAll();
    ASSERT_EQ(indexer.Wait(), 0);
    Xapian::Database db(index);
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      Result<DocumentRecord> record = StoredRecordOf(db.get_document(*it));
      ASSERT_TRUE(record.ok());
      (*records_)[original_of_->at(record.value().path)] = record.value();
    }
  }

  static void TearDownTestSuite() {
    delete records_;
    delete original_of_;
    delete dir_;
  }

  // The original paths of the documents `path` is linked to.
  static std::set<std::string> LinkedTo(const std::string& path) {
    std::map<std::string, std::string> path_of_id;
    for (const auto& [p, r] : *records_) path_of_id[r.id] = p;
    std::set<std::string> out;
    const DocumentRecord& r = records_->at(path);
    for (const auto& e : r.translations) out.insert(path_of_id.at(e.id));
    for (const auto& e : r.versions) out.insert(path_of_id.at(e.id));
    return out;
  }

  static TempDir* dir_;
  static std::map<std::string, std::string>* original_of_;
  static std::map<std::string, DocumentRecord>* records_;
};

TempDir* WorksIntegrationTest::dir_ = nullptr;
std::map<std::string, std::string>* WorksIntegrationTest::original_of_ = nullptr;
std::map<std::string, DocumentRecord>* WorksIntegrationTest::records_ = nullptr;

const std::string kStatuteEn = "public/xml/canada-laws/annual-statutes/en/2005/2005-c43_E.XML";
const std::string kStatuteFr = "public/xml/canada-laws/annual-statutes/fr/2005/2005-c43_F.XML";
const std::set<std::string> kDeclaration = {
    "public/xml/udhr/udhr_fra.xml", "public/xml/udhr/udhr_nld.xml",
    "public/xml/udhr/udhr_por_PT.xml", "public/xml/udhr/udhr_spa.xml"};

TEST_F(WorksIntegrationTest, TheStatuteAndItsTranslationListEachOther) {
  EXPECT_EQ(LinkedTo(kStatuteEn), std::set<std::string>{kStatuteFr});
  EXPECT_EQ(LinkedTo(kStatuteFr), std::set<std::string>{kStatuteEn});
  EXPECT_EQ(records_->at(kStatuteEn).translations.at(0).language, "fr");
  EXPECT_EQ(records_->at(kStatuteEn).work, records_->at(kStatuteFr).work);
}

TEST_F(WorksIntegrationTest, TheDeclarationIsOneWorkInFourLanguages) {
  for (const std::string& member : kDeclaration) {
    std::set<std::string> others = kDeclaration;
    others.erase(member);
    EXPECT_EQ(LinkedTo(member), others) << member;
    EXPECT_TRUE(records_->at(member).versions.empty()) << member;
  }
}

TEST_F(WorksIntegrationTest, NothingElseIsLinked) {
  for (const auto& [path, record] : *records_) {
    if (path == kStatuteEn || path == kStatuteFr || kDeclaration.count(path)) continue;
    EXPECT_TRUE(LinkedTo(path).empty()) << path << " linked to " << *LinkedTo(path).begin();
    EXPECT_TRUE(record.work.empty()) << path;
  }
}

}  // namespace
}  // namespace archivist
