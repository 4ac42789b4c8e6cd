// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/extract/hreflang.h"

#include <algorithm>
#include <cctype>

#include "indexer/extract/xml_util.h"

namespace archivist::extract {
namespace {

// A page lists each of its languages once; a list far longer is no
// language switcher, and would weigh on every comparison.
constexpr std::size_t kMaxAlternates = 50;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

void ReadHreflang(const xmlNode* node, std::vector<std::string>& alternates) {
  if (node->type != XML_ELEMENT_NODE || Lower(reinterpret_cast<const char*>(node->name)) != "link") {
    return;
  }
  const std::string rel = Lower(Attribute(node, "rel"));
  const std::string hreflang = Lower(Attribute(node, "hreflang"));
  if (rel.find("alternate") == std::string::npos || hreflang.empty() || hreflang == "x-default") {
    return;
  }
  std::string href = Attribute(node, "href");
  href.erase(std::min(href.find('#'), href.size()));
  const auto space = [](unsigned char c) { return std::isspace(c) != 0; };
  href.erase(href.begin(), std::find_if_not(href.begin(), href.end(), space));
  href.erase(std::find_if_not(href.rbegin(), href.rend(), space).base(), href.end());
  if (href.empty() || alternates.size() >= kMaxAlternates) return;
  if (std::find(alternates.begin(), alternates.end(), href) == alternates.end()) {
    alternates.push_back(std::move(href));
  }
}

}  // namespace archivist::extract
