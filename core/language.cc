// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/language.h"

// Debian's CLD2 header uses FILE without including <cstdio>.
#include <cstdio>
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include "core/text.h"

namespace archivist {
namespace {

// CLD2 is linear in its input; three slices of this size tell the main
// language of a book as well as the whole would.
constexpr std::size_t kSliceBytes = 24 * 1024;

// A share below this means the text is mixed: no one stemmer fits it.
constexpr int kMinPercent = 50;

// A page takes a language of its own only with this share of its letters in
// it, and with this much text: a caption or a list of names says too little.
constexpr int kMinPercentForPage = 80;
constexpr std::size_t kMinPageBytesForLanguage = 200;

// Moves `pos` back to the start of a UTF-8 sequence so a slice never begins
// or ends inside a character.
std::size_t CharBoundary(std::string_view text, std::size_t pos) {
  while (pos > 0 && pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) {
    --pos;
  }
  return pos;
}

std::string Sample(std::string_view text) {
  if (text.size() <= 3 * kSliceBytes) return std::string(text);
  std::string sample;
  for (std::size_t start :
       {std::size_t{0}, text.size() / 2 - kSliceBytes / 2, text.size() - kSliceBytes}) {
    const std::size_t from = CharBoundary(text, start);
    const std::size_t to = CharBoundary(text, from + kSliceBytes);
    sample.append(text.substr(from, to - from));
    sample += '\n';
  }
  return sample;
}

// `sample` with its web addresses blanked out: a Markdown page's links are
// long runs of letters in no language, which tip a short text's verdict
// to "und".
void BlankUrls(std::string& sample) {
  std::size_t at = 0;
  while ((at = sample.find("://", at)) != std::string::npos) {
    std::size_t start = at;
    while (start > 0 && std::isalpha(static_cast<unsigned char>(sample[start - 1]))) --start;
    std::size_t end = at + 3;
    while (end < sample.size() && !std::isspace(static_cast<unsigned char>(sample[end])) &&
           std::string_view(")]>\"'").find(sample[end]) == std::string_view::npos) {
      ++end;
    }
    if (start == at) {  // "://" with no scheme before it
      at += 3;
      continue;
    }
    std::fill(sample.begin() + static_cast<std::ptrdiff_t>(start),
              sample.begin() + static_cast<std::ptrdiff_t>(end), ' ');
    at = end;
  }
}

// CLD2 speaks some retired or Google-specific codes; the index speaks ISO 639.
std::string IsoCode(CLD2::Language language) {
  std::string code = CLD2::LanguageCode(language);
  if (const auto dash = code.find('-'); dash != std::string::npos) code.resize(dash);  // zh-Hant
  if (code == "iw") return "he";
  if (code == "jw") return "jv";
  if (code == "in") return "id";
  if (code == "no") return "nb";  // CLD2's Norwegian is trained on Bokmål
  return code;
}

}  // namespace

int LanguageGuess::ShareOf(std::string_view wanted) const {
  int share = 0;
  for (const auto& [code, code_percent] : shares) {
    if (code == wanted) share += code_percent;
  }
  return share;
}

LanguageGuess DetectLanguage(std::string_view text) {
  std::string sample = Sample(text);
  BlankUrls(sample);
  CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  CLD2::Language language3[3];
  int percent3[3] = {0, 0, 0};
  double scores3[3] = {0, 0, 0};
  int text_bytes = 0;
  bool reliable = false;
  int valid_prefix = 0;
  const CLD2::Language top = CLD2::ExtDetectLanguageSummaryCheckUTF8(
      sample.data(), static_cast<int>(sample.size()), /*is_plain_text=*/true, &hints,
      /*flags=*/0, language3, percent3, scores3, /*resultchunkvector=*/nullptr, &text_bytes,
      &reliable, &valid_prefix);
  if (valid_prefix < static_cast<int>(sample.size())) {
    // Bad bytes stop CLD2 at once; detect on the valid prefix instead.
    return DetectLanguage(
        std::string_view(sample).substr(0, static_cast<std::size_t>(valid_prefix)));
  }

  LanguageGuess guess;
  for (int k = 0; k < 3; ++k) {
    if (language3[k] != CLD2::UNKNOWN_LANGUAGE && percent3[k] > 0) {
      guess.shares.emplace_back(IsoCode(language3[k]), percent3[k]);
    }
  }
  guess.percent = percent3[0];
  guess.reliable = reliable;
  if (top == CLD2::UNKNOWN_LANGUAGE || top == CLD2::TG_UNKNOWN_LANGUAGE) return guess;
  if (!reliable || percent3[0] < kMinPercent || text_bytes < kMinLetterBytesForLanguage) {
    return guess;
  }
  // CLD2's summary language passes over English for the runner-up when the
  // runner-up holds a fair share (web pages wrapped in English chrome); an
  // archive's text is what it is, so the largest share names it.
  guess.language = IsoCode(language3[0]);
  return guess;
}

int LanguageTally::PercentOf(std::string_view language) const {
  if (total == 0) return 0;
  for (const auto& [code, count] : bytes) {
    if (code == language) return static_cast<int>(count * 100 / total);
  }
  return 0;
}

LanguageTally TallyParagraphLanguages(std::string_view text) {
  constexpr std::size_t kMaxTallyBytes = 64 * 1024;
  text = text.substr(0, CharBoundary(text, std::min(text.size(), kMaxTallyBytes)));
  LanguageTally tally;
  auto judge = [&](std::string_view paragraph) {
    if (paragraph.size() < kMinParagraphBytesForLanguage) return;
    const LanguageGuess guess = DetectLanguage(paragraph);
    if (guess.language == "und") return;
    tally.total += paragraph.size();
    for (auto& [code, count] : tally.bytes) {
      if (code == guess.language) {
        count += paragraph.size();
        return;
      }
    }
    tally.bytes.emplace_back(guess.language, paragraph.size());
  };
  std::size_t start = 0;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(at, end - at);
    if (line.find_first_not_of(" \t\r\f") == std::string_view::npos) {
      judge(text.substr(start, at - start));
      start = end + 1;
    }
    at = end + 1;
  }
  if (start < text.size()) judge(text.substr(start));
  std::sort(tally.bytes.begin(), tally.bytes.end(),
            [](const auto& a, const auto& b) { return a.second > b.second; });
  return tally;
}

