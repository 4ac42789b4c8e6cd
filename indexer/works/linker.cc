// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/works/linker.h"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/log.h"
#include "core/schema.h"
#include "indexer/works/candidates.h"
#include "indexer/works/features.h"
#include "indexer/works/grouping.h"
#include "indexer/works/similarity.h"

namespace archivist::works {
namespace {

// How many documents a reading thread prepares at once
// (CandidateFinder::Prepare): their features' frequencies are read in term
// order. Bounded, as their features are kept until used.
constexpr std::size_t kPreparedBatch = 512;

// How many threads read candidates before the pass judges them: the end
// of a run has the machine to itself.
std::size_t ReadingThreads() {
  return std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
}

class Linker {
 public:
  explicit Linker(writer::IndexWriter& writer)
      : writer_(writer), documents_(writer.DocumentCount()), finder_(writer, documents_) {}

  LinkSummary Run(const std::vector<std::string>& changed_ids,
                  const std::vector<std::string>& left_editions) {
    std::set<std::string> involved;
    std::vector<EditionLink> links;
    std::set<std::string> seeds;
    ReadAhead(changed_ids);
    for (const std::string& id : changed_ids) {
      if (without_candidates_.count(id) || Features(id)) seeds.insert(id);
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
      const DocumentRecord* record = RecordOfAWork(id);
      if (!record || old_groups.count(record->work)) continue;
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
  // The changed documents' comparable features and candidates, read on
  // threads of their own, each with a reader of the last commit (the
  // writer has one thread): most of a pass is reading them. The same as
  // Features() and Candidates() would read, each document's alone.
  void ReadAhead(const std::vector<std::string>& ids) {
    const std::size_t threads = std::min(ReadingThreads(), ids.size());
    if (threads < 2) return;
    struct Share {
      std::unique_ptr<writer::IndexReader> reader;
      std::vector<std::pair<std::string, std::optional<ComparableFeatures>>> features;
      std::vector<std::pair<std::string, std::vector<std::string>>> candidates;
      std::vector<std::string> without_candidates;
      std::exception_ptr failure;
    };
    std::vector<Share> shares(threads);
    for (Share& share : shares) share.reader = writer_.ReaderOfLastCommit();
    std::vector<std::thread> workers;
    for (std::size_t t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        Share& share = shares[t];
        try {
          CandidateFinder finder(*share.reader, documents_);
          std::size_t prepared_left = 0;  // of the ids the last Prepare read
          for (std::size_t i = t; i < ids.size(); i += threads) {
            if (prepared_left == 0) {
              std::vector<std::string> batch;
              for (std::size_t j = i; j < ids.size() && batch.size() < kPreparedBatch;
                   j += threads) {
                batch.push_back(ids[j]);
              }
              finder.Prepare(batch);
              prepared_left = batch.size();
            }
            --prepared_left;
            std::optional<ComparableFeatures> comparable = finder.Comparable(ids[i]);
            if (!comparable) {
              share.features.emplace_back(ids[i], std::nullopt);
              continue;
            }
            std::vector<std::string> found = finder.Candidates(ids[i]);
            if (found.empty()) {
              share.without_candidates.push_back(ids[i]);
              continue;
            }
            share.features.emplace_back(ids[i], std::move(comparable));
            share.candidates.emplace_back(ids[i], std::move(found));
          }
        } catch (...) {
          share.failure = std::current_exception();
        }
      });
    }
    for (std::thread& worker : workers) worker.join();
    for (Share& share : shares) {
      if (share.failure) std::rethrow_exception(share.failure);
      for (auto& [id, comparable] : share.features) features_.emplace(id, std::move(comparable));
      for (auto& [id, found] : share.candidates) candidates_.emplace(id, std::move(found));
      without_candidates_.insert(share.without_candidates.begin(), share.without_candidates.end());
    }
  }

  // What comparing `id` reads, kept for every document the pass may
  // compare: the compact form (similarity.h ComparableFeatures), whose
  // anchors are weighed once, when it is read.
  const std::optional<ComparableFeatures>& Features(const std::string& id) {
    auto it = features_.find(id);
    if (it != features_.end()) return it->second;
    std::optional<ComparableFeatures> comparable = finder_.Comparable(id);
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

  // The stored record of `id` when it belongs to a work, else nullptr;
  // read for the old groups. A record of no work that lists no edition is
  // not kept (a full run meets every document, and most are alone):
  // writing it alone changes nothing (Write), and Record reads it again
  // if it joins a group.
  const DocumentRecord* RecordOfAWork(const std::string& id) {
    if (alone_.count(id)) return nullptr;
    auto it = records_.find(id);
    if (it == records_.end()) {
      std::optional<DocumentRecord> record = writer_.FindById(id);
      if (record && record->work.empty() && record->translations.empty() &&
          record->versions.empty()) {
        alone_.insert(id);
        return nullptr;
      }
      it = records_.emplace(id, std::move(record)).first;
    }
    return it->second && !it->second->work.empty() ? &*it->second : nullptr;
  }

  const std::optional<DocumentRecord>& Record(const std::string& id) {
    auto it = records_.find(id);
    if (it == records_.end()) it = records_.emplace(id, writer_.FindById(id)).first;
    return it->second;
  }

  // The documents sharing the rarest of `id`'s features, best first; asked
  // for each seed and again for each candidate judged against it (whether
  // each is the other's strongest), so kept.
  const std::vector<std::string>& Candidates(const std::string& id) {
    static const std::vector<std::string> kNone;
    if (without_candidates_.count(id)) return kNone;
    auto memo = candidates_.find(id);
    if (memo == candidates_.end()) memo = candidates_.emplace(id, finder_.Candidates(id)).first;
    return memo->second;
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
    // Alone before and after: the record would be written as it is.
    if (members.size() == 1 && alone_.count(members.front())) return;
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
  CandidateFinder finder_;  // through the writer
  // Features of the documents with candidates; those without are only
  // listed (most of a full run's), and read again if another's candidates
  // name them.
  std::unordered_map<std::string, std::optional<ComparableFeatures>> features_;
  std::unordered_set<std::string> without_candidates_;
  std::unordered_set<std::string> alone_;  // stored records of no work, listing no edition
  std::unordered_map<std::string, std::optional<DocumentRecord>> records_;
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
