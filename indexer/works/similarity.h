// SPDX-License-Identifier: GPL-2.0-or-later
// Whether two documents are editions of one work, judged from their work
// features (features.h): a translation keeps the numbers in their order and
// the rare identifiers, URLs and names; a version in the same language
// shares nearly all its word shingles. Sharing a topic, a country, a year
// or a template gives none of these: two statutes of one year share the
// year and the boilerplate, not the sequence of their section numbers and
// amounts.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/works/features.h"

namespace archivist::works {

enum class Edition { kNone, kTranslation, kVersion };

// What two documents share, each figure in [0, 1] unless said otherwise.
struct PairEvidence {
  // Longest common subsequence of the number sequences, over the longer.
  double numbers = 0;
  std::size_t common_numbers = 0;  // that subsequence's length
  double numbers_of_shorter = 0;   // the same subsequence over the shorter
  // Weight of the shared anchors over the smaller document's total weight.
  double anchors = 0;
  double shared_anchor_weight = 0;  // absolute
  std::size_t shared_anchors = 0;   // how many distinct anchors both hold
  // How many distinct anchors the smaller side (the one `anchors` is
  // measured on) holds: a few, all shared, prove little.
  std::size_t smaller_side_anchors = 0;
  double sketch = 0;                // estimated Jaccard of the word shingles
  double length_ratio = 1;          // longer text over shorter (>= 1)
  bool declared = false;            // a work key both declare
  // Their declared titles name different things (titles.h TitlesDiffer):
  // two pages of one template, not two versions of one page.
  bool titles_differ = false;
  // Their titles carry different version or section numbers
  // (TitleNumbersDiffer): release notes of two versions.
  bool title_numbers_differ = false;
};

// How much one anchor says: rarer is stronger (an inverse document
// frequency). Called often: the caller caches.
using AnchorWeight = std::function<double(const std::string& anchor)>;

// A document's features in the form they are compared, and held by a
// linking pass for every document it may compare again: numbers and
// anchors as 64-bit keys rather than strings, each anchor's weight looked
// up once. The features of every document of the bench corpus as strings
// were most of a pass's memory (docs/works.md, "What a linking pass
// costs"); this form takes about a fifth of it.
struct ComparableFeatures {
  std::string language;  // as WorkFeatures::language
  std::uint32_t chars = 0;
  std::vector<std::uint64_t> numbers;  // NumberKey of each number, in text order
  // The anchors' keys, sorted and distinct, and the weight of each.
  std::vector<std::uint64_t> anchors;
  std::vector<double> anchor_weights;
  double anchor_weight = 0;  // their sum
  std::vector<std::uint32_t> sketch;
  std::vector<std::string> declared;
  std::vector<std::string> title_words;
  std::vector<std::string> title_numbers;
};

// `features` ready to compare, its anchors weighed by `weight`.
ComparableFeatures MakeComparable(const WorkFeatures& features, const AnchorWeight& weight);

// A number's key: distinct numbers (up to the 12 digits features.h keeps,
// leading zeros included) have distinct keys, so comparing keys is
// comparing the numbers.
std::uint64_t NumberKey(std::string_view digits);
// An anchor's key: a 64-bit hash (two anchors of a document sharing one
// would be taken for one; at the features' bounds, a chance of about one
// in 10^13 a document).
std::uint64_t AnchorKey(std::string_view anchor);

// Numbers and anchors are compared only where Judge reads them: not for
// two documents of one known language (a version is its sketch), nor for
// a declared pair, nor for lengths far out of proportion.
PairEvidence Compare(const ComparableFeatures& a, const ComparableFeatures& b);
// The same for features as computed (MakeComparable of each).
PairEvidence Compare(const WorkFeatures& a, const WorkFeatures& b, const AnchorWeight& weight);

// The verdict on two documents' evidence: a translation when their
// languages differ (or one is unknown), a version when they agree. Unless
// they declare one work, documents whose titles carry different version
// numbers are never editions, and documents whose declared titles differ
// never versions, whatever their text shares.
Edition Judge(const ComparableFeatures& a, const ComparableFeatures& b,
              const PairEvidence& evidence);
Edition Judge(const WorkFeatures& a, const WorkFeatures& b, const PairEvidence& evidence);

// How strongly the evidence ties two documents, to rank a document's
// candidate editions in one language against each other.
double Strength(const PairEvidence& evidence);

// The length of the longest common subsequence of `a` and `b`.
std::size_t CommonSubsequence(const std::vector<std::string>& a, const std::vector<std::string>& b);
std::size_t CommonSubsequence(const std::vector<std::uint64_t>& a,
                              const std::vector<std::uint64_t>& b);

}  // namespace archivist::works
