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

const WorkFeatures* CandidateFinder::FeaturesOf(const std::string& id) {
  auto prepared = prepared_.find(id);
  if (prepared == prepared_.end()) {
    Prepare({id});
    prepared = prepared_.find(id);
  }
  return prepared->second ? &*prepared->second : nullptr;
}

void CandidateFinder::Prepare(const std::vector<std::string>& ids) {
  prepared_.clear();
  std::vector<std::string> features;
  for (const std::string& id : ids) {
    std::optional<WorkFeatures> read = ReadFeatures(id);
    if (read) {
      features.insert(features.end(), read->anchors.begin(), read->anchors.end());
      const std::vector<std::string> terms = FeatureTerms(*read);
      features.insert(features.end(), terms.begin(), terms.end());
    }
    prepared_.emplace(id, std::move(read));
  }
  LearnFrequencies(features);
}

std::optional<ComparableFeatures> CandidateFinder::Comparable(const std::string& id) {
  const WorkFeatures* features = FeaturesOf(id);
  if (!features) return std::nullopt;
  return MakeComparable(*features, [this](const std::string& anchor) { return Weight(anchor); });
}

// Every feature asked for is one of a prepared document's, whose
// frequencies Prepare learnt; one it did not would count as held by none.
std::size_t CandidateFinder::Frequency(const std::string& feature) const {
  const auto it = frequencies_.find(AnchorKey(feature));
  return it == frequencies_.end() ? 0 : it->second;
}

// Reads the frequencies of those of `features` not known yet, in one
// request to the reader, in term order (Prepare says why).
void CandidateFinder::LearnFrequencies(const std::vector<std::string>& features) {
  std::vector<std::pair<std::string, std::uint64_t>> unknown;  // term, feature's key
  for (const std::string& feature : features) {
    const std::uint64_t key = AnchorKey(feature);
    if (frequencies_.count(key)) continue;
    unknown.emplace_back(std::string(schema::kWorkFeaturePrefix) + feature, key);
  }
  if (unknown.empty()) return;
  std::sort(unknown.begin(), unknown.end());
  unknown.erase(std::unique(unknown.begin(), unknown.end()), unknown.end());
  std::vector<std::string> terms;
  terms.reserve(unknown.size());
  for (const auto& entry : unknown) terms.push_back(entry.first);
  const std::vector<std::size_t> counts = reader_.TermFrequencies(terms);
  for (std::size_t i = 0; i < unknown.size(); ++i) {
    frequencies_.emplace(unknown[i].second, counts[i]);
  }
}

// Inverse document frequency: a feature every document has weighs 0.
double CandidateFinder::Weight(const std::string& feature) const {
  const double df = static_cast<double>(std::max<std::size_t>(Frequency(feature), 1));
  return std::max(0.0, std::log(static_cast<double>(std::max<std::size_t>(documents_, 1)) / df));
}

std::vector<std::string> CandidateFinder::Candidates(const std::string& id) {
  const WorkFeatures* features = FeaturesOf(id);
  if (!features) return {};
  const std::size_t max_frequency = MaxCandidateFrequency(documents_);
  const std::vector<std::string> terms = FeatureTerms(*features);
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
  const std::vector<std::vector<writer::IndexReader::DocKey>> holders =
      reader_.DocumentsWithTerms(read, std::max(kMaxDeclaredMembers, max_frequency));
  std::unordered_map<writer::IndexReader::DocKey, double> shared;
  for (std::size_t i = 0; i < read.size(); ++i) {
    const std::string& feature = rare[i].second;
    const double weight = feature.starts_with("d:") ? 1e6 : Weight(feature);
    for (const writer::IndexReader::DocKey other : holders[i]) shared[other] += weight;
  }
  return Best(id, shared);
}

std::vector<std::string> CandidateFinder::Best(
    const std::string& id, const std::unordered_map<writer::IndexReader::DocKey, double>& shared) {
  // Every declared member is judged (a score of 1e6 or more), then the
  // best of the rest up to kJudgedCandidates: as many as the larger of
  // the two, and one more, since `id` itself is among them. Only
  // documents scoring at least as well as the last of those can be
  // candidates, ties decided by id: only theirs are read.
  std::vector<std::pair<double, writer::IndexReader::DocKey>> ranked;
  ranked.reserve(shared.size());
  std::size_t declared = 0;
  for (const auto& [other, score] : shared) {
    ranked.emplace_back(-score, other);
    if (score >= 1e6) ++declared;
  }
  const std::size_t wanted = std::max(kJudgedCandidates, declared) + 1;
  if (ranked.size() > wanted) {
    const auto by_score = [](const auto& a, const auto& b) { return a.first < b.first; };
    std::nth_element(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(wanted - 1),
                     ranked.end(), by_score);
    const double bound = ranked[wanted - 1].first;
    std::erase_if(ranked, [bound](const auto& entry) { return entry.first > bound; });
  }
  std::vector<writer::IndexReader::DocKey> keys;
  keys.reserve(ranked.size());
  for (const auto& entry : ranked) keys.push_back(entry.second);
  const std::vector<std::string> ids = reader_.IdsOf(keys);
  std::vector<std::pair<double, std::string>> named;
  named.reserve(ranked.size());
  for (std::size_t k = 0; k < ranked.size(); ++k) {
    if (!ids[k].empty() && ids[k] != id) named.emplace_back(ranked[k].first, ids[k]);
  }
  std::sort(named.begin(), named.end());
  std::vector<std::string> out;
  for (const auto& [score, other] : named) {
    // Every declared member is judged, then the best of the rest.
    if (out.size() >= kJudgedCandidates && score > -1e6) break;
    out.push_back(other);
  }
  return out;
}

}  // namespace archivist::works
