// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/extract/iso_date.h"

#include <cctype>

namespace archivist::extract {

std::string LeadingIsoDate(std::string_view value) {
  // "YYYY-MM-DD" is ten bytes; everything after it (a time, an offset) is
  // not the day.
  constexpr std::size_t kIsoDayBytes = 10;
  std::size_t end = 0;
  while (end < value.size() && end < kIsoDayBytes &&
         (std::isdigit(static_cast<unsigned char>(value[end])) || value[end] == '-')) {
    ++end;
  }
  return std::string(value.substr(0, end));
}

}  // namespace archivist::extract
