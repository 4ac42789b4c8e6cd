// SPDX-License-Identifier: GPL-2.0-or-later
// A long document whose pages are in different languages: each page is
// stemmed and matched in its own language, as detected
// (tests/unit/core/page_languages_test.cc).
#include <string>
#include <unordered_set>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "engine/snippet.h"
#include "indexer/writer/document_builder.h"
#include "tests/support/bilingual_pages.h"
#include "tests/support/document_terms.h"

namespace archivist {

// The writer builds the documents these tests search, as the indexer does.
using writer::BuildIndexableDocument;
using writer::IndexableDocument;

namespace {

using test::HasTerm;
using test::kEnglishPage;
using test::kFrenchPage;

DocumentRecord BilingualRecord() {
  DocumentRecord record;
  record.id = "0123456789abcdef";
  record.title = "Annual report";
  record.language = "en";
  record.page_languages = {"en", "en", "fr", "en"};
  record.pages = 4;
  return record;
}

TEST(PageLanguagesIndexingTest, EachPageIsStemmedInItsOwnLanguage) {
  const std::vector<std::string> pages = {kEnglishPage, kEnglishPage, kFrenchPage, kEnglishPage};
  const IndexableDocument built = BuildIndexableDocument(BilingualRecord(), pages);
  // French Snowball: "sexuelles" → "sexuel"; English would give "sexuell".
  EXPECT_TRUE(HasTerm(built.xapian, "Zsexuel"));
  EXPECT_FALSE(HasTerm(built.xapian, "Zsexuell"));
  // English pages keep English stems: "exploited" → "exploit".
  EXPECT_TRUE(HasTerm(built.xapian, "Zexploit"));
  // French stop words on the French page get no stem, as in a French document.
  EXPECT_FALSE(HasTerm(built.xapian, "Zle"));
}

TEST(PageLanguagesIndexingTest, OneLanguageWithoutPageLanguages) {
  DocumentRecord record = BilingualRecord();
  record.page_languages.clear();
  const std::vector<std::string> pages = {kEnglishPage, kEnglishPage, kFrenchPage, kEnglishPage};
  const IndexableDocument built = BuildIndexableDocument(record, pages);
  EXPECT_TRUE(HasTerm(built.xapian, "Zsexuell"));
  EXPECT_FALSE(HasTerm(built.xapian, "Zsexuel"));
}

TEST(PageLanguagesSnippetTest, PagesAndHighlightsUseEachPagesStemmer) {
  const std::string text =
      kEnglishPage + "\f" + kEnglishPage + "\f" + kFrenchPage + "\f" + kEnglishPage;
  const std::unordered_set<std::string> query_terms = {"Zsexuel"};
  const SnippetRequest request = SnippetRequestFor(&query_terms, BilingualRecord());
  EXPECT_EQ(PagesMatching(text, request), std::vector<int>{3});
  EXPECT_NE(MakeSnippet(text, request).find("<mark>sexuelles</mark>"), std::string::npos);

  DocumentRecord english_only = BilingualRecord();
  english_only.page_languages.clear();
  const SnippetRequest english = SnippetRequestFor(&query_terms, english_only);
  EXPECT_TRUE(PagesMatching(text, english).empty());
}

// Issue 19: the hits of one search share a memo of what each word
// matches. A word is remembered per language: "sexuelles" matched on the
// French page of one hit must not match in an English hit after it.
TEST(PageLanguagesSnippetTest, ASearchsWordMemoKeepsLanguagesApart) {
  const std::string text =
      kEnglishPage + "\f" + kEnglishPage + "\f" + kFrenchPage + "\f" + kEnglishPage;
  const std::unordered_set<std::string> query_terms = {"Zsexuel"};
  WordMatchMemo memo;
  const SnippetRequest bilingual = SnippetRequestFor(&query_terms, BilingualRecord(), &memo);
  EXPECT_EQ(PagesMatching(text, bilingual), std::vector<int>{3});
  EXPECT_EQ(MakeSnippet(text, bilingual),
            MakeSnippet(text, SnippetRequestFor(&query_terms, BilingualRecord())));
  const std::string* term = nullptr;
  ASSERT_TRUE(memo.For("fr")->Find("sexuelles", term)) << "the French page's word is remembered";
  EXPECT_EQ(term, &*query_terms.find("Zsexuel"));

  DocumentRecord english_only = BilingualRecord();
  english_only.page_languages.clear();
  const SnippetRequest english = SnippetRequestFor(&query_terms, english_only, &memo);
  EXPECT_TRUE(PagesMatching(text, english).empty());
  EXPECT_EQ(MakeSnippet(text, english),
            MakeSnippet(text, SnippetRequestFor(&query_terms, english_only)));
}

}  // namespace
}  // namespace archivist
