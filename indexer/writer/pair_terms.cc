// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/writer/pair_terms.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/schema.h"

namespace archivist {

void AddWordPairs(Xapian::Document& doc, const PairWords& words) {
  // The frequent words' positions, in order. Adjacent positions make a
  // pair, as they make a phrase: whatever the analysis put between fields
  // and pages (a skipped position) separates pairs too.
  std::vector<std::string> frequent;
  std::vector<std::pair<Xapian::termpos, std::size_t>> positions;  // position, index in frequent
  if (!words.empty()) {
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      std::string term = *t;
      if (!schema::IsWordTerm(term) || words.GenerationOf(term) < 0) continue;
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
        positions.emplace_back(*p, frequent.size());
      }
      frequent.push_back(std::move(term));
    }
  }
  std::sort(positions.begin(), positions.end());
  std::vector<std::string> pair_terms;
  for (std::size_t i = 0; i < positions.size(); ++i) {
    for (std::size_t j = i + 1;
         j < positions.size() && positions[j].first <= positions[i].first + 1; ++j) {
      if (positions[j].first != positions[i].first + 1) continue;
      std::string term = PairTermOf(frequent[positions[i].second], frequent[positions[j].second]);
      if (!term.empty()) pair_terms.push_back(std::move(term));
    }
  }
  for (const std::string& term : pair_terms) doc.add_boolean_term(term);
  doc.add_boolean_term(schema::PairGenerationTerm(words.generation()));
}

std::vector<std::string> NewFrequentWords(const Xapian::Database& db, const PairWords& known,
                                          Xapian::doccount min_documents) {
  const Xapian::doccount documents = db.get_doccount();
  if (documents == 0 || documents < min_documents) return {};
  const auto at_least =
      static_cast<Xapian::doccount>(std::ceil(kFrequentWordShare * static_cast<double>(documents)));
  std::vector<std::string> found;
  auto term = db.allterms_begin();
  while (term != db.allterms_end()) {
    const std::string word = *term;
    if (!schema::IsWordTerm(word)) {
      // Jump past every term of this upper-case letter: stems, filters and
      // pair terms are no words, and pair terms are many.
      term.skip_to(std::string(1, static_cast<char>(word[0] + 1)));
      continue;
    }
    if (term.get_termfreq() >= at_least && known.GenerationOf(word) < 0) found.push_back(word);
    ++term;
  }
  return found;
}

}  // namespace archivist
