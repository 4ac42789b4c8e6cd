// SPDX-License-Identifier: GPL-2.0-or-later
// How enrichment reads the vocabularies compiled into it (data/*.tsv):
// lines of tab-separated cells, some cells lists joined by '|'.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace archivist::enrich {

// The pieces of `text` between each `separator`, empty ones kept, so a
// table's cells stay in their columns.
inline std::vector<std::string> SplitFields(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

}  // namespace archivist::enrich
