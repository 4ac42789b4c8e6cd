// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/analysis.h"

#include <map>
#include <memory>
#include <string>

#include "core/data/stopwords_data.h"

namespace archivist {
namespace {

using StopperTable = std::map<std::string, std::unique_ptr<Xapian::SimpleStopper>, std::less<>>;

StopperTable BuildStoppers() {
  StopperTable stoppers;
  std::string_view rest = data::kStopwordsTsv;
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    const std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    const std::size_t tab = line.find('\t');
    if (line.empty() || line[0] == '#' || tab == std::string_view::npos) continue;
    auto stopper = std::make_unique<Xapian::SimpleStopper>();
    std::string_view words = line.substr(tab + 1);
    while (!words.empty()) {
      const std::size_t space = words.find(' ');
      if (const std::string_view word = words.substr(0, space); !word.empty()) {
        stopper->add(std::string(word));
      }
      words = space == std::string_view::npos ? std::string_view() : words.substr(space + 1);
    }
    stoppers[std::string(line.substr(0, tab))] = std::move(stopper);
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
