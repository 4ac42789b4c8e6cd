// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes the snippet and matching pages of a stored document as searchd
// draws them for a hit (engine/hits.h HitsOf): the query terms' positions
// (QueryPositions), the sections they point to (the layout value), the text
// read a range at a time from its compressed blocks (StoredTextReader) and
// the snippet drawn from those sections (MakeSnippetInSections). fuzz_snippet
// feeds plain text to MakeSnippet and never reaches them.
//
// The input is a text and a query, indexed by the writer's own builder
// (PrepareDocument: sections, positions, stems and the text blocks with
// their restart table in the real format) as document 1 of a database in a
// temporary folder, replaced by each input. Then, either:
//  - the document as written: its stored text is the text indexed; its
//    snippet the one the whole text gives (MakeSnippet over StoredTextOf,
//    what the header of MakeSnippetInSections promises), UTF-8 when the
//    text is, with no markup but <mark>; its matching pages those the
//    whole text gives, in range and in order; or
//  - the stored values damaged by the input's own bytes (the layout, a
//    compressed block, a plain block of an earlier writer: replaced,
//    truncated, a byte changed, removed): a damaged index may give any
//    snippet or an error, never a crash, a hang or unbounded memory
//    (libFuzzer's -timeout, -rss_limit_mb and -malloc_limit_mb, set by
//    tools/fuzz, are the bounds).
//
// Input layout (bytes), so that seeds can be written by hand:
//   0        mode: even = as written, odd = damaged
//   1        the document's language (kLanguages, modulo)
//   2        page languages: 0 none, else one per page from kLanguages,
//            starting at this index
//   3..     the query, up to '\n'; then the text (pages split by '\f'), up
//            to a NUL byte or the end; after the NUL, in damaged mode, the
//            edits: [what][where][how][length] then `length` bytes each.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <stdlib.h>
#include <xapian.h>

#include "core/error.h"
#include "core/log.h"
#include "core/record.h"
#include "core/schema.h"
#include "engine/hits.h"
#include "engine/search_request.h"
#include "engine/snippet.h"
#include "engine/stored_text.h"
#include "engine/user_query.h"
#include "indexer/writer/document_builder.h"
#include "indexer/writer/prepared_document.h"
#include "tests/fuzz/snippet_checks.h"

