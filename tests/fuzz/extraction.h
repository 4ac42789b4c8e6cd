// SPDX-License-Identifier: GPL-2.0-or-later
// The checks the extractors' fuzz targets make on what an extractor gave
// back: cheap ones only, so that each input costs the parser's time and
// libFuzzer's executions go to the code that reads the untrusted bytes.
// What the indexer does next with a document (enrichment, the JSON round
// trip, analysis) is fuzzed once, by fuzz_pipeline (pipeline.h), not again
// behind every parser: it used to run behind each one and made the
// extractors' targets run at the pipeline's speed (docs/ROBUSTNESS.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

#include "core/error.h"
#include "core/log.h"
#include "indexer/extract/charset.h"
#include "indexer/extract/extractor.h"
#include "indexer/worker/protocol.h"

namespace archivist::fuzz {

// A broken invariant: print it and abort, so libFuzzer keeps the input.
[[noreturn]] inline void Fail(std::string_view what) {
  std::fprintf(stderr, "fuzz invariant broken: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

// Every field the worker protocol carries (indexer/worker/protocol.cc).
inline bool SameDoc(const extract::ExtractedDoc& a, const extract::ExtractedDoc& b) {
  return a.format == b.format && a.title == b.title && a.heading == b.heading &&
         a.language == b.language && a.date == b.date && a.modified == b.modified &&
         a.author == b.author && a.description == b.description && a.keywords == b.keywords &&
         a.no_text_layer == b.no_text_layer && a.note == b.note && a.pages == b.pages &&
         a.prose == b.prose && a.subject == b.subject && a.frame == b.frame &&
         a.alternates == b.alternates && a.site == b.site && a.ocr_pages == b.ocr_pages &&
         a.ocr_confidence == b.ocr_confidence && a.ocr_recognised == b.ocr_recognised &&
         a.ocr_cache_hits == b.ocr_cache_hits;
}

// ExtractedDoc promises UTF-8 in every string; the record's JSON writer
// throws on anything else, so a lapse here is an indexer crash later.
inline void CheckUtf8(const extract::ExtractedDoc& doc) {
  const std::pair<const char*, const std::string*> fields[] = {
      {"format", &doc.format},     {"title", &doc.title},
      {"heading", &doc.heading},   {"language", &doc.language},
      {"date", &doc.date},         {"modified", &doc.modified},
      {"author", &doc.author},     {"description", &doc.description},
      {"keywords", &doc.keywords}, {"note", &doc.note},
      {"prose", &doc.prose},       {"frame", &doc.frame},
      {"site", &doc.site}};
  for (const auto& [name, field] : fields) {
    if (!extract::IsValidUtf8(*field)) Fail(std::string("the extracted ") + name + " is not UTF-8");
  }
  if (doc.subject && !extract::IsValidUtf8(*doc.subject)) Fail("the subject is not UTF-8");
  for (const std::string& page : doc.pages) {
    if (!extract::IsValidUtf8(page)) Fail("an extracted page is not UTF-8");
  }
  for (const std::string& alternate : doc.alternates) {
    if (!extract::IsValidUtf8(alternate)) Fail("an alternate is not UTF-8");
  }
}

// What an extractor gave back, checked: UTF-8 throughout, and the worker
// protocol (every real extraction crosses it) gives back exactly it.
inline void CheckExtraction(const Result<extract::ExtractedDoc>& extracted) {
  const Result<extract::ExtractedDoc> reply = worker::DecodeReply(worker::EncodeReply(extracted));
  if (reply.ok() != extracted.ok()) Fail("worker protocol changed success into failure");
  if (!extracted.ok()) {
    if (reply.error().code != extracted.error().code ||
        reply.error().message != extracted.error().message) {
      Fail("worker protocol changed an error");
    }
    return;
  }
  CheckUtf8(extracted.value());
  if (!SameDoc(extracted.value(), reply.value())) Fail("worker protocol changed a document");
}

// LLVMFuzzerInitialize of the extractors' targets: errors only in the log
// (libFuzzer's own output stays readable), the parsers' libraries set up.
inline int InitExtraction() {
  SetLogLevel(LogLevel::kError);
  extract::InitExtractors();
  return 0;
}

// `data` extracted as the file `path` (whose extension some extractors
// read), and the result checked.
inline void ExtractAndCheck(const extract::Extractor& extractor, std::string_view path,
                            const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  CheckExtraction(extractor.Extract(std::filesystem::path(path), bytes));
}

}  // namespace archivist::fuzz
