// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/analysis.h"

#include <map>
#include <memory>
#include <string>

#include "core/stop_words.h"

namespace archivist {
namespace {

using StopperTable = std::map<std::string, std::unique_ptr<Xapian::SimpleStopper>, std::less<>>;

StopperTable BuildStoppers() {
  StopperTable stoppers;
  for (const auto& [language, words] : StopWordLists()) {
    auto stopper = std::make_unique<Xapian::SimpleStopper>();
    for (const std::string& word : words) stopper->add(word);
    stoppers[language] = std::move(stopper);
  }
  return stoppers;
}

}  // namespace

Xapian::Stem StemmerFor(std::string_view language) {
  // Xapian 1.4.22's "dutch" is the Porter-style Dutch stemmer; later series
  // change what that name means, so it is named here, in one place.
  if (language == "en") return Xapian::Stem("english");
  if (language == "fr") return Xapian::Stem("french");
  if (language == "nl") return Xapian::Stem("dutch");
  if (language == "pt") return Xapian::Stem("portuguese");
  if (language == "es") return Xapian::Stem("spanish");
  if (language == "de") return Xapian::Stem("german");
  return Xapian::Stem("none");
}

const Xapian::Stopper* StopperFor(std::string_view language) {
  // Built once from the compiled-in lists and read-only after: a shared
  // table, not shared state.
  static const StopperTable kStoppers = BuildStoppers();
  const auto it = kStoppers.find(language);
  return it == kStoppers.end() ? nullptr : it->second.get();
}

}  // namespace archivist
