// SPDX-License-Identifier: GPL-2.0-or-later
// The index schema: the only place that names Xapian term prefixes, value
// slots and metadata keys. The indexer writes through it and searchd reads
// through it, so the two cannot disagree.
#pragma once

#include <string>
#include <string_view>

namespace archivist::schema {

// Bumped whenever documents written by an older indexer cannot be read
// correctly by this code; searchd refuses an index of another version.
inline constexpr int kVersion = 2;
inline constexpr std::string_view kVersionKey = "archivist:schema_version";
inline constexpr std::string_view kLastIndexedKey = "archivist:last_indexed";
// Bumped whenever extraction or enrichment changes what a file yields (a
// new date rule, a better type detector, a new field): an index made by an
// older version is analysed again, file by file, on the next run, and keeps
// serving meanwhile. An index without the key was made at version 1.
// Version 5 added word pair terms (core/pair_words.h); version 6 (issue 18)
// a law's jurisdiction, countries a document is about rather than mentions,
// and dates that skip page furniture and prefer statements of making;
// version 7 (issue 18) dates copies of known instruments by their adoption,
// a list's title country only when its text bears it out, and DOCX/ODT
// headings from paragraph styles; and (issue 15) the work features that
// find translations and versions (kWorkFeaturePrefix, kSlotWorkFeatures);
// version 8 (issue 18) a government web site's country
// (enrich/site_country.h), and Markdown files read as their text, without
// link targets, HTML tags or markup (indexer/extract/markdown.h); version 9
// Markdown tables read as their cells and a Markdown title set in bold, and
// (issue 15) work features that carry declared titles and version numbers
// (format works2); version 10 (issue 18) web pages' text without teaser
// lists, countries decided on a page's own text (ExtractedDoc::subject),
// a year in a report's title as its date (date_source "title"), and
// (issue 15) title words from a page's first heading, a work kept in its
// value slot alone (no XU term); version 11 (issue 18) story cards and
// dated news lists left out of what a page is about, a line repeated on
// every page counted once, and a list in country sections about none of
// its countries; version 12 (issue 18) a place before its country no
// surname, newspapers and agencies no mention of their country, datelines
// left out, error pages about no country, a heading line printed for each
// country read as a section; version 13 (issues 18 and 15) a web page's
// sections in another language recorded and stemmed in it, and shared
// anchors no proof of a translation when a language is unknown; version 14
// (issue 18) a heading over a row of icon links and a pager left out of a
// page's main text, web pages' template blocks counted per folder (XD, XR,
// XF terms) so that a paragraph printed on most pages of a folder is left
// out of them, and (issue 17) HTML fields made valid UTF-8; version 15
// (issue 18) template blocks never left out of a page when that would take
// its only block of its own or more than half its words; version 16
// (issue 18) a web page's blocks made paragraphs whatever its source's line
// breaks, a moved page's template blocks counted in its new folder, the
// Declaration's translated titles and worded front matter dates; (issue
// 19) stored text blocks restarting their compression at text sections;
// (issue 15) few shared anchors no translation when the numbers disagree;
// version 17 (issue 19) text sections of 512 bytes and compression restarts
// at least 2 KiB apart; (issue 15) a work's editions in their own value slot
// rather than in the JSON record; version 18 (issue 19) the text layout as a
// table of fixed-width entries a hit reads in place.
inline constexpr int kAnalysisVersion = 18;
inline constexpr std::string_view kAnalysisVersionKey = "archivist:analysis_version";
// One metadata entry per file that failed to index, keyed by this prefix and
// 16 hex digits of the SHA-256 of the file's absolute path (Xapian keys are
// short; paths are not).
inline constexpr std::string_view kFailureKeyPrefix = "archivist:failed:";
// The frequent words whose adjacent pairs documents carry as terms
// (core/pair_words.h), each with the generation it joined in.
inline constexpr std::string_view kPairWordsKey = "archivist:pair_words";
// Documents whose works are still to be linked (indexer/works/linker.h): a
// mark per document written ("written:" + id) or edition that lost a member
// ("left:" + id), committed with the change that calls for it and cleared
// with the linking pass's own commit, so a run killed in between leaves the
// next run the whole list.
inline constexpr std::string_view kLinksPendingKeyPrefix = "archivist:links_pending:";
// The words of batches committed since the spelling data was last brought
// up to date (indexer/writer/spelling_batch.h): a record per commit, cleared
// with the commit that adds them, so a run killed in between leaves the next
// run the words to add.
inline constexpr std::string_view kSpellingPendingKeyPrefix = "archivist:spelling_pending:";

// Term prefixes. Free text terms have none; Xapian's TermGenerator adds "Z"
// to stemmed forms itself.
inline constexpr std::string_view kIdPrefix = "Q";        // unique id, one per document
inline constexpr std::string_view kPathPrefix = "XP";     // hashed absolute path, one per location
inline constexpr std::string_view kTitlePrefix = "S";     // title words (probabilistic)
inline constexpr std::string_view kAuthorPrefix = "A";    // author words (probabilistic)
inline constexpr std::string_view kLanguagePrefix = "L";  // ISO 639-1, lower case
inline constexpr std::string_view kTypePrefix = "XT";     // document type slug
inline constexpr std::string_view kCountryPrefix = "XC";  // ISO 3166 alpha-2, upper case
inline constexpr std::string_view kTopicPrefix = "XK";    // topic slug
inline constexpr std::string_view kYearPrefix = "Y";      // four digits
// Two frequent words at adjacent positions, "XWchild children" (no
// positions, wdf 0), and the pair-word generation a document was analysed
// with, "XG3" (core/pair_words.h).
inline constexpr std::string_view kWordPairPrefix = "XW";
inline constexpr std::string_view kPairGenerationPrefix = "XG";
// Indexes written before works4 also hold "XU" + work (DocumentRecord::
// work) in each grouped document: adding that term after a document's first
// write made Xapian read every term and position of it again. A work's
// members are its editions' id terms (the record lists them) and kSlotWork.
// What of a document can show another edition of it (indexer/works/):
// numbers, identifiers, URLs, names, similarity sketch bands, declared
// work keys, "XVn:2014" and the like. Rare ones find candidate editions.
inline constexpr std::string_view kWorkFeaturePrefix = "XV";
// A web page's template block candidates (core/template_blocks.h): "XR" +
// its folder's key + the block's key, on every page holding the block, so
// the term's frequency counts the pages of a folder that print it; "XD" +
// the folder's key on every web page, counting the folder's pages; "XF" + folder
// + block on a page analysed with that block judged furniture (left out unless
// too little of the page would stay). The indexer's pass compares the two.
inline constexpr std::string_view kTemplateBlockPrefix = "XR";
inline constexpr std::string_view kTemplateFolderPrefix = "XD";
inline constexpr std::string_view kFurnitureBlockPrefix = "XF";

// Value slots.
// Plain unsigned numbers, as Xapian::valueno is, so that this header
// needs no Xapian.
enum Slot : unsigned {
  kSlotDate = 0,      // "YYYYMMDD" ("YYYY0000" for a year alone): sorts as a string
  kSlotYear = 1,      // "YYYY"
  kSlotLanguage = 2,  // ISO 639-1
  kSlotType = 3,      // type slug
  // The extracted text, pages separated by '\f', for snippets and the
  // document view, in blocks of kTextBlockBytes (core/text_sections.h): the
  // first here, block k (k >= 1) in kSlotTextBlocks + k - 1, so a snippet
  // reads only the blocks around its window.
  kSlotText = 4,
  // kSlotDate again, but "~" (after every digit) for an undated document, so
  // oldest-first puts undated documents last. Sorting by a plain slot rather
  // than a KeyMaker keeps sorting possible over xapian-tcpsrv, which
  // refuses KeyMakers.
  kSlotDateOldestFirst = 5,
  kSlotLocations = 6,  // PackLocations(record): what change detection needs, per file
  // PackTextLayout (core/text_sections.h): the text's size, and where its
  // pages and sections start, as byte offsets and Xapian positions.
  kSlotTextSections = 7,
  // DocumentRecord::work, empty for a document with no other edition:
  // the collapse key of a search that shows each work once (Xapian never
  // collapses documents whose key is empty), and what tells which documents
  // are of one work.
  kSlotWork = 8,
  // The packed work features (indexer/works/features.h) the linking pass
  // compares candidate editions by.
  kSlotWorkFeatures = 9,
  // A grouped document's other editions (DocumentRecord::translations and
  // versions), PackEditions: kept apart from its JSON record so that reading
  // a hit costs what it costs unlinked, and read only when the record names
  // a work (StoredRecordOf). Records written before it list them in their
  // JSON, and still read so.
  kSlotEditions = 30,
  // Multi-valued facets: the k-th country of a document sits in slot
  // kSlotCountryFirst + k. One built-in ValueCountMatchSpy per slot, summed,
  // counts documents per country and also works over xapian-tcpsrv, which
  // refuses custom match spies.
  kSlotCountryFirst = 10,
  kSlotTopicFirst = 20,
  kSlotTextBlocks = 100,  // and up: see kSlotText
  // Since issue 19, the stored text's blocks compressed (core/text_blocks.h):
  // block k in kSlotPackedText + k, and kSlotText empty. Documents of an
  // earlier writer keep theirs plain in kSlotText and kSlotTextBlocks up.
  kSlotPackedText = 100000,  // and up
};
inline constexpr int kMaxCountries = 8;
inline constexpr int kMaxTopics = 8;

inline constexpr char kPageBreak = '\f';

// True for a free-text word (an unprefixed term): every prefix, Xapian's
// "Z" for stems included, starts with an upper-case letter, and words are
// folded to lower case.
bool IsWordTerm(std::string_view term);

std::string IdTerm(std::string_view id);
// Paths can be longer than a Xapian term may be, so the term holds 16 hex
// digits of the absolute path's SHA-256.
std::string PathTerm(std::string_view absolute_path);
std::string LanguageTerm(std::string_view language);
std::string TypeTerm(std::string_view type);
std::string CountryTerm(std::string_view alpha2);
std::string TopicTerm(std::string_view slug);
std::string YearTerm(int year);
std::string WordPairTerm(std::string_view first, std::string_view second);
std::string PairGenerationTerm(int generation);

}  // namespace archivist::schema
