// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/works/linker.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <unordered_map>

#include "core/log.h"
#include "core/schema.h"
#include "indexer/works/features.h"
#include "indexer/works/grouping.h"
#include "indexer/works/similarity.h"

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

class Linker {
 public:
  explicit Linker(writer::IndexWriter& writer)
      : writer_(writer), documents_(writer.DocumentCount()) {}

  LinkSummary Run(const std::vector<std::string>& changed_ids,
                  const std::vector<std::string>& left_editions) {
    std::set<std::string> involved;
    std::vector<EditionLink> links;
    std::set<std::string> seeds;
    for (const std::string& id : changed_ids) {
      if (Features(id)) seeds.insert(id);
    }
    for (const std::string& id : seeds) {
      involved.insert(id);
      for (const std::string& candidate : Candidates(id)) {
        if (Linked(id, candidate)) {
          links.push_back({id, candidate, Judged(id, candidate).strength});
          involved.insert(candidate);
        }
      }
    }
    // The old groups of everything involved, and those that lost a member,
    // are judged again pair by pair: a changed member may have been the
    // only bridge between two halves. A group's members are what each
    // member's record lists as its editions.
    std::set<std::string> old_members(left_editions.begin(), left_editions.end());
    for (const std::string& id : involved) old_members.insert(id);
    std::map<std::string, std::vector<std::string>> old_groups;  // work → members
    for (const std::string& id : old_members) {
      const std::optional<DocumentRecord>& record = Record(id);
      if (!record || record->work.empty() || old_groups.count(record->work)) continue;
      std::vector<std::string>& members = old_groups[record->work];
      for (const std::string& member : EditionsOf(*record)) {
        if (!seeds.count(member) && Record(member)) members.push_back(member);
      }
    }
    for (const auto& [work, members] : old_groups) {
      for (std::size_t i = 0; i < members.size(); ++i) {
        involved.insert(members[i]);
        for (std::size_t j = i + 1; j < members.size(); ++j) {
          if (Linked(members[i], members[j])) {
            links.push_back({members[i], members[j], Judged(members[i], members[j]).strength});
          }
        }
      }
    }
    // Two groups join only where most pairs across them that were compared
    // (one a candidate of the other, or both in one old group) are linked:
    // one wrong link (a template's page taken for a version) bridges nothing.
    const std::vector<std::vector<std::string>> groups =
        GroupEditions({involved.begin(), involved.end()}, std::move(links),
                      [&](const std::string& a, const std::string& b) {
                        if (!WasJudged(a, b)) return PairVerdict::kNotCompared;
                        return Linked(a, b) ? PairVerdict::kEditions : PairVerdict::kNotEditions;
                      });
    summary_.examined = involved.size();
    for (const std::vector<std::string>& members : groups) Write(members);
    return summary_;
  }

 private:
  // The features of `id` as stored, or none (a document indexed without
  // them, or gone). Read again where their terms are needed (a document's
  // candidates), rather than kept for every document.
  std::optional<WorkFeatures> ReadFeatures(const std::string& id) {
    const std::string packed = writer_.ValueOf(id, schema::kSlotWorkFeatures);
    if (packed.empty()) return std::nullopt;
    Result<WorkFeatures> unpacked = UnpackWorkFeatures(packed);
    if (!unpacked.ok()) return std::nullopt;
    return std::move(unpacked).value();
  }

  // What comparing `id` reads, kept for every document the pass may
  // compare: the compact form (similarity.h ComparableFeatures), whose
  // anchors are weighed once, when it is read.
  const std::optional<ComparableFeatures>& Features(const std::string& id) {
    auto it = features_.find(id);
    if (it != features_.end()) return it->second;
    std::optional<ComparableFeatures> comparable;
    if (const std::optional<WorkFeatures> features = ReadFeatures(id)) {
      LearnFrequencies(features->anchors);
      comparable =
          MakeComparable(*features, [this](const std::string& anchor) { return Weight(anchor); });
    }
    return features_.emplace(id, std::move(comparable)).first->second;
  }

  // A grouped document and the other editions its record lists: its work.
  static std::vector<std::string> EditionsOf(const DocumentRecord& record) {
    std::vector<std::string> members = {record.id};
    for (const auto* editions : {&record.translations, &record.versions}) {
      for (const RelatedEdition& edition : *editions) members.push_back(edition.id);
    }
    return members;
  }

