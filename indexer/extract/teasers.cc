// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/extract/teasers.h"

#include <cctype>
#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <string_view>

#include "indexer/extract/xml_util.h"

namespace archivist::extract {
namespace {

// A headline has a few words; "More", "Read on" or an author's name do not
// lead a teaser.
constexpr std::size_t kMinHeadlineWords = 3;
// What may come before the headline: a section label ("WORLD", "Latest
// News") or a date ("27 September 2012", "22 - 25 February 2010"). Not a
// clause: "According to the <a>National Center ...</a>" cites.
constexpr std::size_t kMaxCharsBeforeHeadline = 12;
constexpr std::size_t kMaxDateChars = 32;
// A teaser's summary is a line or two; an entry longer than this is the
// page's own text (a glossary, an article's sections).
constexpr std::size_t kMaxSummaryChars = 250;
// At least this share of a list's items are teasers: a list of stories may
// hold an advertisement or a "more" link.
constexpr int kMinTeaserPercent = 60;
// A story card's text besides its headline: a byline, a date and a summary
// of a few sentences in one paragraph (news sites cut theirs at 300 to 800
// letters). A second paragraph longer than a line (kMaxSummaryChars), or
// more text than this, is a story, or a section of one.
constexpr std::size_t kMaxCardChars = 1000;
constexpr int kMaxCardParagraphs = 1;
// Text before a card's heading is a line of its own, never a clause leading
// into the link: a kicker, a section label ("CALIFORNIA | LOCAL") or a
// date, a line this long at most.
constexpr std::size_t kMaxKickerChars = 32;

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

std::string LowerAscii(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Whether a word names a month, in full or cut short, in the languages of
// the archive (English, French, Dutch, German, Spanish, Portuguese); accents
// are compared as written.
bool IsMonth(const std::string& word) {
  static const std::set<std::string, std::less<>> kMonths = {
      "january",    "february",  "march",     "april",     "may",       "june",      "july",
      "august",     "september", "october",   "november",  "december",  "jan",       "feb",
      "mar",        "apr",       "jun",       "jul",       "aug",       "sep",       "sept",
      "oct",        "nov",       "dec",       "janvier",   "février",   "mars",      "avril",
      "mai",        "juin",      "juillet",   "août",      "septembre", "octobre",   "novembre",
      "décembre",   "januari",   "februari",  "maart",     "mei",       "juni",      "juli",
      "augustus",   "oktober",   "januar",    "februar",   "märz",      "dezember",  "enero",
      "febrero",    "marzo",     "abril",     "mayo",      "junio",     "julio",     "agosto",
      "septiembre", "octubre",   "noviembre", "diciembre", "janeiro",   "fevereiro", "março",
      "maio",       "junho",     "julho",     "setembro",  "outubro",   "novembro",  "dezembro"};
  return kMonths.count(word) > 0;
}

// Whether a short text is a date or a span of dates: numbers, month names
// and the marks between them ("27 September 2012", "22 - 25 February 2010",
// "2012-10-06", "May 28, 2014"), with a number in it.
// Dashes and no-break spaces read as the marks and spaces they stand for.
std::string WithAsciiSpacesAndDashes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size(); ++at) {
    bool replaced = false;
    for (const std::string_view mark : {"\u2013", "\u2014", "\u00a0"}) {
      if (text.substr(at, mark.size()) == mark) {
        out += mark == "\u00a0" ? ' ' : '-';
        at += mark.size() - 1;
        replaced = true;
        break;
      }
    }
    if (!replaced) out += text[at];
  }
  return out;
}

bool IsDate(std::string_view raw) {
  const std::string text = WithAsciiSpacesAndDashes(raw);
  if (NonSpace(reinterpret_cast<const xmlChar*>(text.c_str())) > kMaxDateChars) return false;
  bool number = false;
  std::string word;
  const auto word_ok = [&word] { return word.empty() || IsMonth(LowerAscii(word)); };
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isdigit(c)) {
      if (!word_ok()) return false;
      word.clear();
      number = true;
    } else if (std::isalpha(c) || c >= 0x80) {
      word += ch;
    } else {
      if (!word_ok()) return false;
      word.clear();
      if (!std::isspace(c) && std::string_view("-/.,|:").find(ch) == std::string_view::npos) {
        return false;
      }
    }
  }
  return word_ok() && number;
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
  std::string lead;                 // that text, up to a date's length
  std::size_t other_text = 0;       // text that is not a link, anywhere
  bool headline = false;            // a headline link was found
};

