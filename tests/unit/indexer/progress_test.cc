// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/progress.h"

#include <chrono>
#include <sstream>

#include <gtest/gtest.h>

namespace archivist {
namespace {

using Kind = worker::OcrProgress::Kind;

worker::OcrProgress Ahead(std::size_t pages) {
  worker::OcrProgress out{Kind::kPagesAhead};
  out.pages = pages;
  return out;
}

worker::OcrProgress Done(double seconds, bool read = true) {
  worker::OcrProgress out{Kind::kPageDone};
  out.took = std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
  out.read = read;
  return out;
}

worker::OcrProgress Ended(std::size_t unread, double seconds) {
  worker::OcrProgress out{Kind::kFileEnded};
  out.pages = unread;
  out.took = std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
  return out;
}

TEST(ProgressTest, PlainFilesKeepTheirPace) {
  ProgressFigures f;
  f.done = 100;
  f.total = 300;
  f.seconds = 10;
  EXPECT_DOUBLE_EQ(ProgressReporter::EtaSeconds(f), 20);
  EXPECT_EQ(ProgressReporter::Describe(f), "100/300 files · 10.0 files/s · ETA 0:20 · 0 failed");
  f.done = 0;
  EXPECT_LT(ProgressReporter::EtaSeconds(f), 0) << "nothing done, nothing known";
}

// A 300-page scan under way: its pages are counted as they are read, and
// what is left of it is in the ETA at the pace of its pages.
TEST(ProgressTest, AScanUnderWayCountsItsPagesAndThoseAhead) {
  ProgressFigures f;
  f.total = 1;
  f.seconds = 20;
  f.ocr.Add(Ahead(300));
  for (int i = 0; i < 10; ++i) f.ocr.Add(Done(2.0));
  EXPECT_EQ(f.ocr.pages_done, 10u);
  EXPECT_EQ(f.ocr.pages_ahead, 290u);
  EXPECT_DOUBLE_EQ(ProgressReporter::EtaSeconds(f), 290 * 2.0);
  EXPECT_EQ(ProgressReporter::Describe(f),
            "0/1 files · 0.0 files/s · ETA 9:40 · 0 failed · OCR 10/300 pages, 2.0 s a page");
  // Two workers read two pages at a time.
  f.jobs = 2;
  EXPECT_DOUBLE_EQ(ProgressReporter::EtaSeconds(f), 290 * 2.0 / 2);
}

// Other files done while the scan is read: their pace leaves out the
// scan's own OCR time, which is counted by its pages ahead instead.
TEST(ProgressTest, TheScanUnderWayIsNotTakenForTheFilesPace) {
  ProgressFigures f;
  f.done = 10;
  f.total = 21;
  f.seconds = 30;
  f.ocr.Add(Ahead(20));
  for (int i = 0; i < 10; ++i) f.ocr.Add(Done(2.5));  // 25 s of the 30 on the scan
  // 10 files in 5 s: the 11 left (the scan among them) in 5.5 s, and the
  // scan's 10 pages ahead in 25 s.
  EXPECT_DOUBLE_EQ(ProgressReporter::EtaSeconds(f), 5.5 + 25);
  // The scan's last ten pages, and it ends: its time is the finished
  // files' pace now.
  for (int i = 0; i < 10; ++i) f.ocr.Add(Done(2.5));
  f.ocr.Add(Ended(0, 50));
  f.done = 11;
  f.seconds = 55;
  EXPECT_EQ(f.ocr.pages_ahead, 0u);
  EXPECT_NEAR(ProgressReporter::EtaSeconds(f), 10 * 55.0 / 11, 1e-9);
}

TEST(ProgressTest, CacheHitsAndFailedFilesDoNotSkewThePace) {
  OcrTally tally;
  tally.Add(Ahead(4));
  tally.Add(Done(3.0));
  tally.Add(Done(0.01, /*read=*/false));  // from the cache
  EXPECT_DOUBLE_EQ(tally.SecondsPerPage(), 3.0);
  tally.Add(Ended(2, 3.01));  // the file failed with two pages unread
  EXPECT_EQ(tally.pages_ahead, 0u);
  EXPECT_EQ(tally.pages_done, 2u);
  EXPECT_NEAR(tally.under_way_seconds, 0, 1e-9);
}

TEST(ProgressTest, APageReadRedrawsTheLiveLineAtOnce) {
  std::ostringstream out;
  ProgressReporter progress(out, /*live=*/true, /*every=*/1);
  IndexSummary none;
  progress.Update(none, 1);  // at the start: within the redraw interval, not drawn
  progress.Ocr(Ahead(3));
  EXPECT_EQ(out.str(), "");
  progress.Ocr(Done(2.0));
  EXPECT_NE(out.str().find("0/1 files"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("OCR 1/3 pages, 2.0 s a page"), std::string::npos) << out.str();
  progress.Finish();
}

}  // namespace
}  // namespace archivist
