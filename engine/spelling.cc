// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/spelling.h"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <vector>

#include "core/text.h"
#include "engine/user_query.h"

namespace archivist {
namespace {

// The whitespace-separated pieces of a query, as typed.
std::vector<std::string> QueryPieces(const std::string& query) {
  std::vector<std::string> pieces;
  std::istringstream in(query);
  for (std::string piece; in >> piece;) pieces.push_back(piece);
  return pieces;
}

}  // namespace

// Xapian's spelling correction (QueryParser::FLAG_SPELLING_CORRECTION) over
// the index's spelling data, which the indexer builds from every word it
// indexes. Xapian offers a more frequent neighbour even for a word the
// index holds ("sexuelle" → "sexually" in a mostly English archive): a word
// the index holds is never "corrected" here.
std::string SpellingSuggestion(const Xapian::Database& db, const SearchRequest& request) {
  if (IsBlank(request.query)) return "";
  const std::string folded = FoldText(request.query);
  Xapian::QueryParser parser = MakeParser(db, "und");
  parser.parse_query(folded, kParseFlags | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
  const std::string corrected = parser.get_corrected_query_string();
  if (corrected.empty() || corrected == folded) return "";
  std::vector<std::string> typed = QueryPieces(folded);
  const std::vector<std::string> offered = QueryPieces(corrected);
  if (typed.size() != offered.size()) return corrected;
  bool changed = false;
  for (std::size_t i = 0; i < typed.size(); ++i) {
    if (typed[i] == offered[i]) continue;
    // The word inside the piece: quotes, brackets and operators around it
    // are not part of the term.
    const std::string& piece = typed[i];
    const auto is_word = [](unsigned char c) { return std::isalnum(c) || c >= 0x80; };
    const auto first = std::find_if(piece.begin(), piece.end(), is_word);
    const auto last = std::find_if(piece.rbegin(), piece.rend(), is_word).base();
    const std::string word = first < last ? FoldWord(std::string(first, last)) : "";
    if (!word.empty() && db.term_exists(word)) continue;
    typed[i] = offered[i];
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
