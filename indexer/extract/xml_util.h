// SPDX-License-Identifier: GPL-2.0-or-later
// Small RAII and text helpers over libxml2 trees, shared by the HTML and XML
// extractors. Only included by extractor .cc files.
#pragma once

#include <libxml/tree.h>

#include <memory>
#include <string>

namespace archivist::extract {

struct XmlDocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocDeleter>;

// The element's local name in lower case ("" for non-elements).
std::string LowerName(const xmlNode* node);

// The attribute's value, "" when absent.
std::string Attribute(const xmlNode* node, const char* name);

// All descendant text of `node`, whitespace runs collapsed to one space, trimmed.
std::string CollapsedText(const xmlNode* node);

// Collapses whitespace runs to one space and trims the ends.
std::string CollapseSpace(const std::string& text);

}  // namespace archivist::extract
