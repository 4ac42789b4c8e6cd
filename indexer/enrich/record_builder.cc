// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/record_builder.h"

#include <cctype>
#include <regex>

#include "core/hash.h"
#include "core/language.h"
#include "core/text.h"
#include "indexer/enrich/countries.h"
#include "indexer/enrich/dates.h"
#include "indexer/enrich/doc_type.h"
#include "indexer/enrich/folded_text.h"
#include "indexer/enrich/jurisdiction.h"
#include "indexer/enrich/topics.h"

namespace archivist::enrich {
namespace {

// A declared language that holds less than this share of the text...
constexpr int kMinDeclaredShare = 10;
// ...of at least this many characters gives way to the detected one.
constexpr int kOverruleDeclaredChars = 500;

// Keeps "YYYY", "YYYY-MM" or "YYYY-MM-DD" prefixes of a date; "" otherwise.
std::string NormaliseDate(const std::string& date) {
  static const std::regex kDate(R"(^(\d{4})(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?)");
  std::smatch match;
  if (!std::regex_search(date, match, kDate)) return "";
  return match[0].str();
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

// Sidecar, then what the file declares, then what the text looks like.
void SetLanguage(const std::optional<std::string>& curated, const extract::ExtractedDoc& doc,
                 DocumentRecord& r) {
  if (curated) {
    r.language = NormaliseLanguage(*curated);
    r.language_source = "sidecar";
    return;
  }
  const LanguageGuess detected = DetectLanguage(JoinText(doc.title, doc.pages));
  if (const std::string declared = NormaliseLanguage(doc.language); declared != "und") {
    // Templates declare their own language, not the text's: a Danish
    // declaration of rights whose <html lang="en"> came with the site. When
    // the text shows next to none of the declared language, the detector
    // wins; a partly translated page keeps the language it declares, and so
    // does text whose own element declares it (an author's statement).
    const bool overruled = !doc.language_on_content && detected.language != "und" &&
                           detected.language != declared &&
                           detected.ShareOf(declared) < kMinDeclaredShare &&
                           CountChars(doc.pages) >= kOverruleDeclaredChars;
    r.language = overruled ? detected.language : declared;
    r.language_source = overruled ? "detected" : "file";
    return;
  }
  r.language = detected.language;
  r.language_source = r.language == "und" ? "" : "detected";
}

std::string FileStem(const std::string& relative_path) {
  const auto slash = relative_path.find_last_of('/');
  return relative_path.substr(slash == std::string::npos ? 0 : slash + 1);
}

// Sidecar, then the file's metadata, then a sentence saying when the
// document was made (adopted, signed, published, spoken), then its
// dateline, then its name. A fiscal year on a report's cover beats the
// PDF's creation date: a report on "Fiscal Years 2000 and 2001" is the 2000
// report even when written in 2001. A dateline's full date beats the file
// name's year; a date further into the text, often a citation ("on 26 June
// 1945", "in September 2000"), does not, and is weak evidence
// ("text-body"). The folders' names come after the file's own; last comes
// the latest year the text names ("text-year", weak too), for charts and
// tables that state no date but their years. Years of page furniture
// (copyright lines, printing notes, web addresses) are never read.
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
  if (std::string date = NormaliseDate(doc.date); !date.empty() && !in_text.fiscal_on_cover) {
    r.date = date;
    r.year = YearOf(r.date);
    r.date_source = "file";
    return;
  }
  const std::pair<FoundDate, const char*> ranked[] = {
      {in_text.fiscal_on_cover ? in_text.fiscal : FoundDate{}, "text"},
      {in_text.statement, "statement"},
      {in_text.full_in_dateline ? in_text.full : FoundDate{}, "text"},
      {DateFromFileName(FileStem(relative_path)), "filename"},
      {DateFromFolderNames(relative_path), "folder"},
      {in_text.full, "text-body"},
      {in_text.month_year, "text-body"},
      {in_text.fiscal, "text-body"},
      {in_text.latest_year > 0 ? FoundDate{std::to_string(in_text.latest_year), in_text.latest_year}
                               : FoundDate{},
       "text-year"},
  };
  for (const auto& [found, source] : ranked) {
    if (found.year > 0) {
      r.date = found.date;
      r.year = found.year;
      r.date_source = source;
      return;
    }
  }
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
  r.chars = CountChars(doc.pages);
  r.size = file.size;
  r.mtime = file.mtime;
  r.sidecar_mtime = file.sidecar_mtime;
  r.hash = hash;

  const Sidecar curated = sidecar.value_or(Sidecar{});
  r.title = curated.title.value_or(doc.title);
  if (r.title.empty()) r.title = FileStem(file.path);
  SetLanguage(curated.language, doc, r);
  if (!curated.language) r.page_languages = DetectPageLanguages(doc.pages, r.language);
  std::string body;
  for (const std::string& page : doc.pages) {
    body += page;
    body += '\n';
  }
  // Folded once for the four detectors below.
  const FoldedText folded = FoldForDetectors(body);
  SetDate(curated, doc, folded.lower, file.path, r);

  r.type = curated.type ? *curated.type
                        : DetectDocumentType({doc.format, r.title, body, r.pages, folded.lower});
  r.countries = curated.countries
                    ? UpperCodes(*curated.countries)
                    : DefaultCountryGazetteer().Detect({r.title, body, r.language,
                                                        FileStem(file.path),
                                                        folded.cased});
  // Legislation's own legal order, beside what its text is about.
  r.jurisdiction = DetectJurisdiction({r.title, folded.lower, r.language, r.type});
  r.topics = curated.topics ? *curated.topics
                            : DefaultTopicTaxonomy().DetectFolded(FoldWord(r.title), folded.lower);
  return r;
}

}  // namespace archivist::enrich
