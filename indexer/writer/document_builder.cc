// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/writer/document_builder.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "core/schema.h"
#include "core/analysis.h"
#include "core/analysis_stem_memo.h"
#include "core/text.h"
#include "core/text_blocks.h"
#include "core/text_sections.h"

namespace archivist::writer {
namespace {

// Title words count as much as this many occurrences in the body.
constexpr Xapian::termcount kTitleWeight = 5;

// "2014-05-30" → "20140530"; "2013-03" → "20130300"; year only → "20140000".
std::string DateKey(const DocumentRecord& r) {
  std::string key;
  for (char c : r.date) {
    if (c != '-') key += c;
  }
  if (key.empty() && r.year > 0) key = std::to_string(r.year);
  if (key.empty()) return "";
  key.resize(8, '0');
  return key;
}

// A page break inside a page's own text (Poppler ends each page's text with
// one) would shift every later page number: it becomes a newline there.
std::string JoinPages(const std::vector<std::string>& pages) {
  std::string text;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (i > 0) text += schema::kPageBreak;
    const std::size_t start = text.size();
    text += pages[i];
    std::replace(text.begin() + static_cast<std::ptrdiff_t>(start), text.end(), schema::kPageBreak,
                 '\n');
  }
  return text;
}

// `language`'s stemmer for this thread's term generators. "none" stays
// Xapian's own null stemmer, which TermGenerator recognises (no Z terms).
Xapian::Stem ThreadStemmerFor(const std::string& language) {
  thread_local std::unordered_map<std::string, Xapian::Stem> stemmers;
  auto it = stemmers.find(language);
  if (it == stemmers.end()) {
    Xapian::Stem stem = StemmerFor(language);
    if (!stem.is_none()) stem = Xapian::Stem(new StemMemo(std::move(stem)));
    it = stemmers.emplace(language, std::move(stem)).first;
  }
  return it->second;
}

// Stems with `language`'s stemmer; its stop words keep their plain term
// (phrases still match) but get no stem, so "des" or "the" cannot make a
// document look relevant.
void AnalyseAs(Xapian::TermGenerator& terms, const std::string& language) {
  terms.set_stemmer(ThreadStemmerFor(language));
  terms.set_stopper(StopperFor(language));
}

// `cuts` (sorted offsets inside a page of `page_size` bytes) with the
// bounds of the page's language sections added.
void AddLanguageCuts(const std::vector<TextLanguageSection>& sections, std::size_t page_size,
                     std::vector<std::size_t>& cuts) {
  for (const TextLanguageSection& section : sections) {
    for (const std::size_t bound : {section.start, section.end}) {
      if (bound > 0 && bound < page_size) cuts.push_back(bound);
    }
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
}

// The language the byte at `offset` of a one-page document's text is in:
// its section's, else the document's.
const std::string& LanguageAt(const DocumentRecord& r, std::size_t offset) {
  for (const TextLanguageSection& section : r.section_languages) {
    if (offset >= section.start && offset < section.end) return section.language;
  }
  return r.language;
}

Xapian::Document BuildDocument(const DocumentRecord& r, const std::vector<std::string>& pages,
                               const DescriptiveText& described) {
  Xapian::Document doc;

  Xapian::TermGenerator terms;
  terms.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  terms.set_stopper_strategy(Xapian::TermGenerator::STOP_STEMMED);
  AnalyseAs(terms, r.language);
  terms.set_document(doc);
  const std::string title = FoldText(r.title);
  terms.index_text(title, 1, std::string(schema::kTitlePrefix));
  terms.index_text(title, kTitleWeight);
  // Metadata text sits before the pages, each field apart, so no phrase
  // joins a keyword to the first words of the text.
  if (!described.author.empty()) {
    const std::string author = FoldText(described.author);
    terms.increase_termpos();
    terms.index_text(author, 1, std::string(schema::kAuthorPrefix));
    terms.index_text(author);
  }
  for (const std::string* field : {&described.description, &described.keywords}) {
    if (field->empty()) continue;
    terms.increase_termpos();
    terms.index_text(FoldText(*field));
  }
  const bool pages_differ = r.page_languages.size() == pages.size();
  std::string analysed_as = r.language;
  std::vector<TextSection> sections;
  std::size_t offset = 0;  // in the stored text, JoinPages(pages)
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (pages_differ && r.page_languages[i] != analysed_as) {
      analysed_as = r.page_languages[i];
      AnalyseAs(terms, analysed_as);
    }
    terms.increase_termpos();  // no phrase spans a page break
    // Section by section, each noting where its first word lands: the
    // pieces are cut at whitespace, so the terms are those of the whole page.
    const std::string_view page = pages[i];
    std::vector<std::size_t> cuts = SectionCuts(page);
    // A web page's sections in languages of their own (they begin and end
    // at line breaks) are pieces of their own, each stemmed in its language.
    const bool sections_differ = pages.size() == 1 && !r.section_languages.empty();
    if (sections_differ) AddLanguageCuts(r.section_languages, page.size(), cuts);
    cuts.push_back(page.size());
    std::size_t begin = 0;
    for (const std::size_t end : cuts) {
      if (sections_differ) {
        const std::string& language = LanguageAt(r, begin);
        if (language != analysed_as) {
          analysed_as = language;
          AnalyseAs(terms, analysed_as);
        }
      }
      sections.push_back({static_cast<std::uint32_t>(offset + begin),
                          static_cast<std::uint32_t>(terms.get_termpos() + 1),
                          static_cast<std::uint32_t>(i)});
      terms.index_text(FoldText(page.substr(begin, end - begin)));
      begin = end;
    }
    offset += page.size() + 1;  // and the page break
  }

  doc.add_boolean_term(schema::IdTerm(r.id));
  doc.add_boolean_term(schema::LanguageTerm(r.language));
  doc.add_boolean_term(schema::TypeTerm(r.type));
  doc.add_value(schema::kSlotLanguage, r.language);
  doc.add_value(schema::kSlotType, r.type);
  if (r.year > 0) {
    doc.add_boolean_term(schema::YearTerm(r.year));
    doc.add_value(schema::kSlotYear, std::to_string(r.year));
  }
  const std::string date = DateKey(r);
  if (!date.empty()) doc.add_value(schema::kSlotDate, date);
  doc.add_value(schema::kSlotDateOldestFirst, date.empty() ? "~" : date);
  // The country facet counts a law's jurisdiction beside the countries
  // its text is about.
  const std::vector<std::string> countries = CountryFacetValues(r);
  for (std::size_t k = 0; k < countries.size(); ++k) {
    doc.add_boolean_term(schema::CountryTerm(countries[k]));
    if (k < schema::kMaxCountries) doc.add_value(schema::kSlotCountryFirst + k, countries[k]);
  }
  for (std::size_t k = 0; k < r.topics.size(); ++k) {
    doc.add_boolean_term(schema::TopicTerm(r.topics[k]));
    if (k < schema::kMaxTopics) doc.add_value(schema::kSlotTopicFirst + k, r.topics[k]);
  }
  const std::string text = JoinPages(pages);
  // Compressed a block at a time (core/text_blocks.h), here on the
  // analysis threads rather than on the writer's, restarting at sections
  // so that a snippet inflates from the section it reads.
  for (std::size_t k = 0; k * kTextBlockBytes < text.size() || k == 0; ++k) {
    const std::string_view block =
        std::string_view(text).substr(k * kTextBlockBytes, kTextBlockBytes);
    doc.add_value(static_cast<Xapian::valueno>(schema::kSlotPackedText + k),
                  PackTextBlock(block, BlockRestarts(sections, k * kTextBlockBytes, block.size())));
  }
  if (!sections.empty()) {
    doc.add_value(schema::kSlotTextSections,
                  PackTextLayout({std::move(sections), static_cast<std::uint32_t>(text.size())}));
  }
  return doc;
}

// The terms of `doc` starting with `prefix`, read from its term list
// (which, unlike changing a term, loads no positions).
std::set<std::string> TermsWithPrefix(const Xapian::Document& doc, std::string_view prefix_view) {
  const std::string prefix(prefix_view);
  std::set<std::string> terms;
  Xapian::TermIterator t = doc.termlist_begin();
  for (t.skip_to(prefix); t != doc.termlist_end(); ++t) {
    if ((*t).compare(0, prefix.size(), prefix) != 0) break;
    terms.insert(*t);
  }
  return terms;
}

}  // namespace

