// SPDX-License-Identifier: GPL-2.0-or-later
// Whether two documents are editions of one work, judged from their work
// features (features.h): a translation keeps the numbers in their order and
// the rare identifiers, URLs and names; a version in the same language
// shares nearly all its word shingles. Sharing a topic, a country, a year
// or a template gives none of these: two statutes of one year share the
// year and the boilerplate, not the sequence of their section numbers and
// amounts.
#pragma once

#include <functional>
#include <string>

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

// Numbers and anchors are compared only where Judge reads them: not for
// two documents of one known language (a version is its sketch), nor for
// a declared pair, nor for lengths far out of proportion.
PairEvidence Compare(const WorkFeatures& a, const WorkFeatures& b, const AnchorWeight& weight);

// The verdict on two documents' evidence: a translation when their
// languages differ (or one is unknown), a version when they agree. Unless
// they declare one work, documents whose titles carry different version
// numbers are never editions, and documents whose declared titles differ
// never versions, whatever their text shares.
Edition Judge(const WorkFeatures& a, const WorkFeatures& b, const PairEvidence& evidence);

// How strongly the evidence ties two documents, to rank a document's
// candidate editions in one language against each other.
double Strength(const PairEvidence& evidence);

// The length of the longest common subsequence of `a` and `b`.
std::size_t CommonSubsequence(const std::vector<std::string>& a, const std::vector<std::string>& b);

}  // namespace archivist::works
