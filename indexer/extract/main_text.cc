// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/extract/main_text.h"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

#include "indexer/extract/teasers.h"
#include "indexer/extract/xml_util.h"

namespace archivist::extract {
namespace {

// Elements whose content is never the page's text.
const std::set<std::string>& InvisibleElements() {
  static const std::set<std::string> kInvisible = {
      "script", "style", "noscript", "template", "svg",   "iframe", "head",
      "button", "select", "nav",     "aside",    "input", "textarea", "object"};
  return kInvisible;
}

// Elements a browser lays out as blocks of their own: each stands as a
// paragraph of the text, apart from what comes before and after it, however
// the source spaced them (generated sites put a page's every tag on one
// line). A table's cells are blocks too: a layout table's sidebar and
// article sit in the same row.
const std::set<std::string>& BlockElements() {
  static const std::set<std::string> kBlocks = {
      "p",          "div",    "li",         "ul",      "ol",        "menu",   "dir",    "h1",
      "h2",         "h3",     "h4",         "h5",      "h6",        "hgroup", "tr",     "td",
      "th",         "table",  "caption",    "section", "article",   "main",   "nav",    "aside",
      "blockquote", "pre",    "listing",    "xmp",     "plaintext", "dd",     "dt",     "dl",
      "hr",         "figure", "figcaption", "details", "summary",   "header", "footer", "form",
      "address",    "center", "fieldset",   "legend",  "dialog",    "search"};
  return kBlocks;
}

// Elements whose white space is the text's own: a browser keeps their
// spaces and line breaks as the source has them.
bool IsPreformatted(const std::string& name) {
  return name == "pre" || name == "listing" || name == "xmp" || name == "plaintext" ||
         name == "textarea";
}

// Text laid out as a browser lays out HTML (CSS white-space: normal):
// outside preformatted elements a run of white space, line breaks
// included, is one space, so the source's line breaks neither split a
// paragraph nor are needed to end one; a block ends its paragraph with a
// blank line (which Tidy keeps, and template blocks and snippets read as
// the paragraph's end), and a <br> ends a line.
class LaidOutText {
 public:
  void Add(std::string_view text, bool preformatted) {
    if (preformatted) {
      out_ += text;
      space_pending_ = false;
      return;
    }
    for (const char c : text) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        space_pending_ = true;
        continue;
      }
      if (space_pending_ && !out_.empty() && out_.back() != '\n') out_ += ' ';
      space_pending_ = false;
      out_ += c;
    }
  }

  void EndLine() {
    out_ += '\n';
    space_pending_ = false;
  }

  void EndParagraph() {
    space_pending_ = false;
    if (out_.empty()) return;
    while (!out_.ends_with("\n\n")) out_ += '\n';
  }

  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
  bool space_pending_ = false;
};

// Containers judged by their share of link text.
const std::set<std::string>& LinkDensityContainers() {
  // Blocks only: an inline link, or one linked cell of a table, is part of
  // the sentence or the table around it.
  static const std::set<std::string> kContainers = {"div",     "ul",     "ol",   "dl",  "table",
                                                    "p",       "section", "center", "menu",
                                                    "form"};
  return kContainers;
}

// Containers whose items may be teasers for other pages (teasers.h).
const std::set<std::string>& TeaserContainers() {
  static const std::set<std::string> kContainers = {"div", "ul", "ol", "dl", "section", "tbody",
                                                    "table"};
  return kContainers;
}

// The ARIA landmark roles of a site rather than of its article (WAI-ARIA
// 1.2), and the widgets a cookie notice or a menu is made of.
const std::set<std::string>& FurnitureRoles() {
  static const std::set<std::string> kRoles = {
      "navigation", "banner", "contentinfo", "complementary", "search", "menu",
      "menubar",    "toolbar", "dialog",     "alertdialog",   "tablist"};
  return kRoles;
}

bool IsHeading(const std::string& name) {
  return name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6';
}

