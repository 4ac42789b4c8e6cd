// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/record_builder.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <regex>

#include "core/hash.h"
#include "core/language.h"
#include "core/text.h"
#include "indexer/enrich/countries.h"
#include "indexer/enrich/dates.h"
#include "indexer/enrich/doc_type.h"
#include "indexer/enrich/error_page.h"
#include "indexer/enrich/folded_text.h"
#include "indexer/enrich/instruments.h"
#include "indexer/enrich/jurisdiction.h"
#include "indexer/enrich/site_country.h"
#include "indexer/enrich/title_dates.h"
#include "indexer/enrich/topics.h"
#include "indexer/extract/titles.h"

namespace archivist::enrich {
namespace {

// A language the page declares, or its frame is in, that holds this share
// of the prose's paragraphs names the page: a page of a translated site
// with a third of its paragraphs translated is part of that translation.
// Below it, the page's prose names it: a template's <html lang="en"> around
// a Danish text, or a chapter declared Dutch whose body is untranslated
// English under a Dutch introduction.
constexpr int kMinTranslatedPercent = 20;
// ...for a text of at least this many characters; a shorter one keeps what
// it declares.
constexpr int kOverruleDeclaredChars = 500;

// Keeps "YYYY", "YYYY-MM" or "YYYY-MM-DD" prefixes of a date; "" otherwise.
std::string NormaliseDate(const std::string& date) {
  static const std::regex kDate(R"(^(\d{4})(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?)");
  std::smatch match;
  if (!std::regex_search(date, match, kDate)) return "";
  return match[0].str();
}

// The date a file's metadata gives: its ISO prefix, else the date it
// writes in words ("July 3, 2016" in a Markdown front matter), read as a
// text's date is; "" when it gives none.
std::string MetadataDate(const std::string& date, std::string_view language) {
  if (std::string iso = NormaliseDate(date); !iso.empty() || date.empty()) return iso;
  return DateFromText(date, language).date;
}

int YearOf(const std::string& date) {
  if (date.size() < 4) return 0;
  return std::stoi(date.substr(0, 4));
}

std::vector<std::string> UpperCodes(const std::vector<std::string>& codes) {
  std::vector<std::string> out;
  for (std::string code : codes) {
    for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (code.size() == 2 && std::find(out.begin(), out.end(), code) == out.end()) {
      out.push_back(code);
    }
  }
  return out;
}

int CountChars(const std::vector<std::string>& pages) {
  int chars = 0;
  for (const std::string& page : pages) {
    for (char c : page) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }
  return chars;
}

std::string JoinText(const std::string& title, const std::vector<std::string>& pages) {
  std::string text = title;
  for (const std::string& page : pages) {
    text += '\n';
    text += page;
  }
  return text;
}

// The language most of a page's furniture is in ("Terug", "Volgende",
// "Het Debian Beheerders Handboek"), or "und". Menus are a few words: the
// detector's leading share is taken without its verdict of reliability,
// when the menus hold enough letters for one.
std::string FrameLanguage(const std::string& frame) {
  const LanguageGuess guess = DetectLanguage(frame);
  if (guess.language != "und") return guess.language;
  if (guess.shares.empty() || guess.shares.front().second < 50 ||
      CountChars({frame}) < kMinLetterBytesForLanguage) {
    return "und";
  }
  return guess.shares.front().first;
}

// Sidecar, then the language of the prose, weighed against what the file
// declares and what its frame (a web page's headings and menus) is in.
// The text judged is the prose when the extractor told it apart (a web
// page's paragraphs, without its headings, menus and code).
void SetLanguage(const std::optional<std::string>& curated, const extract::ExtractedDoc& doc,
                 DocumentRecord& r) {
  if (curated) {
    r.language = NormaliseLanguage(*curated);
    r.language_source = "sidecar";
    return;
  }
  std::string text = doc.prose.empty() ? JoinText(doc.title, doc.pages) : doc.prose;
  // A page whose links outweigh its prose (a table of contents, an index)
  // is read in the language of both: its links are most of what it says.
  if (doc.frame.size() > text.size()) text += "\n" + doc.frame;
  const LanguageGuess detected = DetectLanguage(text);
  const std::string declared = NormaliseLanguage(doc.language);
  const std::string frame = declared != "und" ? declared : FrameLanguage(doc.frame);
  if (frame != "und" && detected.language != "und" && frame != detected.language &&
      CountChars(doc.pages) >= kOverruleDeclaredChars) {
    // Prose and frame disagree: the paragraphs decide between them.
    const bool translated = TallyParagraphLanguages(text).PercentOf(frame) >= kMinTranslatedPercent;
    r.language = translated ? frame : detected.language;
    r.language_source = translated && declared != "und" ? "file" : "detected";
    return;
  }
  if (declared != "und") {
    r.language = declared;
    r.language_source = "file";
    return;
  }
  r.language = detected.language;
  r.language_source = r.language == "und" ? "" : "detected";
}

// The opening of the text a title may be drawn from.
constexpr std::size_t kOpeningBytes = 4096;

std::string FileStem(const std::string& relative_path) {
  const auto slash = relative_path.find_last_of('/');
  return relative_path.substr(slash == std::string::npos ? 0 : slash + 1);
}

// The year the title gives (title_dates.h), when the title is the
// document's own (its metadata, its heading or its opening line) and not
// its file name or first sentence, which have their own ranks.
FoundDate YearOfTitle(const DocumentRecord& r) {
  static const int kThisYear = [] {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    return utc.tm_year + 1900;
  }();
  if (r.title_source != extract::kTitleFromSidecar &&
      r.title_source != extract::kTitleFromMetadata &&
      r.title_source != extract::kTitleFromHeading &&
      r.title_source != extract::kTitleFromOpening) {
    return {};
  }
  return TitleDate(r.title, kThisYear);
}

// Sidecar, then the year the title gives ("Annual Report 2013"), then the
// file's metadata, then a sentence saying when the document was made
// (adopted, signed, published, spoken), then the
// adoption of the instrument its title names (a copy of the Universal
// Declaration in any language is of 1948), then its dateline, then its
// name. A fiscal year on a report's cover beats the
// PDF's creation date: a report on "Fiscal Years 2000 and 2001" is the 2000
// report even when written in 2001. A dateline's full date beats the file
// name's year; a date further into the text, often a citation ("on 26 June
// 1945", "in September 2000"), does not, and is weak evidence
// ("text-body"). The folders' names come after the file's own; last comes
// the latest year the text names ("text-year", weak too), for charts and
// tables that state no date but their years. Years of page furniture
// (copyright lines, printing notes, web addresses) are never read.
//
// The title's year yields only when it is later than what the rest says:
// a document saved in 2010 is not of 2020, so its title names a target
// that TitleDate's words did not catch ("Strategy 2020").
void SetDate(const Sidecar& curated, const extract::ExtractedDoc& doc,
             std::string_view lower_folded_text, const std::string& relative_path,
             DocumentRecord& r) {
  if (curated.date || curated.year) {
    r.date = NormaliseDate(curated.date.value_or(""));
    r.year = curated.year.value_or(YearOf(r.date));
    r.date_source = "sidecar";
    return;
  }
  const TextDates in_text = FindFoldedTextDates(lower_folded_text, r.language);
  FoundDate chosen;
  const char* chosen_source = "";
  if (std::string date = MetadataDate(doc.date, r.language);
      !date.empty() && !in_text.fiscal_on_cover) {
    chosen = {date, YearOf(date)};
    chosen_source = "file";
  } else {
    const std::pair<FoundDate, const char*> ranked[] = {
        {in_text.fiscal_on_cover ? in_text.fiscal : FoundDate{}, "text"},
        {in_text.statement, "statement"},
        {InstrumentDate(doc.title, doc.heading, r.language), "instrument"},
        {in_text.full_in_dateline ? in_text.full : FoundDate{}, "text"},
        {DateFromFileName(FileStem(relative_path)), "filename"},
        {DateFromFolderNames(relative_path), "folder"},
        {in_text.full, "text-body"},
        {in_text.month_year, "text-body"},
        {in_text.fiscal, "text-body"},
        {in_text.latest_year > 0
             ? FoundDate{std::to_string(in_text.latest_year), in_text.latest_year}
             : FoundDate{},
         "text-year"},
    };
    for (const auto& [found, source] : ranked) {
      if (found.year > 0) {
        chosen = found;
        chosen_source = source;
        break;
      }
    }
  }
  if (const FoundDate titled = YearOfTitle(r);
      titled.year > 0 && (chosen.year == 0 || titled.year <= chosen.year)) {
    // The title's year, unless the evidence it overrules states that very
    // year with a month or a day.
    if (titled.year != chosen.year) {
      chosen = titled;
      chosen_source = "title";
    }
  }
  if (chosen.year > 0) {
    r.date = chosen.date;
    r.year = chosen.year;
    r.date_source = chosen_source;
  }
}

// The sidecar's title, else the best the file gives (titles.h), cut to
// kMaxTitleBytes.
void SetTitle(const std::optional<std::string>& curated, const extract::ExtractedDoc& doc,
              const std::string& file_name, DocumentRecord& r) {
  extract::ChosenTitle chosen;
  if (curated && !extract::Trim(*curated).empty()) {
    chosen = {extract::Trim(*curated), extract::kTitleFromSidecar};
  } else {
    const std::string_view first_page =
        doc.pages.empty() ? std::string_view() : std::string_view(doc.pages.front());
    // Head, not substr: a title can end where the opening does, and a cut
    // through a character made it invalid UTF-8.
    chosen = extract::ChooseTitle(
        {doc.title, doc.heading, Head(first_page, kOpeningBytes), file_name, doc.format == "csv"});
  }
  r.title = chosen.title.size() > kMaxTitleBytes
                ? extract::ShortenAtWord(chosen.title, kMaxTitleBytes - 3) + "…"
                : std::move(chosen.title);
  r.title_source = std::string(chosen.source);
}

}  // namespace

std::string DocumentIdFor(const std::string& content_hash) { return content_hash.substr(0, 16); }

std::string ContentHash(std::string_view bytes) { return Sha256Hex(bytes); }

DocumentRecord BuildRecord(const FileLocation& file, const extract::ExtractedDoc& doc,
                           const std::optional<Sidecar>& sidecar, const std::string& hash) {
  DocumentRecord r;
  r.id = DocumentIdFor(hash);
  r.root = file.root;
  r.path = file.path;
  r.format = doc.format;
  r.pages = static_cast<int>(doc.pages.size());
  r.ocr_pages = doc.ocr_pages;
  r.ocr_confidence = doc.ocr_confidence;
  r.chars = CountChars(doc.pages);
  r.size = file.size;
  r.mtime = file.mtime;
  r.sidecar_mtime = file.sidecar_mtime;
  r.hash = hash;

  const Sidecar curated = sidecar.value_or(Sidecar{});
  SetTitle(curated.title, doc, FileStem(file.path), r);
  SetLanguage(curated.language, doc, r);
  if (!curated.language) r.page_languages = DetectPageLanguages(doc.pages, r.language);
  // A web page is one page; its sections may differ instead (a page partly
  // left untranslated), judged by their prose.
  if (!curated.language && doc.format == "html" && doc.pages.size() == 1) {
    r.section_languages = DetectSectionLanguages(doc.pages.front(), r.language, doc.prose);
  }
  // The pages folded once for the four detectors below, never joined
  // unfolded: a long book's text is not copied once more. The detectors read
  // the folded text (their unfolded `text` is read only when it is missing).
  const FoldedText folded = FoldForDetectors(doc.pages);
  const std::string_view body = folded.cased;
  SetDate(curated, doc, folded.lower, file.path, r);

  r.type = curated.type ? *curated.type
                        : DetectDocumentType({doc.format, r.title, body, r.pages, folded.lower});
  // A server's error page saved in place of an article is about nothing,
  // whatever its address and menus name.
  const bool error_page = doc.format == "html" && (IsErrorPageTitle(doc.title) ||
                                                   IsErrorPageTitle(doc.heading));
  if (curated.countries) {
    r.countries = UpperCodes(*curated.countries);
  } else if (error_page) {
    r.countries.clear();
  } else if (!doc.subject) {
    r.countries = DefaultCountryGazetteer().Detect(
        {r.title, body, r.language, FileStem(file.path), folded.cased});
  } else {
    // A page that is mostly teasers for other pages (a topic page, a list
    // of stories) is about what is left without them, not about the
    // countries of the stories it lists; one with no text of its own, about
    // what its title says.
    const FoldedText subject = FoldForDetectors(*doc.subject);
    r.countries = DefaultCountryGazetteer().Detect(
        {r.title, *doc.subject, r.language, FileStem(file.path), subject.cased});
  }
  // A government's own web page is its country's, weak evidence that never
  // outranks the countries its text names: it comes after them.
  if (!curated.countries && !error_page && r.countries.size() < kMaxDocumentCountries) {
    const std::string publisher = GovernmentSiteCountry(doc.site);
    if (!publisher.empty() &&
        std::find(r.countries.begin(), r.countries.end(), publisher) == r.countries.end()) {
      r.countries.push_back(publisher);
    }
  }
  // Legislation's own legal order, beside what its text is about.
  r.jurisdiction = DetectJurisdiction({r.title, folded.lower, r.language, r.type});
  r.topics = curated.topics ? *curated.topics
                            : DefaultTopicTaxonomy().DetectFolded(FoldWord(r.title), folded.lower);
  return r;
}

}  // namespace archivist::enrich
