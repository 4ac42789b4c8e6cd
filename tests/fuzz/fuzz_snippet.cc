// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes the snippet and matching-pages path: a document's text (pages
// separated by '\f', any bytes) against query terms, stemmed in the
// document's language or each page in its own. The input is the terms and
// languages first, then the text. Whatever the text, the snippet is valid
// UTF-8 when the text is, holds no unescaped markup but <mark>, the pages
// listed exist, in order, and the words the document view marks
// (WordsMatching) are the text's own, each once.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <fuzzer/FuzzedDataProvider.h>

#include "core/record.h"
#include "engine/snippet.h"
#include "tests/fuzz/extraction.h"
#include "tests/fuzz/snippet_checks.h"

namespace {

using archivist::fuzz::IsUtf8;
using archivist::fuzz::OnlyMarkTags;

constexpr const char* kLanguages[] = {"en", "fr", "nl", "de", "es", "pt", "und", "ja", ""};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider input(data, size);
  archivist::DocumentRecord record;
  record.language = input.PickValueInArray(kLanguages);
  const int page_languages = input.ConsumeIntegralInRange(0, 4);
  for (int k = 0; k < page_languages; ++k) {
    record.page_languages.push_back(input.PickValueInArray(kLanguages));
  }
  std::unordered_set<std::string> terms;
  const int term_count = input.ConsumeIntegralInRange(0, 6);
  for (int k = 0; k < term_count; ++k) terms.insert(input.ConsumeRandomLengthString(24));
  const std::size_t max_chars = input.ConsumeIntegralInRange<std::size_t>(0, 600);
  const std::string text = input.ConsumeRemainingBytesAsString();

  archivist::SnippetRequest request = archivist::SnippetRequestFor(&terms, record);
  request.max_chars = max_chars;
  const std::string snippet = archivist::MakeSnippet(text, request);
  if (IsUtf8(text) && !IsUtf8(snippet)) archivist::fuzz::Fail("snippet of UTF-8 text not UTF-8");
  if (!OnlyMarkTags(snippet)) archivist::fuzz::Fail("snippet holds unescaped markup");

  std::size_t page_count = 1;
  for (const char c : text) page_count += c == '\f';
  const std::vector<int> pages = archivist::PagesMatching(text, request);
  for (std::size_t k = 0; k < pages.size(); ++k) {
    if (pages[k] < 1 || static_cast<std::size_t>(pages[k]) > page_count ||
        (k > 0 && pages[k] <= pages[k - 1])) {
      archivist::fuzz::Fail("matching pages out of range or order");
    }
  }
  if (terms.empty() && !pages.empty()) archivist::fuzz::Fail("pages matched without terms");

  // The words the document view marks: each written in the text, listed
  // once, UTF-8 when the text is; none without terms.
  const std::vector<std::string> words = archivist::WordsMatching(text, request);
  if (terms.empty() && !words.empty()) archivist::fuzz::Fail("words matched without terms");
  if (words.size() > 500) archivist::fuzz::Fail("more matched words than the cap");
  for (std::size_t k = 0; k < words.size(); ++k) {
    if (words[k].empty() || text.find(words[k]) == std::string::npos) {
      archivist::fuzz::Fail("matched word not in the text");
    }
    if (IsUtf8(text) && !IsUtf8(words[k])) archivist::fuzz::Fail("matched word not UTF-8");
    for (std::size_t j = 0; j < k; ++j) {
      if (words[j] == words[k]) archivist::fuzz::Fail("matched word listed twice");
    }
  }
  return 0;
}
