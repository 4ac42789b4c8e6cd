// SPDX-License-Identifier: GPL-2.0-or-later
// Which documents the linking pass judges against one: those sharing its
// rarest features, best first, ties by id, every declared member of its
// work. Read from a real index whose documents are written here with
// the terms and value the indexer gives them.
#include "indexer/works/candidates.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "core/schema.h"
#include "indexer/works/features.h"
#include "indexer/writer/index_reader.h"
#include "tests/support/temp_dir.h"

namespace archivist::works {
namespace {

// The id of the n-th document: 16 hex digits, as a content hash's.
std::string IdOf(unsigned n) {
  char id[17];
  std::snprintf(id, sizeof id, "%016x", n * 2654435761u);
  return id;
}

class CandidatesTest : public ::testing::Test {
 protected:
  // Writes a document with `features` as the indexer stores them: its id
  // term, a term for each feature, the packed features in their slot.
  void Add(const std::string& id, const WorkFeatures& features) {
    Xapian::Document doc;
    doc.add_boolean_term(schema::IdTerm(id));
    for (const std::string& feature : FeatureTerms(features)) {
      doc.add_boolean_term(std::string(schema::kWorkFeaturePrefix) + feature);
    }
    doc.add_value(schema::kSlotWorkFeatures, PackWorkFeatures(features));
    db_.add_document(doc);
  }

  std::unique_ptr<writer::IndexReader> CommittedReader() {
    db_.commit();
    return writer::OpenCommittedReader({dir_.path().string()});
  }

  std::vector<std::string> CandidatesOf(const std::string& id) {
    const std::unique_ptr<writer::IndexReader> reader = CommittedReader();
    CandidateFinder finder(*reader, reader->DocumentCount());
    return finder.Candidates(id);
  }

  archivist::testing::TempDir dir_;
  Xapian::WritableDatabase db_{dir_.path().string(), Xapian::DB_CREATE_OR_OPEN};
};

WorkFeatures Anchored(std::vector<std::string> anchors) {
  WorkFeatures features;
  features.language = "en";
  features.anchors = std::move(anchors);
  return features;
}

// Forty documents share the same two identifiers with the seed, so they
// tie: those judged are the first by id, whatever order the index holds
// them in, after the one sharing a rarer identifier too.
TEST_F(CandidatesTest, TiedCandidatesAreTheFirstByIdAndOneSharingMoreComesFirst) {
  std::vector<std::string> ids;
  for (unsigned n = 0; n < 40; ++n) ids.push_back(IdOf(n));
  for (const std::string& id : ids) Add(id, Anchored({"i:form-27b", "i:annex-4c"}));
  // The seed shares a third, rarer identifier with one more document.
  const std::string closest = IdOf(99);
  Add(closest, Anchored({"i:form-27b", "i:annex-4c", "i:case-1138"}));
  Add(IdOf(100), Anchored({"i:case-1138", "i:other-9"}));
  Add(IdOf(101), Anchored({"i:unrelated-1"}));

  const std::vector<std::string> found = CandidatesOf(closest);
  std::vector<std::string> expected = {IdOf(100)};  // shares the rarest one
  std::vector<std::string> tied = ids;
  std::sort(tied.begin(), tied.end());
  tied.resize(29);
  expected.insert(expected.end(), tied.begin(), tied.end());
  EXPECT_EQ(found, expected);
}

// Every document declaring the same work is judged, beyond the thirty.
TEST_F(CandidatesTest, EveryDeclaredMemberIsJudged) {
  std::vector<std::string> ids;
  for (unsigned n = 0; n < 45; ++n) {
    ids.push_back(IdOf(n));
    WorkFeatures features = Anchored({});
    features.declared = {"work=annual-report"};
    Add(ids.back(), features);
  }
  const std::vector<std::string> found = CandidatesOf(ids[7]);
  std::vector<std::string> expected = ids;
  expected.erase(expected.begin() + 7);
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(found, expected);
}

// The linking pass prepares documents in batches (linker.cc ReadAhead):
// what it then finds of each is what a finder reading one at a time finds,
// for a document in the batch and one outside it alike.
TEST_F(CandidatesTest, APreparedBatchFindsWhatOneDocumentAtATimeFinds) {
  std::vector<std::string> ids;
  for (unsigned n = 0; n < 12; ++n) {
    ids.push_back(IdOf(n));
    std::vector<std::string> anchors = {"i:series-" + std::to_string(n % 3),
                                        "i:annex-" + std::to_string(n % 5), "i:own-" + ids.back()};
    WorkFeatures features = Anchored(std::move(anchors));
    if (n % 4 == 0) features.declared = {"work=quarterly"};
    Add(ids.back(), features);
  }
  Add(IdOf(50), WorkFeatures());  // features without anchors
  ids.push_back(IdOf(50));
  ids.push_back(IdOf(51));  // not in the index
  const std::unique_ptr<writer::IndexReader> reader = CommittedReader();
  CandidateFinder prepared(*reader, reader->DocumentCount());
  prepared.Prepare(std::vector<std::string>(ids.begin(), ids.begin() + 8));
  for (const std::string& id : ids) {
    CandidateFinder alone(*reader, reader->DocumentCount());
    const std::optional<ComparableFeatures> expected = alone.Comparable(id);
    const std::optional<ComparableFeatures> got = prepared.Comparable(id);
    ASSERT_EQ(got.has_value(), expected.has_value()) << id;
    if (expected) {
      EXPECT_EQ(got->anchors, expected->anchors) << id;
      EXPECT_EQ(got->anchor_weights, expected->anchor_weights) << id;
    }
    EXPECT_EQ(prepared.Candidates(id), alone.Candidates(id)) << id;
  }
  // Not vacuous: the first shares its series with three, its annex with
  // two and its declared work with two more.
  EXPECT_EQ(prepared.Candidates(ids[0]).size(), 7u);
}

}  // namespace
}  // namespace archivist::works
