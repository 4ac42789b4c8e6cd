// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/works/similarity.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "indexer/works/titles.h"

namespace archivist::works {
namespace {

// Thresholds, set on what tells editions from neighbours (issue 15):
// - a translation renders every number: most of the longer sequence comes
//   back in order, and enough of them that a list of 1..10 is no proof;
constexpr double kNumbersAlike = 0.6;
constexpr std::size_t kMinCommonNumbers = 8;
// - nearly all of them, over a long sequence, is proof on its own (a
//   declaration's 30 articles in 37 languages, which share no other token);
//   one edition may number more (a table of contents, numbered paragraphs)
//   as long as the other's whole sequence comes back in order;
constexpr double kNumbersNearlyAll = 0.85;
constexpr double kNumbersOfLonger = 0.4;
constexpr std::size_t kManyCommonNumbers = 20;
// - the rare tokens it copies (identifiers, URLs, names) make up much of
//   what either holds, and more than one or two of them;
constexpr double kAnchorsAlike = 0.45;
constexpr double kMinSharedAnchorWeight = 12;
// - with the numbers in order, a weaker anchor agreement suffices, since
//   the numbers alone can be a template's;
constexpr double kAnchorsWithNumbers = 0.15;
// - without numbers to compare, the anchors must agree strongly;
constexpr double kAnchorsAlone = 0.6;
// - a translation is not three times as long as its original (scripts
//   such as Chinese write in far fewer characters: allowed for below);
constexpr double kMaxLengthRatio = 3.0;
// - a version shares most of its word shingles and is about as long: a
//   chapter is not a version of the law that contains it.
constexpr double kSketchAlike = 0.6;
constexpr double kMaxVersionLengthRatio = 1.2;

bool Known(const std::string& language) { return !language.empty() && language != "und"; }

// Languages written without spaces, or with syllables per character,
// spend far fewer characters on the same text.
bool Dense(const std::string& language) {
  return language == "zh" || language == "ja" || language == "ko";
}

}  // namespace

// Bit-parallel (Hyyrö 2004): one bit per element of the shorter sequence,
// 64 of them per machine word, so two sequences of 400 numbers cost 400 x 7
// word operations instead of 160,000 string comparisons; that comparison
// was most of a linking pass (25 s of a 100 s index of 4,550 files).
std::size_t CommonSubsequence(const std::vector<std::string>& a,
                              const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  const std::vector<std::string>& rows = a.size() <= b.size() ? a : b;
  const std::vector<std::string>& columns = a.size() <= b.size() ? b : a;
  const std::size_t words = (rows.size() + 63) / 64;
  // Where each value occurs in `rows`, as a bit mask.
  std::unordered_map<std::string_view, std::vector<std::uint64_t>> where;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::vector<std::uint64_t>& mask = where[rows[i]];
    if (mask.empty()) mask.assign(words, 0);
    mask[i / 64] |= std::uint64_t{1} << (i % 64);
  }
  // A zero bit in `v` marks a row the common subsequence has used.
  std::vector<std::uint64_t> v(words, ~std::uint64_t{0});
  for (const std::string& value : columns) {
    const auto found = where.find(value);
    if (found == where.end()) continue;
    const std::vector<std::uint64_t>& mask = found->second;
    std::uint64_t carry = 0;
    for (std::size_t w = 0; w < words; ++w) {
      const std::uint64_t matched = v[w] & mask[w];
      const std::uint64_t sum = v[w] + matched;
      const std::uint64_t with_carry = sum + carry;
      carry = (sum < v[w] || with_carry < sum) ? 1 : 0;
      v[w] = with_carry | (v[w] & ~mask[w]);
    }
  }
  std::size_t common = 0;
  for (std::size_t w = 0; w < words; ++w) {
    std::uint64_t used = ~v[w];
    const std::size_t bits = std::min<std::size_t>(64, rows.size() - w * 64);
    if (bits < 64) used &= (std::uint64_t{1} << bits) - 1;
    common += static_cast<std::size_t>(std::popcount(used));
  }
  return common;
}

