// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/countries.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <string>
#include <unordered_set>

#include <nlohmann/json.hpp>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "core/error.h"
#include "core/text.h"
#include "indexer/enrich/country_tokens.h"
#include "indexer/enrich/data/embedded_data.h"
#include "indexer/enrich/folded_text.h"
#include "indexer/enrich/phrases.h"
#include "indexer/enrich/table_fields.h"

namespace archivist::enrich {
namespace {

using Kind = CountryGazetteer::Kind;
using Entry = CountryGazetteer::Entry;

constexpr std::array<const char*, 6> kNameLanguages = {"en", "fr", "nl", "pt", "es", "de"};

// A title mention counts as this many in the body: a title names its subject.
constexpr double kTitleWeight = 3.0;
// A country is kept when its weight reaches this share of the top one's...
constexpr double kMinShareOfTop = 0.25;
// ...and this much: one passing mention of a second country is not a subject.
constexpr double kMinWeight = 2.0;

// What makes a document substantially about a country it does not name in
// its title (issue 18: a Debian manual naming the United States once, a
// LaTeX manual thanking translators in four countries, are about none):
// mentions weighing this much in its text...
constexpr double kMinTextWeight = 3.0;
// ...that are this dense (weight per thousand words)...
constexpr double kMinDensity = 2.0;
// ...or at least this dense and named in the opening too, where a text
// says what it is about;
constexpr double kMinDensityNamedInOpening = 0.5;
constexpr std::size_t kOpeningBytes = 1500;
// A text this short is all opening: one mention is its subject.
constexpr std::size_t kShortTextWords = 100;
// and a text naming this many countries (each at least once in full) is
// a list or a survey of the world: it is about the countries of its title
// only (a table of every country's tier, a report on training in ninety
// countries), and only when its text names them among its leading ones
// (kMinShareOfTop of the most named): a title may be its first entry's.
constexpr std::size_t kCountriesOfAList = 10;
// A list with this many countries named alone on a line, each heading its
// section ("Albania", then "Armenia", "Austria"...), is a sequence of
// country sections: about none of them, its title included when the title
// is the first section's heading.
constexpr std::size_t kCountryHeadingsOfAList = 5;

// `text` with each line that repeats an earlier one (spaces at its ends
// aside) left out: a running head or a table's column header printed on
// every page ("US Units Involved", "ALBANIA (IN COUNTRY TRAINING)") names
// its country once, however many pages it is printed on, as a reader sees
// one heading over a long table, not a hundred mentions.
std::string EachLineOnce(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::unordered_set<std::string_view> seen;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    const std::size_t first = line.find_first_not_of(" \t\r\f");
    const std::size_t last = line.find_last_not_of(" \t\r\f");
    const std::string_view trimmed =
        first == std::string_view::npos ? std::string_view() : line.substr(first, last - first + 1);
    // A page break stays, so words on two pages never join.
    if (trimmed.empty() || seen.insert(trimmed).second) {
      out += line;
    } else if (line.find('\f') != std::string_view::npos) {
      out += '\f';
    }
    if (end < text.size()) out += '\n';
    at = end + 1;
  }
  return out;
}

// How many words a text has, as SplitFoldedWords counts them, without
// building the list.
std::size_t CountWords(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool word_byte = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c >= 0x80;
    if (word_byte && !in_word) ++words;
    in_word = word_byte;
  }
  return words;
}

double WeightOf(Kind kind) {
  switch (kind) {
    case Kind::kDemonym:
    case Kind::kLanguageName:
    case Kind::kState:
    case Kind::kSeat:
      return 0.5;  // "French" is a language too; a state or a capital is a part
    default:
      return 1.0;
  }
}

// A mention whose country is settled only once the whole text is read.
struct Pending {
  std::vector<Entry> entries;
  double weight;
};

// A mention of one country, where its line begins.
struct LineMention {
  std::size_t line_begin;  // the first token of its line
  std::size_t at;          // the mention's first token
  std::size_t n;           // and its words
  std::string code;
};

struct Tally {
  std::map<std::string, double> weight;
  std::set<std::string> headings;                // named alone on a line
  std::vector<LineMention> line_mentions;        // one country's mentions, by line
  std::map<std::string, double> state_weight;    // US states named
  std::map<std::string, double> language_names;  // "français" → FR, counted apart
  std::vector<Pending> pending;
};