bool IsCode(const std::string& name) {
  return name == "pre" || name == "code" || name == "kbd" || name == "samp" || name == "tt";
}

bool IsSectioning(const std::string& name) {
  return name == "article" || name == "main" || name == "section";
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Whether one word of a class or id names site furniture: "nav", "navbar",
// "docnav" and "navheader" (DocBook), "menu", "breadcrumbs", "skip-link",
// "footer", "share", "social", "cookie-banner", "consent". Not "sidebar":
// DocBook's sidebars are boxed notes in the text; a site's sidebar is a
// list of links, left out as such.
bool IsFurnitureToken(std::string_view token) {
  if (token.size() < 3) return false;
  if (token.substr(0, 3) == "nav" || token.substr(token.size() - 3) == "nav") return true;
  static const std::set<std::string_view> kPrefixes = {
      "menu", "breadcrumb", "skip", "footer", "cookie", "consent", "gdpr", "masthead", "toolbar",
      "jump"};
  for (std::string_view prefix : kPrefixes) {
    if (token.substr(0, prefix.size()) == prefix) return true;
  }
  // Whole words only: "shared-post" is content.
  static const std::set<std::string_view> kWords = {"share", "sharing", "sharebar", "social"};
  return kWords.count(token) > 0;
}

// Whether a class names text for screen readers only, which a reader does
// not see ("hiddenStructure", "visually-hidden"); not Bootstrap's
// "hidden-xs", which hides on small screens only.
bool NamesScreenReaderText(const std::string& classes) {
  static const std::set<std::string_view> kClasses = {
      "hidden",        "hiddenstructure",    "visually-hidden",  "visuallyhidden",
      "sr-only",       "screen-reader-text", "element-invisible", "offscreen"};
  std::size_t at = 0;
  while (at < classes.size()) {
    std::size_t end = classes.find_first_of(" \t\n", at);
    if (end == std::string::npos) end = classes.size();
    if (kClasses.count(std::string_view(classes).substr(at, end - at))) return true;
    at = end + 1;
  }
  return false;
}

bool NamesFurniture(const xmlNode* node) {
  if (NamesScreenReaderText(Lower(Attribute(node, "class")))) return true;
  const std::string names = Lower(Attribute(node, "class") + " " + Attribute(node, "id"));
  std::size_t at = 0;
  while (at < names.size()) {
    const std::size_t end = names.find_first_of(" \t\n-_", at);
    const std::size_t stop = end == std::string::npos ? names.size() : end;
    if (IsFurnitureToken(std::string_view(names).substr(at, stop - at))) return true;
    at = stop + 1;
  }
  return false;
}

bool IsHidden(const xmlNode* node) {
  if (xmlHasProp(node, reinterpret_cast<const xmlChar*>("hidden"))) return true;
  if (Lower(Attribute(node, "aria-hidden")) == "true") return true;
  std::string style = Lower(Attribute(node, "style"));
  style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
  return style.find("display:none") != std::string::npos ||
         style.find("visibility:hidden") != std::string::npos;
}

// Letters (any non-space byte) under a node, how many of them are link text
// and how many are headings' own (not linked) text; and the links under it.
struct TextWeight {
  std::size_t chars = 0;
  std::size_t link_chars = 0;
  std::size_t heading_chars = 0;
  std::size_t links = 0;
  bool holds_h1 = false;
};

class WeightCache {
 public:
  TextWeight Of(const xmlNode* node) {
    if (const auto it = cache_.find(node); it != cache_.end()) return it->second;
    TextWeight weight;
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      if (node->content) {
        for (const xmlChar* c = node->content; *c; ++c) weight.chars += !std::isspace(*c);
      }
    } else if (node->type == XML_ELEMENT_NODE) {
      const std::string name = LowerName(node);
      if (InvisibleElements().count(name) == 0) {
        const bool link = name == "a";
        for (const xmlNode* child = node->children; child; child = child->next) {
          const TextWeight part = Of(child);
          weight.chars += part.chars;
          weight.link_chars += link ? part.chars : part.link_chars;
          weight.heading_chars += link ? 0 : part.heading_chars;
          weight.links += part.links;
          weight.holds_h1 = weight.holds_h1 || part.holds_h1;
        }
        if (IsHeading(name)) weight.heading_chars = weight.chars - weight.link_chars;
        if (name == "h1") weight.holds_h1 = true;
        if (link && xmlHasProp(node, reinterpret_cast<const xmlChar*>("href"))) ++weight.links;
      }
    }
    cache_.emplace(node, weight);
    return weight;
  }

 private:
  std::unordered_map<const xmlNode*, TextWeight> cache_;
};