PairEvidence Compare(const WorkFeatures& a, const WorkFeatures& b, const AnchorWeight& weight) {
  PairEvidence e;
  for (const std::string& key : a.declared) {
    if (std::find(b.declared.begin(), b.declared.end(), key) != b.declared.end()) e.declared = true;
  }
  if (a.sketch.size() == kSketchSize && b.sketch.size() == kSketchSize) {
    // Bins empty in both say nothing (two short texts would look alike).
    std::size_t same = 0;
    std::size_t filled = 0;
    for (std::size_t k = 0; k < kSketchSize; ++k) {
      if (a.sketch[k] == kEmptyBin && b.sketch[k] == kEmptyBin) continue;
      ++filled;
      same += a.sketch[k] == b.sketch[k];
    }
    e.sketch = filled == 0 ? 0 : static_cast<double>(same) / static_cast<double>(filled);
  }
  e.titles_differ = TitlesDiffer(a.title_words, b.title_words);
  e.title_numbers_differ = TitleNumbersDiffer(a.title_numbers, b.title_numbers);
  const double la = std::max<double>(a.chars, 1);
  const double lb = std::max<double>(b.chars, 1);
  e.length_ratio = std::max(la, lb) / std::min(la, lb);
  // What Judge decides without the numbers and anchors is not worth their
  // cost (the sequences' comparison is most of a linking pass): a version
  // is judged on its sketch alone, and lengths far out of proportion are
  // no translation.
  if (e.declared || e.title_numbers_differ || (Known(a.language) && a.language == b.language) ||
      e.length_ratio > 2 * kMaxLengthRatio) {
    return e;
  }

  e.common_numbers = CommonSubsequence(a.numbers, b.numbers);
  const std::size_t longer = std::max(a.numbers.size(), b.numbers.size());
  const std::size_t shorter = std::min(a.numbers.size(), b.numbers.size());
  e.numbers = longer == 0 ? 0 : static_cast<double>(e.common_numbers) / static_cast<double>(longer);
  e.numbers_of_shorter =
      shorter == 0 ? 0 : static_cast<double>(e.common_numbers) / static_cast<double>(shorter);

  const std::unordered_set<std::string> in_b(b.anchors.begin(), b.anchors.end());
  double total_a = 0;
  double total_b = 0;
  for (const std::string& anchor : a.anchors) {
    const double w = weight(anchor);
    total_a += w;
    if (in_b.count(anchor)) e.shared_anchor_weight += w;
  }
  for (const std::string& anchor : b.anchors) total_b += weight(anchor);
  const double smaller = std::min(total_a, total_b);
  e.anchors = smaller > 0 ? e.shared_anchor_weight / smaller : 0;
  return e;
}

Edition Judge(const WorkFeatures& a, const WorkFeatures& b, const PairEvidence& e) {
  const bool same_language = Known(a.language) && a.language == b.language;
  if (e.declared) return same_language ? Edition::kVersion : Edition::kTranslation;
  // Release notes of 2.30 and 2.31 share most sentences and their
  // numbers' order; their titles say they are two works.
  if (e.title_numbers_differ) return Edition::kNone;
  // A template's pages share their shingles (menus, headers, a reference
  // page's layout) but each declares its own title.
  const bool same_text = e.sketch >= kSketchAlike && e.length_ratio <= kMaxVersionLengthRatio &&
                         !e.titles_differ;
  if (same_language) return same_text ? Edition::kVersion : Edition::kNone;

  const double max_ratio =
      (Dense(a.language) || Dense(b.language)) ? 2 * kMaxLengthRatio : kMaxLengthRatio;
  if (e.length_ratio > max_ratio) return Edition::kNone;
  const bool numbers_alike = e.numbers >= kNumbersAlike && e.common_numbers >= kMinCommonNumbers;
  const bool anchors_count = e.shared_anchor_weight >= kMinSharedAnchorWeight;
  const bool few_numbers = std::min(a.numbers.size(), b.numbers.size()) < kMinCommonNumbers;
  if (numbers_alike && e.anchors >= kAnchorsWithNumbers) return Edition::kTranslation;
  if (e.numbers_of_shorter >= kNumbersNearlyAll && e.numbers >= kNumbersOfLonger &&
      e.common_numbers >= kManyCommonNumbers) {
    return Edition::kTranslation;
  }
  if (anchors_count && e.anchors >= kAnchorsAlike && (few_numbers || e.numbers >= 0.3)) {
    return Edition::kTranslation;
  }
  if (anchors_count && e.anchors >= kAnchorsAlone) return Edition::kTranslation;
  // An unknown language may hide a version (a short text CLD2 could not
  // place): nearly the same shingles are the same text.
  if (same_text) return Edition::kVersion;
  return Edition::kNone;
}

double Strength(const PairEvidence& e) { return e.declared ? 10 : e.numbers + e.anchors + e.sketch; }

}  // namespace archivist::works