// A line printed once for each of this many countries with only the
// country changed ("Europe Region, Albania, International Military
// Education and Training", then "..., Austria, ...") heads a table or a
// section per country: those countries are headings, as if alone on a line.
constexpr std::size_t kCountriesOfATemplateLine = 5;
constexpr std::size_t kMaxHeadingWords = 30;
constexpr std::size_t kMinHeadingWords = 3;

// Adds to `tally.headings` the countries named in lines that differ only
// by the country they name.
void AddTemplateLineHeadings(const std::vector<Token>& tokens, Tally& tally) {
  std::map<std::string, std::set<std::string>> countries_by_line;
  for (std::size_t k = 0; k < tally.line_mentions.size(); ++k) {
    const LineMention& m = tally.line_mentions[k];
    // A line naming two countries is not one country's heading.
    const bool shared = (k > 0 && tally.line_mentions[k - 1].line_begin == m.line_begin) ||
                        (k + 1 < tally.line_mentions.size() &&
                         tally.line_mentions[k + 1].line_begin == m.line_begin);
    if (shared) continue;
    std::string key;
    std::size_t words = 0;
    std::size_t other_words = 0;  // with a letter, beside the country's
    for (std::size_t t = m.line_begin; t < tokens.size() && words <= kMaxHeadingWords; ++t) {
      if (t > m.line_begin && tokens[t].line_start) break;
      ++words;
      if (t >= m.at && t < m.at + m.n) {
        if (t == m.at) key += "# ";
        continue;
      }
      const std::string_view word = tokens[t].lower;
      if (std::any_of(word.begin(), word.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
          })) {
        ++other_words;
      }
      key += word;
      key += ' ';
    }
    // A paragraph is not a heading, and a table's row ("Kenya,1") says
    // nothing of a section.
    if (words <= kMaxHeadingWords && other_words >= kMinHeadingWords) {
      countries_by_line[key].insert(m.code);
    }
  }
  for (const auto& [line, codes] : countries_by_line) {
    if (codes.size() >= kCountriesOfATemplateLine) tally.headings.insert(codes.begin(), codes.end());
  }
}

// True when a form of `entry_language` may be read in a text of `language`:
// English names travel (reports in every language cite them), the other
// languages' names stay in their own texts once the text's language is known.
bool Readable(const std::string& entry_language, std::string_view language) {
  if (entry_language.empty() || entry_language == "en" || entry_language == language) return true;
  return std::find(kNameLanguages.begin(), kNameLanguages.end(), language) == kNameLanguages.end();
}

// The gazetteer's tables as Scan reads them.
struct Tables {
  const std::map<std::string, std::vector<Entry>, std::less<>>& forms;
  const std::map<std::string, std::vector<Entry>, std::less<>>& codes;
  const CountryGazetteer::Starts& form_starts;
  const CountryGazetteer::Starts& code_starts;
};

std::size_t WordsStartingWith(const CountryGazetteer::Starts& starts, std::string_view word) {
  const auto it = starts.find(word);
  return it == starts.end() ? 0 : it->second;
}