  const std::optional<DocumentRecord>& Record(const std::string& id) {
    auto it = records_.find(id);
    if (it == records_.end()) it = records_.emplace(id, writer_.FindById(id)).first;
    return it->second;
  }

  // Frequencies are kept under a 64-bit hash of their feature: the
  // features of a whole archive are hundreds of thousands of strings.
  std::size_t Frequency(const std::string& feature) {
    const std::uint64_t key = AnchorKey(feature);
    auto it = frequencies_.find(key);
    if (it == frequencies_.end()) {
      const std::string term = std::string(schema::kWorkFeaturePrefix) + feature;
      it = frequencies_.emplace(key, writer_.TermFrequency(term)).first;
    }
    return it->second;
  }

  // Reads the frequencies of those of `features` not known yet, in one
  // request to the writer.
  void LearnFrequencies(const std::vector<std::string>& features) {
    std::vector<std::uint64_t> unknown;
    std::vector<std::string> terms;
    for (const std::string& feature : features) {
      const std::uint64_t key = AnchorKey(feature);
      if (frequencies_.count(key)) continue;
      unknown.push_back(key);
      terms.push_back(std::string(schema::kWorkFeaturePrefix) + feature);
    }
    if (terms.empty()) return;
    const std::vector<std::size_t> counts = writer_.TermFrequencies(terms);
    for (std::size_t i = 0; i < unknown.size(); ++i) frequencies_.emplace(unknown[i], counts[i]);
  }

  // Inverse document frequency: a feature every document has weighs 0.
  double Weight(const std::string& feature) {
    const double df = static_cast<double>(std::max<std::size_t>(Frequency(feature), 1));
    return std::max(0.0, std::log(static_cast<double>(std::max<std::size_t>(documents_, 1)) / df));
  }

  // The documents sharing the rarest of `id`'s features, best first; asked
  // for each seed and again for each candidate judged against it (whether
  // each is the other's strongest), so kept.
  const std::vector<std::string>& Candidates(const std::string& id) {
    auto memo = candidates_.find(id);
    if (memo == candidates_.end()) memo = candidates_.emplace(id, FindCandidates(id)).first;
    return memo->second;
  }

