// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/worker/protocol.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace archivist::worker {
namespace {

// Both ends are the same binary on the same machine, so integers travel in
// host byte order.
void PutU64(std::string& out, std::uint64_t value) {
  char bytes[sizeof value];
  std::memcpy(bytes, &value, sizeof value);
  out.append(bytes, sizeof value);
}

void PutString(std::string& out, std::string_view s) {
  PutU64(out, s.size());
  out.append(s);
}

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  bool U64(std::uint64_t& value) {
    if (in_.size() < sizeof value) return false;
    std::memcpy(&value, in_.data(), sizeof value);
    in_.remove_prefix(sizeof value);
    return true;
  }

  bool String(std::string& s) {
    std::uint64_t size = 0;
    if (!U64(size) || size > in_.size()) return false;
    s.assign(in_.substr(0, size));
    in_.remove_prefix(size);
    return true;
  }

  bool AtEnd() const { return in_.empty(); }

 private:
  std::string_view in_;
};

constexpr char kOk = 'D';
constexpr char kFailed = 'E';
// Progress frames: none starts with a reply's letter.
constexpr char kPageStarted = 'P';
constexpr char kPagesAhead = 'N';
constexpr char kPageDone = 'F';

// The document's yes/no facts travel as bits of one word.
constexpr std::uint64_t kNoTextLayer = 1;
// The document has a subject apart from its pages (ExtractedDoc::subject),
// whose text comes before the flags, empty when it has none.
constexpr std::uint64_t kHasSubject = 2;

}  // namespace

std::string Frame(std::string_view payload) {
  std::string out;
  out.reserve(sizeof(std::uint64_t) + payload.size());
  PutU64(out, payload.size());
  out.append(payload);
  return out;
}

std::optional<std::uint64_t> FramePayloadLength(std::string_view buffer) {
  std::uint64_t size = 0;
  if (buffer.size() < sizeof size) return std::nullopt;
  std::memcpy(&size, buffer.data(), sizeof size);
  return size;
}

std::string EncodeRequest(std::string_view path, std::string_view ocr_languages) {
  std::string out(path);
  if (!ocr_languages.empty()) {
    out += '\0';
    out += ocr_languages;
  }
  return out;
}

Request DecodeRequest(std::string_view payload) {
  const std::size_t nul = payload.find('\0');
  if (nul == std::string_view::npos) return {std::string(payload), ""};
  return {std::string(payload.substr(0, nul)), std::string(payload.substr(nul + 1))};
}

std::string EncodeOcrProgress(const OcrProgress& progress) {
  std::string out;
  switch (progress.kind) {
    case OcrProgress::Kind::kPageStarted:
      out += kPageStarted;
      break;
    case OcrProgress::Kind::kPagesAhead:
      out += kPagesAhead;
      PutU64(out, progress.pages);
      break;
    case OcrProgress::Kind::kPageDone:
      out += kPageDone;
      PutU64(out, static_cast<std::uint64_t>(std::max<std::int64_t>(progress.took.count(), 0)));
      PutU64(out, progress.read ? 1 : 0);
      break;
    case OcrProgress::Kind::kFileEnded:
      break;  // the pool's own, never sent
  }
  return out;
}

std::optional<OcrProgress> DecodeOcrProgress(std::string_view payload) {
  if (payload.empty()) return std::nullopt;
  Reader in(payload.substr(1));
  OcrProgress out;
  switch (payload.front()) {
    case kPageStarted:
      out.kind = OcrProgress::Kind::kPageStarted;
      break;
    case kPagesAhead: {
      std::uint64_t pages = 0;
      if (!in.U64(pages)) return std::nullopt;
      out.kind = OcrProgress::Kind::kPagesAhead;
      out.pages = static_cast<std::size_t>(pages);
      break;
    }
    case kPageDone: {
      std::uint64_t ms = 0, read = 0;
      if (!in.U64(ms) || !in.U64(read) || read > 1 || ms > (1ull << 40)) return std::nullopt;
      out.kind = OcrProgress::Kind::kPageDone;
      out.took = std::chrono::milliseconds(static_cast<std::int64_t>(ms));
      out.read = read == 1;
      break;
    }
    default:
      return std::nullopt;
  }
  if (!in.AtEnd()) return std::nullopt;
  return out;
}