void Read(const xmlNode* node, bool in_link, ItemShape& shape) {
  for (; node; node = node->next) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      const std::size_t chars = NonSpace(node->content);
      if (!in_link) shape.other_text += chars;
      if (!shape.headline) {
        shape.before_headline += chars;
        if (shape.before_headline <= kMaxDateChars && node->content) {
          shape.lead += reinterpret_cast<const char*>(node->content);
          shape.lead += ' ';
        }
      }
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
  const bool led = shape.before_headline <= kMaxCharsBeforeHeadline ||
                   (shape.before_headline <= kMaxDateChars && IsDate(shape.lead));
  return led && shape.other_text <= kMaxSummaryChars ? Item::kTeaser : Item::kOther;
}

bool IsHeading(const std::string& name) {
  return name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6';
}

// Elements a page lays a card out in.
bool MayBeCard(const std::string& name) {
  return name == "div" || name == "li" || name == "article" || name == "section" || name == "td" ||
         name == "dd";
}

// How much of a heading's text is the text of links to other pages.
struct HeadingLinks {
  std::size_t chars = 0;
  std::size_t linked_chars = 0;
};

void ReadHeading(const xmlNode* node, bool in_link, HeadingLinks& links) {
  for (; node; node = node->next) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      const std::size_t chars = NonSpace(node->content);
      links.chars += chars;
      if (in_link) links.linked_chars += chars;
      continue;
    }
    if (node->type != XML_ELEMENT_NODE || IsSkipped(LowerName(node))) continue;
    ReadHeading(node->children, in_link || (LowerName(node) == "a" && LinksElsewhere(node)), links);
  }
}

// Whether a heading is a headline: a few words, all of them a link away.
bool IsHeadline(const xmlNode* heading) {
  HeadingLinks links;
  ReadHeading(heading->children, false, links);
  return links.chars > 0 && links.linked_chars == links.chars &&
         Words(CollapsedText(heading)) >= kMinHeadlineWords;
}

// What a card candidate is made of, read in document order; the reading
// stops as soon as it cannot be a card (a second heading, too much text),
// so a page's large wrappers cost little.
struct CardShape {
  int headings = 0;
  bool headline = false;            // its first heading is a headline
  std::size_t before_headline = 0;  // text before the first heading
  std::size_t after_headline = 0;   // text after it, links or not
  std::size_t block = 0;            // text of the block being read
  int paragraphs = 0;               // blocks longer than a line
  bool done = false;                // not a card, whatever follows

  // A block ends: was it a paragraph?
  void EndBlock() {
    if (block > kMaxSummaryChars) ++paragraphs;
    block = 0;
    done = done || paragraphs > kMaxCardParagraphs;
  }
};

bool BreaksBlock(const std::string& name) {
  static const std::set<std::string, std::less<>> kBlocks = {
      "p",       "div",     "br",    "li", "ul", "ol", "dl",  "dd", "dt",     "blockquote",
      "section", "article", "table", "tr", "td", "th", "pre", "hr", "header", "footer"};
  return kBlocks.count(name) > 0;
}

void ReadCard(const xmlNode* node, CardShape& shape) {
  for (; node && !shape.done; node = node->next) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      const std::size_t chars = NonSpace(node->content);
      (shape.headings == 0 ? shape.before_headline : shape.after_headline) += chars;
      shape.block += chars;
      shape.done = shape.before_headline > kMaxKickerChars || shape.after_headline > kMaxCardChars;
      continue;
    }
    if (node->type != XML_ELEMENT_NODE) continue;
    const std::string name = LowerName(node);
    if (IsSkipped(name)) continue;
    if (IsHeading(name)) {
      if (CollapsedText(node).empty()) continue;
      ++shape.headings;
      shape.headline = shape.headings == 1 && IsHeadline(node);
      shape.done = !shape.headline;
      shape.block = 0;
      continue;
    }
    const bool block = BreaksBlock(name);
    if (block) shape.EndBlock();
    ReadCard(node->children, shape);
    if (block) shape.EndBlock();
  }
}

}  // namespace

bool IsStoryCard(const xmlNode* node) {
  if (node->type != XML_ELEMENT_NODE || !MayBeCard(LowerName(node))) return false;
  CardShape shape;
  ReadCard(node->children, shape);
  shape.EndBlock();
  return !shape.done && shape.headings == 1 && shape.headline;
}

int CountStoryCards(const xmlNode* root) {
  int cards = 0;
  for (const xmlNode* node = root; node; node = node->next) {
    if (node->type != XML_ELEMENT_NODE || IsSkipped(LowerName(node))) continue;
    if (IsStoryCard(node)) {
      ++cards;
    } else {
      cards += CountStoryCards(node->children);
    }
  }
  return cards;
}

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
