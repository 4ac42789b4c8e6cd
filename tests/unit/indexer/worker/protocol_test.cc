// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/worker/protocol.h"

#include <gtest/gtest.h>

namespace archivist::worker {
namespace {

extract::ExtractedDoc SampleDoc() {
  extract::ExtractedDoc d;
  d.format = "pdf";
  d.title = "Rapport annuel — 2014";
  d.heading = "Bilan de l'année";
  d.language = "fr";
  d.date = "2014-03-04";
  d.modified = "2015-01-02";
  d.author = "ECPAT";
  d.description = "bilan";
  d.keywords = "traite, enfants";
  d.no_text_layer = true;
  d.note = "HTML nested deeper than 256 elements";
  d.pages = {"page one", "", std::string("nul\0inside", 10)};
  d.prose = "page one";
  d.subject = "page";
  d.frame = "Terug\nVolgende";
  d.site = "www.fbi.gov";
  return d;
}

TEST(ProtocolTest, DocumentsSurviveTheRoundTrip) {
  const std::string payload = EncodeReply(SampleDoc());
  Result<extract::ExtractedDoc> back = DecodeReply(payload);
  ASSERT_TRUE(back.ok()) << back.error().message;
  const extract::ExtractedDoc& d = back.value();
  const extract::ExtractedDoc want = SampleDoc();
  EXPECT_EQ(d.title, want.title);
  EXPECT_EQ(d.heading, want.heading);
  EXPECT_EQ(d.prose, want.prose);
  EXPECT_EQ(d.subject, want.subject);
  // No subject apart and an empty one are not the same.
  extract::ExtractedDoc without = SampleDoc();
  without.subject.reset();
  EXPECT_FALSE(DecodeReply(EncodeReply(without)).value().subject.has_value());
  without.subject = "";
  EXPECT_EQ(DecodeReply(EncodeReply(without)).value().subject, std::optional<std::string>(""));
  EXPECT_EQ(d.frame, want.frame);
  EXPECT_EQ(d.site, want.site);
  EXPECT_EQ(d.modified, want.modified);
  EXPECT_EQ(d.keywords, want.keywords);
  EXPECT_TRUE(d.no_text_layer);
  EXPECT_EQ(d.note, want.note);
  EXPECT_EQ(d.pages, want.pages);
}

TEST(ProtocolTest, OcrFactsAndAFoldersLanguagesSurviveTheRoundTrip) {
  extract::ExtractedDoc doc;
  doc.format = "tiff";
  doc.pages = {"one", "", "three"};
  doc.ocr_pages = {1, 3};
  doc.ocr_confidence = 87;
  doc.ocr_recognised = 1;
  doc.ocr_cache_hits = 1;
  Result<extract::ExtractedDoc> back = DecodeReply(EncodeReply(doc));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back.value().ocr_pages, doc.ocr_pages);
  EXPECT_EQ(back.value().ocr_confidence, 87);
  EXPECT_EQ(back.value().ocr_recognised, 1u);
  EXPECT_EQ(back.value().ocr_cache_hits, 1u);
  // An OCR page beyond the document's pages is a bad reply.
  doc.ocr_pages = {4};
  EXPECT_FALSE(DecodeReply(EncodeReply(doc)).ok());

  const Request plain = DecodeRequest(EncodeRequest("/a/b.pdf", ""));
  EXPECT_EQ(plain.path, "/a/b.pdf");
  EXPECT_EQ(plain.ocr_languages, "");
  const Request folder = DecodeRequest(EncodeRequest("/a/b.pdf", "por+eng"));
  EXPECT_EQ(folder.path, "/a/b.pdf");
  EXPECT_EQ(folder.ocr_languages, "por+eng");
}

TEST(ProtocolTest, ErrorsSurviveTheRoundTrip) {
  Result<extract::ExtractedDoc> back =
      DecodeReply(EncodeReply(Error{ErrorCode::kUnsupported, "encrypted PDF"}));
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.error().code, ErrorCode::kUnsupported);
  EXPECT_EQ(back.error().message, "encrypted PDF");
}

TEST(ProtocolTest, MalformedRepliesAreInternalErrorsNotCrashes) {
  const std::string good = EncodeReply(SampleDoc());
  for (std::size_t cut : {std::size_t{0}, std::size_t{1}, good.size() / 2, good.size() - 1}) {
    Result<extract::ExtractedDoc> back = DecodeReply(good.substr(0, cut));
    ASSERT_FALSE(back.ok()) << "cut at " << cut;
    EXPECT_EQ(back.error().code, ErrorCode::kInternal);
  }
  EXPECT_FALSE(DecodeReply(good + "x").ok()) << "trailing bytes";
  EXPECT_FALSE(DecodeReply("Zgarbage").ok());
}

TEST(ProtocolTest, OcrProgressSurvivesTheRoundTripAndIsNeverAReply) {
  OcrProgress ahead{OcrProgress::Kind::kPagesAhead};
  ahead.pages = 300;
  OcrProgress done{OcrProgress::Kind::kPageDone};
  done.took = std::chrono::milliseconds(2345);
  done.read = true;
  for (const OcrProgress& sent : {OcrProgress{}, ahead, done}) {
    const std::optional<OcrProgress> back = DecodeOcrProgress(EncodeOcrProgress(sent));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->kind, sent.kind);
    EXPECT_EQ(back->pages, sent.pages);
    EXPECT_EQ(back->took, sent.took);
    EXPECT_EQ(back->read, sent.read);
  }
  EXPECT_FALSE(DecodeOcrProgress(EncodeReply(SampleDoc())).has_value());
  EXPECT_FALSE(DecodeOcrProgress(EncodeReply(Error{ErrorCode::kCorrupt, "x"})).has_value());
  EXPECT_FALSE(DecodeOcrProgress(EncodeOcrProgress(ahead).substr(0, 4)).has_value()) << "cut";
  EXPECT_FALSE(DecodeOcrProgress(EncodeOcrProgress(done) + "x").has_value()) << "trailing";
  EXPECT_FALSE(DecodeOcrProgress(EncodeOcrProgress({OcrProgress::Kind::kFileEnded})).has_value());
}

TEST(ProtocolTest, FramesCarryTheirLength) {
  const std::string frame = Frame("abc");
  ASSERT_EQ(frame.size(), 8u + 3u);
  EXPECT_EQ(FramePayloadLength(frame), 3u);
  EXPECT_FALSE(FramePayloadLength(frame.substr(0, 7)).has_value());
}

}  // namespace
}  // namespace archivist::worker
