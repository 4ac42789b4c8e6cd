// SPDX-License-Identifier: GPL-2.0-or-later
// Issue 18: a web page's blocks its folder repeats are left out of its
// text, never so many that the page loses itself (template_furniture.h).
#include "indexer/run/template_furniture.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace archivist::run {
namespace {

const std::string kArticle =
    "Let's start by creating a package of your own, or adopting an existing one, and learn how "
    "its source is laid out before changing anything in it.\n";
const std::string kNotice =
    "The rewrite of this tutorial document with updated contents is available.\n";

extract::ExtractedDoc WebPage(const std::string& text) {
  extract::ExtractedDoc doc;
  doc.format = "html";
  doc.pages = {text};
  return doc;
}

crawl::FoundFile FileIn(const std::string& folder) {
  crawl::FoundFile file;
  file.root = "/archive";
  file.relative_path = folder + "/page.html";
  file.absolute = "/archive/" + folder + "/page.html";
  return file;
}

// A judge calling furniture every block it is asked about: the folder holds
// copies of the page, or the page prints nothing but its template.
const FurnitureJudge kEverything = [](const std::string&, const std::vector<std::string>& keys) {
  return std::set<std::string>(keys.begin(), keys.end());
};

TEST(LeaveOutFurnitureTest, ANoticeBesideTheArticleIsLeftOut) {
  extract::ExtractedDoc doc = WebPage(kNotice + "\n" + kArticle + "\n" + kArticle + "more\n");
  // Only the notice is the folder's.
  const FurnitureJudge notice = [](const std::string&, const std::vector<std::string>& keys) {
    return std::set<std::string>{keys.front()};
  };
  const PageTemplate page = LeaveOutFurniture(FileIn("guide"), doc, &notice);
  EXPECT_EQ(page.furniture.size(), 1u);
  EXPECT_EQ(doc.pages.front().find("rewrite"), std::string::npos) << doc.pages.front();
  EXPECT_NE(doc.pages.front().find("Let's start"), std::string::npos);
}

// A page written without blank lines is one paragraph: its only block.
TEST(LeaveOutFurnitureTest, APagesOnlyBlockIsKept) {
  const std::string text = kNotice + kArticle;  // one paragraph
  extract::ExtractedDoc doc = WebPage(text);
  const PageTemplate page = LeaveOutFurniture(FileIn("site"), doc, &kEverything);
  EXPECT_EQ(page.held.size(), 1u);
  EXPECT_EQ(doc.pages.front(), text);
  // Recorded as judged, so the pass after the run does not judge it again.
  EXPECT_EQ(page.furniture, page.held);
}

// Repeated blocks that are most of a page: it is kept whole, though a
// block of its own would be left.
TEST(LeaveOutFurnitureTest, APageIsNeverLeftWithLessThanHalfItsWords) {
  const std::string text = kArticle + "\n" + kArticle + "again\n\n" +
                           "A line of its own, just long enough to be a block.\n";
  extract::ExtractedDoc doc = WebPage(text);
  const FurnitureJudge first_two = [](const std::string&, const std::vector<std::string>& keys) {
    return std::set<std::string>{keys.at(0), keys.at(1)};
  };
  const PageTemplate page = LeaveOutFurniture(FileIn("site"), doc, &first_two);
  EXPECT_EQ(page.held.size(), 3u);
  EXPECT_EQ(page.furniture.size(), 2u);
  EXPECT_EQ(doc.pages.front(), text);
}

}  // namespace
}  // namespace archivist::run
