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

 private:
  std::size_t Frequency(const std::string& feature);
  void LearnFrequencies(const std::vector<std::string>& features);
  double Weight(const std::string& feature);

  writer::IndexReader& reader_;
  const std::size_t documents_;
  // Frequencies are kept under a 64-bit hash of their feature (AnchorKey):
  // the features of a whole archive are hundreds of thousands of strings.
  std::unordered_map<std::uint64_t, std::size_t> frequencies_;
};

}  // namespace archivist::works
