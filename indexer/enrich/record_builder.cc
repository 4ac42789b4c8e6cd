// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/record_builder.h"

#include <cctype>
#include <regex>

#include "core/hash.h"
#include "core/text.h"

namespace archivist::enrich {
namespace {

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

std::string DefaultType(const std::string& format) {
  if (format == "pdf") return "report";
  if (format == "html") return "web_page";
  return "other";
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

std::string FileStem(const std::string& relative_path) {
  const auto slash = relative_path.find_last_of('/');
  return relative_path.substr(slash == std::string::npos ? 0 : slash + 1);
}

}  // namespace

std::string DocumentIdFor(const std::string& content_hash) { return content_hash.substr(0, 16); }

std::string ContentHash(std::string_view bytes) { return Sha256Hex(bytes); }

DocumentRecord BuildRecord(const crawl::FoundFile& file, const extract::ExtractedDoc& doc,
                           const std::optional<Sidecar>& sidecar, const std::string& hash) {
  DocumentRecord r;
  r.id = DocumentIdFor(hash);
  r.root = file.root.string();
  r.path = file.relative_path;
  r.format = doc.format;
  r.pages = static_cast<int>(doc.pages.size());
  r.size = file.size;
  r.mtime = file.mtime;
  r.sidecar_mtime = file.sidecar_mtime;
  r.hash = hash;

  const Sidecar curated = sidecar.value_or(Sidecar{});
  r.title = curated.title.value_or(doc.title);
  if (r.title.empty()) r.title = FileStem(file.relative_path);
  r.language = NormaliseLanguage(curated.language.value_or(doc.language));
  r.date = NormaliseDate(curated.date.value_or(doc.date));
  r.year = curated.year.value_or(YearOf(r.date));
  r.type = curated.type.value_or(DefaultType(doc.format));
  r.countries = UpperCodes(curated.countries.value_or(std::vector<std::string>{}));
  r.topics = curated.topics.value_or(std::vector<std::string>{});
  return r;
}

}  // namespace archivist::enrich
