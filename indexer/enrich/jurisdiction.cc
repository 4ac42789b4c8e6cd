// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/jurisdiction.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include "core/error.h"
#include "core/text.h"
#include "indexer/enrich/data/embedded_data.h"
#include "indexer/enrich/doc_type.h"
#include "indexer/enrich/folded_text.h"
#include "indexer/enrich/phrases.h"
#include "indexer/enrich/table_fields.h"

namespace archivist::enrich {
namespace {

// A jurisdiction needs this much evidence (a gazette citation alone, or
// two lesser signs)...
constexpr double kMinWeight = 3.0;
// ...and this many times the weight of the next legal order: a Dutch text
// citing a Belgian gazette once is still Dutch law.
constexpr double kMinLead = 2.0;
// Two article headings make a text legislation here (doc_type.h wants
// eight for the whole document's type): a chapter of a statute may hold
// only a few.
constexpr int kMinArticleHeadings = 2;

struct Mark {
  std::string code;
  std::string language;  // "*": any
  double weight = 0;
};

// The compiled-in vocabulary, parsed once.
class Vocabulary {
 public:
  Vocabulary() {
    std::vector<std::string> mark_phrases;
    std::vector<std::string> form_phrases;
    for (const std::string& line : SplitFields(data::kJurisdictionsTsv, '\n')) {
      if (line.empty() || line[0] == '#') continue;
      const std::vector<std::string> cells = SplitFields(line, '\t');
      if (cells.size() != 5 || (cells[0] != "form" && cells[0] != "mark")) {
        throw Exception(ErrorCode::kInternal, "jurisdictions.tsv: malformed line '" + line + "'");
      }
      for (const std::string& phrase : SplitFields(cells[4], '|')) {
        const std::string folded = FoldWord(phrase);
        if (cells[0] == "form") {
          form_phrases.push_back(folded);
          form_languages_.push_back(cells[2]);
        } else {
          mark_phrases.push_back(folded);
          marks_.push_back({cells[1], cells[2], std::stod(cells[3])});
          words_.push_back(SplitFoldedWords(folded).size());
        }
      }
    }
    marks_set_ = std::make_unique<PhraseSet>(mark_phrases);
    forms_set_ = std::make_unique<PhraseSet>(form_phrases);
  }

  const PhraseSet& marks() const { return *marks_set_; }
  const Mark& mark(int number) const { return marks_[static_cast<std::size_t>(number)]; }
  std::size_t mark_words(int number) const { return words_[static_cast<std::size_t>(number)]; }
  const PhraseSet& forms() const { return *forms_set_; }
  const std::string& form_language(int number) const {
    return form_languages_[static_cast<std::size_t>(number)];
  }

 private:
  std::vector<Mark> marks_;
  std::vector<std::size_t> words_;
  std::vector<std::string> form_languages_;
  std::unique_ptr<PhraseSet> marks_set_;
  std::unique_ptr<PhraseSet> forms_set_;
};

const Vocabulary& TheVocabulary() {
  static const Vocabulary kVocabulary;  // immutable once built
  return kVocabulary;
}

bool Applies(const std::string& phrase_language, std::string_view language) {
  return phrase_language == "*" || phrase_language == language || language.empty() ||
         language == "und";
}

// A title that names a legal form of the text's language: "Wet op ...",
// "Besluit van 1 mei 2003 ...", "Lei nº 8.069".
bool TitleNamesLegalForm(const Vocabulary& vocabulary, std::string_view title,
                         std::string_view language) {
  const std::string folded = FoldWord(title);
  const std::vector<FoldedWord> words = SplitFoldedWords(folded);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const int form = vocabulary.forms().MatchAt(words, i);
    if (form >= 0 && Applies(vocabulary.form_language(form), language)) return true;
  }
  return false;
}

}  // namespace

std::string DetectJurisdiction(const JurisdictionEvidence& evidence) {
  const Vocabulary& vocabulary = TheVocabulary();
  const std::string_view text = Head(evidence.lower_folded_text, kJurisdictionScanBytes);
  const bool legislation =
      evidence.type == "legislation" ||
      TitleNamesLegalForm(vocabulary, evidence.title, evidence.language) ||
      CountArticleHeadings(text, kMinArticleHeadings) >= kMinArticleHeadings;
  if (!legislation) return "";

  // Each phrase counts once: a citation style repeated on every page is
  // one sign, not a hundred.
  const std::string title = FoldWord(evidence.title);
  std::set<int> found;
  for (const std::string_view part : {std::string_view(title), text}) {
    const std::vector<FoldedWord> words = SplitFoldedWords(part);
    for (std::size_t i = 0; i < words.size();) {
      const int mark = vocabulary.marks().MatchAt(words, i);
      if (mark < 0) {
        ++i;
        continue;
      }
      if (Applies(vocabulary.mark(mark).language, evidence.language)) found.insert(mark);
      i += vocabulary.mark_words(mark);  // "Belgisch Staatsblad" is not also a "Staatsblad"
    }
  }
  std::map<std::string, double> weight;
  for (const int mark : found) weight[vocabulary.mark(mark).code] += vocabulary.mark(mark).weight;
  std::string best;
  double best_weight = 0;
  double runner_up = 0;
  for (const auto& [code, w] : weight) {
    if (w > best_weight) {
      runner_up = best_weight;
      best = code;
      best_weight = w;
    } else {
      runner_up = std::max(runner_up, w);
    }
  }
  if (best_weight < kMinWeight || best_weight < kMinLead * runner_up) return "";
  return best;
}

}  // namespace archivist::enrich