void StoreRecord(const DocumentRecord& record, Xapian::Document& doc) {
  // Once one term of a stored document is added or removed, Xapian 1.4
  // reads all its terms with their positions and merges its term list
  // (Document::Internal::need_terms, replace_document): 6 ms a document
  // of the bench index against 0.2 ms for its data and a value, under
  // load. So the path terms are touched only when the locations changed:
  // linking a work rewrites its members' records and moves none.
  std::set<std::string> paths;
  for (const FileLocation& location : Locations(record)) {
    paths.insert(schema::PathTerm(location.AbsolutePath()));
  }
  const std::set<std::string> stored = TermsWithPrefix(doc, schema::kPathPrefix);
  if (paths != stored) {
    for (const std::string& term : stored) {
      if (!paths.count(term)) doc.remove_term(term);
    }
    for (const std::string& term : paths) {
      if (!stored.count(term)) doc.add_boolean_term(term);
    }
  }
  // An empty value is no value: Xapian's remove_value would throw when
  // there was none.
  doc.add_value(schema::kSlotWork, record.work);
  doc.add_value(schema::kSlotEditions, PackEditions(record));
  doc.add_value(schema::kSlotLocations, PackLocations(record));
  doc.set_data(StoredJson(record));
}

IndexableDocument BuildIndexableDocument(DocumentRecord record,
                                         const std::vector<std::string>& pages,
                                         const DescriptiveText& described) {
  Xapian::Document xapian = BuildDocument(record, pages, described);
  StoreRecord(record, xapian);
  return {std::move(record), std::move(xapian)};
}

}  // namespace archivist::writer
