// SPDX-License-Identifier: GPL-2.0-or-later
// The part of a web page a reader reads: its article, not the site's
// furniture around it (menus, banners, footers, sidebars, cookie notices,
// lists of links). Only the HTML extractor includes this header.
//
// What is left out is not indexed at all: a menu's words name the site's
// other pages, so indexing them would make every page of a site answer for
// each of its neighbours' subjects, and they must not drive snippets,
// language or countries either.
#pragma once

#include <libxml/tree.h>

#include <optional>
#include <string>

namespace archivist::extract {

struct MainText {
  // The content as a browser lays it out: headings, paragraphs, list
  // items, table cells and code, each block a paragraph of its own (a
  // blank line between two), a <br> a line break, and outside <pre> the
  // source's line breaks only spaces. Empty when the page has no text.
  std::string text;
  // The running text of `text` without its headings and its code (pre,
  // code, kbd, samp): what the page's language is decided on, since a
  // French page quoting English command output is French.
  std::string prose;
  // The first h1 of the content (else its first heading of any level),
  // white space collapsed; empty when it has none.
  std::string heading;
  // What the page is about, when `text` holds more: the text without
  // lists of teasers for other pages (teasers.h), named furniture and
  // link-dense blocks, kept apart when it is too little of the page to be
  // its text (a topic page: an introduction above a list of headlines).
  // None when `text` is that reading.
  std::optional<std::string> subject;
  // The page's frame: the visible furniture left out of `text` (menus,
  // banners, footers), one block per line. A site translated in part shows
  // its language here even where the article is not translated (headings
  // are not part of it: they are often left untranslated with the text).
  std::string frame;
};

// Reads the main content under `root` (an HTML document's root element).
// Left out: elements readers do not see (script, style, hidden), page-level
// header and footer, nav and aside, ARIA landmarks of the site (navigation,
// banner, contentinfo, complementary, search), elements whose class or id
// names navigation, menus, breadcrumbs, sharing or cookie consent, short
// cookie notices, blocks whose text is mostly link text, and blocks of
// links with no text of their own but a short heading (a row of icon links
// under "Stay connected") or separators (a pager). Lists of
// teasers for other pages (headlines linking away with their summaries) are
// left out too, and so are story cards on a page that has several
// (teasers.h: a news site's grid of stories, one to a box). When leaving
// out teasers would leave next to nothing, they are kept (and `subject`
// says what the page is about without them); when leaving out blocks by
// name and by links would, too (a page that is a list of links, a wrapper
// named like a menu), only the elements and landmarks above are left out.
MainText ReadMainText(const xmlNode* root);

}  // namespace archivist::extract
