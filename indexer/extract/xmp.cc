// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/extract/xmp.h"

#include <cctype>
#include <cstring>
#include <vector>

#include <libxml/parser.h>

#include "indexer/extract/xml_util.h"

namespace archivist::extract {
namespace {

constexpr std::string_view kRdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kDcNs = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kXmpNs = "http://ns.adobe.com/xap/1.0/";
constexpr std::string_view kPdfNs = "http://ns.adobe.com/pdf/1.3/";

// Real packets are a few kilobytes (plus padding); anything far larger is
// not metadata worth parsing.
constexpr std::size_t kMaxPacketBytes = 1u << 20;

// No network, no DTD loading and no entity substitution: an entity in a
// packet stays an unexpanded reference whose text we never read. libxml2's
// own limits on depth and entity amplification stay on (no XML_PARSE_HUGE).
constexpr int kXmpOptions = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                            XML_PARSE_NOCDATA | XML_PARSE_NOBLANKS;

bool Is(const xmlNode* node, std::string_view ns, const char* local) {
  return node && node->type == XML_ELEMENT_NODE && node->ns && node->ns->href &&
         ns == reinterpret_cast<const char*>(node->ns->href) &&
         std::strcmp(reinterpret_cast<const char*>(node->name), local) == 0;
}

// The rdf:li items of a property's container (rdf:Alt, rdf:Seq, rdf:Bag),
// or the property's own text when it is a simple value. For an rdf:Alt, the
// x-default item comes first.
std::vector<std::string> Values(const xmlNode* property) {
  std::vector<std::string> values;
  for (const xmlNode* c = property->children; c; c = c->next) {
    if (!Is(c, kRdfNs, "Alt") && !Is(c, kRdfNs, "Seq") && !Is(c, kRdfNs, "Bag")) continue;
    for (const xmlNode* li = c->children; li; li = li->next) {
      if (!Is(li, kRdfNs, "li")) continue;
      std::string text = CollapsedText(li);
      if (text.empty()) continue;
      xmlChar* lang = xmlNodeGetLang(li);
      const bool is_default = lang && std::strcmp(reinterpret_cast<char*>(lang), "x-default") == 0;
      if (lang) xmlFree(lang);
      if (is_default) {
        values.insert(values.begin(), std::move(text));
      } else {
        values.push_back(std::move(text));
      }
    }
    return values;
  }
  if (std::string text = CollapsedText(property); !text.empty()) values.push_back(std::move(text));
  return values;
}

std::string Join(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += out.empty() ? v : ", " + v;
  return out;
}

// "2014-05-30T10:00:00+02:00" → "2014-05-30": the calendar date as written
// (XMP dates carry their own offset; the day the author saw is the one kept).
// "" when it does not start with a date.
std::string DatePart(const std::string& value) {
  auto digits = [&](std::size_t from, std::size_t n) {
    if (value.size() < from + n) return false;
    for (std::size_t i = from; i < from + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(value[i]))) return false;
    }
    return true;
  };
  if (!digits(0, 4)) return "";
  if (value.size() < 7 || value[4] != '-' || !digits(5, 2)) return value.substr(0, 4);
  if (value.size() < 10 || value[7] != '-' || !digits(8, 2)) return value.substr(0, 7);
  return value.substr(0, 10);
}

void SetOnce(std::string& field, std::string value) {
  if (field.empty()) field = std::move(value);
}

void ReadProperty(const xmlNode* property, XmpFacts& facts, std::vector<std::string>& subjects) {
  if (Is(property, kDcNs, "title")) {
    const auto v = Values(property);
    if (!v.empty()) SetOnce(facts.title, v.front());
  } else if (Is(property, kDcNs, "creator")) {
    SetOnce(facts.creator, Join(Values(property)));
  } else if (Is(property, kDcNs, "description")) {
    const auto v = Values(property);
    if (!v.empty()) SetOnce(facts.description, v.front());
  } else if (Is(property, kDcNs, "subject")) {
    for (std::string& s : Values(property)) subjects.push_back(std::move(s));
  } else if (Is(property, kXmpNs, "CreateDate")) {
    SetOnce(facts.created, DatePart(CollapsedText(property)));
  } else if (Is(property, kXmpNs, "ModifyDate")) {
    SetOnce(facts.modified, DatePart(CollapsedText(property)));
  } else if (Is(property, kPdfNs, "Keywords")) {
    SetOnce(facts.keywords, CollapsedText(property));
  }
}

// Simple properties may also be written as attributes of rdf:Description
// (RDF/XML's abbreviated form): xmp:CreateDate="2014-05-30".
void ReadAttributes(const xmlNode* description, XmpFacts& facts) {
  for (const xmlAttr* a = description->properties; a; a = a->next) {
    if (!a->ns || !a->ns->href || !a->children || a->children->type != XML_TEXT_NODE) continue;
    const std::string_view ns = reinterpret_cast<const char*>(a->ns->href);
    const char* name = reinterpret_cast<const char*>(a->name);
    const std::string value = CollapseSpace(
        a->children->content ? reinterpret_cast<const char*>(a->children->content) : "");
    if (ns == kXmpNs && std::strcmp(name, "CreateDate") == 0)
      SetOnce(facts.created, DatePart(value));
    if (ns == kXmpNs && std::strcmp(name, "ModifyDate") == 0)
      SetOnce(facts.modified, DatePart(value));
    if (ns == kPdfNs && std::strcmp(name, "Keywords") == 0) SetOnce(facts.keywords, value);
    // Early writers (Acrobat 5) put Dublin Core as simple attributes too.
    if (ns == kDcNs && std::strcmp(name, "title") == 0) SetOnce(facts.title, value);
    if (ns == kDcNs && std::strcmp(name, "creator") == 0) SetOnce(facts.creator, value);
    if (ns == kDcNs && std::strcmp(name, "description") == 0) SetOnce(facts.description, value);
  }
}

// Every rdf:Description anywhere under `node` (x:xmpmeta wraps rdf:RDF in
// most packets, not all).
void Walk(const xmlNode* node, XmpFacts& facts, std::vector<std::string>& subjects) {
  for (; node; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    if (Is(node, kRdfNs, "Description")) {
      ReadAttributes(node, facts);
      for (const xmlNode* p = node->children; p; p = p->next) ReadProperty(p, facts, subjects);
      continue;
    }
    Walk(node->children, facts, subjects);
  }
}

}  // namespace

XmpFacts ParseXmp(std::string_view packet) {
  XmpFacts facts;
  if (packet.empty() || packet.size() > kMaxPacketBytes) return facts;
  // The packet reached us as UTF-8 (Poppler's ustring::to_utf8) whatever its
  // declaration says, so the encoding is given, not sniffed.
  XmlDocPtr doc(xmlReadMemory(packet.data(), static_cast<int>(packet.size()), "xmp.xml", "UTF-8",
                              kXmpOptions));
  if (!doc) return facts;
  std::vector<std::string> subjects;
  Walk(xmlDocGetRootElement(doc.get()), facts, subjects);
  if (facts.keywords.empty()) facts.keywords = Join(subjects);
  return facts;
}

}  // namespace archivist::extract