void Scan(const std::vector<Token>& tokens, double scale, std::string_view language,
          const Tables& tables, Tally& tally) {
  tally.line_mentions.clear();
  std::size_t line_begin = 0;
  for (std::size_t i = 0; i < tokens.size();) {
    if (tokens[i].line_start) line_begin = i;
    const std::vector<Entry>* entries = nullptr;
    const std::size_t code_words = WordsStartingWith(tables.code_starts, tokens[i].exact);
    const std::size_t form_words = WordsStartingWith(tables.form_starts, tokens[i].lower);
    std::size_t n = std::min(std::max(code_words, form_words), tokens.size() - i);
    for (; n > 0; --n) {
      if (n <= code_words) {
        if (auto it = tables.codes.find(Join(tokens, i, n, true)); it != tables.codes.end()) {
          entries = &it->second;
          break;
        }
      }
      if (n <= form_words) {
        if (auto it = tables.forms.find(Join(tokens, i, n, false)); it != tables.forms.end()) {
          entries = &it->second;
          break;
        }
      }
    }
    if (!entries) {
      ++i;
      continue;
    }
    const std::size_t at = i;
    i += n;
    std::vector<Entry> readable;
    for (const Entry& e : *entries) {
      if (Readable(e.language, language)) readable.push_back(e);
    }
    if (readable.empty()) continue;
    entries = &readable;
    bool has_not = false, has_person = false, proper_only = true, has_language_name = false;
    std::vector<Entry> live;
    for (const Entry& e : *entries) {
      has_not |= e.kind == Kind::kNot;
      has_person |= e.kind == Kind::kPerson;
      has_language_name |= e.kind == Kind::kLanguageName;
      if (e.kind == Kind::kDemonym || e.kind == Kind::kCode || e.kind == Kind::kLanguageName) {
        proper_only = false;
      }
    }
    if (has_not) continue;
    if (proper_only && !tokens[at].capital) continue;  // "turkey", "chad", "china" the plate
    if (has_person && LooksLikePerson(tokens, at, n)) continue;
    if (IsDateline(tokens, at, n)) continue;
    // Any one-word name right after a capitalised word is a surname or part
    // of another name ("Steve Greenland", "George Washington").
    if (n == 1 && proper_only && FollowsAName(tokens, at)) continue;
    if (has_language_name) {
      // "français", "Deutsch": in most texts the language, not the country;
      // they only add to a country the text also names.
      for (const Entry& e : *entries) tally.language_names[e.code] += WeightOf(e.kind) * scale;
      continue;
    }
    double weight = 0;
    for (const Entry& e : *entries) {
      if (e.kind != Kind::kPerson) weight = std::max(weight, WeightOf(e.kind));
    }
    std::set<std::string> distinct;
    for (const Entry& e : *entries) {
      if (e.kind != Kind::kPerson) live.push_back(e);
      distinct.insert(e.code);
    }
    if (live.empty()) live = *entries;  // a person-only form that passed the check
    bool congo = false;
    for (const Entry& e : live) congo |= e.kind == Kind::kCongo;
    if (distinct.size() == 1 && !congo) {
      tally.weight[live.front().code] += weight * scale;
      if (tokens[at].line_start && (i == tokens.size() || tokens[i].line_start)) {
        tally.headings.insert(live.front().code);
      }
      if (live.front().kind == Kind::kState) tally.state_weight[Join(tokens, at, n, false)] += 1;
      tally.line_mentions.push_back({line_begin, at, n, live.front().code});
    } else {
      tally.pending.push_back({live, weight * scale});
    }
  }
  AddTemplateLineHeadings(tokens, tally);
}

// Settles mentions that could be either of two countries, now that the
// rest of the text is known.
void Resolve(Tally& tally) {
  for (const Pending& p : tally.pending) {
    std::string chosen;
    bool congo = false;
    bool state = false;
    for (const Entry& e : p.entries) {
      congo |= e.kind == Kind::kCongo;
      state |= e.kind == Kind::kState;
    }
    if (congo) {
      // Bare "Congo": whichever Congo the text names in full, Brazzaville's by default.
      chosen = tally.weight["CD"] > tally.weight["CG"] ? "CD" : "CG";
    } else if (state) {
      // "Georgia" beside Ohio or Atlanta is the state; alone, the country.
      chosen = "US";
      if (tally.state_weight.empty()) {
        for (const Entry& e : p.entries) {
          if (e.kind != Kind::kState) chosen = e.code;
        }
      }
    } else {
      // Otherwise the reading the rest of the text supports most.
      chosen = p.entries.front().code;
      for (const Entry& e : p.entries) {
        if (tally.weight[e.code] > tally.weight[chosen]) chosen = e.code;
      }
    }
    tally.weight[chosen] += p.weight;
  }
  for (const auto& [code, weight] : tally.language_names) {
    if (auto it = tally.weight.find(code); it != tally.weight.end() && it->second > 0) {
      it->second += weight;
    }
  }
  std::erase_if(tally.weight, [](const auto& kv) { return kv.second <= 0; });
}

