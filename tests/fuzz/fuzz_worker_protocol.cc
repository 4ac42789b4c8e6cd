// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes the frames between the indexer and its extraction workers: any
// payload decodes to a document or an error without crashing or
// over-allocating, and a document or an error that decodes survives being
// encoded and decoded again. The same bytes are read as the worker's OCR
// progress frames and as the indexer's request; each of those that decodes
// survives a round trip too.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "indexer/worker/protocol.h"
#include "tests/fuzz/extraction.h"

namespace {

namespace worker = archivist::worker;

// A progress frame comes from a worker reading a file nobody vetted.
void CheckOcrProgress(std::string_view payload) {
  const std::optional<worker::OcrProgress> progress = worker::DecodeOcrProgress(payload);
  if (!progress) return;
  const std::optional<worker::OcrProgress> back =
      worker::DecodeOcrProgress(worker::EncodeOcrProgress(*progress));
  if (!back || back->kind != progress->kind || back->pages != progress->pages ||
      back->took != progress->took || back->read != progress->read) {
    archivist::fuzz::Fail("a decoded progress frame does not survive encoding again");
  }
}

// A request names a file and its OCR languages, a NUL between them.
void CheckRequest(std::string_view payload) {
  const worker::Request request = worker::DecodeRequest(payload);
  const worker::Request back =
      worker::DecodeRequest(worker::EncodeRequest(request.path, request.ocr_languages));
  if (back.path != request.path || back.ocr_languages != request.ocr_languages) {
    archivist::fuzz::Fail("a decoded request does not survive encoding again");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view payload(reinterpret_cast<const char*>(data), size);
  (void)archivist::worker::FramePayloadLength(payload);
  CheckOcrProgress(payload);
  CheckRequest(payload);
  const archivist::Result<archivist::extract::ExtractedDoc> reply =
      archivist::worker::DecodeReply(payload);
  if (!reply.ok()) {
    if (reply.error().code != archivist::ErrorCode::kInternal && payload.front() != 'E') {
      archivist::fuzz::Fail("a malformed reply is not an internal error");
    }
    const archivist::Result<archivist::extract::ExtractedDoc> back =
        archivist::worker::DecodeReply(archivist::worker::EncodeReply(reply));
    if (back.ok() || back.error().code != reply.error().code ||
        back.error().message != reply.error().message) {
      archivist::fuzz::Fail("an error reply does not survive encoding again");
    }
    return 0;
  }
  const std::string again = archivist::worker::EncodeReply(reply);
  const archivist::Result<archivist::extract::ExtractedDoc> back =
      archivist::worker::DecodeReply(again);
  if (!back.ok() || !archivist::fuzz::SameDoc(back.value(), reply.value())) {
    archivist::fuzz::Fail("a decoded reply does not survive encoding again");
  }
  const std::string frame = archivist::worker::Frame(again);
  if (archivist::worker::FramePayloadLength(frame) != again.size()) {
    archivist::fuzz::Fail("a frame does not carry its length");
  }
  return 0;
}
