// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes the frames between the indexer and its extraction workers: any
// payload decodes to a document or an error without crashing or
// over-allocating, and a document that decodes survives being encoded and
// decoded again.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "indexer/worker/protocol.h"
#include "tests/fuzz/extraction.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view payload(reinterpret_cast<const char*>(data), size);
  (void)archivist::worker::FramePayloadLength(payload);
  const archivist::Result<archivist::extract::ExtractedDoc> reply =
      archivist::worker::DecodeReply(payload);
  if (!reply.ok()) {
    if (reply.error().code != archivist::ErrorCode::kInternal && payload.front() != 'E') {
      archivist::fuzz::Fail("a malformed reply is not an internal error");
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
