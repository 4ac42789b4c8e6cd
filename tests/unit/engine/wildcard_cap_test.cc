// SPDX-License-Identifier: GPL-2.0-or-later
// The per-query wildcard cap (issue 17's wildcard bomb) as every parser of a
// user's query applies it: occurrences count towards the number of
// wildcards allowed, distinct patterns share the expanded terms.
#include <string>

#include <gtest/gtest.h>
#include <xapian.h>

#include "core/error.h"
#include "engine/user_query.h"
#include "tests/support/temp_dir.h"

namespace archivist {
namespace {

std::string Repeated(const std::string& word, std::size_t count) {
  std::string query;
  for (std::size_t i = 0; i < count; ++i) query += (i ? " OR " : "") + word;
  return query;
}

std::string Distinct(std::size_t count) {
  std::string query;
  for (std::size_t i = 0; i < count; ++i) query += (i ? " OR w" : "w") + std::to_string(i) + "*";
  return query;
}

class WildcardCapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Xapian::WritableDatabase writable((dir_.path() / "index").string(), Xapian::DB_CREATE);
    for (int i = 0; i < 50; ++i) {
      Xapian::Document doc;
      doc.add_term("word" + std::to_string(i));
      writable.add_document(doc);
    }
    writable.commit();
    db_ = Xapian::Database((dir_.path() / "index").string());
  }

  testing::TempDir dir_;
  Xapian::Database db_;
};

TEST_F(WildcardCapTest, AQueryWithoutWildcardsGetsTheWholeExpansion) {
  EXPECT_EQ(WildcardExpansionForQuery(db_, "word OR other"), kMaxWildcardExpansion);
  // A "*" in a phrase is no wildcard.
  EXPECT_EQ(WildcardExpansionForQuery(db_, "\"word * other\""), kMaxWildcardExpansion);
}

TEST_F(WildcardCapTest, DistinctWildcardsShareTheExpandedTerms) {
  EXPECT_EQ(WildcardExpansionForQuery(db_, Distinct(10)), kMaxExpandedTermsPerQuery / 10);
  EXPECT_EQ(WildcardExpansionForQuery(db_, Distinct(kMaxWildcardsPerQuery)),
            kMaxExpandedTermsPerQuery / kMaxWildcardsPerQuery);
}

// "wo* OR wo* OR ..." expands to the same terms each time: one pattern's
// share, not a tenth of it (it counted ten times before).
TEST_F(WildcardCapTest, ARepeatedWildcardCountsOnceTowardsTheExpandedTerms) {
  EXPECT_EQ(WildcardExpansionForQuery(db_, Repeated("wo*", 10)), kMaxWildcardExpansion);
  EXPECT_EQ(WildcardExpansionForQuery(db_, Repeated("wo*", 10) + " OR " + Distinct(9)),
            kMaxExpandedTermsPerQuery / 10);
}

// Each occurrence is still expanded on its own by the matcher: the number
// of wildcards allowed counts every one.
TEST_F(WildcardCapTest, EveryOccurrenceCountsTowardsTheNumberOfWildcards) {
  EXPECT_EQ(WildcardExpansionForQuery(db_, Repeated("wo*", kMaxWildcardsPerQuery)),
            kMaxWildcardExpansion);
  try {
    WildcardExpansionForQuery(db_, Repeated("wo*", kMaxWildcardsPerQuery + 1));
    FAIL() << "33 wildcards were accepted";
  } catch (const Exception& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(std::string(e.what()).find("too many wildcards: 33 (at most 32 per query)"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace archivist
