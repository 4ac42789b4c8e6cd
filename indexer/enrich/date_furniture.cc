// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/date_furniture.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace archivist::enrich::date_text {
namespace {

// Markers of page furniture whose years are not the document's, and how
// many bytes after the marker those years may sit.
struct Furniture {
  std::string_view marker;
  std::size_t reach;
};
constexpr std::array<Furniture, 13> kFurniture = {{
    {"\xc2\xa9", 40},  // ©
    {"copyright", 60},
    {"all rights reserved", 0},
    {"droits reserves", 0},
    {"printed in", 80},
    {"printed by", 80},
    {"imprime en", 80},
    {"imprime par", 80},
    {"gedrukt", 80},
    {"druck:", 80},
    {"impresso", 80},
    {"impreso", 80},
    {"last modified", 40},
}};

void BlankDigits(std::string& text, std::size_t from, std::size_t to) {
  for (std::size_t k = from; k < std::min(to, text.size()); ++k) {
    if (text[k] >= '0' && text[k] <= '9') text[k] = ' ';
  }
}
}  // namespace

void BlankFurniture(std::string& head) {
  for (const Furniture& furniture : kFurniture) {
    for (std::size_t at = head.find(furniture.marker); at != std::string::npos;
         at = head.find(furniture.marker, at + 1)) {
      // A rights line names its years before "all rights reserved" too.
      const std::size_t from = furniture.reach == 0 && at > 60 ? at - 60 : at;
      BlankDigits(head, from, at + furniture.marker.size() + furniture.reach);
    }
  }
  // "(c) 2009", but not a list's "(c) in 2009 the ...".
  for (std::size_t at = head.find("(c) "); at != std::string::npos; at = head.find("(c) ", at + 1)) {
    if (at + 4 < head.size() && std::isdigit(static_cast<unsigned char>(head[at + 4]))) {
      BlankDigits(head, at, at + 40);
    }
  }
  // Web addresses: a run without spaces holding "://" or starting "www.".
  for (const std::string_view marker : {std::string_view("://"), std::string_view("www.")}) {
    for (std::size_t at = head.find(marker); at != std::string::npos;
         at = head.find(marker, at + 1)) {
      std::size_t begin = at;
      while (begin > 0 && !std::isspace(static_cast<unsigned char>(head[begin - 1]))) --begin;
      std::size_t end = at;
      while (end < head.size() && !std::isspace(static_cast<unsigned char>(head[end]))) ++end;
      BlankDigits(head, begin, end);
    }
  }
}
}  // namespace archivist::enrich::date_text
