// SPDX-License-Identifier: GPL-2.0-or-later
#include <cctype>
#include <sstream>
#include <string>

#include "indexer/extract/charset.h"
#include "indexer/extract/extractor.h"
#include "indexer/extract/iso_date.h"
#include "indexer/extract/markdown.h"
#include "indexer/extract/titles.h"

namespace archivist::extract {
namespace {

// The words of a Markdown line without its inline markup: "**bold**" and
// "__bold__" lose their markers, "[text](url)" keeps its text, "\(" is "(".
std::string WithoutInlineMarkup(const std::string& line) {
  std::string out;
  out.reserve(line.size());
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size() &&
        std::ispunct(static_cast<unsigned char>(line[i + 1]))) {
      out += line[++i];
      continue;
    }
    if ((line[i] == '*' || line[i] == '_') && i + 1 < line.size() && line[i + 1] == line[i]) {
      ++i;
      continue;
    }
    if (line[i] == ']' && i + 1 < line.size() && line[i + 1] == '(') {
      const auto close = line.find(')', i + 2);
      if (close != std::string::npos) {
        i = close;
        continue;
      }
    }
    if (line[i] == '[') continue;
    out += line[i];
  }
  return Trim(out);
}

// A front matter date longer than this is no date but prose.
constexpr std::size_t kMaxWordedDateBytes = 64;

// A front matter's date: its leading ISO digits, else the value as written
// ("July 3, 2016", Pandoc's usual form), whole, for the record builder to
// read as the text's dates are read; "" when it is too long to be a date.
std::string FrontMatterDate(const std::string& value) {
  constexpr std::size_t kYearDigits = 4;
  std::string iso = LeadingIsoDate(value);
  if (iso.size() >= kYearDigits || value.size() > kMaxWordedDateBytes) return iso;
  return value;
}

// Markdown front matter ("---" lines around "key: value" pairs) gives the
// title and date; the first "#" heading is the text's heading. A text with
// neither is named from its opening by the record builder.
void ReadTitle(const std::string& text, ExtractedDoc& out) {
  std::istringstream lines(text);
  std::string line;
  bool in_front_matter = false;
  bool first_line = true;
  while (std::getline(lines, line)) {
    const std::string trimmed = Trim(line);
    if (first_line && trimmed == "---") {
      in_front_matter = true;
      first_line = false;
      continue;
    }
    first_line = false;
    if (in_front_matter) {
      if (trimmed == "---") {
        in_front_matter = false;
        continue;
      }
      const auto colon = trimmed.find(':');
      if (colon == std::string::npos) continue;
      const std::string key = Trim(trimmed.substr(0, colon));
      std::string value = Trim(trimmed.substr(colon + 1));
      if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
          value.back() == value.front()) {
        value = value.substr(1, value.size() - 2);
      }
      if (key == "title" && out.title.empty()) out.title = value;
      if (key == "date" && out.date.empty()) out.date = FrontMatterDate(value);
      if ((key == "lang" || key == "language") && out.language.empty()) out.language = value;
      continue;
    }
    if (trimmed.empty() || trimmed.front() == '<') continue;  // stray HTML in Markdown
    if (trimmed.front() == '#') {
      const auto words = trimmed.find_first_not_of('#');
      // "#" or "####" alone (a comment rule in a CMake or shell file) has
      // no words: neither a heading nor a title.
      if (words == std::string::npos) continue;
      const std::string heading = WithoutInlineMarkup(Trim(trimmed.substr(words)));
      if (!heading.empty()) {
        out.heading = heading;
        return;
      }
    }
  }
}

bool IsMarkdown(const std::filesystem::path& file) {
  std::string ext = file.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".md" || ext == ".markdown";
}

class TextExtractor : public Extractor {
 public:
  Result<ExtractedDoc> Extract(const std::filesystem::path& file,
                               std::string_view bytes) const override {
    ExtractedDoc out;
    out.format = "text";
    std::string text = ToUtf8(bytes);
    ReadTitle(text, out);
    if (IsMarkdown(file)) {
      // The parser knows a heading from a "#" in fenced code or a table
      // row, which the line-by-line reading cannot.
      MarkdownDocument markdown = ReadMarkdown(text);
      out.heading = std::move(markdown.heading);
      out.pages.push_back(std::move(markdown.text));
    } else {
      out.pages.push_back(std::move(text));
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<Extractor> NewTextExtractor() { return std::make_unique<TextExtractor>(); }

}  // namespace archivist::extract