Kind ParseKind(std::string_view kind) {
  if (kind == "name") return Kind::kName;
  if (kind == "demonym") return Kind::kDemonym;
  if (kind == "language") return Kind::kLanguageName;
  if (kind == "code") return Kind::kCode;
  if (kind == "state") return Kind::kState;
  if (kind == "seat") return Kind::kSeat;
  if (kind == "person") return Kind::kPerson;
  if (kind == "congo") return Kind::kCongo;
  if (kind == "not") return Kind::kNot;
  throw Exception(ErrorCode::kInternal, "countries.tsv: unknown kind '" + std::string(kind) + "'");
}

std::string DisplayCountry(const char* code, const char* language) {
  icu::UnicodeString name;
  icu::Locale("", code).getDisplayCountry(icu::Locale(language), name);
  std::string out;
  name.toUTF8String(out);
  return out;
}

}  // namespace

void CountryGazetteer::Add(Kind kind, const std::string& code, std::string_view form,
                           const std::string& language) {
  const OwnTokens own(form);
  const std::vector<Token>& tokens = own.list();
  if (tokens.empty()) return;
  auto& table = kind == Kind::kCode ? codes_ : forms_;
  const std::string key = Join(tokens, 0, tokens.size(), kind == Kind::kCode);
  auto& entries = table[key];
  for (const Entry& e : entries) {
    if (e.code == code && e.kind == kind && (e.language == language || e.language.empty())) return;
  }
  entries.push_back({code, kind, language});
  auto& starts = kind == Kind::kCode ? code_starts_ : form_starts_;
  const std::string_view first =
      kind == Kind::kCode ? tokens.front().exact : tokens.front().lower;
  std::size_t& words = starts[std::string(first)];
  words = std::max(words, tokens.size());
}

CountryGazetteer::CountryGazetteer() {
  // CLDR's names, as ICU carries them, in each language we analyse.
  for (const char* const* code = icu::Locale::getISOCountries(); *code; ++code) {
    for (const char* language : kNameLanguages) {
      const std::string name = DisplayCountry(*code, language);
      if (name == *code) continue;  // ICU knows no name for a retired code
      // "Myanmar (Burma)": both halves are names of the country.
      for (std::string part : SplitFields(name, '(')) {
        if (!part.empty() && part.back() == ')') part.pop_back();
        Add(Kind::kName, *code, part, language);
      }
    }
  }
  // iso-codes' English names: official forms as UN speeches use them.
  const nlohmann::json iso = nlohmann::json::parse(data::kIso3166Json, nullptr, false);
  if (!iso.is_object() || !iso.contains("3166-1")) {
    throw Exception(ErrorCode::kInternal, "compiled-in iso_3166-1.json is malformed");
  }
  for (const auto& country : iso["3166-1"]) {
    const std::string code = country.value("alpha_2", "");
    if (const std::string alpha3 = country.value("alpha_3", ""); !alpha3.empty()) {
      alpha3_[alpha3] = code;
    }
    for (const char* field : {"name", "official_name", "common_name"}) {
      const std::string name = country.value(field, "");
      // "Korea, Republic of" is a catalogue form nobody writes.
      if (!name.empty() && name.find(',') == std::string::npos) {
        Add(Kind::kName, code, name, "en");
      }
    }
  }
  for (const std::string& line : SplitFields(data::kCountriesTsv, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> cells = SplitFields(line, '\t');
    if (cells.size() != 3) {
      throw Exception(ErrorCode::kInternal, "countries.tsv: want 3 cells in '" + line + "'");
    }
    const Kind kind = ParseKind(cells[0]);
    for (const std::string& form : SplitFields(cells[2], '|')) {
      // "indien@fr": a form that is a country word only in that language.
      const auto at = form.find('@');
      if (at == std::string::npos) {
        Add(kind, cells[1], form);
      } else {
        Add(kind, cells[1], std::string_view(form).substr(0, at), form.substr(at + 1));
      }
    }
  }
}

std::map<std::string, double> CountryGazetteer::Weigh(const CountryEvidence& evidence) const {
  return Weigh(evidence, nullptr);
}

std::map<std::string, double> CountryGazetteer::Weigh(const CountryEvidence& evidence,
                                                      std::set<std::string>* headings) const {
  Tally tally;
  const Tables tables{forms_, codes_, form_starts_, code_starts_};
  Scan(OwnTokens(evidence.title).list(), kTitleWeight, evidence.language, tables, tally);
  if (evidence.folded_text.empty()) {
    Scan(OwnTokens(EachLineOnce(evidence.text)).list(), 1.0, evidence.language, tables, tally);
  } else {
    const std::string once = EachLineOnce(evidence.folded_text);
    Scan(Tokens(once).list(), 1.0, evidence.language, tables, tally);
  }
  // File names: only exact upper-case alpha-3 codes between separators, so
  // "CAN_70_2015" counts and "can-do.pdf" does not.
  std::string_view name = evidence.file_name.substr(0, evidence.file_name.rfind('.'));
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = start;
    while (end < name.size() && std::isalnum(static_cast<unsigned char>(name[end]))) ++end;
    const std::string_view word = name.substr(start, end - start);
    if (word.size() == 3 &&
        std::all_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
      if (auto it = alpha3_.find(word); it != alpha3_.end()) {
        tally.weight[it->second] += kTitleWeight;
      }
    }
    start = end + 1;
  }
  Resolve(tally);
  if (headings) *headings = std::move(tally.headings);
  return tally.weight;
}