  std::vector<std::string> FindCandidates(const std::string& id) {
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
        writer_.IdsWithTerms(read, std::max(kMaxDeclaredMembers, max_frequency));
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

  // A small number for each document the pass meets, so that a judged
  // pair is kept as one integer rather than two strings (a whole
  // archive's pass judges a hundred thousand pairs).
  std::uint32_t Number(const std::string& id) {
    return numbers_.emplace(id, static_cast<std::uint32_t>(numbers_.size())).first->second;
  }

  static std::uint64_t PairKey(std::uint32_t x, std::uint32_t y) {
    return x < y ? (std::uint64_t{x} << 32) | y : (std::uint64_t{y} << 32) | x;
  }

  bool WasJudged(const std::string& a, const std::string& b) {
    const auto x = numbers_.find(a);
    const auto y = numbers_.find(b);
    return x != numbers_.end() && y != numbers_.end() &&
           verdicts_.count(PairKey(x->second, y->second)) > 0;
  }

  struct Verdict {
    Edition edition = Edition::kNone;
    double strength = 0;
    bool declared = false;
  };

  // Two documents judged on their evidence alone (similarity.h).
  const Verdict& Judged(const std::string& a, const std::string& b) {
    const std::uint64_t key = PairKey(Number(a), Number(b));
    const auto memo = verdicts_.find(key);
    if (memo != verdicts_.end()) return memo->second;
    const std::optional<ComparableFeatures>& fa = Features(a);
    const std::optional<ComparableFeatures>& fb = Features(b);
    Verdict verdict;
    if (fa && fb) {
      ++summary_.compared;
      const PairEvidence evidence = Compare(*fa, *fb);
      verdict = {Judge(*fa, *fb, evidence), Strength(evidence), evidence.declared};
      Log(LogLevel::kDebug, "works", "judged",
          {{"a", a},
           {"b", b},
           {"edition", verdict.edition == Edition::kNone          ? "none"
                       : verdict.edition == Edition::kTranslation ? "translation"
                                                                  : "version"},
           {"numbers", std::to_string(evidence.numbers)},
           {"numbers_of_shorter", std::to_string(evidence.numbers_of_shorter)},
           {"common_numbers", std::to_string(evidence.common_numbers)},
           {"anchors", std::to_string(evidence.anchors)},
           {"shared_weight", std::to_string(evidence.shared_anchor_weight)},
           {"shared_anchors", std::to_string(evidence.shared_anchors)},
           {"smaller_side_anchors", std::to_string(evidence.smaller_side_anchors)},
           {"sketch", std::to_string(evidence.sketch)},
           {"length_ratio", std::to_string(evidence.length_ratio)}});
    }
    return verdicts_.emplace(key, verdict).first->second;
  }

  // The strongest translation of `id` in each language among its
  // candidates: a work has one edition per language unless the same text
  // comes twice (a version).
  const std::unordered_map<std::string, double>& BestByLanguage(const std::string& id) {
    auto it = best_.find(id);
    if (it != best_.end()) return it->second;
    std::unordered_map<std::string, double> best;
    for (const std::string& candidate : Candidates(id)) {
      const Verdict& verdict = Judged(id, candidate);
      if (verdict.edition != Edition::kTranslation) continue;
      double& strongest = best[Features(candidate)->language];
      strongest = std::max(strongest, verdict.strength);
    }
    return best_.emplace(id, std::move(best)).first->second;
  }

  bool StrongestIn(const std::string& id, const std::string& other, double strength) {
    const auto& best = BestByLanguage(id);
    const auto it = best.find(Features(other)->language);
    return it == best.end() || strength >= it->second;
  }

  // Whether `a` and `b` are linked: a version or a declared edition
  // outright; a translation only when each is the other's strongest in
  // its language, so that of two statutes of one year with much in
  // common, only the true twin is linked.
  bool Linked(const std::string& a, const std::string& b) {
    const Verdict verdict = Judged(a, b);
    if (verdict.edition == Edition::kNone) return false;
    if (verdict.edition == Edition::kVersion || verdict.declared) return true;
    return StrongestIn(a, b, verdict.strength) && StrongestIn(b, a, verdict.strength);
  }

  // Gives every member of one group (or a lone document) its links.
  void Write(const std::vector<std::string>& members) {
    const std::string work = members.size() > 1 ? members.front() : "";
    for (const std::string& id : members) {
      const std::optional<DocumentRecord>& stored = Record(id);
      if (!stored) continue;
      DocumentRecord record = *stored;
      record.work = work;
      record.translations.clear();
      record.versions.clear();
      if (members.size() > 1) {
        for (const std::string& other : members) {
          if (other == id) continue;
          const std::optional<DocumentRecord>& o = Record(other);
          if (!o) continue;
          RelatedEdition edition{o->id, o->language, o->title};
          (o->language == record.language ? record.versions : record.translations)
              .push_back(std::move(edition));
        }
        auto by_language = [](const RelatedEdition& x, const RelatedEdition& y) {
          return std::tie(x.language, x.id) < std::tie(y.language, y.id);
        };
        std::sort(record.translations.begin(), record.translations.end(), by_language);
        std::sort(record.versions.begin(), record.versions.end(), by_language);
      }
      if (record == *stored) continue;
      writer_.UpdateRecord(record);
      ++summary_.rewritten;
    }
  }

  writer::IndexWriter& writer_;
  const std::size_t documents_;
  std::unordered_map<std::string, std::optional<ComparableFeatures>> features_;
  std::unordered_map<std::string, std::optional<DocumentRecord>> records_;
  std::unordered_map<std::uint64_t, std::size_t> frequencies_;  // by AnchorKey of the feature
  std::unordered_map<std::string, std::vector<std::string>> candidates_;
  std::unordered_map<std::string, std::uint32_t> numbers_;  // Number
  std::unordered_map<std::uint64_t, Verdict> verdicts_;     // by PairKey
  std::unordered_map<std::string, std::unordered_map<std::string, double>> best_;
  LinkSummary summary_;
};

}  // namespace

LinkSummary LinkWorks(writer::IndexWriter& writer, const std::vector<std::string>& changed_ids,
                      const std::vector<std::string>& left_editions) {
  return Linker(writer).Run(changed_ids, left_editions);
}

}  // namespace archivist::works