std::string EncodeReply(const Result<extract::ExtractedDoc>& reply) {
  std::string out;
  if (!reply.ok()) {
    out += kFailed;
    PutU64(out, static_cast<std::uint64_t>(reply.error().code));
    PutString(out, reply.error().message);
    return out;
  }
  const extract::ExtractedDoc& d = reply.value();
  out += kOk;
  for (const std::string* field : {&d.format, &d.title, &d.heading, &d.language, &d.date,
                                   &d.modified, &d.author, &d.description, &d.keywords, &d.note,
                                   &d.prose, &d.frame, &d.site}) {
    PutString(out, *field);
  }
  PutString(out, d.subject.value_or(""));
  PutU64(out, (d.no_text_layer ? kNoTextLayer : 0) | (d.subject ? kHasSubject : 0));
  PutU64(out, d.pages.size());
  for (const std::string& page : d.pages) PutString(out, page);
  PutU64(out, d.alternates.size());
  for (const std::string& alternate : d.alternates) PutString(out, alternate);
  PutU64(out, d.ocr_pages.size());
  for (const int page : d.ocr_pages) PutU64(out, static_cast<std::uint64_t>(page));
  PutU64(out, static_cast<std::uint64_t>(d.ocr_confidence));
  PutU64(out, d.ocr_recognised);
  PutU64(out, d.ocr_cache_hits);
  return out;
}

Result<extract::ExtractedDoc> DecodeReply(std::string_view payload) {
  const Error bad{ErrorCode::kInternal, "bad reply from extraction worker"};
  if (payload.empty()) return bad;
  Reader in(payload.substr(1));
  if (payload.front() == kFailed) {
    std::uint64_t code = 0;
    std::string message;
    if (!in.U64(code) || !in.String(message) || !in.AtEnd() ||
        code > static_cast<std::uint64_t>(ErrorCode::kInternal)) {
      return bad;
    }
    return Error{static_cast<ErrorCode>(code), std::move(message)};
  }
  if (payload.front() != kOk) return bad;
  extract::ExtractedDoc d;
  for (std::string* field : {&d.format, &d.title, &d.heading, &d.language, &d.date, &d.modified,
                             &d.author, &d.description, &d.keywords, &d.note, &d.prose,
                             &d.frame, &d.site}) {
    if (!in.String(*field)) return bad;
  }
  std::string subject;
  std::uint64_t flags = 0;
  std::uint64_t pages = 0;
  if (!in.String(subject) || !in.U64(flags) || !in.U64(pages)) return bad;
  d.no_text_layer = (flags & kNoTextLayer) != 0;
  if ((flags & kHasSubject) != 0) d.subject = std::move(subject);
  // Each page costs at least its 8-byte length, so a bogus count cannot make
  // us reserve more than the payload could hold.
  if (pages > payload.size() / sizeof(std::uint64_t)) return bad;
  d.pages.resize(pages);
  for (std::string& page : d.pages) {
    if (!in.String(page)) return bad;
  }
  std::uint64_t alternates = 0;
  if (!in.U64(alternates) || alternates > payload.size() / sizeof(std::uint64_t)) return bad;
  d.alternates.resize(alternates);
  for (std::string& alternate : d.alternates) {
    if (!in.String(alternate)) return bad;
  }
  std::uint64_t ocr_pages = 0;
  if (!in.U64(ocr_pages) || ocr_pages > pages) return bad;
  d.ocr_pages.resize(ocr_pages);
  for (int& page : d.ocr_pages) {
    std::uint64_t number = 0;
    if (!in.U64(number) || number == 0 || number > pages) return bad;
    page = static_cast<int>(number);
  }
  std::uint64_t confidence = 0, recognised = 0, cache_hits = 0;
  if (!in.U64(confidence) || !in.U64(recognised) || !in.U64(cache_hits) || confidence > 100) {
    return bad;
  }
  d.ocr_confidence = static_cast<int>(confidence);
  d.ocr_recognised = recognised;
  d.ocr_cache_hits = cache_hits;
  if (!in.AtEnd()) return bad;
  return d;
}

}  // namespace archivist::worker