namespace archivist::fuzz {

// A broken invariant: print it and abort, so libFuzzer keeps the input (as
// extraction.h's, which would bring the extractors' headers in).
[[noreturn]] void Fail(std::string_view what) {
  std::fprintf(stderr, "fuzz invariant broken: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

}  // namespace archivist::fuzz

namespace {

using archivist::fuzz::IsUtf8;
using archivist::fuzz::OnlyMarkTags;

constexpr const char* kLanguages[] = {"en", "fr", "nl", "de", "es", "pt", "und", "ja"};
constexpr std::size_t kLanguageCount = sizeof(kLanguages) / sizeof(kLanguages[0]);

// One glass database in a temporary folder for the process's life, removed
// at exit; each input replaces its one document, so nothing accumulates.
class ScratchIndex {
 public:
  ScratchIndex() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "archivist-fuzz-XXXXXX").string();
    if (!mkdtemp(pattern.data())) archivist::fuzz::Fail("mkdtemp failed");
    folder_ = pattern;
    db_ = Xapian::WritableDatabase((folder_ / "index").string(),
                                   Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
  }
  ~ScratchIndex() {
    db_.close();
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
  }
  Xapian::WritableDatabase& db() { return db_; }

 private:
  std::filesystem::path folder_;
  Xapian::WritableDatabase db_;
};

ScratchIndex& Scratch() {
  static ScratchIndex index;
  return index;
}

constexpr Xapian::docid kDocument = 1;

std::vector<std::string> SplitPages(std::string_view text) {
  std::vector<std::string> pages;
  std::size_t begin = 0;
  while (true) {
    const std::size_t end = text.find('\f', begin);
    pages.emplace_back(text.substr(begin, end == std::string_view::npos ? end : end - begin));
    if (end == std::string_view::npos) return pages;
    begin = end + 1;
  }
}

// The value slot an edit names: the layout, a compressed block, or a plain
// block of a writer from before issue 19.
Xapian::valueno SlotOf(std::uint8_t what, std::uint8_t where) {
  const unsigned block = where % 8;
  switch (what % 3) {
    case 0:
      return archivist::schema::kSlotTextSections;
    case 1:
      return static_cast<Xapian::valueno>(archivist::schema::kSlotPackedText + block);
    default:
      return block == 0
                 ? archivist::schema::kSlotText
                 : static_cast<Xapian::valueno>(archivist::schema::kSlotTextBlocks + block - 1);
  }
}

// Applies the edits of `edits` to the document's stored values.
void Damage(std::string_view edits, Xapian::Document& doc) {
  while (edits.size() >= 4) {
    const auto what = static_cast<std::uint8_t>(edits[0]);
    const auto where = static_cast<std::uint8_t>(edits[1]);
    const auto how = static_cast<std::uint8_t>(edits[2]);
    const std::size_t length =
        std::min<std::size_t>(static_cast<std::uint8_t>(edits[3]), edits.size() - 4);
    const std::string_view bytes = edits.substr(4, length);
    edits.remove_prefix(4 + length);
    const Xapian::valueno slot = SlotOf(what, where);
    std::string value = doc.get_value(slot);
    // The byte `how`'s high bits pick, as a place in the value.
    const std::size_t at = value.empty() ? 0 : (how >> 2) * value.size() / 64;
    switch (how % 4) {
      case 0:
        value.assign(bytes);
        break;
      case 1:
        value.resize(at);
        break;
      case 2:
        if (!value.empty())
          value[at] = static_cast<char>(value[at] ^ (bytes.empty() ? 1 : bytes[0]));
        break;
      default:
        value.insert(at, bytes);
        break;
    }
    if (value.empty()) {
      // Xapian refuses to remove a value the document does not hold.
      if (!doc.get_value(slot).empty()) doc.remove_value(slot);
    } else {
      doc.add_value(slot, value);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  archivist::SetLogLevel(archivist::LogLevel::kError);
  (void)Scratch();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const bool damaged = (data[0] & 1) != 0;
  archivist::DocumentRecord record;
  record.id = "00000000000000f1";
  record.root = "/archive";
  record.path = "document.pdf";
  record.format = "pdf";
  record.type = "report";
  record.title = "Report";
  record.language = kLanguages[data[1] % kLanguageCount];
  const std::size_t page_language = data[2];
  input.remove_prefix(3);

  const std::size_t query_end = input.find('\n');
  const std::string query(input.substr(0, query_end));
  input.remove_prefix(query_end == std::string_view::npos ? input.size() : query_end + 1);
  const std::size_t text_end = input.find('\0');
  const std::string_view text = input.substr(0, text_end);
  const std::string_view edits =
      text_end == std::string_view::npos ? std::string_view() : input.substr(text_end + 1);

  const std::vector<std::string> pages = SplitPages(text);
  record.pages = static_cast<int>(pages.size());
  if (page_language != 0) {
    for (std::size_t k = 0; k < pages.size(); ++k) {
      record.page_languages.push_back(kLanguages[(page_language + k) % kLanguageCount]);
    }
  }

  // The document as the writer builds it, stored as the only document.
  Xapian::Document doc =
      archivist::writer::TakeDocument(archivist::writer::PrepareDocument(record, pages)).xapian;
  if (damaged) Damage(edits, doc);
  Xapian::WritableDatabase& db = Scratch().db();
  // Not committed: a writable database reads its own pending changes, and
  // Xapian flushes them itself every 10,000 (a commit per input took 40%
  // of the target's time on the seed corpus: 9.7 s of CPU against 5.5).
  db.replace_document(kDocument, doc);

  archivist::SearchRequest request;
  request.query = query;
  Xapian::Query parsed;
  try {
    parsed = archivist::ParseUserQuery(db, request);
  } catch (const Xapian::QueryParserError&) {
    return 0;  // searchd's 400
  } catch (const archivist::Exception&) {
    return 0;  // too many wildcards: a 400 too
  }

  const Xapian::Document stored = db.get_document(kDocument);
  std::vector<archivist::SearchHit> hits;
  try {
    hits = archivist::HitsOf(db, {{stored, 1.0}}, parsed, request);
  } catch (const Xapian::Error& e) {
    if (!damaged) archivist::fuzz::Fail("a sound document's hit failed: " + e.get_description());
    return 0;  // a damaged index may give an error
  } catch (const archivist::Exception& e) {
    if (!damaged) archivist::fuzz::Fail(std::string("a sound document's hit failed: ") + e.what());
    return 0;
  }
  if (hits.size() != 1) archivist::fuzz::Fail("one document ranked, not one hit");
  const archivist::SearchHit& hit = hits[0];
  if (damaged) return 0;  // any snippet, as long as nothing broke on the way

  // A sound document: its sections give what its whole text gives. (The
  // whole-text path once split "2.3" where the term generator keeps one
  // term, and marked a "3" the positions rightly do not hold: seed
  // number-infix-differs; its words are now the term generator's.)
  const std::string whole = archivist::StoredTextOf(stored);
  if (whole != text) archivist::fuzz::Fail("stored text differs from the text indexed");
  const std::unordered_set<std::string> terms(parsed.get_unique_terms_begin(),
                                              parsed.get_unique_terms_end());
  const archivist::SnippetRequest snippet_request =
      archivist::SnippetRequestFor(&terms, hit.record);
  if (hit.snippet != archivist::MakeSnippet(whole, snippet_request)) {
    archivist::fuzz::Fail("snippet from sections differs from the whole text's");
  }
  if (IsUtf8(whole) && !IsUtf8(hit.snippet))
    archivist::fuzz::Fail("snippet of UTF-8 text not UTF-8");
  if (!OnlyMarkTags(hit.snippet)) archivist::fuzz::Fail("snippet holds unescaped markup");
  for (std::size_t k = 0; k < hit.matching_pages.size(); ++k) {
    const int page = hit.matching_pages[k];
    if (page < 1 || page > record.pages || (k > 0 && page <= hit.matching_pages[k - 1])) {
      archivist::fuzz::Fail("matching pages out of range or order");
    }
  }
  if (terms.empty() && !hit.matching_pages.empty()) {
    archivist::fuzz::Fail("pages matched without query terms");
  }
  if (record.pages > 1 && hit.matching_pages != archivist::PagesMatching(whole, snippet_request)) {
    archivist::fuzz::Fail("matching pages from positions differ from the whole text's");
  }
  return 0;
}
