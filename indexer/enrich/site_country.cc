// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/site_country.h"

#include <array>
#include <cctype>
#include <vector>

namespace archivist::enrich {
namespace {

std::vector<std::string> Labels(std::string_view host) {
  std::vector<std::string> labels(1);
  for (char c : host) {
    if (c == '.') {
      labels.emplace_back();
    } else {
      labels.back() += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (!labels.empty() && labels.back().empty()) labels.pop_back();  // "www.gov.uk."
  return labels;
}

bool IsCountryCode(const std::string& label) {
  return label.size() == 2 && std::isalpha(static_cast<unsigned char>(label[0])) &&
         std::isalpha(static_cast<unsigned char>(label[1]));
}

std::string Upper(std::string code) {
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return code == "UK" ? "GB" : code;
}

}  // namespace

std::string GovernmentSiteCountry(std::string_view host) {
  const std::vector<std::string> labels = Labels(host);
  if (labels.size() < 2) return "";
  const std::string& top = labels[labels.size() - 1];
  const std::string& second = labels[labels.size() - 2];
  // The United States' government domains have no country code.
  if (top == "gov" || top == "mil") return "US";
  if (top == "us" && (second == "fed" || (labels.size() >= 3 &&
                                          labels[labels.size() - 3] == "state"))) {
    return "US";
  }
  if (top == "ca" && second == "gc") return "CA";
  // A government's second-level domain under its country code.
  static constexpr std::array<std::string_view, 6> kGovernmentLabels = {
      "gov", "gob", "gouv", "go", "govt", "gv"};
  if (IsCountryCode(top) && labels.size() >= 3) {
    for (std::string_view label : kGovernmentLabels) {
      if (second == label) return Upper(top);
    }
  }
  return "";
}

}  // namespace archivist::enrich