std::vector<std::string> DetectPageLanguages(const std::vector<std::string>& pages,
                                             std::string_view document_language) {
  if (pages.size() < kMinPagesForPageLanguages) return {};
  std::vector<std::string> languages;
  languages.reserve(pages.size());
  std::string current(document_language);
  bool differs = false;
  for (const std::string& page : pages) {
    const LanguageGuess guess = DetectLanguage(page);
    // Only a language we stem is worth a switch: per-page languages exist
    // to stem each page rightly, and CLD2 reads some Spanish pages as
    // Galician, which would leave them unstemmed.
    const std::vector<std::string>& stemmed = StemmedLanguages();
    const bool clear = guess.percent >= kMinPercentForPage &&
                       page.size() >= kMinPageBytesForLanguage &&
                       std::find(stemmed.begin(), stemmed.end(), guess.language) != stemmed.end();
    if (clear) current = guess.language;
    differs = differs || current != document_language;
    languages.push_back(current);
  }
  if (!differs) return {};
  return languages;
}

std::vector<TextLanguageSection> DetectSectionLanguages(std::string_view text,
                                                        std::string_view document_language,
                                                        std::string_view prose) {
  constexpr std::size_t kMaxSectionTextBytes = 256 * 1024;
  text = text.substr(0, CharBoundary(text, std::min(text.size(), kMaxSectionTextBytes)));
  const std::vector<std::string>& stemmed = StemmedLanguages();
  std::unordered_set<std::string_view> prose_lines;
  for (std::size_t at = 0; at < prose.size();) {
    std::size_t end = prose.find('\n', at);
    if (end == std::string_view::npos) end = prose.size();
    prose_lines.insert(prose.substr(at, end - at));
    at = end + 1;
  }
  // Runs of lines in one language; each begins after the last judged line
  // of the one before, so a heading goes with the paragraphs under it.
  struct Run {
    TextLanguageSection section;
    std::size_t judged = 0;
  };
  std::vector<Run> runs;
  std::size_t next_start = 0;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(at, end - at);
    if (line.size() >= kMinParagraphBytesForLanguage &&
        (prose.empty() || prose_lines.count(line) > 0)) {
      const LanguageGuess guess = DetectLanguage(line);
      if (guess.language != "und" && guess.percent >= kMinPercentForPage) {
        if (!runs.empty() && runs.back().section.language == guess.language) {
          runs.back().section.end = end;
          runs.back().judged += line.size();
        } else {
          runs.push_back({{next_start, end, guess.language}, line.size()});
        }
        next_start = end + 1;
      }
    }
    at = end + 1;
  }
  if (!runs.empty()) runs.back().section.end = text.size();

  // Too little text, or a language we do not stem, says nothing; a section
  // of one language on both sides of such a run holds it (a quotation).
  std::vector<TextLanguageSection> sections;
  bool differs = false;
  for (const Run& run : runs) {
    const std::string& language = run.section.language;
    const bool clear = run.judged >= kMinSectionBytesForLanguage &&
                       std::find(stemmed.begin(), stemmed.end(), language) != stemmed.end();
    if (!clear) continue;
    if (!sections.empty() && sections.back().language == language) {
      sections.back().end = run.section.end;
    } else {
      sections.push_back(run.section);
    }
    differs = differs || language != document_language;
  }
  if (!differs) return {};
  return sections;
}

}  // namespace archivist