// A block this much link text or more is a menu, a list of related links or
// an A-Z index, not the article.
constexpr std::size_t kLinkDensePercent = 60;

// ...and holds no more text of its own than this: a page's wrapper, whose
// menus outweigh its article, is walked into, and its menus left out one
// by one.
constexpr std::size_t kMaxProseInLinkBlock = 400;

// A block of this many links or more whose only text besides them is a
// short heading ("Stay connected with us") and a label, or without a
// heading only separators and a page number ("1 | 2 | 3 | Next"), is a list
// of links: a row of icons (a site's social media, subscriptions) or a
// pager holds too little link text for the share above to weigh. A block
// holding the page's h1 is its head, not a list ("Sponsored by" links
// under the title), and a byline's date is more than a separator.
constexpr std::size_t kMinLinksInList = 3;
constexpr std::size_t kMaxHeadingOverLinks = 120;
constexpr std::size_t kMaxLabelUnderHeading = 20;
constexpr std::size_t kMaxSeparatorsBetweenLinks = 8;

bool IsBareLinkList(const TextWeight& weight) {
  if (weight.links < kMinLinksInList || weight.holds_h1) return false;
  const std::size_t own = weight.chars - weight.link_chars;
  const std::size_t heading = std::min(own, weight.heading_chars);
  if (heading > kMaxHeadingOverLinks) return false;
  return own - heading <= (heading > 0 ? kMaxLabelUnderHeading : kMaxSeparatorsBetweenLinks);
}

// A block named as furniture holds little text that is not a link.
constexpr std::size_t kMaxProseInNamedFurniture = 1000;

// A cookie notice is short: a long block that speaks of cookies is a page
// about them (a privacy policy), which is content.
constexpr std::size_t kMaxCookieNoticeChars = 600;

// A form this small is a search box or a login; larger ones (ASP.NET wraps
// whole pages in one <form>) hold the page.
constexpr std::size_t kMaxFurnitureFormChars = 200;

bool IsCookieNotice(const xmlNode* node, std::size_t chars) {
  if (chars == 0 || chars > kMaxCookieNoticeChars) return false;
  const std::string text = Lower(CollapsedText(node));
  if (text.find("cookie") == std::string::npos) return false;
  // Stems of consent verbs, found inside longer words ("accepted").
  for (const char* verb : {"accept", "agree", "consent", "akzept", "zustimm", "aceptar", "acepto",
                           "j'accepte", "accetto"}) {
    if (text.find(verb) != std::string::npos) return true;
  }
  // "OK" only as a word of its own: "cookie" itself holds the letters.
  for (std::size_t at = text.find("ok"); at != std::string::npos; at = text.find("ok", at + 1)) {
    const bool starts_word = at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1]));
    const bool ends_word =
        at + 2 == text.size() || !std::isalnum(static_cast<unsigned char>(text[at + 2]));
    if (starts_word && ends_word) return true;
  }
  return false;
}

// The frame is read for its language only: a few KiB tell it.
constexpr std::size_t kMaxFrameBytes = 8 * 1024;

// How much a reading leaves out, from least to most.
enum class Reading {
  // Only what readers do not see, and the site's elements and landmarks.
  kLenient,
  // Also blocks named as furniture and link-dense ones, which a page laid
  // out in unusual ways can defeat.
  kStrict,
  // Also lists of teasers for other pages and, on a page of several, story
  // cards (teasers.h): what the page itself is about.
  kSubject,
};

