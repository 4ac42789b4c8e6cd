// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/spelling.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

#include "core/text.h"
#include "engine/user_query.h"

namespace archivist {
namespace {

// The whitespace-separated pieces of a query, as typed; a field's phrase
// or group (`title:"child labour"`, `author:(smith jones)`) is one piece to
// its closing quote or bracket, so that its every word is judged as the
// field's, not only the first (CorrectedFieldPiece).
std::vector<std::string> QueryPieces(const std::string& query) {
  std::vector<std::string> pieces;
  std::string piece;
  char closing = 0;  // what ends the field's group being read, if any
  int depth = 0;     // of brackets, in a bracketed group
  for (const char c : query) {
    if (closing == 0 && std::isspace(static_cast<unsigned char>(c))) {
      if (!piece.empty()) pieces.push_back(std::move(piece));
      piece.clear();
      continue;
    }
    piece += c;
    if (closing == 0) {
      if ((c == '"' || c == '(') && piece.size() >= 2 && piece[piece.size() - 2] == ':') {
        closing = c == '"' ? '"' : ')';
        depth = 1;
      }
    } else if (closing == '"') {
      if (c == '"') closing = 0;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && --depth == 0) {
      closing = 0;
    }
  }
  if (!piece.empty()) pieces.push_back(std::move(piece));
  return pieces;
}

// A word this short is never corrected: one edit changes a third of it and
// its neighbours are many ("apt" → "act").
constexpr std::size_t kMinCorrectedWordBytes = 4;

// A word the index holds in at most this many documents is rare...
constexpr Xapian::doccount kRareDocuments = 3;
// ...and is taken for a misspelling of a word one edit away found in this
// many times as many documents ("trafficing", once in a page, beside
// "trafficking" in hundreds).
constexpr Xapian::doccount kMuchMoreFrequent = 20;

// The word `word` was likely meant for, when it is rare in the index and a
// much more frequent one is one edit away; "" otherwise.
std::string RareWordCorrection(const Xapian::Database& db, const std::string& word) {
  const Xapian::doccount frequency = db.get_termfreq(word);
  if (frequency == 0 || frequency > kRareDocuments) return "";
  std::string candidate = db.get_spelling_suggestion(word, 1);
  if (candidate.empty() || candidate == word) return "";
  if (db.get_termfreq(candidate) < kMuchMoreFrequent * frequency) return "";
  return candidate;
}

// A word of a free-text field's piece ("title:traficking") as the field
// holds it. Xapian's query parser corrects only unprefixed words, and its
// spelling data is one list of words, whatever field they came from (the
// indexer adds title and author words to it with the body's): the
// suggestion comes from that list, and is taken only when the field holds
// it, under the same rule as a body word, counted in the field's terms.
// A word the field lacks but the body holds in more than kRareDocuments
// documents is spelt right, only not in this field: it is not corrected.
std::string FieldWordCorrection(const Xapian::Database& db, const std::string& prefix,
                                const std::string& word) {
  const Xapian::doccount frequency = db.get_termfreq(prefix + word);
  if (frequency > kRareDocuments) return "";
  if (frequency == 0 &&
      (word.size() < kMinCorrectedWordBytes || db.get_termfreq(word) > kRareDocuments)) {
    return "";
  }
  std::string candidate = db.get_spelling_suggestion(word, 1);
  if (candidate.empty() || candidate == word) return "";
  const Xapian::doccount held = db.get_termfreq(prefix + candidate);
  if (held == 0 || held < kMuchMoreFrequent * frequency) return "";
  return candidate;
}

// `piece` with the misspelt words of the free-text field it names
// corrected in that field's terms (FieldWordCorrection), or nullopt when it
// names no such field ("title:x", "author:(a b)" do; "country:br",
// "http://x" do not).
std::optional<std::string> CorrectedFieldPiece(const Xapian::Database& db,
                                               const std::string& piece) {
  const std::size_t colon = piece.find(':');
  if (colon == std::string::npos) return std::nullopt;
  // A piece may open with a bracket or a sign before the field's name.
  const std::size_t name_start = piece.find_first_not_of("(+-", 0);
  if (name_start >= colon) return std::nullopt;
  const std::string prefix = FreeTextFieldPrefix(piece.substr(name_start, colon - name_start));
  if (prefix.empty()) return std::nullopt;
  std::string corrected = piece;
  std::size_t from = colon + 1;
  for (const std::string& word : QueryWords(piece.substr(colon + 1))) {
    const std::size_t at = corrected.find(word, from);
    if (at == std::string::npos) break;
    const std::string meant = FieldWordCorrection(db, prefix, word);
    corrected.replace(at, word.size(), meant.empty() ? word : meant);
    from = at + (meant.empty() ? word : meant).size();
  }
  return corrected;
}

// True when no word of the query can be corrected: every word of every
// piece is one the index holds in more than kRareDocuments documents. Xapian's offer is
// only taken for words the index lacks, and a word it holds only for a rare
// one, so such a query gets no suggestion whatever Xapian would offer; its
// spelling lookups (a walk of the spelling table per word, a third of a
// search's instructions on the bench corpus of issue 19) are skipped.
bool NothingToCorrect(const Xapian::Database& db, const std::vector<std::string>& typed) {
  return std::all_of(typed.begin(), typed.end(), [&db](const std::string& piece) {
    const std::vector<std::string> words = QueryWords(piece);
    return !words.empty() && std::all_of(words.begin(), words.end(), [&db](const std::string& w) {
      return db.get_termfreq(w) > kRareDocuments;
    });
  });
}

// Whether every word `offered` brings that `typed` lacks is one the index
// holds. The spelling data may still hold words no document holds: those
// of documents replaced or deleted before the indexer counted them out
// (indexer/writer/spelling_batch.h), or since its last addition of a
// run's batches. Such an offer would find nothing.
bool IndexHoldsTheOfferedWords(const Xapian::Database& db, const std::string& typed,
                               const std::string& offered) {
  const std::vector<std::string> had = QueryWords(typed);
  const std::vector<std::string> offers = QueryWords(offered);
  return std::all_of(offers.begin(), offers.end(), [&](const std::string& word) {
    return std::find(had.begin(), had.end(), word) != had.end() || db.term_exists(word);
  });
}

// Xapian's offer for a piece holding a word the index lacks, taken word by
// word: a word the index lacks takes Xapian's, unless it is too short to
// correct; a word it holds is corrected only as RareWordCorrection says
// ("apt-get instal" on an index without "apt" and "get" was offered
// "act-et instl"). Empty when the piece and the offer do not have the same
// number of words, so that they cannot be paired.
std::optional<std::string> OfferedWordByWord(const Xapian::Database& db, const std::string& typed,
                                             const std::string& offered) {
  const std::vector<std::string> words = QueryWords(typed);
  const std::vector<std::string> offers = QueryWords(offered);
  if (words.size() != offers.size()) return std::nullopt;
  std::string piece = typed;
  std::size_t from = 0;
  for (std::size_t k = 0; k < words.size(); ++k) {
    const std::size_t at = piece.find(words[k], from);
    if (at == std::string::npos) return std::nullopt;
    std::string meant;
    if (db.term_exists(words[k])) {
      meant = RareWordCorrection(db, words[k]);
    } else if (words[k].size() >= kMinCorrectedWordBytes &&
               IndexHoldsTheOfferedWords(db, words[k], offers[k])) {
      meant = offers[k];
    }
    if (meant.empty() || meant == words[k]) {
      from = at + words[k].size();
      continue;
    }
    piece.replace(at, words[k].size(), meant);
    from = at + meant.size();
  }
  return piece;
}

}  // namespace

// Xapian's spelling correction (QueryParser::FLAG_SPELLING_CORRECTION) over
// the index's spelling data, which the indexer builds from every word it
// indexes. Xapian offers a more frequent neighbour even for a word the
// index holds ("sexuelle" → "sexually" in a mostly English archive): a word
// the index holds is corrected only when it is rare (a typo in a page or
// two) and a word one edit away is much more frequent (RareWordCorrection).
std::string SpellingSuggestion(const Xapian::Database& db, const SearchRequest& request) {
  if (IsBlank(request.query)) return "";
  const std::string folded = FoldText(request.query);
  std::vector<std::string> typed = QueryPieces(folded);
  if (NothingToCorrect(db, typed)) return "";
  // The same wildcard cap as the search's readings (user_query.h).
  Xapian::QueryParser parser = MakeParser(db, "und", WildcardExpansionForQuery(db, folded));
  parser.parse_query(folded, kParseFlags | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
  std::string corrected = parser.get_corrected_query_string();
  if (corrected.empty()) corrected = folded;
  const std::vector<std::string> offered = QueryPieces(corrected);
  if (typed.size() != offered.size()) {
    return IndexHoldsTheOfferedWords(db, folded, corrected) ? corrected : "";
  }
  bool changed = false;
  for (std::size_t i = 0; i < typed.size(); ++i) {
    if (std::optional<std::string> piece = CorrectedFieldPiece(db, typed[i])) {
      if (*piece == typed[i]) continue;
      typed[i] = std::move(*piece);
      changed = true;
      continue;
    }
    const std::vector<std::string> words = QueryWords(typed[i]);
    if (!words.empty() && std::all_of(words.begin(), words.end(), [&db](const std::string& w) {
          return db.term_exists(w);
        })) {
      // Words the index holds are corrected only when rare there and a
      // much more frequent word is one edit away; Xapian's offer for them
      // ("apt-get" → "apt-et") is not taken.
      // The pieces are folded already, so each word is found in its piece
      // as it is, from where the last one ended.
      std::size_t from = 0;
      for (const std::string& word : words) {
        const std::size_t at = typed[i].find(word, from);
        if (at == std::string::npos) break;
        from = at + word.size();
        const std::string meant = RareWordCorrection(db, word);
        if (meant.empty()) continue;
        typed[i].replace(at, word.size(), meant);
        from = at + meant.size();
        changed = true;
      }
      continue;
    }
    if (typed[i] == offered[i]) continue;
    if (std::optional<std::string> piece = OfferedWordByWord(db, typed[i], offered[i])) {
      if (*piece == typed[i]) continue;
      typed[i] = std::move(*piece);
    } else if (IndexHoldsTheOfferedWords(db, typed[i], offered[i])) {
      typed[i] = offered[i];
    } else {
      continue;
    }
    changed = true;
  }
  if (!changed) return "";
  std::string suggestion;
  for (const std::string& piece : typed) {
    if (!suggestion.empty()) suggestion += ' ';
    suggestion += piece;
  }
  return suggestion;
}

}  // namespace archivist
