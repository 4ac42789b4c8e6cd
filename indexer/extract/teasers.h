// SPDX-License-Identifier: GPL-2.0-or-later
// Lists of teasers for other pages: "related stories", a topic page's
// latest articles, a search page's results. Each item is led by a headline
// that links to another page, perhaps followed by a line of summary. Their
// summaries give such a block more text of its own than a menu has, so the
// share of link text does not catch it; yet it says what other pages are
// about, not this one. Only the main-text reader includes this header.
#pragma once

#include <libxml/tree.h>

namespace archivist::extract {

// Whether `node` (an element) is such a list: at least kMinTeasers of its
// child elements with text are teasers, and they are most of them. A teaser
// is led by a link of a few words (its headline) to another page (not an
// anchor on this one), with at most a short summary of text that is not a
// link. A list of one-word links (a menu) or of long entries (an article's
// sections, each opening with a linked name) is not one.
bool IsTeaserList(const xmlNode* node);

// Items below this many are a few links in a text, not a list of teasers.
inline constexpr int kMinTeasers = 3;

// Whether `node` (an element) is a story card: a headline (a heading whose
// text is a link of a few words to another page), perhaps after a short
// section label, with at most a byline and a summary of a few sentences,
// and no other heading. A page of stories lays its cards out one to a box
// of its own (a grid of columns), so no one list holds them and
// IsTeaserList does not see them; and its summaries run longer than a
// list's line. One card is an article's "related story" at most; the
// main-text reader leaves cards out only on a page that has kMinTeasers of
// them (CountStoryCards), a page of other pages' stories. An article's
// section opening with a linked name is not a card: its name is not a
// heading, or its text runs longer.
bool IsStoryCard(const xmlNode* node);

// The story cards under `root`, each counted once (a box holding one card
// is that card, not a second one).
int CountStoryCards(const xmlNode* root);

}  // namespace archivist::extract
