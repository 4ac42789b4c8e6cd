// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/analysis.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_set>
#include <utility>

#include "core/analysis_stem_memo.h"
#include "core/stop_words.h"

namespace archivist {
namespace {

// Xapian's SimpleStopper looks each word up in a std::set: a dozen string
// comparisons for every word the indexer reads. A hash set answers the
// same for 1 % fewer indexing instructions (issue 19: Xapian's
// TermGenerator 6.48 -> 6.18 G instructions on 500 generated files).
class StopWordSet final : public Xapian::Stopper {
 public:
  explicit StopWordSet(const std::set<std::string, std::less<>>& words)
      : words_(words.begin(), words.end()) {}
  bool operator()(const std::string& word) const override { return words_.count(word) != 0; }
  std::string get_description() const override {
    return "archivist::StopWordSet(" + std::to_string(words_.size()) + " words)";
  }

 private:
  std::unordered_set<std::string> words_;
};

using StopperTable = std::map<std::string, std::unique_ptr<StopWordSet>, std::less<>>;

StopperTable BuildStoppers() {
  StopperTable stoppers;
  for (const auto& [language, words] : StopWordLists()) {
    stoppers[language] = std::make_unique<StopWordSet>(words);
  }
  return stoppers;
}

// The languages we stem, with their Snowball names. Xapian 1.4.22's
// "dutch" is the Porter-style Dutch stemmer; later series change what that
// name means, so it is named here, in one place.
constexpr std::pair<std::string_view, const char*> kStemmers[] = {
    {"en", "english"}, {"fr", "french"}, {"nl", "dutch"},
    {"pt", "portuguese"}, {"es", "spanish"}, {"de", "german"}};

using SharedMemoTable = std::map<std::string, std::unique_ptr<SharedStemMemo>, std::less<>>;

SharedMemoTable BuildSharedMemos() {
  SharedMemoTable memos;
  for (const auto& [language, name] : kStemmers) {
    memos.emplace(language, std::make_unique<SharedStemMemo>(Xapian::Stem(name)));
  }
  return memos;
}

}  // namespace

Xapian::Stem StemmerFor(std::string_view language) {
  for (const auto& [code, name] : kStemmers) {
    if (language == code) return Xapian::Stem(name);
  }
  return Xapian::Stem("none");
}

const Xapian::Stopper* StopperFor(std::string_view language) {
  // Built once from the compiled-in lists and read-only after: a shared
  // table, not shared state.
  static const StopperTable kStoppers = BuildStoppers();
  const auto it = kStoppers.find(language);
  return it == kStoppers.end() ? nullptr : it->second.get();
}

SharedStemMemo* SharedStemMemoFor(std::string_view language) {
  // The table is built once and never changes; each memo guards itself.
  static const SharedMemoTable kMemos = BuildSharedMemos();
  const auto it = kMemos.find(language);
  return it == kMemos.end() ? nullptr : it->second.get();
}

}  // namespace archivist
