// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/instruments.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/text.h"
#include "indexer/enrich/data/embedded_data.h"
#include "indexer/enrich/phrases.h"
#include "indexer/enrich/table_fields.h"

namespace archivist::enrich {
namespace {

// The compiled-in table, parsed once: every name as one phrase, numbered
// in the order of `dates_`.
class Instruments {
 public:
  Instruments() {
    std::vector<std::string> names;
    for (const std::string& line : SplitFields(data::kInstrumentsTsv, '\n')) {
      if (line.empty() || line[0] == '#') continue;
      const std::vector<std::string> cells = SplitFields(line, '\t');
      if (cells.size() != 2 || cells[0].size() != 10) {
        throw Exception(ErrorCode::kInternal, "instruments.tsv: malformed line '" + line + "'");
      }
      const FoundDate adopted{cells[0], std::stoi(cells[0].substr(0, 4))};
      for (const std::string& name : SplitFields(cells[1], '|')) {
        names.push_back(FoldWord(name));
        dates_.push_back(adopted);
        words_.push_back(SplitFoldedWords(names.back()).size());
      }
    }
    names_ = std::make_unique<PhraseSet>(names);
  }

  // The date of the instrument `words` name and nothing more (see the
  // header), or an empty date.
  FoundDate Named(const std::vector<FoldedWord>& words,
                  const std::vector<std::string>& language_names) const {
    static constexpr std::array<std::string_view, 11> kArticles = {
        "the", "la", "le", "l", "die", "de", "het", "a", "o", "el", "los"};
    for (std::size_t start = 0; start < words.size() && start < 2; ++start) {
      if (start == 1 && std::find(kArticles.begin(), kArticles.end(), words[0].text) ==
                            kArticles.end()) {
        break;
      }
      const int name = names_->MatchAt(words, start);
      if (name < 0) continue;
      const std::size_t after = start + words_[static_cast<std::size_t>(name)];
      std::string rest;
      for (std::size_t k = after; k < words.size(); ++k) {
        if (!rest.empty()) rest += ' ';
        rest += words[k].text;
      }
      if (rest.empty() || std::find(language_names.begin(), language_names.end(), rest) !=
                              language_names.end()) {
        return dates_[static_cast<std::size_t>(name)];
      }
    }
    return {};
  }

 private:
  std::vector<FoundDate> dates_;
  std::vector<std::size_t> words_;
  std::unique_ptr<PhraseSet> names_;
};

const Instruments& TheInstruments() {
  static const Instruments kInstruments;  // immutable once built
  return kInstruments;
}

// The names of `language` a copy may be labelled with, folded: in English
// ("Croatian") and in itself ("hrvatski"), from ICU (CLDR).
std::vector<std::string> LanguageNames(std::string_view language) {
  std::vector<std::string> names;
  if (language.empty() || language == "und") return names;
  const icu::Locale locale(std::string(language).c_str());
  for (const icu::Locale& in : {icu::Locale("en"), locale}) {
    icu::UnicodeString name;
    locale.getDisplayLanguage(in, name);
    std::string utf8;
    name.toUTF8String(utf8);
    // "norwegian bokmal" from "Norwegian Bokmål"; words as SplitFoldedWords
    // sees them, one space apart.
    const std::string folded = FoldWord(utf8);
    std::string joined;
    for (const FoldedWord& word : SplitFoldedWords(folded)) {
      if (!joined.empty()) joined += ' ';
      joined += word.text;
    }
    if (!joined.empty() && joined != language) names.push_back(joined);
  }
  return names;
}

// A heading set letter by letter ("세 계 인 권 선 언", "U N I T E D"), as
// titles are spaced out for display, reads as its letters joined: `label`
// without its spaces when it is three or more characters each standing
// alone (judged before folding, which may make one Hangul syllable several
// letters); "" when it is not letter-spaced.
std::string LetterSpaced(std::string_view label) {
  constexpr std::size_t kMinLetters = 3;
  std::string joined;
  std::size_t letters = 0;
  std::size_t at = 0;
  while (at < label.size()) {
    if (label[at] == ' ') {
      ++at;
      continue;
    }
    std::size_t end = label.find(' ', at);
    if (end == std::string_view::npos) end = label.size();
    const std::string_view word = label.substr(at, end - at);
    // One UTF-8 character: a lead byte and its continuation bytes only.
    const auto continuation = std::count_if(word.begin() + 1, word.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
    });
    if (static_cast<std::size_t>(continuation) + 1 != word.size()) return "";
    joined += word;
    ++letters;
    at = end;
  }
  return letters >= kMinLetters ? joined : "";
}

}  // namespace

FoundDate InstrumentDate(std::string_view title, std::string_view heading,
                         std::string_view language) {
  const std::vector<std::string> language_names = LanguageNames(language);
  for (const std::string_view label : {title, heading}) {
    if (label.empty()) continue;
    const std::string folded = FoldWord(label);
    FoundDate found = TheInstruments().Named(SplitFoldedWords(folded), language_names);
    if (found.year > 0) return found;
    if (const std::string joined = LetterSpaced(label); !joined.empty()) {
      const std::string folded_joined = FoldWord(joined);
      found = TheInstruments().Named(SplitFoldedWords(folded_joined), language_names);
      if (found.year > 0) return found;
    }
  }
  return {};
}

}  // namespace archivist::enrich