std::vector<std::string> CountryGazetteer::Detect(const CountryEvidence& evidence) const {
  std::set<std::string> headings;
  const std::map<std::string, double> weights = Weigh(evidence, &headings);
  // Where the mentions are: the title and the file name's code, the
  // opening, and the share of the text.
  const std::map<std::string, double> in_title =
      Weigh({evidence.title, "", evidence.language, evidence.file_name});
  const std::string_view opening_text =
      evidence.folded_text.empty() ? evidence.text : evidence.folded_text;
  const std::map<std::string, double> in_opening =
      Weigh({"", Head(opening_text, kOpeningBytes), evidence.language, ""});
  const std::size_t words = std::max<std::size_t>(
      1, CountWords(evidence.folded_text.empty() ? evidence.text : evidence.folded_text));
  const auto weight_in = [](const std::map<std::string, double>& map, const std::string& code) {
    const auto it = map.find(code);
    return it == map.end() ? 0.0 : it->second;
  };
  const std::size_t named = static_cast<std::size_t>(std::count_if(
      weights.begin(), weights.end(), [](const auto& kv) { return kv.second >= 1.0; }));
  double top_text = 0;
  for (const auto& [code, weight] : weights) {
    top_text = std::max(top_text, weight - weight_in(in_title, code));
  }
  const auto substantially_about = [&](const std::string& code, double weight) {
    const double title = weight_in(in_title, code);
    if (named >= kCountriesOfAList) {
      // A list in sections headed by countries' names is about none of
      // them: a title naming one is its first section's heading.
      if (headings.size() >= kCountryHeadingsOfAList && headings.contains(code)) return false;
      // A list's title may name only its first entry ("Angola" over a
      // survey of fifty African countries): the text must bear it out.
      return title > 0 && weight - title >= kMinShareOfTop * top_text;
    }
    if (title > 0) return true;
    const double text = weight - title;
    const double density = text * 1000.0 / static_cast<double>(words);
    const bool in_opening_too = weight_in(in_opening, code) > 0;
    // A short post naming its country in its opening and once more is
    // about it; a text of a sentence or two, naming it at all.
    const double needed = words < kShortTextWords ? 1.0
                          : in_opening_too        ? kMinWeight
                                                  : kMinTextWeight;
    if (text < needed) return false;
    return density >= kMinDensity || (density >= kMinDensityNamedInOpening && in_opening_too);
  };

  std::vector<std::pair<std::string, double>> ranked(weights.begin(), weights.end());
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::string> codes;
  for (const auto& [code, weight] : ranked) {
    if (codes.size() == kMaxDocumentCountries) break;
    if (!substantially_about(code, weight)) continue;
    if (!codes.empty() && (weight < kMinWeight || weight < kMinShareOfTop * ranked.front().second)) {
      continue;
    }
    codes.push_back(code);
  }
  return codes;
}

const CountryGazetteer& DefaultCountryGazetteer() {
  // Immutable after construction (C++ guarantees thread-safe initialisation),
  // so sharing it is sharing a table, not state.
  static const CountryGazetteer kGazetteer;
  return kGazetteer;
}

}  // namespace archivist::enrich
