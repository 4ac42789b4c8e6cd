// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/error_page.h"

#include <cctype>
#include <set>
#include <string>

#include "core/text.h"

namespace archivist::enrich {
namespace {

// Folded, lower case, punctuation at the ends trimmed.
const std::set<std::string, std::less<>>& ErrorTitles() {
  static const std::set<std::string, std::less<>> kTitles = {
      "404", "404 not found", "not found", "page not found", "file not found",
      "error 404", "404 error", "error 404 not found", "404 page not found",
      "error 404 page not found", "page cannot be found", "the page cannot be found",
      "the page you requested could not be found", "server error", "500 internal server error",
      "internal server error", "page introuvable", "erreur 404", "page non trouvee",
      "pagina niet gevonden", "pagina niet gevonden 404", "fout 404", "pagina nao encontrada",
      "pagina no encontrada", "error 404 pagina no encontrada", "seite nicht gefunden",
      "fehler 404", "404 seite nicht gefunden"};
  return kTitles;
}

bool IsErrorPart(std::string_view part) {
  std::string folded = FoldWord(part);
  // Nothing but letters, digits and single spaces: "404 - Not Found!" and
  // "Error: 404" read as their words.
  std::string words;
  for (const char ch : folded) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) != 0 || c >= 0x80) {
      words += ch;
    } else if (!words.empty() && words.back() != ' ') {
      words += ' ';
    }
  }
  while (!words.empty() && words.back() == ' ') words.pop_back();
  return ErrorTitles().contains(words);
}

}  // namespace

bool IsErrorPageTitle(std::string_view title) {
  if (IsErrorPart(title)) return true;
  // Each part between the separators sites put between a page's name and
  // their own.
  std::size_t start = 0;
  while (start <= title.size()) {
    std::size_t end = title.size();
    std::size_t skip = 0;
    for (const std::string_view sep : {" - ", " | ", " – ", " — ", ": ", " :: "}) {
      const std::size_t at = title.find(sep, start);
      if (at != std::string_view::npos && at < end) {
        end = at;
        skip = sep.size();
      }
    }
    if (IsErrorPart(title.substr(start, end - start))) return true;
    if (end == title.size()) break;
    start = end + skip;
  }
  return false;
}

}  // namespace archivist::enrich
