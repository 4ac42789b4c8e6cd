// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/doc_type.h"

#include <cctype>
#include <set>
#include <vector>

#include "core/text.h"
#include "indexer/enrich/folded_text.h"
#include "indexer/enrich/phrases.h"

namespace archivist::enrich {
namespace {

// Headings and salutations sit at the top; further down they are quotations.
constexpr std::size_t kOpeningBytes = 1500;
// Legislation numbers its articles; a report citing "article 3" does so a few times.
constexpr int kMinArticleHeadings = 8;
constexpr std::size_t kBodyScanBytes = 200000;

// "Article 12", "Artikel 3.", "Art. 5º", "## Artigo 1" at a line's start.
// Scanned by hand: std::regex recurses per character and a long run of
// punctuation would exhaust the stack.
bool IsArticleHeading(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && i < 8 && !std::isalnum(static_cast<unsigned char>(line[i]))) ++i;
  line.remove_prefix(i);
  for (std::string_view word : {"article", "artikel", "artigo", "articulo", "art"}) {
    if (!line.starts_with(word)) continue;
    std::size_t k = word.size();
    if (k < line.size() && line[k] == '.') ++k;
    if (k >= line.size() || line[k] != ' ') continue;
    while (k < line.size() && line[k] == ' ') ++k;
    return k < line.size() && std::isdigit(static_cast<unsigned char>(line[k]));
  }
  return false;
}

// A speech addresses its audience: verbatim records drop the salutation but
// keep "my delegation", "allow me", "I thank you", and a speaker talks of
// "my country" and "my Government", congratulates the chair "on his
// election" and speaks from "this rostrum" to "this Assembly". Two
// different forms, three times in all, make a speech; one is a quotation.
bool IsSpeech(const std::vector<FoldedWord>& words) {
  static const PhraseSet kAddress = {
      "my delegation", "allow me", "permit me", "i thank you", "thank you mr",
      "ladies and gentlemen", "distinguished delegates", "excellencies", "mr president",
      "madam president", "my country", "my government", "on his election", "on her election",
      "on your election", "on his well deserved election", "on her well deserved election",
      "on your well deserved election", "on his unanimous election", "on her unanimous election",
      "on your unanimous election", "at the outset", "this assembly", "this rostrum",
      "this podium", "this august body", "this hall", "ma delegation", "permettez moi",
      "mesdames et messieurs", "mon pays", "mon gouvernement", "mijn delegatie", "dames en heren",
      "mijn land", "minha delegacao", "meu pais", "mi delegacion", "permitame", "mi pais",
      "mi gobierno", "meine damen und herren"};
  std::set<int> forms;
  int total = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const int form = kAddress.MatchAt(words, i);
    if (form < 0) continue;
    forms.insert(form);
    ++total;
  }
  return forms.size() >= 2 && total >= 3;
}

// An enacting formula ending in a colon near the start: "Le Parlement ...
// édicte :", a Dutch regulation's "Gelet op artikel 12 ...; Besluit:".
bool HasEnactingColon(std::string_view body, const std::vector<FoldedWord>& words) {
  for (const FoldedWord& word : words) {
    if (word.begin >= 2 * kOpeningBytes) break;
    if (word.text != "edicte" && word.text != "besluit") continue;
    std::size_t after = word.end;
    if (after < body.size() && body[after] == ' ') ++after;
    if (after < body.size() && body[after] == ':') return true;
  }
  return false;
}

}  // namespace

std::string DetectDocumentType(const TypeEvidence& evidence) {
  if (evidence.format == "csv") return "dataset";
  static const PhraseSet kPressRelease = {
      "press release",          "news release",         "communique de presse", "persbericht",
      "comunicado de imprensa", "comunicado de prensa", "nota de prensa",       "pressemitteilung"};
  static const PhraseSet kNewsletter = {"newsletter",         "lettre d information",
                                        "nieuwsbrief",        "boletim informativo",
                                        "boletin informativo", "rundbrief"};
  static const PhraseSet kSalutation = {
      "mr president",          "madam president",    "madame la presidente",
      "monsieur le president", "senor presidente",   "senhor presidente",
      "excellencies",          "your excellency",    "ladies and gentlemen",
      "mesdames et messieurs", "dames en heren",     "meine damen und herren"};
  static const PhraseSet kEnacting = {"enacts as follows",
                                      "sa majeste sur l avis et avec le consentement",
                                      "decreta e eu sanciono", "verordnen wir",
                                      "hebben goedgevonden en verstaan"};

  std::string folded_here;
  std::string_view lower = evidence.lower_folded_text;
  if (lower.empty() && !evidence.text.empty()) {
    folded_here = FoldWord(evidence.text.substr(0, kBodyScanBytes));
    lower = folded_here;
  }
  const std::string opening =
      FoldWord(evidence.title) + "\n" + std::string(Head(lower, kOpeningBytes));
  const std::vector<FoldedWord> opening_words = SplitFoldedWords(opening);
  if (kPressRelease.FoundIn(opening_words)) return "press_release";
  if (kNewsletter.FoundIn(opening_words)) return "newsletter";

  const std::string_view body = Head(lower, kBodyScanBytes);
  const std::vector<FoldedWord> words = SplitFoldedWords(body);
  if (kEnacting.FoundIn(words) || HasEnactingColon(body, words)) return "legislation";
  // A salutation opens the text: its first words, nothing before them.
  if (kSalutation.MatchAt(words, 0) >= 0 || IsSpeech(words)) return "speech";
  if (CountArticleHeadings(body, kMinArticleHeadings) >= kMinArticleHeadings) {
    return "legislation";
  }

  if (evidence.format == "pdf") return "report";
  if (evidence.format == "html") return "web_page";
  return "other";
}

int CountArticleHeadings(std::string_view lower_folded, int enough) {
  int articles = 0;
  for (std::size_t line = 0; line < lower_folded.size() && articles < enough;) {
    std::size_t end = lower_folded.find('\n', line);
    if (end == std::string_view::npos) end = lower_folded.size();
    if (IsArticleHeading(lower_folded.substr(line, end - line))) ++articles;
    line = end + 1;
  }
  return articles;
}

}  // namespace archivist::enrich
