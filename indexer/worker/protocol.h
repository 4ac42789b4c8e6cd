// SPDX-License-Identifier: GPL-2.0-or-later
// The wire format between the indexer and its extraction workers: frames of
// a 64-bit length followed by that many bytes. A request frame holds a file
// path; a reply frame holds either an ExtractedDoc or an Error.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "indexer/extract/extractor.h"

namespace archivist::worker {

// Frames above this size are refused: a reply that large means a runaway
// extractor, not a document.
inline constexpr std::uint64_t kMaxFrameBytes = 1ull << 30;

// `payload` with its length prefix.
std::string Frame(std::string_view payload);

// The length of the frame's payload at the start of `buffer`, once its
// prefix is complete; nullopt while the prefix is still incomplete.
std::optional<std::uint64_t> FramePayloadLength(std::string_view buffer);

// A request: the file's path and the OCR languages its folder asks for
// (empty: the run's), joined by a NUL, which no path holds.
std::string EncodeRequest(std::string_view path, std::string_view ocr_languages);
struct Request {
  std::string path;
  std::string ocr_languages;
};
Request DecodeRequest(std::string_view payload);

// What a worker tells the pool while it reads a file by OCR, each in a
// frame of its own before its reply:
// - kPageStarted: Tesseract starts on a page; the pool gives the file that
//   page's time budget on top of its own;
// - kPagesAhead: the file has `pages` pages to read by OCR;
// - kPageDone: one of them is done, in `took`, `read` by Tesseract or not
//   (found in the cache, blank).
// kFileEnded never travels: the pool reports it when the file's
// extraction ends, whatever its outcome, with the `pages` announced and
// not done and the time `took` by the pages that were.
struct OcrProgress {
  enum class Kind { kPageStarted, kPagesAhead, kPageDone, kFileEnded };
  Kind kind = Kind::kPageStarted;
  std::size_t pages = 0;
  std::chrono::milliseconds took{0};
  bool read = false;
};

// The payload of a progress frame (its kind's letter, then its numbers).
std::string EncodeOcrProgress(const OcrProgress& progress);

// Reverses EncodeOcrProgress; nullopt for any other payload (a reply, a
// kFileEnded, a malformed frame).
std::optional<OcrProgress> DecodeOcrProgress(std::string_view payload);

// Serialises what one extraction produced.
std::string EncodeReply(const Result<extract::ExtractedDoc>& reply);

// Reverses EncodeReply. A malformed payload becomes kInternal ("bad reply
// from extraction worker"), never an exception.
Result<extract::ExtractedDoc> DecodeReply(std::string_view payload);

}  // namespace archivist::worker
