// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/extract/xml_util.h"

#include <cctype>

namespace archivist::extract {
namespace {

void AppendText(const xmlNode* node, std::string& out) {
  for (const xmlNode* child = node; child; child = child->next) {
    if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
      if (child->content) {
        out += reinterpret_cast<const char*>(child->content);
        out += ' ';
      }
    } else if (child->type == XML_ELEMENT_NODE) {
      AppendText(child->children, out);
    }
  }
}

}  // namespace

std::string LowerName(const xmlNode* node) {
  if (!node || node->type != XML_ELEMENT_NODE || !node->name) return "";
  std::string name(reinterpret_cast<const char*>(node->name));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

std::string Attribute(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (!value) return "";
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

std::string CollapseSpace(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string CollapsedText(const xmlNode* node) {
  if (!node) return "";
  std::string text;
  AppendText(node->children, text);
  return CollapseSpace(text);
}

}  // namespace archivist::extract
