// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/extract/teasers.h"

#include <cctype>
#include <cstddef>
#include <string>
#include <string_view>

#include "indexer/extract/xml_util.h"

namespace archivist::extract {
namespace {

// A headline has a few words; "More", "Read on" or an author's name do not
// lead a teaser.
constexpr std::size_t kMinHeadlineWords = 3;
// What may come before the headline: a section label ("WORLD", "Latest
// News"). Not a clause: "According to the <a>National Center ...</a>" cites.
constexpr std::size_t kMaxCharsBeforeHeadline = 12;
// A teaser's summary is a line or two; an entry longer than this is the
// page's own text (a glossary, an article's sections).
constexpr std::size_t kMaxSummaryChars = 250;
// At least this share of a list's items are teasers: a list of stories may
// hold an advertisement or a "more" link.
constexpr int kMinTeaserPercent = 60;

bool IsSkipped(const std::string& name) {
  return name == "script" || name == "style" || name == "noscript" || name == "template";
}

std::size_t NonSpace(const xmlChar* text) {
  std::size_t chars = 0;
  for (const xmlChar* c = text; c && *c; ++c) chars += !std::isspace(*c);
  return chars;
}

std::size_t Words(const std::string& text) {
  std::size_t words = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
    words += !space && !in_word;
    in_word = !space;
  }
  return words;
}

// Whether a link goes to another page: not an anchor on this one, not a
// script.
bool LinksElsewhere(const xmlNode* link) {
  const std::string href = CollapseSpace(Attribute(link, "href"));
  if (href.empty() || href.front() == '#') return false;
  std::string scheme = href.substr(0, 11);
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return scheme != "javascript:";
}

// What an item is made of, read in document order.
struct ItemShape {
  std::size_t before_headline = 0;  // text before the first headline link
  std::size_t other_text = 0;       // text that is not a link, anywhere
  bool headline = false;            // a headline link was found
};

void Read(const xmlNode* node, bool in_link, ItemShape& shape) {
  for (; node; node = node->next) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      const std::size_t chars = NonSpace(node->content);
      if (!in_link) shape.other_text += chars;
      if (!shape.headline) shape.before_headline += chars;
      continue;
    }
    if (node->type != XML_ELEMENT_NODE) continue;
    const std::string name = LowerName(node);
    if (IsSkipped(name)) continue;
    if (name == "a" && !shape.headline && LinksElsewhere(node) &&
        Words(CollapsedText(node)) >= kMinHeadlineWords) {
      shape.headline = true;
    }
    Read(node->children, in_link || name == "a", shape);
  }
}

enum class Item { kEmpty, kTeaser, kOther };

Item Classify(const xmlNode* item) {
  ItemShape shape;
  Read(item->children, LowerName(item) == "a", shape);
  if (LowerName(item) == "a" && LinksElsewhere(item) &&
      Words(CollapsedText(item)) >= kMinHeadlineWords) {
    shape.headline = true;  // the item is its headline link
    shape.before_headline = 0;
  }
  if (!shape.headline) return shape.before_headline == 0 ? Item::kEmpty : Item::kOther;
  const bool led = shape.before_headline <= kMaxCharsBeforeHeadline;
  return led && shape.other_text <= kMaxSummaryChars ? Item::kTeaser : Item::kOther;
}

}  // namespace

bool IsTeaserList(const xmlNode* node) {
  int teasers = 0;
  int items = 0;
  for (const xmlNode* child = node->children; child; child = child->next) {
    if (child->type != XML_ELEMENT_NODE || IsSkipped(LowerName(child))) continue;
    switch (Classify(child)) {
      case Item::kEmpty:
        break;
      case Item::kTeaser:
        ++teasers;
        ++items;
        break;
      case Item::kOther:
        ++items;
        break;
    }
  }
  return teasers >= kMinTeasers && teasers * 100 >= items * kMinTeaserPercent;
}

}  // namespace archivist::extract
