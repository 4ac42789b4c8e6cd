// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/works/similarity.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <utility>

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
// - a side holding fewer anchors than this proves little by sharing them
//   all (a template's line or two left in English: "Some English to begin
//   with.", a date, a footnote), so its anchors lead only where the
//   numbers agree too or are too few to tell;
constexpr std::size_t kFewAnchors = 5;
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

namespace {

// Bit-parallel (Hyyrö 2004): one bit per element of the shorter sequence,
// 64 of them per machine word, so two sequences of 400 numbers cost 400 x 7
// word operations instead of 160,000 string comparisons; that comparison
// was most of a linking pass (25 s of a 100 s index of 4,550 files).
template <typename T, typename Key>
std::size_t BitParallelCommonSubsequence(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.empty() || b.empty()) return 0;
  const std::vector<T>& rows = a.size() <= b.size() ? a : b;
  const std::vector<T>& columns = a.size() <= b.size() ? b : a;
  const std::size_t words = (rows.size() + 63) / 64;
  // Where each value occurs in `rows`, as a bit mask.
  std::unordered_map<Key, std::vector<std::uint64_t>> where;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::vector<std::uint64_t>& mask = where[rows[i]];
    if (mask.empty()) mask.assign(words, 0);
    mask[i / 64] |= std::uint64_t{1} << (i % 64);
  }
  // A zero bit in `v` marks a row the common subsequence has used.
  std::vector<std::uint64_t> v(words, ~std::uint64_t{0});
  for (const T& value : columns) {
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

std::uint64_t Fnv1a64(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace

std::size_t CommonSubsequence(const std::vector<std::string>& a,
                              const std::vector<std::string>& b) {
  return BitParallelCommonSubsequence<std::string, std::string_view>(a, b);
}

std::size_t CommonSubsequence(const std::vector<std::uint64_t>& a,
                              const std::vector<std::uint64_t>& b) {
  return BitParallelCommonSubsequence<std::uint64_t, std::uint64_t>(a, b);
}

std::uint64_t NumberKey(std::string_view digits) {
  // Up to 12 digits: the value below 2^40, the count of digits (which
  // tells "007" from "7") in the low 4 bits. Anything longer, which
  // features.h never keeps, is hashed.
  if (digits.size() > 12) return Fnv1a64(digits) | (std::uint64_t{1} << 63);
  std::uint64_t value = 0;
  for (char c : digits) value = value * 10 + static_cast<std::uint64_t>(c - '0');
  return (value << 4) | digits.size();
}

std::uint64_t AnchorKey(std::string_view anchor) { return Fnv1a64(anchor); }

ComparableFeatures MakeComparable(const WorkFeatures& f, const AnchorWeight& weight) {
  ComparableFeatures c;
  c.language = f.language;
  c.chars = f.chars;
  c.numbers.reserve(f.numbers.size());
  for (const std::string& n : f.numbers) c.numbers.push_back(NumberKey(n));
  std::vector<std::pair<std::uint64_t, double>> anchors;
  anchors.reserve(f.anchors.size());
  for (const std::string& a : f.anchors) anchors.emplace_back(AnchorKey(a), weight(a));
  std::sort(anchors.begin(), anchors.end());
  c.anchors.reserve(anchors.size());
  c.anchor_weights.reserve(anchors.size());
  for (const auto& [key, w] : anchors) {
    if (!c.anchors.empty() && c.anchors.back() == key) continue;
    c.anchors.push_back(key);
    c.anchor_weights.push_back(w);
    c.anchor_weight += w;
  }
  c.sketch = f.sketch;
  c.declared = f.declared;
  c.title_words = f.title_words;
  c.title_numbers = f.title_numbers;
  return c;
}

PairEvidence Compare(const ComparableFeatures& a, const ComparableFeatures& b) {
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

  // Both sorted: the shared anchors in one merge.
  for (std::size_t i = 0, j = 0; i < a.anchors.size() && j < b.anchors.size();) {
    if (a.anchors[i] < b.anchors[j]) {
      ++i;
    } else if (b.anchors[j] < a.anchors[i]) {
      ++j;
    } else {
      e.shared_anchor_weight += a.anchor_weights[i];
      ++e.shared_anchors;
      ++i;
      ++j;
    }
  }
  const double smaller = std::min(a.anchor_weight, b.anchor_weight);
  e.anchors = smaller > 0 ? e.shared_anchor_weight / smaller : 0;
  e.smaller_side_anchors = a.anchor_weight <= b.anchor_weight ? a.anchors.size() : b.anchors.size();
  return e;
}

PairEvidence Compare(const WorkFeatures& a, const WorkFeatures& b, const AnchorWeight& weight) {
  return Compare(MakeComparable(a, weight), MakeComparable(b, weight));
}

namespace {

Edition JudgeEvidence(const std::string& language_a, const std::string& language_b,
                      std::size_t numbers_a, std::size_t numbers_b, const PairEvidence& e) {
  const bool same_language = Known(language_a) && language_a == language_b;
  if (e.declared) return same_language ? Edition::kVersion : Edition::kTranslation;
  // Release notes of 2.30 and 2.31 share most sentences and their
  // numbers' order; their titles say they are two works.
  if (e.title_numbers_differ) return Edition::kNone;
  // A template's pages share their shingles (menus, headers, a reference
  // page's layout) but each declares its own title.
  const bool same_text =
      e.sketch >= kSketchAlike && e.length_ratio <= kMaxVersionLengthRatio && !e.titles_differ;
  if (same_language) return same_text ? Edition::kVersion : Edition::kNone;

  const double max_ratio =
      (Dense(language_a) || Dense(language_b)) ? 2 * kMaxLengthRatio : kMaxLengthRatio;
  if (e.length_ratio > max_ratio) return Edition::kNone;
  const bool numbers_alike = e.numbers >= kNumbersAlike && e.common_numbers >= kMinCommonNumbers;
  // Anchors (identifiers, names, rare words) are what a translation copies
  // from its original, and also what two texts in one language share by
  // their subject: two LaTeX manuals share macro names, a collection of
  // examples shares its parts' words. With both languages known and
  // different, only the first is possible; with one unknown (a mixed text,
  // a page of code), the two may be in the same language, and the anchors
  // cannot lead. Numbers in order still can, the anchors confirming them
  // (a Japanese page full of English commands, which CLD2 cannot place).
  const bool anchors_count = e.shared_anchor_weight >= kMinSharedAnchorWeight;
  const bool few_numbers = std::min(numbers_a, numbers_b) < kMinCommonNumbers;
  // The Korean and Thai examples of one LaTeX package share four anchors,
  // all the Korean's, from the template's English lines; their numbers,
  // ten and twelve, half disagree (the Thai's list and second footnote).
  const bool numbers_disagree = !few_numbers && e.numbers < kNumbersAlike;
  const bool anchors_can_lead = e.smaller_side_anchors >= kFewAnchors || !numbers_disagree;
  const double leading_anchors =
      Known(language_a) && Known(language_b) && anchors_can_lead ? e.anchors : 0;
  if (numbers_alike && e.anchors >= kAnchorsWithNumbers) return Edition::kTranslation;
  if (e.numbers_of_shorter >= kNumbersNearlyAll && e.numbers >= kNumbersOfLonger &&
      e.common_numbers >= kManyCommonNumbers) {
    return Edition::kTranslation;
  }
  if (anchors_count && leading_anchors >= kAnchorsAlike && (few_numbers || e.numbers >= 0.3)) {
    return Edition::kTranslation;
  }
  if (anchors_count && leading_anchors >= kAnchorsAlone) return Edition::kTranslation;
  // An unknown language may hide a version (a short text CLD2 could not
  // place): nearly the same shingles are the same text.
  if (same_text) return Edition::kVersion;
  return Edition::kNone;
}

}  // namespace

Edition Judge(const ComparableFeatures& a, const ComparableFeatures& b, const PairEvidence& e) {
  return JudgeEvidence(a.language, b.language, a.numbers.size(), b.numbers.size(), e);
}

Edition Judge(const WorkFeatures& a, const WorkFeatures& b, const PairEvidence& e) {
  return JudgeEvidence(a.language, b.language, a.numbers.size(), b.numbers.size(), e);
}

double Strength(const PairEvidence& e) {
  return e.declared ? 10 : e.numbers + e.anchors + e.sketch;
}

}  // namespace archivist::works