class MainTextReader {
 public:
  // `page_of_cards`: the page holds kMinTeasers story cards or more
  // (teasers.h), which the subject reading leaves out.
  MainTextReader(Reading reading, bool page_of_cards)
      : reading_(reading), page_of_cards_(page_of_cards) {}

  void Walk(const xmlNode* node) {
    for (; node; node = node->next) {
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
        if (!node->content) continue;
        const std::string_view text = reinterpret_cast<const char*>(node->content);
        const bool preformatted = preformatted_depth_ > 0;
        text_.Add(text, preformatted);
        if (code_depth_ == 0 && heading_depth_ == 0) prose_.Add(text, preformatted);
        continue;
      }
      if (node->type != XML_ELEMENT_NODE) continue;
      const std::string name = LowerName(node);
      if (name == "br") {
        text_.EndLine();
        prose_.EndLine();
        continue;
      }
      // A block left out still stands apart: the words on either side of
      // a menu are not one word.
      const bool block = BlockElements().count(name) > 0;
      if (block) EndParagraph();
      if (LeftOut(node, name)) {
        if (!InvisibleElements().count(name) && !IsHidden(node)) AddToFrame(CollapsedText(node));
        continue;
      }
      const bool heading = IsHeading(name);
      const bool code = IsCode(name);
      const bool sectioning = IsSectioning(name);
      const bool preformatted = IsPreformatted(name);
      if (heading) NoteHeading(node, name);
      heading_depth_ += heading;
      code_depth_ += code;
      sectioning_depth_ += sectioning;
      preformatted_depth_ += preformatted;
      Walk(node->children);
      heading_depth_ -= heading;
      code_depth_ -= code;
      sectioning_depth_ -= sectioning;
      preformatted_depth_ -= preformatted;
      if (block) EndParagraph();
    }
  }

  MainText Take() {
    out_.text = text_.Take();
    out_.prose = prose_.Take();
    return std::move(out_);
  }

 private:
  bool LeftOut(const xmlNode* node, const std::string& name) {
    if (InvisibleElements().count(name) || IsHidden(node)) return true;
    // A header or footer inside an article or section is the article's own
    // (its heading, its byline); outside one, the site's (HTML's banner
    // and contentinfo).
    if ((name == "header" || name == "footer") && sectioning_depth_ == 0) return true;
    if (FurnitureRoles().count(Lower(Attribute(node, "role")))) return true;
    // The body and the content's own wrappers are never furniture by name:
    // <body class="nav-open"> or <main id="main-menu-target"> hold the page.
    const TextWeight weight = weights_.Of(node);
    // A wrapper whose class happens to name a menu ("page nav-push") but
    // that holds much text of its own is the page, not a menu.
    const bool strict = reading_ != Reading::kLenient;
    if (strict && name != "body" && name != "html" && !IsSectioning(name) &&
        weight.chars - weight.link_chars <= kMaxProseInNamedFurniture && NamesFurniture(node)) {
      return true;
    }
    if (name == "form" && weight.chars <= kMaxFurnitureFormChars) return true;
    if (IsCookieNotice(node, weight.chars) && name != "body" && name != "html") return true;
    if (strict && LinkDensityContainers().count(name) && weight.chars > 0 &&
        weight.link_chars * 100 >= weight.chars * kLinkDensePercent &&
        weight.chars - weight.link_chars <= kMaxProseInLinkBlock) {
      return true;
    }
    if (strict && LinkDensityContainers().count(name) && IsBareLinkList(weight)) return true;
    // Headlines of other pages with their summaries: more prose than a menu
    // has, and no more this page's subject.
    if (reading_ == Reading::kSubject && TeaserContainers().count(name) && weight.link_chars > 0 &&
        IsTeaserList(node)) {
      return true;
    }
    // The same, laid out a card to a box: on a page of other pages'
    // stories, each of them.
    if (reading_ == Reading::kSubject && page_of_cards_ && weight.link_chars > 0 &&
        IsStoryCard(node)) {
      return true;
    }
    return false;
  }

  void EndParagraph() {
    text_.EndParagraph();
    prose_.EndParagraph();
  }

  void AddToFrame(const std::string& text) {
    if (text.empty() || out_.frame.size() >= kMaxFrameBytes) return;
    out_.frame += text;
    out_.frame += '\n';
  }

  void NoteHeading(const xmlNode* node, const std::string& name) {
    if (name == "h1" && !h1_seen_) {
      const std::string text = CollapsedText(node);
      if (!text.empty()) {
        out_.heading = text;
        h1_seen_ = true;
        return;
      }
    }
    if (out_.heading.empty()) out_.heading = CollapsedText(node);
  }

  Reading reading_;
  bool page_of_cards_;
  WeightCache weights_;
  MainText out_;  // its text and prose are laid out in text_ and prose_
  LaidOutText text_;
  LaidOutText prose_;
  int heading_depth_ = 0;
  int code_depth_ = 0;
  int sectioning_depth_ = 0;
  int preformatted_depth_ = 0;
  bool h1_seen_ = false;
};

