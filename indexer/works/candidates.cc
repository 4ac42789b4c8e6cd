// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/works/candidates.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/schema.h"

namespace archivist::works {
namespace {

// A feature held by more documents than this finds no candidates: it is a
// template's or a topic's, and reading its postings would cost the most.
// Grows slowly with the index, so a large archive's groups still qualify.
std::size_t MaxCandidateFrequency(std::size_t documents) {
  return std::max<std::size_t>(200, documents / 200);
}
// How many postings a document's candidate search reads at most, its
// rarest features first, and how many of the best candidates by shared
// rarity are judged.
constexpr std::size_t kCandidatePostings = 6000;
constexpr std::size_t kJudgedCandidates = 30;
// A declared work may be large (a folder of a hundred translations).
constexpr std::size_t kMaxDeclaredMembers = 5000;

}  // namespace

std::optional<WorkFeatures> CandidateFinder::ReadFeatures(const std::string& id) {
  const std::string packed = reader_.ValueOf(id, schema::kSlotWorkFeatures);
  if (packed.empty()) return std::nullopt;
  Result<WorkFeatures> unpacked = UnpackWorkFeatures(packed);
  if (!unpacked.ok()) return std::nullopt;
  return std::move(unpacked).value();
}

std::optional<ComparableFeatures> CandidateFinder::Comparable(const std::string& id) {
  const std::optional<WorkFeatures> features = ReadFeatures(id);
  if (!features) return std::nullopt;
  LearnFrequencies(features->anchors);
  return MakeComparable(*features, [this](const std::string& anchor) { return Weight(anchor); });
}

std::size_t CandidateFinder::Frequency(const std::string& feature) {
  const std::uint64_t key = AnchorKey(feature);
  auto it = frequencies_.find(key);
  if (it == frequencies_.end()) {
    const std::string term = std::string(schema::kWorkFeaturePrefix) + feature;
    it = frequencies_.emplace(key, reader_.TermFrequencies({term}).front()).first;
  }
  return it->second;
}

// Reads the frequencies of those of `features` not known yet, in one
// request to the reader.
void CandidateFinder::LearnFrequencies(const std::vector<std::string>& features) {
  std::vector<std::uint64_t> unknown;
  std::vector<std::string> terms;
  for (const std::string& feature : features) {
    const std::uint64_t key = AnchorKey(feature);
    if (frequencies_.count(key)) continue;
    unknown.push_back(key);
    terms.push_back(std::string(schema::kWorkFeaturePrefix) + feature);
  }
  if (terms.empty()) return;
  const std::vector<std::size_t> counts = reader_.TermFrequencies(terms);
  for (std::size_t i = 0; i < unknown.size(); ++i) frequencies_.emplace(unknown[i], counts[i]);
}

// Inverse document frequency: a feature every document has weighs 0.
double CandidateFinder::Weight(const std::string& feature) {
  const double df = static_cast<double>(std::max<std::size_t>(Frequency(feature), 1));
  return std::max(0.0, std::log(static_cast<double>(std::max<std::size_t>(documents_, 1)) / df));
}

std::vector<std::string> CandidateFinder::Candidates(const std::string& id) {
  const std::optional<WorkFeatures> features = ReadFeatures(id);
  if (!features) return {};
  const std::size_t max_frequency = MaxCandidateFrequency(documents_);
  const std::vector<std::string> terms = FeatureTerms(*features);
  LearnFrequencies(terms);
  std::vector<std::pair<std::size_t, std::string>> rare;
  for (const std::string& feature : terms) {
    const bool declared = feature.starts_with("d:");
    const std::size_t df = Frequency(feature);
    if (df < 2 || (!declared && df > max_frequency)) continue;
    rare.emplace_back(declared ? 0 : df, feature);
  }
  std::sort(rare.begin(), rare.end());
  // The rarest features within the postings budget, read at once.
  std::vector<std::string> read;
  std::size_t postings = 0;
  for (const auto& [df, feature] : rare) {
    if (postings > kCandidatePostings) break;
    postings += df;
    read.push_back(std::string(schema::kWorkFeaturePrefix) + feature);
  }
  // Other features are held by at most max_frequency documents (above).
  const std::vector<std::vector<std::string>> holders =
      reader_.IdsWithTerms(read, std::max(kMaxDeclaredMembers, max_frequency));
  std::unordered_map<std::string, double> shared;
  for (std::size_t i = 0; i < read.size(); ++i) {
    const std::string& feature = rare[i].second;
    const bool declared = feature.starts_with("d:");
    for (const std::string& other : holders[i]) {
      if (other != id) shared[other] += declared ? 1e6 : Weight(feature);
    }
  }
  std::vector<std::pair<double, std::string>> ranked;
  ranked.reserve(shared.size());
  for (const auto& [other, score] : shared) ranked.emplace_back(-score, other);
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  for (const auto& [score, other] : ranked) {
    // Every declared member is judged, then the best of the rest.
    if (out.size() >= kJudgedCandidates && score > -1e6) break;
    out.push_back(other);
  }
  return out;
}

}  // namespace archivist::works
