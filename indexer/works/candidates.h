// SPDX-License-Identifier: GPL-2.0-or-later
// What the linking pass reads of one document (linker.h): its features as
// comparable, weighed by how rare each is in the index, and its candidate
// editions, the documents sharing its rarest features. Through one
// IndexReader: the writer, or a reader of the last commit on a thread of
// its own, which finds the same for the same index.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "indexer/works/features.h"
#include "indexer/works/similarity.h"
#include "indexer/writer/index_reader.h"

namespace archivist::works {

// Not thread-safe (as its reader): one finder per thread. Throws what the
// reader throws.
class CandidateFinder {
 public:
  // `documents` is the index's document count, which the weights are of.
  CandidateFinder(writer::IndexReader& reader, std::size_t documents)
      : reader_(reader), documents_(documents) {}

  // The features of `id` as stored, or none (a document indexed without
  // them, or gone).
  std::optional<WorkFeatures> ReadFeatures(const std::string& id);

  // What comparing `id` reads (similarity.h), its anchors weighed once.
  std::optional<ComparableFeatures> Comparable(const std::string& id);

  // The documents sharing the rarest of `id`'s features, best first.
  std::vector<std::string> Candidates(const std::string& id);

  // Reads the features of `ids` and the frequencies of all their features
  // at once, in the order of their terms, for Comparable and Candidates of
  // these ids to use: one look-up after another in term order reads each
  // block of the index's term table once, where a document's own features
  // are spread over all of it. Forgets what the last call read.
  void Prepare(const std::vector<std::string>& ids);

 private:
  // What Prepare read of `id`, preparing it alone when it did not read
  // it; nullptr for a document without features. Valid until Prepare is
  // called again, by this or by the caller.
  const WorkFeatures* FeaturesOf(const std::string& id);
  std::size_t Frequency(const std::string& feature) const;
  void LearnFrequencies(const std::vector<std::string>& features);
  double Weight(const std::string& feature) const;
  // The candidates among the documents `shared` scores (by the rare
  // features each shares with `id`), best first, ties by id.
  std::vector<std::string> Best(
      const std::string& id, const std::unordered_map<writer::IndexReader::DocKey, double>& shared);

  writer::IndexReader& reader_;
  const std::size_t documents_;
  // Frequencies are kept under a 64-bit hash of their feature (AnchorKey):
  // the features of a whole archive are hundreds of thousands of strings.
  std::unordered_map<std::uint64_t, std::size_t> frequencies_;
  std::unordered_map<std::string, std::optional<WorkFeatures>> prepared_;  // by id
};

}  // namespace archivist::works