std::size_t NonSpace(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return !std::isspace(static_cast<unsigned char>(c)); }));
}

// Below this share of the page's text (and this size), what is left once
// link-dense blocks are out is not the page: it was a list of links.
constexpr std::size_t kMinMainPercent = 20;
constexpr std::size_t kMinMainChars = 500;

// `text` as a reader sees it: runs of spaces, tabs and no-break spaces (a
// page's source indentation) one space, lines trimmed, at most one blank line between
// blocks. The blank line is kept: it tells paragraphs apart.
std::string Tidy(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  std::size_t blank_run = 1;  // no blank line at the start
  std::size_t at = 0;
  while (at <= text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    std::string line;
    for (std::size_t i = at; i < end; ++i) {
      const char c = text[i];
      // A no-break space (U+00A0, DocBook's "Chapter&nbsp;2.") reads as one.
      const bool no_break = c == '\xC2' && i + 1 < end && text[i + 1] == '\xA0';
      i += no_break;
      const bool space =
          no_break || c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
      if (space) {
        if (!line.empty() && line.back() != ' ') line += ' ';
      } else {
        line += c;
      }
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (line.empty()) {
      if (blank_run++ == 0) out += '\n';
    } else {
      out += line;
      out += '\n';
      blank_run = 0;
    }
    at = end + 1;
  }
  return out;
}

MainText Read(const xmlNode* root, Reading reading) {
  MainTextReader reader(reading,
                        reading == Reading::kSubject && CountStoryCards(root) >= kMinTeasers);
  reader.Walk(root);
  return reader.Take();
}

// Whether the narrower reading of a page keeps enough of the wider one to
// be its text: kMinMainChars, or kMinMainPercent of it. When it does not,
// the page is mostly what the narrower reading left out (a list of links).
bool KeepsEnough(const MainText& narrow, const MainText& wide) {
  const std::size_t kept = NonSpace(narrow.text);
  return kept >= kMinMainChars || kept * 100 >= NonSpace(wide.text) * kMinMainPercent;
}

}  // namespace

MainText ReadMainText(const xmlNode* root) {
  MainText main = Read(root, Reading::kSubject);
  if (NonSpace(main.text) < kMinMainChars) {
    // A page that is mostly lists of links or of teasers keeps them as its
    // text, to be found by them; what is left without them says what the
    // page is about.
    MainText strict = Read(root, Reading::kStrict);
    if (NonSpace(strict.text) < kMinMainChars) {
      MainText whole = Read(root, Reading::kLenient);
      if (!KeepsEnough(strict, whole)) strict = std::move(whole);
    }
    if (!KeepsEnough(main, strict)) {
      strict.subject = Tidy(main.text);
      main = std::move(strict);
    }
  }
  main.text = Tidy(main.text);
  main.prose = Tidy(main.prose);
  return main;
}

}  // namespace archivist::extract
