// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/date_statements.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace archivist::enrich::date_text {
namespace {

// Words that say a document was made, adopted, signed, published or
// spoken, folded, in the six languages we analyse. `strong`: a bare year
// just after it is that date ("published in 2015"); the others ("made",
// "fait", "gegeven") need a day or a month with the year.
struct MakingWord {
  std::string_view word;
  bool strong;
};
constexpr std::array<MakingWord, 79> kMakingWords = {{
    // English
    {"adopted", true}, {"signed", true}, {"published", true}, {"issued", true},
    {"enacted", true}, {"proclaimed", true}, {"approved", true}, {"delivered", true},
    {"promulgated", true}, {"released", true}, {"dated", true}, {"made", false},
    {"done", false}, {"given", false}, {"passed", false}, {"spoken", false},
    // French
    {"adopte", true}, {"adoptee", true}, {"signe", true}, {"signee", true}, {"publie", true},
    {"publiee", true}, {"promulgue", true}, {"promulguee", true}, {"proclame", true},
    {"proclamee", true}, {"approuve", true}, {"approuvee", true}, {"prononce", false},
    {"fait", false}, {"donne", false},
    // Dutch
    {"vastgesteld", true}, {"aangenomen", true}, {"ondertekend", true}, {"gepubliceerd", true},
    {"uitgegeven", true}, {"afgekondigd", true}, {"goedgekeurd", true}, {"gedaan", false},
    {"gegeven", false}, {"uitgesproken", false},
    // Portuguese
    {"adotada", true}, {"adotado", true}, {"aprovada", true}, {"aprovado", true},
    {"assinada", true}, {"assinado", true}, {"publicada", true}, {"publicado", true},
    {"proclamada", true}, {"sancionada", true}, {"promulgada", true}, {"feito", false},
    // Spanish
    {"adoptada", true}, {"adoptado", true}, {"aprobada", true}, {"firmada", true},
    {"firmado", true}, {"proclamado", true}, {"hecho", false}, {"dado", false},
    {"dada", false}, {"pronunciado", false},
    // German
    {"angenommen", true}, {"verabschiedet", true}, {"unterzeichnet", true},
    {"veroffentlicht", true}, {"verkundet", true}, {"beschlossen", true},
    {"ausgefertigt", true}, {"gegeben", false}, {"gehalten", false},
    // Danish, Norwegian, Swedish (the declarations' "vedtog", "antogs")
    {"vedtog", true}, {"vedtatt", true}, {"vedtaget", true}, {"antogs", true},
    {"antagen", true}, {"undertegnet", true}, {"undertecknad", true},
}};

const MakingWord* FindMakingWord(std::string_view word) {
  for (const MakingWord& making : kMakingWords) {
    if (making.word == word) return &making;
  }
  return nullptr;
}

// True when the token at `at` starts a sentence, a line or the text.
bool StartsSentence(const std::string& text, const std::vector<Token>& tokens, std::size_t at) {
  if (at == 0) return true;
  const std::string_view gap =
      std::string_view(text).substr(tokens[at - 1].end, tokens[at].begin - tokens[at - 1].end);
  return gap.find_first_of(".!?:;\n\f") != std::string_view::npos;
}

// True when the date starting at token `date` opens its sentence (at most
// two words before it: "Den 10. december 1948 vedtog") and runs into the
// word at `verb` without a sentence break.
bool OpensItsSentence(const std::string& text, const std::vector<Token>& tokens, std::size_t date,
                      std::size_t verb) {
  std::size_t start = date;
  while (start > 0 && !StartsSentence(text, tokens, start)) --start;
  if (date - start > 2) return false;
  // The date's own parts may hold dots ("10. december"): look from its year on.
  std::size_t from = date;
  while (from + 1 < verb && !(tokens[from].digits && tokens[from].text.size() == 4)) ++from;
  for (std::size_t k = from + 1; k <= verb; ++k) {
    if (StartsSentence(text, tokens, k)) return false;
  }
  return true;
}

// A statement speaks of the document itself: its making word opens a
// sentence ("Adopted and proclaimed by ...", "Publié en 2015"), or "this"
// stands a few words before it ("this report was published in 2015").
// Elsewhere it tells of another text ("the agreements ... signed at Amman
// on June 28, 2009").
bool SpeaksOfItself(const std::string& text, const std::vector<Token>& tokens, std::size_t at) {
  static constexpr std::array<std::string_view, 13> kThis = {
      "this", "ce", "cette", "ceci", "deze", "dit", "este", "esta", "dieses", "diese", "dieser",
      "present", "presente"};
  if (StartsSentence(text, tokens, at)) return true;
  for (std::size_t k = at > 5 ? at - 5 : 0; k < at; ++k) {
    if (std::find(kThis.begin(), kThis.end(), tokens[k].text) != kThis.end()) return true;
  }
  return false;
}

}  // namespace

FoundDate StatementDate(const std::string& text, const std::vector<Token>& tokens,
                        const std::vector<DateAt>& dates, const std::vector<DateAt>& years) {
  constexpr std::size_t kWordsAfter = 16;
  constexpr std::size_t kWeakWordsAfter = 4;
  constexpr std::size_t kWordsBefore = 6;
  static constexpr std::array<std::string_view, 6> kIn = {"in", "en", "em", "im", "op", "on"};
  for (std::size_t i = 0; i < tokens.size() && tokens[i].begin < kStatementBytes; ++i) {
    if (tokens[i].digits) continue;
    const MakingWord* making = FindMakingWord(tokens[i].text);
    if (!making) continue;
    const std::size_t reach = making->strong ? kWordsAfter : kWeakWordsAfter;
    const bool itself = SpeaksOfItself(text, tokens, i);
    for (const DateAt& date : dates) {
      if (itself && date.token > i && date.token <= i + reach) return date.date;
      if (making->strong && date.token < i && date.token + kWordsBefore >= i &&
          OpensItsSentence(text, tokens, date.token, i)) {
        return date.date;
      }
    }
    if (!making->strong || !itself || i + 2 >= tokens.size()) continue;
    if (std::find(kIn.begin(), kIn.end(), tokens[i + 1].text) == kIn.end()) continue;
    for (const DateAt& year : years) {
      if (year.token == i + 2) return year.date;
    }
  }
  return {};
}
}  // namespace archivist::enrich::date_text
